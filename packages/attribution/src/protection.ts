/**
 * Registration validity and protection periods (建档有效期, S001-ATTR-11/12, S000B-ATTR-01/02).
 */
import type { RegistrationEvent, SalesEvent } from './events.js';
import { addDays, addMonthsClamped, localDateOf } from './kernel.js';
import type { Period, SalesOfficeParams } from './policy.js';

/** Outcome of checking a registration form against the policy's required fields and channels. */
export type RegistrationCheck = { valid: true } | { valid: false; missing: string[]; badChannel: boolean };

/**
 * Checks that a registration carries every required field and an allowed channel (S000B-ATTR-01).
 *
 * @param reg - the registration
 * @param params - policy parameters
 * @returns `{ valid: true }` or what is missing
 * @example
 * checkRegistration(reg, salesOffice001.params); //=> { valid: true }
 */
export function checkRegistration(reg: RegistrationEvent, params: SalesOfficeParams): RegistrationCheck {
  const missing = params.registration.requiredFields.filter((f) => {
    const v = reg.fields[f];
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
 * @example
 * expiryDate('2023-12-31', { unit: 'months', amount: 2 }, false); //=> '2024-02-29'
 */
export function expiryDate(start: string, period: Period, inclusiveEnd: boolean): string {
  const end =
    period.unit === 'months' ? addMonthsClamped(start, period.amount) : addDays(start, period.amount);
  return inclusiveEnd ? addDays(end, 1) : end;
}

/** A registration claim with its protection window at some instant. */
export type RegistrationClaim = {
  salespersonId: string;
  registeredAt: string;
  corroborated: boolean;
  /** local date the protection counts from */
  from: string;
  /** first unprotected local date, or null when the period never ends */
  expiresOn: string | null;
};

/**
 * Builds a salesperson's claim from their registration as of `asOf`, honouring renewal and
 * the "count from the latest effective follow-up" option.
 *
 * @param reg - first valid registration of the salesperson
 * @param later - the salesperson's later events (renewals, follow-ups) up to `asOf`
 * @param params - policy parameters
 * @param zone - zone of local dates
 * @returns the claim
 * @example
 * claimOf(reg, [], params, 'Asia/Shanghai').expiresOn; //=> '2024-05-01'
 */
export function claimOf(
  reg: RegistrationEvent,
  later: readonly SalesEvent[],
  params: SalesOfficeParams,
  zone: string,
): RegistrationClaim {
  let from = localDateOf(reg.at, zone);
  for (const e of later) {
    if (e.type === 'registration' && e.salespersonId === reg.salespersonId && e.at > reg.at) {
      const renews =
        params.protection.renewal === 'free' ||
        (params.protection.renewal === 'managerApproval' && e.renewal?.managerApproved === true);
      if (renews) from = localDateOf(e.at, zone);
    }
    if (
      params.protection.countFrom === 'latestEffectiveFollowUp' &&
      e.type === 'followUp' &&
      e.salespersonId === reg.salespersonId &&
      (e.reached || !params.protection.effectiveFollowUpRequiresReach)
    ) {
      const d = localDateOf(e.at, zone);
      if (d > from) from = d;
    }
  }
  const period = params.protection.byChannel[reg.channel] ?? params.protection.default;
  return {
    salespersonId: reg.salespersonId,
    registeredAt: reg.at,
    corroborated: reg.eveningRecord,
    from,
    expiresOn: period === null ? null : expiryDate(from, period, params.protection.inclusiveEnd),
  };
}

/**
 * @param claim - a claim
 * @param date - local date of the check
 * @returns whether the claim is protected on that date
 * @example
 * isProtected({ ...claim, expiresOn: '2024-05-01' }, '2024-04-30'); //=> true
 */
export function isProtected(claim: Pick<RegistrationClaim, 'expiresOn'>, date: string): boolean {
  return claim.expiresOn === null || date < claim.expiresOn;
}
