import {
  addMonthsClamped,
  expectObject,
  type LocalDate,
  LocalDateSchema,
  parseInput,
  ZhiduError,
} from '@zhidu/core';

/**
 * Whether a service-attitude complaint came too late (001 L1014: "在一個月以后提出來的"): filed after
 * the incident date plus the limit in months (clamped to month end). Filing on the limit date itself
 * is in time ("以后" read as strictly after). Business complaints are never time-barred by this rule.
 *
 * @param input - `isServiceAttitude`, `incidentDate`, `complaintDate` (local dates)
 * @param months - the limit (policy setting `attitudeLimitMonths`, 1 in the seed)
 * @returns true when the complaint is invalid for lateness
 * @example
 * isLateAttitudeComplaint({ isServiceAttitude: true, incidentDate: '2024-01-31', complaintDate: '2024-03-01' }, 1); //=> true
 */
export function isLateAttitudeComplaint(
  input: { isServiceAttitude: boolean; incidentDate: LocalDate; complaintDate: LocalDate },
  months: number,
): boolean {
  expectObject(input, ['input']);
  const incident = parseInput(LocalDateSchema, input.incidentDate, ['incidentDate']);
  const complaint = parseInput(LocalDateSchema, input.complaintDate, ['complaintDate']);
  if (complaint < incident)
    throw new ZhiduError(
      'out_of_order',
      ['complaintDate'],
      '投诉时间不能早于事发时间 / a complaint cannot predate its incident',
    );
  if (!input.isServiceAttitude) return false;
  return complaint > addMonthsClamped(incident, months);
}
