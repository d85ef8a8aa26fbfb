import {
  compareInstants,
  type Decision,
  InstantSchema,
  localDateOf,
  NonNegativeFenSchema,
  parseInput,
  Trace,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { type RecordsContext, resolveContext } from './context.js';
import { IdSchema } from './schemas.js';

/** Input of {@link archiveComplaintCase}. */
export const ComplaintCaseSchema = z.strictObject({
  caseId: IdSchema,
  state: IdSchema,
  closedAt: InstantSchema.optional(),
  archivist: z.strictObject({ id: IdSchema, roles: z.array(IdSchema) }),
});
export type ComplaintCaseInput = z.input<typeof ComplaintCaseSchema>;

/**
 * Files a closed complaint case into its yearly case volume (按年度建立案宗, S001B-ARCHIVE-03): only
 * administrative staff archive, and only closed cases; the volume is the local year of closure.
 *
 * @param input - the case, its state and closure instant, and who archives it
 * @param ctx - `{ now, zone? }`
 * @returns `{ archived, volumeYear }` (`archived: false` when the archivist is not administrative staff)
 * @throws ZhiduError `invalid_state` for a case that is not closed
 * @example
 * archiveComplaintCase({ caseId: 'K1', state: 'closed', closedAt: '2024-01-05T02:00:00Z',
 *   archivist: { id: 'a1', roles: ['adminStaff'] } }, { now: '2024-01-06T00:00:00Z' }).value.volumeYear; //=> 2024
 */
export function archiveComplaintCase(
  input: ComplaintCaseInput,
  ctx: RecordsContext,
): Decision<{ archived: boolean; volumeYear: number }> {
  const c = parseInput(ComplaintCaseSchema, input);
  const time = resolveContext(ctx);
  if (c.state !== 'closed' || c.closedAt === undefined) {
    throw new ZhiduError(
      'invalid_state',
      ['state'],
      `案件 ${c.caseId} 状态为 ${c.state}；只有已结案的案件才能归档 / case ${c.caseId} is ${c.state}; only closed cases are archived`,
    );
  }
  if (compareInstants(c.closedAt, time.now) > 0) {
    throw new ZhiduError(
      'out_of_order',
      ['closedAt'],
      '案件结案前不能归档 / a case cannot be archived before it closes',
    );
  }
  const volumeYear = Number(localDateOf(c.closedAt, time.zone).slice(0, 4));
  const archived = c.archivist.roles.includes('adminStaff');
  return new Trace()
    .add(
      'S001B-ARCHIVE-03',
      '001_b5a166781b06eda6.txt L870',
      archived ? `结案材料归入${volumeYear}年度案宗` : '归档须由行政人员办理',
      archived
        ? `Case materials filed in the ${volumeYear} volume`
        : 'Only administrative staff may archive case materials',
      { volumeYear },
    )
    .decide({ archived, volumeYear });
}

/** Input of {@link checkTerminationArchives}: a member leaving the exchange (money in fen). */
export const TerminationInputSchema = z.strictObject({
  memberId: IdSchema,
  allClientsPlaced: z.boolean(),
  clientMarginOutstandingFen: NonNegativeFenSchema,
  archivesDeposited: z.boolean(),
  custodyFeeDueFen: NonNegativeFenSchema,
  custodyFeePayments: z.array(NonNegativeFenSchema).default([]),
});
export type TerminationInput = z.input<typeof TerminationInputSchema>;

/**
 * Checks what a member must have done before its termination completes (S001B-ARCHIVE-04): clients
 * placed, all client margins refunded, all trading and settlement archives deposited with the exchange,
 * and the custody fee paid in one lump sum (一次性付清所有保管费用). The fee amount is the exchange's.
 *
 * @param input - placement, outstanding margin, deposit of archives, fee due and payments (fen)
 * @returns the unmet preconditions (empty when termination may complete)
 * @throws ZhiduError `invalid_money` / `invalid_input` for negative or fractional amounts
 * @example
 * checkTerminationArchives({ memberId: 'M1', allClientsPlaced: true, clientMarginOutstandingFen: 0,
 *   archivesDeposited: true, custodyFeeDueFen: 800_000, custodyFeePayments: [500_000, 300_000] }).value
 * //=> ['CUSTODY_FEE_MUST_BE_ONE_PAYMENT']
 */
export function checkTerminationArchives(input: TerminationInput): Decision<string[]> {
  const m = parseInput(TerminationInputSchema, input);
  const missing: string[] = [];
  if (!m.allClientsPlaced) missing.push('CLIENTS_NOT_PLACED');
  if (m.clientMarginOutstandingFen > 0) missing.push('CLIENT_MARGINS_NOT_REFUNDED');
  if (!m.archivesDeposited) missing.push('ARCHIVES_NOT_DEPOSITED');
  const paid = m.custodyFeePayments.reduce((a, b) => a + b, 0);
  if (m.custodyFeePayments.length > 1) missing.push('CUSTODY_FEE_MUST_BE_ONE_PAYMENT');
  else if (m.custodyFeeDueFen > 0 && paid !== m.custodyFeeDueFen) missing.push('CUSTODY_FEE_UNPAID');
  return new Trace()
    .add(
      'S001B-ARCHIVE-04',
      '001_b5a166781b06eda6.txt L1168',
      missing.length === 0
        ? `会员${m.memberId}终止前的档案与费用条件均已满足`
        : `会员${m.memberId}尚未满足: ${missing.join(', ')}`,
      missing.length === 0
        ? `Member ${m.memberId} meets every archive and fee precondition`
        : `Member ${m.memberId} has not met: ${missing.join(', ')}`,
      { paidFen: paid, dueFen: m.custodyFeeDueFen },
    )
    .decide(missing);
}
