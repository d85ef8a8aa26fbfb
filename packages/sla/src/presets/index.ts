export { type PropertyService004Options, propertyService004Preset, serviceQuotas004 } from './property-service-004.js';
export { type PhaseDeadline, SERVICE_TABLES_004, type ServiceRow, ServiceRowSchema } from './service-table-004.js';
