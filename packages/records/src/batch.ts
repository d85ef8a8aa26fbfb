/**
 * Many files under one policy and one context (issue 21): `completenessBatch` and `handoverBatch`
 * return, for each file, exactly the decision `checkCompleteness` / `checkHandover` returns for it
 * (same result, violations, trace and provenance), but validate the policy and the context once
 * and read each well-formed file with a hand-written check instead of a generic parse. A file the
 * hand-written check does not accept goes through the module, which refuses it (or decides it)
 * exactly as a single call does.
 */
import {
  type ContextInput,
  type EvalContext,
  formatPath,
  makeContext,
  PolicyHistory,
  type Provenance,
  type TraceEntry,
  ZhiduError,
} from '@zhidu/core';
import { type RecordsContext, resolveContext } from './context.js';
import { completenessFast, handoverFast } from './fast-decision.js';
import { recordsCompleteness, recordsHandover } from './modules.js';
import { type RecordsPolicy, trustRecordsPolicy } from './policy.js';

type CompletenessDecision = ReturnType<(typeof recordsCompleteness)['evaluate']>;
type HandoverDecision = ReturnType<(typeof recordsHandover)['evaluate']>;
type CompletenessFile = Parameters<(typeof recordsCompleteness)['evaluate']>[0];
type HandoverFile = Parameters<(typeof recordsHandover)['evaluate']>[0];
type PolicyArg = Parameters<(typeof recordsCompleteness)['evaluate']>[1];

/**
 * The completeness check of many files under one policy and context: one decision per file, in
 * order, each equal to `checkCompleteness(files[i], policy, ctx)` (result, violations, trace and
 * provenance). The policy and the context are validated once; each well-formed file is read by a
 * hand-written check of `CompletenessInputSchema` (no copy of the file is made); any other file goes
 * through the `records.completeness` module, which refuses it exactly as a single call does. A
 * refusal names the file: its path is the single call's, with the file's index after `input`
 * (`input[3].documents[0].id`). Under a `PolicyHistory` each file is a single call.
 *
 * @param files - the files, each a `records.completeness` input
 * @param policy - a records policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone` (and `calendar`), shared by every file
 * @returns one decision per file, in order
 * @throws ZhiduError `invalid_input` at `input` when `files` is not an array; the refusal of the
 *   first file a single call refuses, with the file's index in its path
 * @example
 * const ds = completenessBatch(
 *   [
 *     { fileTypeId: 'afterSalesMaintenanceFile', fileId: 'RO-1', responsible: { personId: 'sa1' },
 *       documents: [{ id: 'receptionSheet', signatures: { customer: 'ok', staff: 'ok' } }] },
 *     { fileTypeId: 'afterSalesMaintenanceFile', fileId: 'RO-2', responsible: { personId: 'sa1' } },
 *   ],
 *   recordsCompleteness.preset('dealer-files'),
 *   { now: '2024-03-06T10:00:00+08:00' },
 * );
 * ds.map((d) => d.value.result.missingDocuments.length); //=> [3, 4]
 */
export function completenessBatch(
  files: readonly CompletenessFile[],
  policy: PolicyArg,
  ctx: EvalContext | ContextInput,
): CompletenessDecision[] {
  return runBatch(
    files,
    policy,
    ctx,
    recordsCompleteness,
    (policyValue, time) => (file) => completenessFast(file, policyValue, time),
  );
}

/**
 * The handover check of many files under one policy and context: one decision per file, in order,
 * each equal to `checkHandover(files[i], policy, ctx)` (result, violations, trace and provenance).
 * The policy and the context are validated once, each well-formed file is read by a hand-written
 * check of `HandoverInputSchema`, and each deadline is computed once per triggering instant's local
 * day and time; any other file goes through the `records.handover` module, which refuses it exactly
 * as a single call does. A refusal names the file: its path is the single call's, with the file's
 * index after `input` (`input[3].handedOverAt`). Under a `PolicyHistory` each file is a single call.
 *
 * @param files - the files, each a `records.handover` input
 * @param policy - a records policy (JSON, validated, compiled, or a `PolicyHistory`)
 * @param ctx - `now`, `zone` and `calendar` (working days are counted: pass a calendar), shared by every file
 * @returns one decision per file, in order
 * @throws ZhiduError `invalid_input` at `input` when `files` is not an array, `calendar_required`
 *   without a calendar; the refusal of the first file a single call refuses, with the file's index
 *   in its path
 * @example
 * const ds = handoverBatch(
 *   [
 *     { fileTypeId: 'newCarSalesFile', fileId: 'VIN1', responsible: { personId: 'sc1', role: 'salesConsultant' },
 *       events: { delivery: '2024-03-04T10:00:00+08:00' }, handedOverAt: '2024-03-11T10:00:00+08:00' },
 *     { fileTypeId: 'newCarSalesFile', fileId: 'VIN2', responsible: { personId: 'sc1', role: 'salesConsultant' },
 *       events: { delivery: '2024-03-04T10:00:00+08:00' }, handedOverAt: '2024-03-06T10:00:00+08:00' },
 *   ],
 *   recordsHandover.preset('dealer-files'),
 *   { now: '2024-03-12T00:00:00+08:00', calendar: chinaCalendar() },
 * );
 * ds.map((d) => d.value.result.outcomes[0]?.status); //=> ['late', 'onTime']
 */
export function handoverBatch(
  files: readonly HandoverFile[],
  policy: PolicyArg,
  ctx: EvalContext | ContextInput,
): HandoverDecision[] {
  return runBatch(
    files,
    policy,
    ctx,
    recordsHandover,
    (policyValue, time) => (file) => handoverFast(file, policyValue, time),
  );
}

/** A decision before its provenance. */
type Bare<D extends { value: unknown; provenance: Provenance }> = { value: D['value']; trace: TraceEntry[] };

/**
 * The batch loop: the first file through the module (which validates the context, the policy and
 * the calendar requirement, and gives the provenance), every other one through `fast` when it
 * accepts the file (`undefined`: the module decides it).
 */
function runBatch<F, D extends { value: unknown; trace: TraceEntry[]; provenance: Provenance }>(
  files: readonly F[],
  policy: PolicyArg,
  ctx: EvalContext | ContextInput,
  module: {
    evaluate(file: F, policy: PolicyArg, ctx: EvalContext | ContextInput): D;
    compile(policy: unknown): { compiled: unknown };
  },
  prepare: (
    policy: RecordsPolicy,
    time: ReturnType<typeof resolveContext>,
  ) => (file: unknown) => Bare<D> | undefined,
): D[] {
  if (!Array.isArray(files)) {
    throw new ZhiduError(
      'invalid_input',
      ['input'],
      `批量检查的输入须为档案数组 / a batch check takes an array of files, got ${files === null ? 'null' : typeof files}`,
    );
  }
  const out: D[] = [];
  const one = (i: number): D => {
    try {
      return module.evaluate(files[i] as F, policy, ctx);
    } catch (e) {
      throw indexed(e, i);
    }
  };
  if (files.length === 0) {
    // Nothing to decide, but a bad policy or context is still refused.
    if (!(policy instanceof PolicyHistory)) module.compile(policy);
    contextOf(ctx);
    return out;
  }
  const first = one(0);
  out.push(first);
  if (policy instanceof PolicyHistory) {
    for (let i = 1; i < files.length; i++) out.push(one(i));
    return out;
  }
  // The module accepted the context and the policy with the first file: both are valid from here
  // (and the module's validated policy is the one its single calls read).
  const policyValue = trustRecordsPolicy(module.compile(policy).compiled as RecordsPolicy);
  const evalCtx = contextOf(ctx);
  const time = resolveContext(
    { now: evalCtx.now, zone: evalCtx.zone, calendar: evalCtx.calendar } satisfies RecordsContext,
    policyValue,
  );
  const fast = prepare(policyValue, time);
  const plain = first.provenance;
  let provisional: Provenance | undefined;
  for (let i = 1; i < files.length; i++) {
    let bare: Bare<D> | undefined;
    try {
      bare = fast(files[i]);
    } catch (e) {
      if (!(e instanceof ZhiduError)) bare = undefined;
      else throw indexed(e, i, ['input']);
    }
    if (bare === undefined) {
      out.push(one(i));
      continue;
    }
    let provenance = plain;
    if (isProvisional(bare.trace) !== plain.calendar.provisional) {
      provisional ??= Object.freeze({
        ...plain,
        calendar: Object.freeze({ ...plain.calendar, provisional: !plain.calendar.provisional }),
      });
      provenance = provisional;
    }
    out.push({ value: bare.value, trace: bare.trace, provenance } as D);
  }
  return out;
}

/** Whether a trace has a figure computed beyond the calendar's data (as core's provenance reads it). */
function isProvisional(trace: readonly TraceEntry[]): boolean {
  for (const t of trace) {
    if (t.rule === 'zhidu.calendar.provisional' || t.rule === 'zhidu.calendar.workweek') return true;
  }
  return false;
}

/** The context as the module reads it (a plain context object made into an `EvalContext`). */
function contextOf(ctx: EvalContext | ContextInput): EvalContext {
  const c = ctx as Partial<EvalContext> | null;
  if (
    c !== null &&
    typeof c === 'object' &&
    typeof c.now === 'string' &&
    typeof c.zone === 'string' &&
    typeof c.calendar?.isWorkday === 'function'
  )
    return c as EvalContext;
  try {
    return makeContext(ctx as ContextInput);
  } catch (e) {
    throw e instanceof ZhiduError ? indexed(e, undefined, ['ctx']) : e;
  }
}

/**
 * A file's refusal with the file's index in its path: `input…` becomes `input[i]…`; a path
 * relative to the file (`prefix` given) is put under `input[i]`; policy and context refusals are
 * left as they are (or put under `prefix` when there is no index).
 */
function indexed(e: unknown, i: number | undefined, prefix?: readonly string[]): unknown {
  if (!(e instanceof ZhiduError)) return e;
  const path = e.path;
  let next: (string | number)[];
  if (prefix !== undefined) next = i === undefined ? [...prefix, ...path] : [...prefix, i, ...path];
  else if (path[0] === 'input' && i !== undefined) next = ['input', i, ...path.slice(1)];
  else return e;
  const suffix = path.length > 0 ? ` (at ${formatPath(path)})` : '';
  const message = suffix && e.message.endsWith(suffix) ? e.message.slice(0, -suffix.length) : e.message;
  return new ZhiduError(e.code, next, message, e.details);
}
