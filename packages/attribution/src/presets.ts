/**
 * Presets: the seed regulations as data.
 */
import type { SalesOfficeParams, SalesOfficePolicy } from './policy.js';
import { defineSalesOfficePolicy } from './policy.js';

const salesOffice001Params: SalesOfficeParams = {
  registration: {
    // 001 L106 requires the registration form but lists no fields; name and phone are the minimum
    // that lets two registrations be matched to one customer (S001-RECEP-05 interpretation).
    requiredFields: ['name', 'phone'],
    allowedChannels: ['phoneCall', 'walkIn', 'online', 'referral', 'event', 'selfDeveloped'],
    corroboration: 'preferred',
  },
  protection: {
    default: { unit: 'months', amount: 2 },
    byChannel: {},
    countFrom: 'registration',
    effectiveFollowUpRequiresReach: true,
    inclusiveEnd: false,
    checkedAt: 'visit',
    renewal: 'none',
  },
  splits: {
    refused: { receiver: 80, previous: 20 },
    assist: { previous: 80, assistant: 20 },
    forgotFound: { receiver: 50, previous: 50 },
    nthDesignated: { designee: 50, previous: 50 },
    multiNamed: { owner: 80, receiver: 20 },
    sameDayReturning: { receiver: 50, previous: 50 },
  },
  returningCustomerPolicy: 'criteria',
  unnamedPrevious: 'forgotCriterion',
  referral: { mode: 'originalReceiver' },
  household: { enabled: true, relations: ['spouse', 'parent', 'child'], requireValidFile: true },
  firstVisitDesignationVsLink: 'managerDecision',
  complaint: { exclusionRequiresNotification: true },
  managerDecidedContexts: ['propertyExpo', 'launch', 'otherEvent'],
  crossover: { quarrelForfeitsToDepartment: true, refusedRulingForfeitsToDepartment: true },
  departure: { longLeaveDays: null, lotteryMode: 'independent', eligibleRole: 'salesperson' },
};

/**
 * Seed 001 篇2: the real-estate sales office's 客户的分配确认 (first registration, 2-month file
 * validity, the 13 criteria, crossover disputes), with the catalog's recommended readings.
 *
 * @example
 * const history = {
 *   customerId: 'c1',
 *   staff: [{ id: 'B' }],
 *   events: [{ type: 'registration' as const, at: '2024-01-02T10:00+08:00', customerId: 'c1', salespersonId: 'B',
 *     channel: 'walkIn' as const, fields: { name: '王先生', phone: '13800000000', hasAgent: false } }],
 * };
 * const ctx = makeContext({ now: '2024-04-01T00:00+08:00' });
 * resolveOwnership(history, salesOffice001, ctx).value.owner; //=> null (the 2-month file validity ended on 2 March)
 */
export const salesOffice001: SalesOfficePolicy = defineSalesOfficePolicy({
  id: 'seed-001-sales-office',
  version: '1',
  effectiveFrom: '2000-01-01',
  zone: 'Asia/Shanghai',
  source: { title: '企業客戶管理規章制度 精選篇2 (售樓處)', clause: '001 L100–L192' },
  params: salesOffice001Params,
});

/**
 * Seed 000-b: leasing/sales-site registration (客户信息登记表): the form's registration time
 * decides ownership, a customer who cannot name the earlier manager is new, a referred customer
 * belongs to the original manager only when they ask for them. The seed states no protection
 * period, so claims do not expire.
 *
 * @example
 * const history = {
 *   customerId: 'c1',
 *   staff: [{ id: 'B' }],
 *   events: [{ type: 'registration' as const, at: '2024-01-02T10:00+08:00', customerId: 'c1', salespersonId: 'B',
 *     channel: 'walkIn' as const, fields: { name: '王先生', phone: '13800000000', hasAgent: false } }],
 * };
 * const ctx = makeContext({ now: '2024-04-01T00:00+08:00' });
 * resolveOwnership(history, dealerRegistration000b, ctx).value.owner; //=> 'B' (the seed sets no protection period)
 */
export const dealerRegistration000b: SalesOfficePolicy = defineSalesOfficePolicy({
  id: 'seed-000b-registration',
  version: '1',
  effectiveFrom: '2000-01-01',
  zone: 'Asia/Shanghai',
  source: { title: '客户管理制度 (招商/销售现场登记)', clause: '000 L1115–L1125, L1481–L1483' },
  params: {
    ...salesOffice001Params,
    registration: {
      requiredFields: ['name', 'phone', 'hasAgent'],
      allowedChannels: ['phoneCall', 'walkIn', 'selfDeveloped'],
      corroboration: 'ignored',
    },
    protection: { ...salesOffice001Params.protection, default: null },
    unnamedPrevious: 'treatAsNew',
    referral: { mode: 'onDesignation' },
    household: { ...salesOffice001Params.household, enabled: false },
  },
});
