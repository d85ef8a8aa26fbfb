export { type Construction000Options, construction000Preset } from './construction-000.js';
export {
  type Dealer000Options,
  type DealerGroup000Options,
  dealer000Preset,
  dealerGroup000Preset,
  gps000Preset,
  retail000Preset,
} from './dealer-000.js';
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
  type ConferenceMarketing001Options,
  conferenceMarketing001Preset,
  type NewCustomerDevelopment001Options,
  newCustomerDevelopment001Preset,
  prosthetics001Preset,
  type ServiceSupervision001Options,
  salesOffice001Preset,
  serviceSupervision001Preset,
} from './seed-001.js';
export {
  exchangeMembership001bPreset,
  gpsAfterSales001bPreset,
  isInAnnualInspectionWindow,
  isLateAttitudeComplaint,
  type LawFirm001bOptions,
  lawFirm001bPreset,
  logistics001bPreset,
  marginRefundSchedule,
} from './seed-001b.js';
export {
  type PhaseDeadline,
  SERVICE_TABLES_004,
  type ServiceRow,
  ServiceRowSchema,
} from './service-table-004.js';
