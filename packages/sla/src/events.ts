import {
  describeValue,
  type Instant,
  InstantSchema,
  parseInput,
  recordOf,
  toEpochMs,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { AttributesSchema } from './conditions.js';

/**
 * One domain event in the log an SLA evaluation reads (compute-on-read): a complaint received, a
 * technician arriving, a document obtained. `subject` groups the events of one case; `attributes`
 * accumulate on the subject (a later event may set `grade` or `amountYuan`); `assignees` name the
 * person holding each responsible role, so a breach can be charged to someone.
 */
export const SlaEventSchema = z
  .object({
    id: z.string().min(1).optional(),
    type: z.string().min(1),
    subject: z.string().min(1),
    at: InstantSchema,
    /**
     * When the fact was recorded (entered in the system), if later than `at`: a postponement logged
     * hours after it was agreed. Default `at`. An evaluation at `now` reads only the events recorded
     * by `now`, and a breach reported before a late record stays reported unless a policy `excuses`
     * rule allows it. A record before the fact happened is refused.
     */
    recordedAt: InstantSchema.optional(),
    actor: z
      .object({ personId: z.string().min(1), role: z.string().min(1).optional() })
      .strict()
      .optional(),
    attributes: AttributesSchema.optional(),
    assignees: recordOf(z.string(), z.string().min(1)).optional(),
  })
  .strict();
export type SlaEvent = z.output<typeof SlaEventSchema>;
export type SlaEventInput = z.input<typeof SlaEventSchema>;

/**
 * The epoch milliseconds at which an event was recorded (`recordedAt`, default `at`).
 *
 * @internal
 */
export function recordedMs(event: { ms: number; recordedAt?: string | undefined }): number {
  return event.recordedAt === undefined ? event.ms : toEpochMs(event.recordedAt);
}

/** An event after validation, with its epoch milliseconds cached for ordering and arithmetic. */
export type ParsedEvent = SlaEvent & { readonly ms: number; readonly index: number };

/**
 * Validates an event log and checks the ordering rule every zhidu module follows: events are in
 * time order within a subject; any interleaving between subjects is accepted; events at the same
 * instant keep their given order. A subject out of order is refused, not sorted: it usually means a
 * lost or replayed event, and re-sorting would hide it (ARCHITECTURE principle 5). The result is in
 * time order (a stable sort), each event keeping the `index` it had in the log.
 *
 * @param events - the raw events
 * @returns the parsed events in time order, with cached epoch milliseconds and their log index
 * @throws ZhiduError `invalid_input` for a malformed event, `out_of_order` when an event is earlier
 *   than the one before it of the same subject
 * @example
 * parseEvents([{ type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' }])[0]?.ms; //=> 1715305500000
 * parseEvents([
 *   { type: 'planProposed', subject: 'c1', at: '2024-05-10T10:30:00+08:00' },
 *   { type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' },
 * ]); // throws ZhiduError out_of_order
 */
export function parseEvents(events: readonly SlaEventInput[]): ParsedEvent[] {
  if (!Array.isArray(events))
    throw new ZhiduError('invalid_input', ['events'], '事件须为数组 / events must be an array');
  // One parse of the whole log (a refusal names the event: ['events', i, …]).
  return orderEvents(parseInput(SlaEventsSchema, events, ['events']));
}

/** A log of events, as {@link parseEvents} parses it. @internal */
export const SlaEventsSchema = z.array(SlaEventSchema);

/**
 * {@link parseEvents} on events already parsed by {@link SlaEventSchema} (a module's input): checks
 * the time order within each subject and orders the log, without parsing the events again. Internal
 * to the package.
 *
 * @param events - the parsed events
 * @param subjectsChecked - true when the caller has already refused a subject out of time order (a
 *   module declaring `order` has, with its own message): the per-subject check is not repeated
 */
export function orderEvents(events: readonly SlaEvent[], subjectsChecked = false): ParsedEvent[] {
  const out: ParsedEvent[] = [];
  const previous = subjectsChecked ? undefined : new Map<string, number>();
  let sorted = true;
  let tailMs = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as SlaEvent;
    const ms = toEpochMs(event.at);
    if (previous !== undefined) {
      const last = previous.get(event.subject);
      if (last !== undefined && ms < last) {
        throw new ZhiduError(
          'out_of_order',
          ['events', index, 'at'],
          `事件 ${index}（${event.type}）早于同一对象 ${event.subject} 的前一事件：同一对象的事件须按时间顺序 / event ${index} (${event.type}) at ${event.at} is earlier than the event before it of subject ${event.subject}: the events of one subject must be in time order`,
        );
      }
      previous.set(event.subject, ms);
    }
    if (event.recordedAt !== undefined && toEpochMs(event.recordedAt) < ms) {
      throw new ZhiduError(
        'invalid_input',
        ['events', index, 'recordedAt'],
        `事件 ${index}（${event.type}）的记录时间 ${event.recordedAt} 早于事件发生时间 ${event.at} / event ${index} (${event.type}) is recorded at ${event.recordedAt}, before it happened at ${event.at}`,
      );
    }
    if (ms < tailMs) sorted = false;
    tailMs = ms;
    out.push({ ...event, ms, index });
  }
  // Array.prototype.sort is stable: same-instant events keep their given order.
  return sorted ? out : out.sort((a, b) => a.ms - b.ms);
}

/**
 * Keeps the events that had happened by `now` (inclusive). Evaluating at `now` is, by
 * construction, evaluating this prefix of the log.
 *
 * @param events - parsed, ordered events
 * @param now - the evaluation instant
 * @returns the prefix of events at or before `now`
 * @example
 * const log = parseEvents([
 *   { type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' },
 *   { type: 'planProposed', subject: 'c1', at: '2024-05-10T10:30:00+08:00' },
 * ]);
 * eventsUpTo(log, '2024-05-10T02:00:00.000Z').map((e) => e.type); //=> ['received'] (10:00 in Beijing)
 */
export function eventsUpTo(events: readonly ParsedEvent[], now: Instant): ParsedEvent[] {
  if (!Array.isArray(events)) {
    throw new ZhiduError('invalid_input', ['events'], '事件须为数组 / events must be an array');
  }
  const limit = toEpochMs(now, ['now']);
  const out: ParsedEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const ms = (e as { ms?: unknown } | null | undefined)?.ms;
    if (e === null || typeof e !== 'object' || typeof ms !== 'number' || !Number.isFinite(ms)) {
      throw new ZhiduError(
        'invalid_input',
        ['events', i],
        `须为 parseEvents 给出的事件（含 ms），实际为 ${describeValue(e)} / expected an event as parseEvents gives it (with ms), got ${describeValue(e)}`,
      );
    }
    if (ms <= limit) out.push(e);
  }
  return out;
}
