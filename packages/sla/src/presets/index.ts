export {
  type ConferenceMarketing001Options,
  conferenceMarketing001Preset,
} from './conference-marketing-001.js';
export { type Construction000Options, construction000Preset } from './construction-000.js';
export { type Dealer000Options, dealer000Preset } from './dealer-000.js';
export { type DealerGroup000Options, dealerGroup000Preset } from './dealer-group-000.js';
export {
  exchangeMembership001bPreset,
  isInAnnualInspectionWindow,
  marginRefundSchedule,
  RefundInputSchema,
} from './exchange-membership-001b.js';
export { gps000Preset } from './gps-000.js';
export { gpsAfterSales001bPreset } from './gps-after-sales-001b.js';
export { type LawFirm001bOptions, lawFirm001bPreset } from './law-firm-001b.js';
export { isLateAttitudeComplaint, logistics001bPreset } from './logistics-001b.js';
export {
  type NewCustomerDevelopment001Options,
  newCustomerDevelopment001Preset,
} from './new-customer-development-001.js';
export {
  assignRegisterNumbers,
  type PropertyRepair002Options,
  propertyRepair002Preset,
} from './property-repair-002.js';
export {
  type PropertyService004Options,
  propertyService004Preset,
  serviceQuotas004,
} from './property-service-004.js';
export { SLA_PRESETS, type SlaPresetName } from './registry.js';
export { retail000Preset } from './retail-000.js';
export { salesOffice001Preset } from './sales-office-001.js';
export {
  corporate000bPreset,
  jointVenturePartners000bPreset,
  type Leasing000bOptions,
  leasing000bPreset,
  propertyCommunication000bPreset,
  propertyRevisit000bPreset,
  salesSite000bPreset,
} from './seed-000b.js';
export {
  prosthetics001Preset,
  type ServiceSupervision001Options,
  serviceSupervision001Preset,
} from './service-supervision-001.js';
export {
  type PhaseDeadline,
  SERVICE_TABLES_004,
  type ServiceRow,
  ServiceRowSchema,
} from './service-table-004.js';
