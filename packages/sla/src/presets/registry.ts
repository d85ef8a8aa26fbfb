import type { SlaPolicy } from '../policy.js';
import { conferenceMarketing001Preset } from './conference-marketing-001.js';
import { construction000Preset } from './construction-000.js';
import { dealer000Preset } from './dealer-000.js';
import { dealerGroup000Preset } from './dealer-group-000.js';
import { exchangeMembership001bPreset } from './exchange-membership-001b.js';
import { gps000Preset } from './gps-000.js';
import { gpsAfterSales001bPreset } from './gps-after-sales-001b.js';
import { lawFirm001bPreset } from './law-firm-001b.js';
import { logistics001bPreset } from './logistics-001b.js';
import { newCustomerDevelopment001Preset } from './new-customer-development-001.js';
import { propertyRepair002Preset } from './property-repair-002.js';
import { propertyService004Preset } from './property-service-004.js';
import { retail000Preset } from './retail-000.js';
import { salesOffice001Preset } from './sales-office-001.js';
import {
  corporate000bPreset,
  jointVenturePartners000bPreset,
  leasing000bPreset,
  propertyCommunication000bPreset,
  propertyRevisit000bPreset,
  salesSite000bPreset,
} from './seed-000b.js';
import { prosthetics001Preset, serviceSupervision001Preset } from './service-supervision-001.js';

/**
 * Every preset by name, one per source regulation (companies are never merged). Scenario files and
 * the CLI refer to presets by these names; options are passed through.
 */
export const SLA_PRESETS = {
  'dealer-group-000': dealerGroup000Preset,
  'gps-000': gps000Preset,
  'retail-000': retail000Preset,
  'dealer-000': dealer000Preset,
  'construction-000': construction000Preset,
  'sales-site-000b': salesSite000bPreset,
  'property-revisit-000b': propertyRevisit000bPreset,
  'property-communication-000b': propertyCommunication000bPreset,
  'leasing-000b': leasing000bPreset,
  'joint-venture-000b': jointVenturePartners000bPreset,
  'corporate-000b': corporate000bPreset,
  'conference-marketing-001': conferenceMarketing001Preset,
  'service-supervision-001': serviceSupervision001Preset,
  'prosthetics-001': prosthetics001Preset,
  'new-customer-development-001': newCustomerDevelopment001Preset,
  'sales-office-001': salesOffice001Preset,
  'law-firm-001b': lawFirm001bPreset,
  'gps-after-sales-001b': gpsAfterSales001bPreset,
  'logistics-001b': logistics001bPreset,
  'exchange-membership-001b': exchangeMembership001bPreset,
  'property-repair-002': propertyRepair002Preset,
  'property-service-004': propertyService004Preset,
} as const satisfies Record<string, (options: never) => SlaPolicy>;

/** The name of a preset in {@link SLA_PRESETS}. */
export type SlaPresetName = keyof typeof SLA_PRESETS;
