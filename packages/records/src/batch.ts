/**
 * Many files under one policy and one context (issue 21): `completenessBatch` and `handoverBatch`
 * return, for each file, exactly the decision `checkCompleteness` / `checkHandover` returns for it
 * (same result, violations, trace and provenance): each file goes through the module, whose fast
 * path reads a well-formed file by hand and whose caches validate the policy and the context once
 * (a completeness file the assembled path reads takes its decision from that path directly, with
 * the provenance the module gave the files before it); a refusal names the file's index.
 */
import {
  type ContextInput,
  type EvalContext,
  formatPath,
  makeContext,
  PolicyHistory,
  ZhiduError,
} from '@zhidu/core';
import { assembledDecision, assembledTryDone, contextOfData } from './fast-decision.js';
import { recordsCompleteness, recordsHandover } from './modules.js';
import type { RecordsPolicy } from './policy.js';

type CompletenessDecision = ReturnType<(typeof recordsCompleteness)['evaluate']>;
type HandoverDecision = ReturnType<(typeof recordsHandover)['evaluate']>;
type CompletenessFile = Parameters<(typeof recordsCompleteness)['evaluate']>[0];
type HandoverFile = Parameters<(typeof recordsHandover)['evaluate']>[0];
type PolicyArg = Parameters<(typeof recordsCompleteness)['evaluate']>[1];

/**
 * The completeness check of many files under one policy and context: one decision per file, in
 * order, each equal to `checkCompleteness(files[i], policy, ctx)` (result, violations, trace and
 * provenance): the policy and the context are validated once, a well-formed file is read by hand
 * (no copy of the file is made) and its decision assembled from parts shared by every file in the
 * same state (with the provenance the module gave the files before it, without a call of the
 * module per file); any other file is a call of the `records.completeness` module, parsed and
 * refused (or decided) exactly as a single call does. A refusal names the
 * file: its path is the single call's, with the file's index after `input`
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
  return runBatch(files, policy, ctx, recordsCompleteness, assembledFile);
}

/**
 * A file's whole decision from the assembled path (issue 21): no call of the module, whose direct
 * path would return the same value and trace with `provenance` (its plain provenance under the
 * compiled policy and the context); `undefined` for a file that path does not read, or when it
 * throws (the file then goes through the module, whose fast path takes this call's outcome instead
 * of reading the file again; call `assembledTryDone` once the module has evaluated it).
 *
 * @internal
 */
export function assembledFile(
  file: unknown,
  compiled: unknown,
  ctx: EvalContext,
  provenance: CompletenessDecision['provenance'],
): CompletenessDecision | undefined {
  try {
    return assembledDecision(file, (compiled as { compiled: RecordsPolicy }).compiled, ctx, provenance) as
      | CompletenessDecision
      | undefined;
  } catch {
    return undefined;
  }
}

/**
 * The handover check of many files under one policy and context: one decision per file, in order,
 * each equal to `checkHandover(files[i], policy, ctx)` (result, violations, trace and provenance).
 * Each file is a call of the `records.handover` module: the policy and the context are validated
 * once, each well-formed file is read by a hand-written check of `HandoverInputSchema`, and each
 * deadline is computed once per triggering instant's local day and time; any other file is parsed
 * and refused (or decided) exactly as a single call does. A refusal names the file: its path is the single call's, with the file's
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
  return runBatch(files, policy, ctx, recordsHandover);
}

/**
 * The batch loop: each file through the module (whose fast path reads a well-formed file by hand,
 * and whose caches validate the policy and the context once for the whole batch), a refusal
 * naming the file's index. With `quick`: once a file has been decided under the compiled policy
 * and the batch's context with a plain provenance, each further file under them is first given to
 * `quick`, which returns its whole decision (that provenance included) or `undefined` (the file
 * then goes through the module).
 */
function runBatch<F, D extends { provenance: { calendar: { provisional: boolean } } }>(
  files: readonly F[],
  policy: PolicyArg,
  ctx: EvalContext | ContextInput,
  module: {
    evaluate(file: F, policy: PolicyArg, ctx: EvalContext | ContextInput): D;
    compile(policy: unknown): unknown;
  },
  quick?: (file: unknown, compiled: unknown, ctx: EvalContext, provenance: D['provenance']) => D | undefined,
): D[] {
  if (!Array.isArray(files)) {
    throw new ZhiduError(
      'invalid_input',
      ['input'],
      `批量检查的输入须为档案数组 / a batch check takes an array of files, got ${files === null ? 'null' : typeof files}`,
    );
  }
  const n = files.length;
  if (n === 0) {
    // Nothing to decide, but a bad policy or context is still refused.
    if (!(policy instanceof PolicyHistory)) module.compile(policy);
    try {
      makeContext(ctx as ContextInput);
    } catch (e) {
      throw indexed(e, undefined, ['ctx']);
    }
    return [];
  }
  const out: D[] = [];
  try {
    out.push(module.evaluate(files[0] as F, policy, ctx));
  } catch (e) {
    throw indexed(e, 0);
  }
  // The first file passed every check of the policy and the context: the others are evaluated
  // under the compiled policy and one context made from `ctx` (core's direct path, which skips the
  // per-call context lookup, policy lookup and provenance slot check), as long as `ctx` still holds
  // the same `now`, `zone` and `calendar` (the check core's context cache makes).
  const direct = n > 1 ? directArgs(policy, ctx, module) : undefined;
  // The plain provenance of a decision made under the direct arguments (core's direct path gives
  // it to every decision under them whose trace names no figure beyond the calendar's data).
  let provenance: D['provenance'] | undefined;
  for (let i = 1; i < n; i++) {
    let p = policy;
    let c = ctx;
    if (direct !== undefined) {
      const plain = ctx as ContextInput;
      if (plain.now === direct.now && plain.zone === direct.zone && plain.calendar === direct.calendar) {
        p = direct.policy;
        c = direct.ctx;
        if (
          provenance !== undefined &&
          quick !== undefined &&
          typeof direct.ctx.calendar.isWorkday === 'function'
        ) {
          const d = quick(files[i], p, direct.ctx, provenance);
          if (d !== undefined) {
            out.push(d);
            continue;
          }
        }
      }
    }
    let d: D;
    try {
      d = module.evaluate(files[i] as F, p, c);
    } catch (e) {
      throw indexed(e, i);
    } finally {
      if (quick !== undefined) assembledTryDone();
    }
    if (provenance === undefined && c === direct?.ctx && d.provenance.calendar.provisional === false)
      provenance = d.provenance;
    out.push(d);
  }
  return out;
}

/**
 * The compiled policy and the context made from a plain context `{ now, zone?, calendar? }`
 * (what the module's own context cache makes of it) or the context itself when it names its zone
 * and a calendar (the module takes such a context as it is), with the values the context was made
 * from; `undefined` under a `PolicyHistory`, for a context with a `seed` (made per call: its random
 * source has state), without a `now` string, or with a getter among the keys the module reads
 * (`contextOfData`).
 */
function directArgs(
  policy: PolicyArg,
  ctx: EvalContext | ContextInput,
  module: { compile(policy: unknown): unknown },
): { policy: PolicyArg; ctx: EvalContext; now: unknown; zone: unknown; calendar: unknown } | undefined {
  if (policy instanceof PolicyHistory) return undefined;
  // (a context with a getter is read by the module for every file, as often as the module reads it)
  if (ctx === null || typeof ctx !== 'object' || !contextOfData(ctx)) return undefined;
  const plain = ctx as ContextInput;
  const { now, zone, calendar } = plain;
  if (typeof now !== 'string' || plain.seed !== undefined) return undefined;
  const asItIs =
    typeof zone === 'string' &&
    typeof (calendar as { isWorkday?: unknown } | undefined)?.isWorkday === 'function';
  try {
    const made = asItIs ? (ctx as EvalContext) : makeContext(plain);
    return { policy: module.compile(policy) as PolicyArg, ctx: made, now, zone, calendar };
  } catch {
    return undefined;
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
