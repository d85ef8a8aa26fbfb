import {
  calendarBasisTrace,
  compareInstants,
  type Deadline,
  type Decision,
  deadline,
  isLate,
  lateness,
  localDateOf,
  nearestKey,
  parseInput,
  refuseRepeats,
  Trace,
  violation,
  ZhiduError,
} from '@zhidu/core';
import type { z } from 'zod';
import { type RecordsContext, resolveContext, type Violation } from './context.js';
import { type FilingInput, FilingInputSchema, type FilingRow } from './filing-schema.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';

/** The module that emits the violations of {@link filingOf}. */
const FILING = 'records.filing';

/** How one row of a filing audit stands. */
export type FilingRowStatus = 'filed' | 'filedLate' | 'overdue' | 'pending' | 'filedBeforeTrigger';

/** The value of a filing audit: each row's status and due time, and the findings. */
export type FilingResult = {
  duty: string;
  register: string;
  rows: { index: number; id: string; due: Deadline; status: FilingRowStatus }[];
  violations: Violation[];
};

/**
 * The person a finding is attributed to: the row's person, else the duty's role (and department), with
 * `data.attributedTo` saying which.
 */
function answerableFor(row: FilingRow, duty: { role: string; departmentId?: string | undefined }) {
  if (row.personId !== undefined) {
    return {
      who: { personId: row.personId, role: duty.role, ...dept(row.departmentId ?? duty.departmentId) },
      attributedTo: 'person' as const,
    };
  }
  return {
    who: { personId: `role:${duty.role}`, role: duty.role, ...dept(row.departmentId ?? duty.departmentId) },
    attributedTo: 'role' as const,
  };
}

const dept = (d: string | undefined) => (d === undefined ? {} : { departmentId: d });

/**
 * Audits a list against a one-party filing duty of the policy (一方归档: the holder of a role enters
 * something into a register, cabinet or archive system within a time of its trigger; no receiving role).
 * The rows are an audited register: a row filed late, not filed by its due time, or dated before its
 * own trigger is a finding (a violation naming the row's index and id), never an exception; only
 * malformed rows (wrong types) are refused. A row without a person is attributed to the duty's role
 * (`personId: 'role:<role>'`, `data.attributedTo: 'role'`), and the trace says so.
 *
 * @param input - `{ duty, rows: [{ id, triggeredAt, filedAt?, personId? }] }`
 * @param policyInput - a records policy with `registers` and `filingDuties`
 * @param ctx - `{ now, zone?, calendar? }`; working days use the calendar (PRC by default)
 * @returns each row's due time and status, and the violations `records.filing.late`,
 *   `records.filing.missing`, `records.register.rowInvalid`; a due counted beyond the calendar's data
 *   is traced as `zhidu.calendar.provisional` (the due says `provisional: true`)
 * @throws ZhiduError `invalid_input` for a malformed row, `unknown_reference` at `duty` for a duty the
 *   policy does not define, `duplicate` at `['rows', i, 'id']` for a row whose id an earlier row has
 *   (the same row listed twice would be filed, and found late, twice)
 * @example
 * filingOf({ duty: 'contractIntoCabinet', rows: [
 *   { id: 'HT-1', triggeredAt: '2025-03-03T10:00:00+08:00', filedAt: '2025-03-04T09:00:00+08:00', personId: 'wang' },
 *   { id: 'HT-2', triggeredAt: '2025-03-03T11:00:00+08:00' },
 * ] }, lantingPolicy, { now: '2025-03-12T09:00:00+08:00' }).value.rows.map((r) => r.status);
 * //=> ['filed', 'overdue']
 */
export function filingOf(
  input: FilingInput,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<FilingResult> {
  const policy = asRecordsPolicy(policyInput);
  return filingParsed(parseInput(FilingInputSchema, input), policy, ctx);
}

/** {@link filingOf} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function filingParsed(
  audit: z.output<typeof FilingInputSchema>,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): Decision<FilingResult> {
  const time = resolveContext(ctx, policy);
  const duty = policy.params.filingDuties.find((d) => d.id === audit.duty);
  if (duty === undefined) {
    const known = policy.params.filingDuties.map((d) => d.id);
    const hint = nearestKey(audit.duty, known);
    throw new ZhiduError(
      'unknown_reference',
      ['duty'],
      `制度 ${policy.id} 未定义归档义务 "${audit.duty}"${hint ? `(是否为 "${hint}"?)` : ''} / policy ${policy.id} defines no filing duty "${audit.duty}"${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${known.join(', ') || 'none'}`,
    );
  }
  const register = policy.params.registers.find((r) => r.id === duty.register);
  const regName = register?.name ?? { zh: duty.register, en: duty.register };
  const timeCtx = { zone: time.zone, calendar: time.calendar };
  const trace = new Trace();
  const { rule, clause } = duty;
  const rows: FilingResult['rows'] = [];
  const violations: Violation[] = [];
  let attributedToRole = 0;
  // Calendar basis entries of dues beyond the calendar's data, each year named once.
  const seen = new Set<string>();
  // A row's id names the row (a contract number, a visit id): one listed twice would get a second
  // filing line and its finding counted again, so the second listing is refused.
  refuseRepeats(
    audit.rows,
    (row) => row.id,
    (index) => ['rows', index, 'id'],
    (id) => `登记行 ${id} 重复列出 / row ${id} is listed twice`,
  );

  audit.rows.forEach((row, index) => {
    const due = deadline(row.triggeredAt, duty.within, timeCtx);
    if (due.provisional === true) {
      // Where the working days of a due beyond the calendar's data come from (before the duty's
      // entries): the decision's provenance then says provisional, as the due does.
      const from = localDateOf(row.triggeredAt, time.zone);
      calendarBasisTrace(trace, time.calendar, from, localDateOf(due.at, time.zone), {
        when: 'notable',
        seen,
      });
    }
    const { who, attributedTo } = answerableFor(row, duty);
    const subject = { kind: duty.register, id: row.id };
    const data = { row: index, rowId: row.id, due: due.at, attributedTo };
    let status: FilingRowStatus;
    if (row.filedAt !== undefined && compareInstants(row.filedAt, row.triggeredAt) < 0) {
      status = 'filedBeforeTrigger';
      violations.push(
        violation(
          FILING,
          { rule, clause },
          {
            ...who,
            code: 'records.register.rowInvalid',
            occurredAt: row.filedAt,
            subject,
            data: {
              ...data,
              reason: 'filedBeforeTrigger',
              triggeredAt: row.triggeredAt,
              filedAt: row.filedAt,
            },
          },
        ),
      );
    } else if (row.filedAt !== undefined) {
      status = isLate(due, row.filedAt) ? 'filedLate' : 'filed';
    } else {
      status = isLate(due, time.now) ? 'overdue' : 'pending';
    }
    if (status === 'filedLate' || status === 'overdue') {
      const until = row.filedAt ?? time.now;
      const late = lateness(due, until, { unit: 'calendarDays' }, timeCtx);
      violations.push(
        violation(
          FILING,
          { rule, clause },
          {
            ...who,
            code: status === 'filedLate' ? 'records.filing.late' : 'records.filing.missing',
            occurredAt: due.at,
            lateBy: { unit: 'calendarDays', units: late.units, ms: late.ms },
            subject,
            ...(row.filedAt === undefined ? {} : { correctedAt: row.filedAt }),
            data,
          },
        ),
      );
      if (attributedTo === 'role') attributedToRole += 1;
    }
    rows.push({ index, id: row.id, due, status });
  });

  const count = (s: FilingRowStatus) => rows.filter((r) => r.status === s).length;
  trace.add(
    rule,
    clause,
    `${duty.name.zh}: 由${duty.role}于触发后限期内录入${regName.zh};按时${count('filed')},逾期录入${count('filedLate')},逾期未录${count('overdue')},未到期${count('pending')},日期不符${count('filedBeforeTrigger')}`,
    `${duty.name.en}: ${duty.role} enters it into ${regName.en} in time; ${count('filed')} on time, ${count('filedLate')} late, ${count('overdue')} missing, ${count('pending')} pending, ${count('filedBeforeTrigger')} dated before their trigger`,
    { duty: duty.id, register: duty.register, rows: rows.length },
  );
  if (attributedToRole > 0) {
    trace.add(
      rule,
      clause,
      `${attributedToRole}项逾期未注明经办人,按制度归责于岗位 ${duty.role}`,
      `${attributedToRole} late or missing row(s) name no person: attributed to the role ${duty.role} the policy names`,
      { role: duty.role, rows: attributedToRole },
    );
  }
  return trace.decide({ duty: duty.id, register: duty.register, rows, violations });
}
