/**
 * The named rule functions of @zhidu/attribution: each one is a thin call of its module, with the
 * module's calling convention — `(input, policy, ctx)` → the module's decision `{ value: { result,
 * violations }, trace, provenance }`. The policy may be JSON, a validated policy, a compiled one or
 * a `PolicyHistory`; the context an `EvalContext` or the `{ now, zone?, rng? }` that makes one.
 */
import type { ContextInput, EvalContext } from '@zhidu/core';
import {
  attributionClaims,
  attributionContactCoverage,
  attributionJointEvent,
  attributionOwnership,
  attributionOwnershipBatch,
  attributionRegistration,
} from './modules.js';

/**
 * Who owns a customer at `ctx.now`, each visit classified, each deal's performance and bonus split
 * (seed 001 篇2 Procedure II): a thin call of the `attribution.ownership` module
 * (`attributionOwnership`). `result` is the `Ownership`; its violations are also the decision's
 * `violations`. Events must be in time order within each customer. With a company's own rules:
 * `attributionOwnershipWith({ stepRules, customRules }).evaluate(input, policy, ctx)`.
 *
 * @param input - `{ customerId, staff, events }` (the log may hold other customers' events)
 * @param policy - a sales-office policy (e.g. the `salesOffice001` preset, or its JSON)
 * @param ctx - `now`, `zone`, and a seeded `rng` when a random draw may be needed
 * @returns the `attribution.ownership` decision
 * @throws ZhiduError `invalid_input` / `unknown_key` / `out_of_order` for a bad history or policy
 * @example
 * const d = resolveOwnership(
 *   { customerId: 'c1', staff: [{ id: 'A' }, { id: 'B' }], events: [
 *     { type: 'registration', at: '2024-03-01T10:05+08:00', customerId: 'c1', salespersonId: 'B', channel: 'walkIn', fields: { name: '王', phone: '13800000000' } },
 *   ] },
 *   salesOffice001,
 *   { now: '2024-03-10T00:00+08:00' },
 * );
 * d.value.result.owner; //=> 'B'
 * d.provenance.module; //=> 'attribution.ownership'
 */
export function resolveOwnership(
  input: Parameters<(typeof attributionOwnership)['evaluate']>[0],
  policy: Parameters<(typeof attributionOwnership)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof attributionOwnership)['evaluate']> {
  return attributionOwnership.evaluate(input, policy, ctx);
}

/**
 * Every customer of an event log in one pass (a nightly batch), each resolved exactly as
 * `resolveOwnership` would: a thin call of the `attribution.ownership-batch` module
 * (`attributionOwnershipBatch`). `result.customers` maps each customer id to its `Ownership`; each
 * trace entry names its customer in `data.customerId`; `violations` are all customers' violations.
 *
 * @param input - `{ staff, events }`
 * @param policy - a sales-office policy
 * @param ctx - `now`, `zone`, a seeded `rng` when departures need a draw
 * @returns the `attribution.ownership-batch` decision
 * @throws ZhiduError `invalid_input` / `unknown_key` / `out_of_order` for a bad log or policy
 * @example
 * const staff = [{ id: 'A' }, { id: 'B' }];
 * const events = [
 *   { type: 'registration' as const, at: '2024-03-01T10:05+08:00', customerId: 'c1', salespersonId: 'B',
 *     channel: 'walkIn' as const, fields: { name: '王先生', phone: '13800000000' } },
 *   { type: 'registration' as const, at: '2024-03-02T15:00+08:00', customerId: 'c2', salespersonId: 'A',
 *     channel: 'walkIn' as const, fields: { name: '李女士', phone: '13900000000' } },
 * ];
 * const all = resolveAllOwnership({ staff, events }, salesOffice001, { now: '2024-04-01T00:00+08:00' });
 * Object.keys(all.value.result.customers); //=> ['c1', 'c2']
 * all.value.result.customers.c1?.owner; //=> 'B'
 */
export function resolveAllOwnership(
  input: Parameters<(typeof attributionOwnershipBatch)['evaluate']>[0],
  policy: Parameters<(typeof attributionOwnershipBatch)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof attributionOwnershipBatch)['evaluate']> {
  return attributionOwnershipBatch.evaluate(input, policy, ctx);
}

/**
 * Whether one registration form carries every required field and an allowed channel (S000B-ATTR-01,
 * S001-ATTR-11): a thin call of the `attribution.registration` module (`attributionRegistration`).
 * `result` is `{ valid, missing, badChannel }`; an invalid registration gives no claim but is no one's
 * violation, so `violations` is empty.
 *
 * @param input - the registration event
 * @param policy - a sales-office policy
 * @param ctx - `now`, `zone`
 * @returns the `attribution.registration` decision
 * @throws ZhiduError `invalid_input` / `unknown_key` / `invalid_instant` for a malformed registration
 *   (at `input…`) or policy (at `policy…`)
 * @example
 * const reg = {
 *   type: 'registration' as const, at: '2024-03-01T10:30+08:00', customerId: 'c1', salespersonId: 'B',
 *   channel: 'walkIn' as const, fields: { name: '王先生', phone: '13800000000' },
 * };
 * const ctx = { now: '2024-03-01T12:00+08:00' };
 * checkRegistration(reg, salesOffice001, ctx).value.result.valid; //=> true
 * checkRegistration({ ...reg, fields: { name: '王先生' } }, salesOffice001, ctx).value.result
 * //=> { valid: false, missing: ['phone'], badChannel: false }
 * checkRegistration({ ...reg, at: 'yesterday' }, salesOffice001, ctx); // throws ZhiduError
 */
export function checkRegistration(
  input: Parameters<(typeof attributionRegistration)['evaluate']>[0],
  policy: Parameters<(typeof attributionRegistration)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof attributionRegistration)['evaluate']> {
  return attributionRegistration.evaluate(input, policy, ctx);
}

/**
 * An important, high-potential customer needs two or more contact persons and a contact-reporting
 * system (S000B-ATTR-06): a thin call of the `attribution.contact-coverage` module
 * (`attributionContactCoverage`), whose policy sets `minContacts` (两名以上 = 2 in the
 * `customer-management-000b` preset). The seed names no one to blame, so `violations` is empty.
 *
 * @param input - `{ isImportant, isHighPotential, contacts, contactReportingEnabled }`
 * @param policy - a contact-coverage policy (`params: { minContacts }`)
 * @param ctx - `now`, `zone`
 * @returns the `attribution.contact-coverage` decision
 * @throws ZhiduError `invalid_input` / `unknown_key` for malformed flags, contacts or policy
 * @example
 * checkContactCoverage(
 *   { isImportant: true, isHighPotential: true, contacts: ['e1'], contactReportingEnabled: true },
 *   attributionContactCoverage.preset('customer-management-000b'),
 *   { now: '2024-03-01T12:00+08:00' },
 * ).value.result; //=> { compliant: false, issues: ['needsMoreContacts'] }
 */
export function checkContactCoverage(
  input: Parameters<(typeof attributionContactCoverage)['evaluate']>[0],
  policy: Parameters<(typeof attributionContactCoverage)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof attributionContactCoverage)['evaluate']> {
  return attributionContactCoverage.evaluate(input, policy, ctx);
}

/**
 * Who a customer belongs to at a joint event of several divisions (seed 001, S001-ATTR-01…08): a
 * thin call of the `attribution.joint-event` module (`attributionJointEvent`). `result` holds the
 * ruling between the divisions' claims and each employee's performance share; its violations are the
 * decision's `violations`. Invitations must be in time order.
 *
 * @param input - the case: customer, event, divisions, staff, CRM owner, invitations, submissions, sale
 * @param policy - a conference policy (e.g. the `conference-marketing-001` preset)
 * @param ctx - `now`, `zone`
 * @returns the `attribution.joint-event` decision
 * @throws ZhiduError `invalid_input` / `unknown_key` / `unknown_reference` / `out_of_order`
 * @example
 * const caseInput = {
 *   customerId: 'X',
 *   event: { id: 'J2', date: '2024-06-15', start: '19:00' },
 *   divisions: [{ id: 'division1', headId: 'H1' }, { id: 'division2', headId: 'H2' }],
 *   staff: [{ id: 'E1', divisionId: 'division1' }, { id: 'E2', divisionId: 'division2' }],
 *   crmOwner: { employeeId: 'E1', since: '2024-05-01T10:00+08:00' },
 *   invitations: [
 *     { at: '2024-06-10T14:00+08:00', employeeId: 'E1', confirmed: true },
 *     { at: '2024-06-11T10:00+08:00', employeeId: 'E2', confirmed: true },
 *   ],
 *   submissions: [
 *     { divisionId: 'division1', headId: 'H1', day: '2024-06-10', kind: 'confirmed' as const,
 *       submittedAt: '2024-06-10T17:00+08:00', entries: [{ customerId: 'X', employeeId: 'E1' }] },
 *   ],
 *   sale: { at: '2024-06-15T20:00+08:00' },
 * };
 * const policy = attributionJointEvent.preset('conference-marketing-001');
 * const d = resolveJointEvent(caseInput, policy, { now: '2024-06-16T00:00+08:00' });
 * d.value.result.performance; //=> { E1: 100 }
 * const ruling = d.value.result.ruling;
 * ruling && 'winner' in ruling ? ruling.winner.divisionId : null; //=> 'division1'
 */
export function resolveJointEvent(
  input: Parameters<(typeof attributionJointEvent)['evaluate']>[0],
  policy: Parameters<(typeof attributionJointEvent)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof attributionJointEvent)['evaluate']> {
  return attributionJointEvent.evaluate(input, policy, ctx);
}

/**
 * The ruling between divisions' claims on one customer (S001-ATTR-05, -06, -07): a claim on an
 * on-time list blocks the other division; a late or missing list forfeits to the division that did
 * list it; confirmed beats planned; earliest effective date wins; a same-day tie goes to the priority
 * division or to the General Manager. A thin call of the `attribution.claims` module
 * (`attributionClaims`): `result` is a winner with its reason, an escalation, or `null` when nobody
 * claims; `violations` is empty.
 *
 * @param input - `{ claims }`
 * @param policy - a conference policy
 * @param ctx - `now`, `zone`
 * @returns the `attribution.claims` decision
 * @throws ZhiduError `invalid_input` / `unknown_key` for malformed claims or policy
 * @example
 * const claim = (divisionId: string, employeeId: string, effectiveDate: string) =>
 *   ({ divisionId, employeeId, effectiveDate, listed: true, role: 'invitee' as const, confirmed: true });
 * const claims = [claim('division2', 'E2', '2024-06-11'), claim('division1', 'E1', '2024-06-10')];
 * const policy = attributionClaims.preset('conference-marketing-001');
 * const ctx = { now: '2024-06-16T00:00+08:00' };
 * resolveClaims({ claims }, policy, ctx).value.result; //=> { winner: claims[1], reason: 'earliest' }
 * resolveClaims({ claims: [] }, policy, ctx).value.result; //=> null
 */
export function resolveClaims(
  input: Parameters<(typeof attributionClaims)['evaluate']>[0],
  policy: Parameters<(typeof attributionClaims)['evaluate']>[1],
  ctx: EvalContext | ContextInput,
): ReturnType<(typeof attributionClaims)['evaluate']> {
  return attributionClaims.evaluate(input, policy, ctx);
}
