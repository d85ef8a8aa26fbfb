import type { EvalContext, Provenance } from '@zhidu/core';
import { plainConstructor } from '@zhidu/core';
import type { judgeCompleteness } from './completeness.js';
import {
  type AssembledCompleteness,
  type AssembledDecision,
  assembledCompleteness,
} from './completeness-fast.js';
import { type ResolvedContext, resolveContext } from './context.js';
import { handoverView } from './fast-input.js';
import { compiledHandoverOf, judgeHandover } from './handover.js';
import { type RecordsPolicy, trustRecordsPolicy } from './policy.js';

type Judged = ReturnType<typeof judgeCompleteness>;
type JudgedH = ReturnType<typeof judgeHandover>;

/** The policy trusted last (a caller evaluating many files under one policy trusts it once). */
let lastTrusted: RecordsPolicy | undefined;
/** The context resolved last, by value (`now`, `zone`, `calendar`): the same for every call with them. */
let lastTime: { now: string; zone: string; calendar: object; time: ResolvedContext } | undefined;

/**
 * The records context of a module's context, as `resolveContext` gives it (the zone is the
 * context's: an `EvalContext` always names one, so the policy's zone is not read); remembered for
 * the last `now`, `zone` and `calendar`. Throws what `resolveContext` throws.
 */
function timeOf(ctx: EvalContext, policy: RecordsPolicy): ResolvedContext {
  if (policy !== lastTrusted) {
    trustRecordsPolicy(policy);
    lastTrusted = policy;
  }
  // Each of the context's values read once, as the module's general path reads them.
  const { now, zone, calendar } = ctx;
  const t = lastTime;
  if (t !== undefined && t.now === now && t.zone === zone && t.calendar === calendar) return t.time;
  const time = resolveContext({ now, zone, calendar }, policy);
  lastTime = { now, zone, calendar, time };
  return time;
}

/**
 * The `records.completeness` decision of a file the hand-written checks accept, under a validated
 * policy (the module's compiled policy) and the module's context; `undefined` for any other file
 * (the module's general path parses and decides it). A file the assembled path reads
 * (`assembledCompleteness`) gets the shared parts of its state; any other file is left to the
 * module's general path. May throw (a context the records checks refuse): the module's
 * fast path then steps aside.
 *
 * @internal
 */
export function completenessFast(
  file: unknown,
  policy: RecordsPolicy,
  ctx: EvalContext,
):
  | { value: { result: Judged['result']; violations: Judged['violations'] }; trace: Judged['trace'] }
  | undefined {
  const time = timeOf(ctx, policy);
  let assembled: AssembledCompleteness | undefined;
  const t = tried;
  if (t !== undefined && t.file === file && t.policy === policy && t.now === time.now) {
    // (the assembled path has just read this file for `assembledDecision`: its outcome again, not a
    // second read of the file's getters)
    tried = undefined;
    if (t.threw) throw t.error;
    assembled = t.value;
  } else assembled = assembledCompleteness(file, policy, time.now);
  if (assembled !== undefined) return assembled;
  // Any other file (file-level fields or copies, a defect, a shape the assembled path does not
  // read) takes the module's general path: core's input parser reads it as zod does (a hidden key
  // by name, only own enumerable keys of a record, each value once) into a copy, which the rule
  // then reads as often as it needs.
  return undefined;
}

/**
 * The assembled path's outcome for the file `assembledDecision` has just left to the module (it
 * did not read the file, threw while reading it, or read a state without a plain provenance): the
 * module's fast path, given that file next under the same policy and `now`, takes this outcome
 * instead of reading the file again, so a file's getters are read as often as by the module alone
 * (a getter answering by how often it is read gave another decision).
 */
let tried:
  | {
      file: unknown;
      policy: RecordsPolicy;
      now: string;
      threw: boolean;
      error: unknown;
      value: AssembledCompleteness | undefined;
    }
  | undefined;

/**
 * The whole `records.completeness` decision (provenance included) of a file the assembled path
 * reads, under the module's compiled policy and a context the module has just decided a file under
 * with `provenance` as its plain provenance (what the module's direct path returns for the file);
 * `undefined` for any other file (the caller then evaluates it through the module, and calls
 * {@link assembledTryDone} after it). May throw (the caller then evaluates the file through the
 * module, and calls {@link assembledTryDone} after it). The module's fast path, given the file it
 * left next, takes this call's outcome instead of reading the file again.
 *
 * @internal
 */
export function assembledDecision(
  file: unknown,
  policy: RecordsPolicy,
  ctx: EvalContext,
  provenance: Provenance,
): AssembledDecision | undefined {
  const now = timeOf(ctx, policy).now;
  let d: AssembledDecision | AssembledCompleteness | undefined;
  try {
    d = assembledCompleteness(file, policy, now, provenance);
  } catch (error) {
    tried = { file, policy, now, threw: true, error, value: undefined };
    throw error;
  }
  if (d !== undefined && (d as Partial<AssembledDecision>).provenance !== undefined)
    return d as AssembledDecision;
  tried = { file, policy, now, threw: false, error: undefined, value: d };
  return undefined;
}

/** Whether `key` is an accessor (a getter or setter) on `o` or the first of its prototypes that has it. */
function accessorOf(o: object, key: string): boolean {
  for (let x: object | null = o; x !== null; x = Object.getPrototypeOf(x)) {
    const d = Object.getOwnPropertyDescriptor(x, key);
    if (d !== undefined) return d.get !== undefined || d.set !== undefined;
  }
  return false;
}

/**
 * Whether a context's `now`, `zone`, `calendar` and `seed` and its calendar's `isWorkday` and
 * `zone` are data properties (or absent), looked up without reading them (no getter runs). A
 * context kept for later calls (the named checks' prepared pair, a batch's direct arguments) is
 * read once per call, where the module reads its `now` up to three times and its zone twice, and
 * is made into an evaluation context once more than the module makes it (a calendar's zone is read
 * when a context without a zone is made): a getter answering by how often it is read would give
 * the two other values. Only a context this says true of is kept; any other goes through the
 * module on every call, read exactly as the module reads it. (A `Proxy` is looked up through its
 * traps: one that answers by how often it is read is not seen here.)
 *
 * @internal
 */
export function contextOfData(ctx: object): boolean {
  // (a Proxy whose descriptor or prototype trap throws is not kept either: the module, which looks
  // up neither, decides under it on every call)
  try {
    if (accessorOf(ctx, 'now') || accessorOf(ctx, 'zone') || accessorOf(ctx, 'calendar')) return false;
    if (accessorOf(ctx, 'seed')) return false;
    const calendar = (ctx as { calendar?: unknown }).calendar;
    return (
      calendar === null ||
      typeof calendar !== 'object' ||
      !(accessorOf(calendar, 'isWorkday') || accessorOf(calendar, 'zone'))
    );
  } catch {
    return false;
  }
}

/**
 * Forgets the outcome `assembledDecision` kept for the module's fast path (called once the module
 * has evaluated the file it left; the fast path has then taken it).
 *
 * @internal
 */
export function assembledTryDone(): void {
  tried = undefined;
}

/**
 * The `records.handover` decision of a file the hand-written check accepts, under a validated
 * policy and the module's context; `undefined` for any other file. May throw (the module's fast
 * path then steps aside).
 *
 * @internal
 */
export function handoverFast(
  file: unknown,
  policy: RecordsPolicy,
  ctx: EvalContext,
):
  | { value: { result: JudgedH['result']; violations: JudgedH['violations'] }; trace: JudgedH['trace'] }
  | undefined {
  const time = timeOf(ctx, policy);
  const view = handoverView(file);
  if (view === undefined) return undefined;
  const j = judgeHandover(view, handoverTypeOf(policy, view.fileTypeId), time);
  return new HandoverFast(new HandoverValue(j.result, j.violations), j.trace);
}

/*
 * The handover decision's wrappers built by `new` on constructors whose prototype is
 * `Object.prototype`: plain objects as the literals they replace, made without a V8 allocation
 * site (see completeness-fast.ts: a site whose objects outlived a collection once has every later
 * object allocated in the old generation).
 */
type HandoverFastDecision = {
  value: { result: JudgedH['result']; violations: JudgedH['violations'] };
  trace: JudgedH['trace'];
};
/** `{ result, violations }`. */
const HandoverValue = plainConstructor(function HandoverValue(
  this: HandoverFastDecision['value'],
  result: JudgedH['result'],
  violations: JudgedH['violations'],
) {
  this.result = result;
  this.violations = violations;
});
/** `{ value, trace }`. */
const HandoverFast = plainConstructor(function HandoverFast(
  this: HandoverFastDecision,
  value: HandoverFastDecision['value'],
  trace: JudgedH['trace'],
) {
  this.value = value;
  this.trace = trace;
});

/** The file type prepared last (under a validated policy): a loop over files of one type looks it up once. */
let lastHandover:
  | { policy: RecordsPolicy; fileTypeId: string; ch: ReturnType<typeof compiledHandoverOf> }
  | undefined;

/** `compiledHandoverOf` of a validated policy, remembered for the last policy and file type. */
function handoverTypeOf(policy: RecordsPolicy, fileTypeId: string): ReturnType<typeof compiledHandoverOf> {
  const last = lastHandover;
  if (last !== undefined && last.policy === policy && last.fileTypeId === fileTypeId) return last.ch;
  const ch = compiledHandoverOf(policy, fileTypeId);
  lastHandover = { policy, fileTypeId, ch };
  return ch;
}
