import { describeValue, ZhiduError } from '@zhidu/core';
import conferenceMarketing from '../../presets/conference-marketing.json' with { type: 'json' };
import construction from '../../presets/construction.json' with { type: 'json' };
import creditLiability from '../../presets/credit-liability.json' with { type: 'json' };
import customerFiling from '../../presets/customer-filing.json' with { type: 'json' };
import dealerFile from '../../presets/dealer-file.json' with { type: 'json' };
import exampleJinmaAutoGroup from '../../presets/example-jinma-auto-group.json' with { type: 'json' };
import exampleQingshanBuildingMaterials from '../../presets/example-qingshan-building-materials.json' with {
  type: 'json',
};
import exchangeMember from '../../presets/exchange-member.json' with { type: 'json' };
import propertyService from '../../presets/property-service.json' with { type: 'json' };
import salesOffice from '../../presets/sales-office.json' with { type: 'json' };
import { defineSchedule, type FineSchedule } from '../schedule.js';
import { constructionSchedule } from './construction.js';
import { customerFilingSchedule } from './corporate.js';
import { creditLiabilitySchedule } from './credit.js';
import { dealerFileSchedule } from './dealer-file.js';
import { exchangeMemberSchedule } from './exchange-member.js';
import { propertyServiceSchedule } from './property.js';
import { conferenceMarketingSchedule, salesOfficeSchedule } from './sales-office.js';

/**
 * The bundled preset files (`packages/penalty/presets/<name>.json`) as policy JSON, by kebab-case name:
 * what the `penalty.*` modules offer as presets, validated on first use.
 */
export const PRESET_JSON: Readonly<Record<string, unknown>> = {
  'dealer-file': dealerFile,
  construction,
  'conference-marketing': conferenceMarketing,
  'sales-office': salesOffice,
  'customer-filing': customerFiling,
  'exchange-member': exchangeMember,
  'property-service': propertyService,
  'credit-liability': creditLiability,
  'example-jinma-auto-group': exampleJinmaAutoGroup,
  'example-qingshan-building-materials': exampleQingshanBuildingMaterials,
};

/**
 * Every seed regulation that prices violations, and the two fictitious example companies, by preset
 * name: each loads and validates its JSON file.
 */
export const PRESETS = {
  dealerFile: dealerFileSchedule,
  construction: constructionSchedule,
  conferenceMarketing: conferenceMarketingSchedule,
  salesOffice: salesOfficeSchedule,
  customerFiling: () => customerFilingSchedule(),
  exchangeMember: exchangeMemberSchedule,
  propertyService: propertyServiceSchedule,
  creditLiability: creditLiabilitySchedule,
  /** Fictitious: 金马汽车集团 staff fines (lateness bands, 90-day complaint repeats, bad-debt shares). */
  exampleJinmaAutoGroup: () => defineSchedule(exampleJinmaAutoGroup),
  /** Fictitious: 青山建材 sales-staff fines (overdue bands, cumulative below-floor sales, bad-debt shares). */
  exampleQingshanBuildingMaterials: () => defineSchedule(exampleQingshanBuildingMaterials),
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
      `未知的罚则预设 ${describeValue(name)}；已有：${Object.keys(PRESETS).join('、')} / unknown penalty preset ${describeValue(name)}; known: ${Object.keys(PRESETS).join(', ')}`,
    );
  }
  return PRESETS[name]();
}

function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}
