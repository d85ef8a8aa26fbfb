import { type Decision, parseInput, renderMessage, Trace, violation, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { answerable, type RecordsContext, resolveContext, underPath, type Violation } from './context.js';
import { judgeLoan, LoanInputSchema, type LoanResult } from './loans.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';

/** The module that emits the violations of {@link loanRegisterOf}. */
const LOAN_REGISTER = 'records.loan-register';

/** Input of `records.loan-register`: the rows of a loan register (借阅登记簿) being audited. */
export const LoanRegisterInputSchema = z.strictObject({ rows: z.array(LoanInputSchema) });
export type LoanRegisterInput = z.input<typeof LoanRegisterInputSchema>;

/** One row of an audited loan register: its loan result, or why the row breaks the register's rules. */
export type LoanRegisterRow =
  | ({ index: number; valid: true } & Omit<LoanResult, 'violations'>)
  | { index: number; valid: false; fileId: string; code: string; path: (string | number)[]; reason: string };

/** The value of a loan register audit. */
export type LoanRegisterResult = {
  rows: LoanRegisterRow[];
  checked: number;
  invalid: number;
  violations: Violation[];
};

/**
 * Audits a loan register (借阅登记簿) row by row: each row is judged like {@link loanOf} (overdue,
 * returned late, pieces lost), and a row that breaks the register's own rules — no due time when the
 * policy sets no loan period, a return with no count of pieces, more pieces back than went out, a return
 * before the loan — is a finding `records.register.rowInvalid` naming the row's index and file, not an
 * exception: the other rows are still judged. Only a malformed register (wrong types) is refused; a file
 * type or a policy section the policy does not have is refused too (that is about the policy, not the row).
 *
 * @param input - `{ rows }`: loans as the register lists them
 * @param policyInput - a records policy with a `loans` section
 * @param ctx - `{ now, zone?, calendar? }`
 * @returns each row's result, and the violations (the rows' own and the findings on invalid rows)
 * @throws ZhiduError `invalid_input` for a malformed row (a wrong type) with its path under `rows`
 * @example
 * const d = loanRegisterOf({ rows: [
 *   { fileTypeId: 'newCarSalesFile', fileId: 'VIN1', borrower: { personId: 'u1' }, lentAt: '2024-03-04T09:00:00+08:00',
 *     dueAt: '2024-03-06T18:00:00+08:00', piecesOut: 12, returnedAt: '2024-03-06T10:00:00+08:00', piecesReturned: 12 },
 *   { fileTypeId: 'newCarSalesFile', fileId: 'VIN2', borrower: { personId: 'u2' }, lentAt: '2024-03-04T09:00:00+08:00', piecesOut: 3 },
 * ] }, dealerFilesPreset, { now: '2024-03-07T00:00:00Z' });
 * d.value.rows.map((r) => r.valid); //=> [true, false] (the second row states no due time)
 */
export function loanRegisterOf(
  input: LoanRegisterInput,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<LoanRegisterResult> {
  const policy = asRecordsPolicy(policyInput);
  return loanRegisterParsed(parseInput(LoanRegisterInputSchema, input), policy, ctx);
}

/** {@link loanRegisterOf} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function loanRegisterParsed(
  register: z.output<typeof LoanRegisterInputSchema>,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): Decision<LoanRegisterResult> {
  const time = resolveContext(ctx, policy);
  const trace = new Trace();
  const rows: LoanRegisterRow[] = [];
  const violations: Violation[] = [];
  const cite = policy.params.loans ?? { rule: 'records.loan-register', clause: policy.source.title };
  // Calendar basis entries (dues beyond the calendar's data) named once for the whole register.
  const seen = new Set<string>();
  register.rows.forEach((row, index) => {
    try {
      // The register's parse validated the row: judged as it is (one parse, not one per row).
      const d = judgeLoan(row, policy, time, seen);
      trace.append(d.trace);
      const { violations: own, ...result } = d.value;
      violations.push(
        ...own.map((v) => ({
          ...v,
          source: { ...v.source, module: LOAN_REGISTER },
          data: { ...v.data, row: index },
        })),
      );
      rows.push({ index, valid: true, ...result });
    } catch (e) {
      // The policy, the context or a reference the policy does not know: refused, not a finding.
      if (!(e instanceof ZhiduError) || e.path[0] === 'policy' || e.path[0] === 'ctx') throw e;
      if (e.code === 'unknown_reference')
        underPath(['rows', index], () => {
          throw e;
        });
      const path = [...e.path];
      rows.push({ index, valid: false, fileId: row.fileId, code: e.code, path, reason: e.message });
      trace.add(
        cite.rule,
        cite.clause,
        `借阅登记第${index + 1}行(${row.fileId})不合登记要求: ${renderMessage(e.message, 'zh-CN')}`,
        `Loan register row ${index} (${row.fileId}) breaks the register's rules: ${renderMessage(e.message, 'en')}`,
        { row: index, fileId: row.fileId, path },
      );
      violations.push(
        violation(LOAN_REGISTER, cite, {
          ...answerable(row.borrower),
          code: 'records.register.rowInvalid',
          occurredAt: row.lentAt,
          subject: { kind: 'file', id: row.fileId },
          data: { row: index, path, reason: e.message },
        }),
      );
    }
  });
  const invalid = rows.filter((r) => !r.valid).length;
  return trace.decide({ rows, checked: rows.length, invalid, violations });
}
