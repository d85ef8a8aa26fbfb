/**
 * Registration validity and protection periods (建档有效期, S001-ATTR-11/12, S000B-ATTR-01/02).
 */

import { ownValue, type WorkCalendar } from '@zhidu/core';
import type { z } from 'zod';
import { expectArray, expectFlag, expectObject } from './boundary.js';
import {
  FollowUpEventSchema,
  type RegistrationEvent,
  RegistrationEventSchema,
  type SalesEvent,
} from './events.js';
import { addDays, addMonthsClamped, LocalDateSchema, localDateOf, parseInput } from './kernel.js';
import { refusalsAtEvents, walkClaim } from './lifecycle.js';
import { type Period, PeriodSchema, type SalesOfficeParams, SalesOfficeParamsSchema } from './policy.js';

/** Outcome of checking a registration form against the policy's required fields and channels. */
export type RegistrationCheck = { valid: true } | { valid: false; missing: string[]; badChannel: boolean };

const checkedParams = new WeakMap<object, SalesOfficeParams>();

/**
 * Checks that a registration carries every required field and an allowed channel (S000B-ATTR-01).
 * The registration and the parameters are validated (the parameters once per object identity), so
 * a malformed one is refused with a `ZhiduError`, never a `TypeError`.
 *
 * @param reg - the registration
 * @param params - policy parameters
 * @returns `{ valid: true }` or what is missing
 * @throws ZhiduError `invalid_input` / `unknown_key` / `invalid_instant` for a malformed registration
 *   (at `reg…`) or parameters (at `params…`)
 * @example
 * const reg = {
 *   type: 'registration' as const, at: '2024-03-01T10:30+08:00', customerId: 'c1', salespersonId: 'B',
 *   channel: 'walkIn' as const, fields: { name: '王先生', phone: '13800000000' },
 * };
 * registrationOutcome(reg, salesOffice001.params); //=> { valid: true }
 * registrationOutcome({ ...reg, fields: { name: '王先生' } }, salesOffice001.params)
 * //=> { valid: false, missing: ['phone'], badChannel: false }
 * registrationOutcome({ ...reg, at: 'yesterday' }, salesOffice001.params); // throws ZhiduError invalid_instant
 */
export function registrationOutcome(
  reg: z.input<typeof RegistrationEventSchema>,
  params: SalesOfficeParams,
): RegistrationCheck {
  return registrationCheck(parseInput(RegistrationEventSchema, reg, ['registration']), validParams(params));
}

/** The parameters validated (once per object identity: the rule code passes the same object). */
function validParams(params: unknown): SalesOfficeParams {
  let p = params !== null && typeof params === 'object' ? checkedParams.get(params) : undefined;
  if (!p) {
    p = parseInput(SalesOfficeParamsSchema, params, ['params']);
    if (params !== null && typeof params === 'object') checkedParams.set(params, p);
    checkedParams.set(p, p);
  }
  return p;
}

/**
 * `checkRegistration` on a parsed registration and validated parameters (the rule code's path).
 * @internal
 */
export function registrationCheck(reg: RegistrationEvent, params: SalesOfficeParams): RegistrationCheck {
  const missing = params.registration.requiredFields.filter((f) => {
    // Own keys only: a required field `constructor` is not the Object function of an empty record.
    const v = ownValue(reg.fields, f);
    return v === undefined || v === '';
  });
  const badChannel = !params.registration.allowedChannels.includes(reg.channel);
  return missing.length === 0 && !badChannel ? { valid: true } : { valid: false, missing, badChannel };
}

/**
 * First local date on which a claim started on `start` is no longer protected.
 *
 * @param start - local date the protection starts
 * @param period - the protection period
 * @param inclusiveEnd - whether the nominal end day still counts
 * @returns the first unprotected local date
 * @throws ZhiduError `invalid_input` at `start`, `period` or `inclusiveEnd` for a malformed argument
 * @example
 * expiryDate('2023-12-31', { unit: 'months', amount: 2 }, false); //=> '2024-02-29'
 */
export function expiryDate(start: string, period: Period, inclusiveEnd: boolean): string {
  parseInput(LocalDateSchema, start, ['start']);
  period = parseInput(PeriodSchema, period, ['period']);
  expectFlag(inclusiveEnd, ['inclusiveEnd']);
  return expiryDateParsed(start, period, inclusiveEnd);
}

/**
 * `expiryDate` on arguments the rule code has already validated (no re-validation per call).
 * @internal
 */
export function expiryDateParsed(start: string, period: Period, inclusiveEnd: boolean): string {
  // Remembered per period object (the policy's, validated and frozen) and start date: a batch asks
  // for the same few dates at every visit and deal of every customer.
  let byStart = expiries.get(period);
  if (byStart === undefined) {
    byStart = [new Map(), new Map()];
    expiries.set(period, byStart);
  }
  const cache = byStart[inclusiveEnd ? 1 : 0];
  const hit = cache.get(start);
  if (hit !== undefined) return hit;
  const end =
    period.unit === 'months' ? addMonthsClamped(start, period.amount) : addDays(start, period.amount);
  const out = inclusiveEnd ? addDays(end, 1) : end;
  if (cache.size >= 10_000) cache.clear();
  cache.set(start, out);
  return out;
}

const expiries = new WeakMap<Period, [Map<string, string>, Map<string, string>]>();

/** A registration claim with its protection window at some instant. */
export type RegistrationClaim = {
  salespersonId: string;
  /**
   * Instant the claim ranks from (S001-ATTR-11): the registration, or, when the claim lapsed and came
   * back through the policy's renewal rule, the renewing registration.
   */
  registeredAt: string;
  /** whether the registration it ranks from is in the manager's evening record */
  corroborated: boolean;
  /** local date the protection counts from */
  from: string;
  /** first unprotected local date, or null when the period never ends */
  expiresOn: string | null;
  /** first unprotected date of the lapse a renewal ended, or null when the claim never lapsed */
  lapsedOn: string | null;
  /**
   * Instants of the salesperson's follow-ups and re-registrations that came after the claim had
   * expired and so did not count (only an explicit renewal brings a claim back).
   */
  ignoredAfterExpiry: string[];
  /** the lifecycle phase the claim is in (only under a policy `lifecycle`; `expired` when gone) */
  phase?: string;
  /** under a `lifecycle`, how the claim ends or ended (time running out, or an event); null: never */
  endedBy?: 'elapsed' | 'event' | null;
};

/**
 * Builds a salesperson's claim from their registration as of `asOf`, honouring renewal and
 * the "count from the latest effective follow-up" option.
 *
 * The history is walked in time order. While the claim is protected, an effective follow-up (with
 * `countFrom: 'latestEffectiveFollowUp'`) or a renewing re-registration moves the start of the
 * protection forward, and the claim keeps its rank. Once the claim has expired it is gone
 * (S001-ATTR-12): a later follow-up does not revive it, and only a valid re-registration the policy's
 * `renewal` rule accepts (`free`, or `managerApproval` with the manager's sign-off) starts it again —
 * as a fresh claim that ranks from the renewal, so it never beats a claim made in the meantime.
 *
 * @param reg - first valid registration of the salesperson
 * @param later - the customer's later events (renewals, follow-ups) up to `asOf`, in time order;
 *   events of other salespeople are ignored
 * @param params - policy parameters
 * @param zone - zone of local dates
 * @param calendar - the working-day calendar, for a `lifecycle` counting working days (default Mon–Fri)
 * @returns the claim
 * @throws ZhiduError for a malformed registration (at `reg`), a later list that is not of events, a
 *   malformed registration or follow-up of the salesperson among them (at `['later', i]`), an event
 *   lacking an `attrs` fact the lifecycle reads (at `['later', i, 'attrs', fact]`), malformed
 *   parameters or an unknown zone
 * @example
 * const reg = {
 *   type: 'registration' as const, at: '2024-03-01T10:30+08:00', customerId: 'c1', salespersonId: 'B',
 *   channel: 'walkIn' as const, fields: { name: '王先生', phone: '13800000000' },
 * };
 * const claim = claimOf(reg, [], salesOffice001.params, 'Asia/Shanghai');
 * claim.from; //=> '2024-03-01'
 * claim.expiresOn; //=> '2024-05-01' (two months of protection: the first unprotected day)
 */
export function claimOf(
  reg: RegistrationEvent,
  later: readonly SalesEvent[],
  params: SalesOfficeParams,
  zone: string,
  calendar?: WorkCalendar,
): RegistrationClaim {
  // Checked, not replaced: the claim keeps the caller's instants as given (parsed events).
  parseInput(RegistrationEventSchema, reg, ['reg']);
  expectArray(later, ['later'], 'object');
  params = validParams(params);
  // the salesperson's own registrations and follow-ups are what the protection window reads:
  // validate them (a lifecycle walks the events itself)
  if (params.lifecycle === undefined)
    for (const [i, event] of later.entries()) {
      if (event.type !== 'registration' && event.type !== 'followUp') continue;
      if (event.salespersonId !== reg.salespersonId) continue;
      parseInput(event.type === 'registration' ? RegistrationEventSchema : FollowUpEventSchema, event, [
        'later',
        i,
      ]);
    }
  // A missing attrs fact a lifecycle reads is cited at its event: later[i].attrs.fact.
  return refusalsAtEvents(later, ['later'], () => claimOfParsed(reg, later, params, zone, calendar));
}

/**
 * `claimOf` on a parsed registration, parsed events and validated parameters: the rule code's path
 * (the log and the policy were validated once at the boundary, so nothing is re-validated per claim).
 * @internal
 */
export function claimOfParsed(
  reg: RegistrationEvent,
  later: readonly SalesEvent[],
  params: SalesOfficeParams,
  zone: string,
  calendar?: WorkCalendar,
): RegistrationClaim {
  if (params.lifecycle !== undefined) {
    const customer = later.filter(
      (e): e is Exclude<SalesEvent, { type: 'departure' }> => e.type !== 'departure',
    );
    const w = walkClaim(reg, customer, params.lifecycle, zone, calendar);
    return {
      salespersonId: reg.salespersonId,
      registeredAt: w.registeredAt,
      corroborated: w.corroborated,
      from: w.from,
      expiresOn: w.expiresOn,
      lapsedOn: w.lapsedOn,
      ignoredAfterExpiry: w.ignoredAfterExpiry,
      phase: w.phase,
      endedBy: w.endedBy,
    };
  }
  const w = startClaimWalk(reg, params, zone);
  advanceClaimWalk(w, later, 0, later.length, params, zone);
  return claimOfWalk(w);
}

/**
 * A registration claim walked over the customer's events so far (no `lifecycle`): where the walk
 * stands, so that a later instant carries on from it instead of walking the events again from the
 * registration. `claimOfParsed` is one walk over its whole list; the rule code keeps one walk per
 * registration and customer and advances it as the instants it is asked at move forward.
 * @internal
 */
export type ClaimWalk = {
  reg: RegistrationEvent;
  /** how many events of the list have been walked */
  walked: number;
  from: string;
  channel: RegistrationEvent['channel'];
  expiresOn: string | null;
  registeredAt: string;
  corroborated: boolean;
  lapsedOn: string | null;
  /** replaced (never pushed to) when an instant is added: a claim handed out keeps its own list */
  ignoredAfterExpiry: string[];
  /** the claim last handed out for this walk, and the list it was copied from (carried path) */
  handed?: RegistrationClaim;
  handedFrom?: string[];
};

/** The first unprotected date of a protection counted from `from` on `channel`'s period. */
function expiryOf(
  params: SalesOfficeParams,
  from: string,
  channel: RegistrationEvent['channel'],
): string | null {
  const protection = params.protection;
  const period = protection.byChannel[channel] ?? protection.default;
  return period === null ? null : expiryDateParsed(from, period, protection.inclusiveEnd);
}

/**
 * A walk at the registration itself (nothing walked yet).
 * @internal
 */
export function startClaimWalk(reg: RegistrationEvent, params: SalesOfficeParams, zone: string): ClaimWalk {
  const from = localDateOf(reg.at, zone);
  return {
    reg,
    walked: 0,
    from,
    channel: reg.channel,
    expiresOn: expiryOf(params, from, reg.channel),
    registeredAt: reg.at,
    corroborated: reg.eveningRecord,
    lapsedOn: null,
    ignoredAfterExpiry: EMPTY,
  };
}

const EMPTY: string[] = [];

/**
 * Walks `later[start..end)` (the salesperson's re-registrations and follow-ups move the protection;
 * everything else is passed over) and leaves `walked` at `end`.
 * @internal
 */
export function advanceClaimWalk(
  w: ClaimWalk,
  later: readonly SalesEvent[],
  start: number,
  end: number,
  params: SalesOfficeParams,
  zone: string,
): void {
  const { protection } = params;
  const reg = w.reg;
  for (let i = start; i < end; i++) {
    const event = later[i] as SalesEvent;
    if (event.type !== 'registration' && event.type !== 'followUp') continue;
    if (event.salespersonId !== reg.salespersonId) continue;
    const e = event;
    if (e.at <= reg.at) continue;
    const day = localDateOf(e.at, zone);
    const alive = w.expiresOn === null || day < w.expiresOn;
    if (e.type === 'registration') {
      const renews =
        (protection.renewal === 'free' ||
          (protection.renewal === 'managerApproval' && e.renewal?.managerApproved === true)) &&
        registrationCheck(e, params).valid;
      if (!renews) {
        if (!alive) w.ignoredAfterExpiry = [...w.ignoredAfterExpiry, e.at];
        continue;
      }
      if (!alive) {
        // The claim lapsed; the renewal starts a fresh one that ranks from now (S001-ATTR-11).
        w.lapsedOn = w.expiresOn;
        w.registeredAt = e.at;
        w.corroborated = e.eveningRecord;
        w.channel = e.channel;
      }
      if (day > w.from || !alive) w.from = day;
      w.expiresOn = expiryOf(params, w.from, w.channel);
    } else if (protection.countFrom === 'latestEffectiveFollowUp') {
      if (!e.reached && protection.effectiveFollowUpRequiresReach) continue;
      if (!alive) {
        w.ignoredAfterExpiry = [...w.ignoredAfterExpiry, e.at];
        continue;
      }
      if (day > w.from) {
        w.from = day;
        w.expiresOn = expiryOf(params, w.from, w.channel);
      }
    }
  }
  w.walked = end;
}

/**
 * The claim where the walk stands (a fresh object with its own list of ignored instants).
 * @internal
 */
export function claimOfWalk(w: ClaimWalk): RegistrationClaim {
  return {
    salespersonId: w.reg.salespersonId,
    registeredAt: w.registeredAt,
    corroborated: w.corroborated,
    from: w.from,
    expiresOn: w.expiresOn,
    lapsedOn: w.lapsedOn,
    ignoredAfterExpiry: w.ignoredAfterExpiry.length === 0 ? [] : w.ignoredAfterExpiry.slice(),
  };
}

/**
 * @param claim - a claim
 * @param date - local date of the check
 * @returns whether the claim is protected on that date
 * @throws ZhiduError `invalid_input` for a claim without `expiresOn` (a date or null), `invalid_date`
 *   for a date that is not `YYYY-MM-DD`
 * @example
 * isProtected({ expiresOn: '2024-05-01' }, '2024-04-30'); //=> true
 * isProtected({ expiresOn: '2024-05-01' }, '2024-05-01'); //=> false (the expiry date is the first unprotected day)
 * isProtected({ expiresOn: null }, '2030-01-01'); //=> true (a period that never ends)
 * isProtected({ expiresOn: '1 May' }, '2024-04-30'); // throws ZhiduError invalid_date
 */
export function isProtected(claim: Pick<RegistrationClaim, 'expiresOn'>, date: string): boolean {
  expectObject(claim, ['claim']);
  if (claim.expiresOn !== null) parseInput(LocalDateSchema, claim.expiresOn, ['claim', 'expiresOn']);
  parseInput(LocalDateSchema, date, ['date']);
  return claim.expiresOn === null || date < claim.expiresOn;
}

/**
 * `isProtected` on a claim the rule code computed and a local date it derived (no re-validation).
 * @internal
 */
export function isProtectedParsed(claim: Pick<RegistrationClaim, 'expiresOn'>, date: string): boolean {
  return claim.expiresOn === null || date < claim.expiresOn;
}
