import { describeValue, ZhiduError } from '@zhidu/core';
import { exchangeMemberSchedule } from '../exchange.js';
import type { FineSchedule } from '../schedule.js';
import { constructionSchedule } from './construction.js';
import { customerFilingSchedule } from './corporate.js';
import { creditLiabilitySchedule } from './credit.js';
import { dealerFileSchedule } from './dealer-file.js';
import { propertyServiceSchedule } from './property.js';
import { conferenceMarketingSchedule, salesOfficeSchedule } from './sales-office.js';

/** Every seed regulation that prices violations, by preset name. */
export const PRESETS = {
  dealerFile: dealerFileSchedule,
  construction: constructionSchedule,
  conferenceMarketing: conferenceMarketingSchedule,
  salesOffice: salesOfficeSchedule,
  customerFiling: () => customerFilingSchedule(),
  exchangeMember: exchangeMemberSchedule,
  propertyService: propertyServiceSchedule,
  creditLiability: creditLiabilitySchedule,
} as const satisfies Record<string, () => FineSchedule>;

/** Name of a preset in {@link PRESETS}. */
export type PresetName = keyof typeof PRESETS;

/**
 * Looks a preset schedule up by name (for scenario files and the CLI).
 *
 * @param name - a key of {@link PRESETS}
 * @returns the schedule
 * @throws ZhiduError `unknown_reference` for an unknown name
 * @example
 * preset('dealerFile').id; //=> 'dealer-customer-file-fines'
 */
export function preset(name: string): FineSchedule {
  if (typeof name !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['preset'],
      `须为预设名称 / expected a preset name, got ${describeValue(name)}; known: ${Object.keys(PRESETS).join(', ')}`,
    );
  }
  if (!isPresetName(name)) {
    throw new ZhiduError(
      'unknown_reference',
      ['preset'],
      `unknown penalty preset ${describeValue(name)}; known: ${Object.keys(PRESETS).join(', ')}`,
    );
  }
  return PRESETS[name]();
}

function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}
