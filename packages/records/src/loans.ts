import {
  calendarBasisTrace,
  compareInstants,
  type Deadline,
  type Decision,
  deadline,
  formatInstant,
  InstantSchema,
  isLate,
  lateness,
  localDateOf,
  parseInput,
  Trace,
  violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import {
  answerable,
  findFileType,
  type RecordsContext,
  type ResolvedContext,
  resolveContext,
  type Violation,
} from './context.js';
import { ResponsibleSchema } from './handover.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';
import { IdSchema } from './schemas.js';

/** The module that emits the violations of `checkLoan`. */
const LOAN = 'records.loan';

/** Input of `checkLoan`: one loan (借阅) of a file or of visit materials. */
export const LoanInputSchema = z.strictObject({
  fileTypeId: IdSchema,
  fileId: IdSchema,
  borrower: ResponsibleSchema,
  lentAt: InstantSchema,
  /** The event the return period runs from (e.g. the end of the visit); `lentAt` when absent. */
  returnFrom: InstantSchema.optional(),
  /** An explicit due time; otherwise the policy's loan period from `returnFrom`. */
  dueAt: InstantSchema.optional(),
  /** Pieces (件: documents) that went out. */
  piecesOut: z.number().int().min(1),
  returnedAt: InstantSchema.optional(),
  piecesReturned: z.number().int().min(0).optional(),
  /** Pieces that came back damaged (毁损). */
  piecesDamaged: z.number().int().min(0).default(0),
  /** Approval to keep the materials (确实无法归还,报主管批准). */
  nonReturnApproval: z
    .strictObject({ approverId: IdSchema, role: IdSchema, reason: z.string().min(1), at: InstantSchema })
    .optional(),
});
export type LoanInput = z.input<typeof LoanInputSchema>;

/** The value of a loan check. */
export type LoanResult = {
  fileId: string;
  due: Deadline;
  status: 'returned' | 'returnedLate' | 'approvedNonReturn' | 'pending' | 'overdue';
  piecesLost: number;
  piecesDamaged: number;
  violations: Violation[];
};

/**
 * Checks a loan of a customer file or of visit materials: returned on time, approved to be kept by the
 * right supervisor (never the borrower themself), or overdue; and whether it came back complete
 * (用户档案的信息资料和维修凭证齐全). Overdue loans emit `records.loan.overdue`; missing or damaged pieces
 * emit `records.file.lost` (另罚款20元/件), counted per document or per file as the policy says.
 *
 * @param input - the loan
 * @param policyInput - a records policy with a `loans` section
 * @param ctx - `{ now }`; decides whether an open loan is overdue
 * @param seen - the calendar basis entries already traced in this decision (a loan register names
 *   each year once); internal
 * @returns the loan status, lost and damaged pieces, and the violations; a loan period counted beyond
 *   the calendar's data is traced as `zhidu.calendar.provisional` (its due says `provisional: true`)
 * @throws ZhiduError `invalid_input` for negative or impossible piece counts, or when neither the loan nor
 *   the policy gives a due time; `out_of_order` for a return before the loan
 * @example
 * loanOf({ fileTypeId: 'newCarSalesFile', fileId: 'VIN1', borrower: { personId: 'u1' },
 *   lentAt: '2024-03-04T09:00:00+08:00', dueAt: '2024-03-06T18:00:00+08:00', piecesOut: 12,
 *   returnedAt: '2024-03-06T10:00:00+08:00', piecesReturned: 11 }, dealerFilesPreset,
 *   { now: '2024-03-07T00:00:00Z' }).value.piecesLost; //=> 1
 */
export function loanOf(
  input: LoanInput,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
  seen: Set<string> = new Set(),
): Decision<LoanResult> {
  const policy = asRecordsPolicy(policyInput);
  const loan = parseInput(LoanInputSchema, input);
  return judgeLoan(loan, policy, resolveContext(ctx, policy), seen);
}

/**
 * {@link loanOf} on a loan already parsed, under a validated policy and a resolved context: a loan
 * register judges each of its (parsed) rows with it, not parsing and resolving again per row.
 *
 * @internal
 */
export function judgeLoan(
  loan: z.output<typeof LoanInputSchema>,
  policy: RecordsPolicy,
  time: ResolvedContext,
  seen: Set<string>,
): Decision<LoanResult> {
  findFileType(policy, loan.fileTypeId, ['fileTypeId']);
  const params = policy.params.loans;
  if (!params)
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'loans'],
      `制度 ${policy.id} 没有档案借阅规定 / policy ${policy.id} has no borrowing rules`,
    );
  if (loan.piecesReturned !== undefined && loan.piecesReturned > loan.piecesOut) {
    throw new ZhiduError(
      'invalid_input',
      ['piecesReturned'],
      `归还 ${loan.piecesReturned} 件，但只借出 ${loan.piecesOut} 件 / ${loan.piecesReturned} pieces returned but only ${loan.piecesOut} went out`,
    );
  }
  if (loan.piecesDamaged > (loan.piecesReturned ?? 0)) {
    throw new ZhiduError(
      'invalid_input',
      ['piecesDamaged'],
      '损坏件数多于归还件数 / more pieces damaged than returned',
    );
  }
  if (loan.returnedAt !== undefined && compareInstants(loan.returnedAt, loan.lentAt) < 0) {
    throw new ZhiduError(
      'out_of_order',
      ['returnedAt'],
      `归还时间 ${loan.returnedAt} 早于借出时间 ${loan.lentAt} / returned at ${loan.returnedAt}, before the loan at ${loan.lentAt}`,
    );
  }
  if (loan.returnedAt !== undefined && loan.piecesReturned === undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['piecesReturned'],
      '已归还的借阅须注明归还件数 / a returned loan must say how many pieces came back',
    );
  }

  const timeCtx = { zone: time.zone, calendar: time.calendar };
  const from = loan.returnFrom ?? loan.lentAt;
  let due: Deadline;
  if (loan.dueAt) due = { at: loan.dueAt, inclusive: true };
  else if (params.period) due = deadline(from, params.period, timeCtx);
  else {
    throw new ZhiduError(
      'invalid_input',
      ['dueAt'],
      `制度 ${policy.id} 未规定借阅期限，借阅须注明应还时间 dueAt / policy ${policy.id} sets no loan period; the loan must state dueAt`,
    );
  }

  const trace = new Trace();
  const { rule, clause } = params;
  const violations: Violation[] = [];
  const who = loan.borrower;
  const common = {
    ...answerable(who),
    subject: { kind: 'file', id: loan.fileId },
  };

  let status: LoanResult['status'];
  const approval = loan.nonReturnApproval;
  const approvalValid =
    approval !== undefined &&
    approval.role === params.nonReturnApproverRole &&
    approval.approverId !== who.personId;
  if (approval && !approvalValid) {
    trace.add(
      rule,
      clause,
      `留用批准无效: 须由${params.nonReturnApproverRole ?? '(未设定)'}批准,且不得由借用人本人批准`,
      `Approval to keep the materials is invalid: it must come from ${params.nonReturnApproverRole ?? '(none configured)'} and not from the borrower`,
      { approverId: approval.approverId, role: approval.role },
    );
  }
  if (loan.returnedAt) {
    status = isLate(due, loan.returnedAt) ? 'returnedLate' : 'returned';
  } else if (approvalValid) {
    status = 'approvedNonReturn';
  } else {
    status = isLate(due, time.now) ? 'overdue' : 'pending';
  }
  trace.add(
    rule,
    clause,
    `借阅应于${formatInstant(due.at, { zone: time.zone, lang: 'zh-CN', showZone: true })}前归还,状态:${LOAN_STATUS_ZH[status]}`,
    `Loan due back by ${formatInstant(due.at, { zone: time.zone, lang: 'en', showZone: true })}; status: ${status}`,
    {
      dueAt: due.at,
      status,
    },
  );
  if (status === 'returnedLate' || status === 'overdue') {
    const until = loan.returnedAt ?? time.now;
    const late = lateness(due, until, { unit: 'calendarDays' }, timeCtx);
    violations.push(
      violation(
        LOAN,
        { rule, clause },
        {
          ...common,
          code: 'records.loan.overdue',
          occurredAt: due.at,
          quantity: 1,
          lateBy: { unit: 'calendarDays', units: late.units, ms: late.ms },
          ...(loan.returnedAt ? { correctedAt: loan.returnedAt } : {}),
        },
      ),
    );
  }

  const piecesLost = loan.returnedAt ? loan.piecesOut - (loan.piecesReturned ?? 0) : 0;
  const affected = piecesLost + loan.piecesDamaged;
  if (affected > 0 && loan.returnedAt) {
    const quantity = params.lostPieceUnit === 'file' ? 1 : affected;
    trace.add(
      rule,
      clause,
      `归还时缺失${piecesLost}件、毁损${loan.piecesDamaged}件,资料不齐全`,
      `Returned with ${piecesLost} piece(s) missing and ${loan.piecesDamaged} damaged: the file is no longer complete`,
      { piecesLost, piecesDamaged: loan.piecesDamaged, counted: quantity, unit: params.lostPieceUnit },
    );
    violations.push(
      violation(
        LOAN,
        { rule, clause },
        {
          ...common,
          code: 'records.file.lost',
          occurredAt: loan.returnedAt,
          quantity,
          data: { piecesLost, piecesDamaged: loan.piecesDamaged, cause: 'borrowing' },
        },
      ),
    );
  }
  const result: LoanResult = {
    fileId: loan.fileId,
    due,
    status,
    piecesLost,
    piecesDamaged: loan.piecesDamaged,
    violations,
  };
  if (due.provisional !== true) return trace.decide(result);
  // A due beyond the calendar's data: first, where its working days come from, so the decision's
  // provenance says provisional, as the due does (added last: a refused loan marks no year as seen).
  const basis = new Trace();
  calendarBasisTrace(basis, time.calendar, localDateOf(from, time.zone), localDateOf(due.at, time.zone), {
    when: 'notable',
    seen,
  });
  return basis.append(trace.entries).decide(result);
}

/** A loan's status as the Chinese trace says it. */
const LOAN_STATUS_ZH: Record<string, string> = {
  returned: '已归还',
  returnedLate: '逾期归还',
  approvedNonReturn: '经批准留用',
  overdue: '逾期未还',
  pending: '借出中',
};
