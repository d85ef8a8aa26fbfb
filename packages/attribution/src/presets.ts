/**
 * Presets: the seed regulations as data. Each preset is a JSON file in `presets/` (a compliance
 * officer reads and diffs it; an ERP in any language loads it against `schema/*.policy.schema.json`);
 * the constants below are those files, validated.
 */
import conferenceMarketing001Json from '../presets/conference-marketing-001.json' with { type: 'json' };
import customerManagement000bJson from '../presets/customer-management-000b.json' with { type: 'json' };
import dealerRegistration000bJson from '../presets/dealer-registration-000b.json' with { type: 'json' };
import exampleBeichenPropertyJson from '../presets/example-beichen-property.json' with { type: 'json' };
import exampleHaianchengJson from '../presets/example-haiancheng-marketing-center.json' with { type: 'json' };
import exampleLantingRealtyJson from '../presets/example-lanting-realty.json' with { type: 'json' };
import rotation001Json from '../presets/rotation-001.json' with { type: 'json' };
import salesOffice001Json from '../presets/sales-office-001.json' with { type: 'json' };
import venues001Json from '../presets/venues-001.json' with { type: 'json' };
import type { SalesOfficePolicy } from './policy.js';
import { defineSalesOfficePolicy } from './policy.js';

/**
 * The preset files of this package as policy JSON, by preset name (what the modules serve, validated
 * on first use).
 */
export const attributionPresetJson = {
  'sales-office-001': salesOffice001Json,
  'dealer-registration-000b': dealerRegistration000bJson,
  'conference-marketing-001': conferenceMarketing001Json,
  'rotation-001': rotation001Json,
  'venues-001': venues001Json,
  'customer-management-000b': customerManagement000bJson,
  'example-lanting-realty': exampleLantingRealtyJson,
  'example-haiancheng-marketing-center': exampleHaianchengJson,
  'example-beichen-property': exampleBeichenPropertyJson,
} as const;

/**
 * Seed 001 篇2: the real-estate sales office's 客户的分配确认 (first registration, 2-month file
 * validity, the 13 criteria, crossover disputes), with the catalog's recommended readings: the file
 * `presets/sales-office-001.json`, validated.
 *
 * @example
 * const history = {
 *   customerId: 'c1',
 *   staff: [{ id: 'B' }],
 *   events: [{ type: 'registration' as const, at: '2024-01-02T10:00+08:00', customerId: 'c1', salespersonId: 'B',
 *     channel: 'walkIn' as const, fields: { name: '王先生', phone: '13800000000', hasAgent: false } }],
 * };
 * const ctx = makeContext({ now: '2024-04-01T00:00+08:00' });
 * resolveOwnership(history, salesOffice001, ctx).value.result.owner; //=> null (the 2-month file validity ended on 2 March)
 */
export const salesOffice001: SalesOfficePolicy = defineSalesOfficePolicy(salesOffice001Json);

/**
 * Seed 000-b: leasing/sales-site registration (客户信息登记表): the form's registration time
 * decides ownership, a customer who cannot name the earlier manager is new, a referred customer
 * belongs to the original manager only when they ask for them. The seed states no protection
 * period, so claims do not expire. The file `presets/dealer-registration-000b.json`, validated.
 *
 * @example
 * const history = {
 *   customerId: 'c1',
 *   staff: [{ id: 'B' }],
 *   events: [{ type: 'registration' as const, at: '2024-01-02T10:00+08:00', customerId: 'c1', salespersonId: 'B',
 *     channel: 'walkIn' as const, fields: { name: '王先生', phone: '13800000000', hasAgent: false } }],
 * };
 * const ctx = makeContext({ now: '2024-04-01T00:00+08:00' });
 * resolveOwnership(history, dealerRegistration000b, ctx).value.result.owner; //=> 'B' (the seed sets no protection period)
 */
export const dealerRegistration000b: SalesOfficePolicy = defineSalesOfficePolicy(dealerRegistration000bJson);
