import { z } from 'zod';
import { ZhiduError } from './errors.js';
import { recordOf } from './record.js';

/** One step of reasoning: which rule, which clause, what it concluded, in Chinese and English. */
export const TraceEntrySchema = z.strictObject({
  rule: z.string().min(1),
  clause: z.string().optional(),
  message: z.strictObject({ zh: z.string(), en: z.string() }),
  data: recordOf(z.string(), z.unknown()).optional(),
});
/** One step of reasoning in a decision's trace. */
export type TraceEntry = z.infer<typeof TraceEntrySchema>;

/** What every evaluation returns: the answer and the reasoning that led to it. */
export interface Decision<T> {
  value: T;
  trace: TraceEntry[];
}

/**
 * Collects trace entries while a rule runs, so module code stays short:
 * `trace.add('S001-ATTR-11', '001 L154', '首访原则…', 'First-visit principle…')`.
 *
 * @example
 * const trace = new Trace();
 * trace.add('S000-COMPLAINT-17', '000 L621', '投诉须在7日内结案', 'Complaints close within 7 days', {
 *   dueAt: '2024-03-08T15:59:59.999Z',
 * });
 * const d = trace.decide({ breached: false });
 * d.value.breached; //=> false
 * d.trace[0]?.rule; //=> 'S000-COMPLAINT-17'
 */
export class Trace {
  readonly entries: TraceEntry[] = [];

  /**
   * Records one step.
   *
   * @param rule - the stable rule id (a catalog id like `S001-ATTR-18`, or a custom rule's id)
   * @param clause - where the regulation says it (seed file and line, article number)
   * @param zh - the conclusion in Chinese
   * @param en - the conclusion in English
   * @param data - the figures the conclusion rests on
   * @returns this, for chaining
   */
  add(
    rule: string,
    clause: string | undefined,
    zh: string,
    en: string,
    data?: Record<string, unknown>,
  ): this {
    const entry: TraceEntry = { rule, message: { zh, en } };
    if (clause !== undefined) entry.clause = clause;
    if (data !== undefined) entry.data = data;
    this.entries.push(entry);
    return this;
  }

  /** Appends entries produced elsewhere (e.g. a sub-decision). */
  append(entries: readonly TraceEntry[]): this {
    // A loop, not `push(...entries)`: spreading 10^5 entries as arguments overflows the call stack.
    for (const entry of entries) this.entries.push(entry);
    return this;
  }

  /**
   * Wraps a value with the collected entries.
   *
   * @example
   * new Trace().add('R1', undefined, '通过', 'passed').decide(true); //=> { value: true, trace: [...] }
   */
  decide<T>(value: T): Decision<T> {
    return { value, trace: [...this.entries] };
  }
}

/**
 * Builds a decision directly.
 *
 * @example
 * decision(42, []); //=> { value: 42, trace: [] }
 */
export function decision<T>(value: T, trace: readonly TraceEntry[] = []): Decision<T> {
  if (!Array.isArray(trace)) {
    throw new ZhiduError(
      'invalid_input',
      ['trace'],
      '轨迹须为数组 / trace must be an array of trace entries',
    );
  }
  return { value, trace: [...trace] };
}
