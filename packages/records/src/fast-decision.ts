import { compiledFileTypeOf, judgeCompleteness } from './completeness.js';
import type { ResolvedContext } from './context.js';
import { handoverView, instantOrUndefined, isCompletenessFile } from './fast-input.js';
import { compiledHandoverOf, judgeHandover } from './handover.js';
import type { RecordsPolicy } from './policy.js';

type Judged = ReturnType<typeof judgeCompleteness>;
type JudgedH = ReturnType<typeof judgeHandover>;

/**
 * The `records.completeness` decision of a file the hand-written check accepts, under a validated
 * policy; `undefined` for any other file (the module's general path parses and decides it). Shared
 * by the module's fast path and `completenessBatch`.
 *
 * @internal
 */
export function completenessFast(
  file: unknown,
  policy: RecordsPolicy,
  time: ResolvedContext,
):
  | { value: { result: Judged['result']; violations: Judged['violations'] }; trace: Judged['trace'] }
  | undefined {
  if (!isCompletenessFile(file)) return undefined;
  const checkedAt = instantOrUndefined(file.checkedAt);
  const correctedAt = instantOrUndefined(file.correctedAt);
  if (checkedAt === null || correctedAt === null) return undefined;
  const j = judgeCompleteness(
    file,
    compiledFileTypeOf(policy, file.fileTypeId),
    checkedAt ?? time.now,
    correctedAt,
  );
  return { value: { result: j.result, violations: j.violations }, trace: j.trace };
}

/**
 * The `records.handover` decision of a file the hand-written check accepts, under a validated
 * policy; `undefined` for any other file. Shared by the module's fast path and `handoverBatch`.
 *
 * @internal
 */
export function handoverFast(
  file: unknown,
  policy: RecordsPolicy,
  time: ResolvedContext,
):
  | { value: { result: JudgedH['result']; violations: JudgedH['violations'] }; trace: JudgedH['trace'] }
  | undefined {
  const view = handoverView(file);
  if (view === undefined) return undefined;
  const j = judgeHandover(view, compiledHandoverOf(policy, view.fileTypeId), time);
  return { value: { result: j.result, violations: j.violations }, trace: j.trace };
}
