import { type Instant, InstantSchema, parseInput, toEpochMs, ZhiduError } from '@zhidu/core';
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
    actor: z
      .object({ personId: z.string().min(1), role: z.string().min(1).optional() })
      .strict()
      .optional(),
    attributes: AttributesSchema.optional(),
    assignees: z.record(z.string(), z.string().min(1)).optional(),
  })
  .strict();
export type SlaEvent = z.output<typeof SlaEventSchema>;
export type SlaEventInput = z.input<typeof SlaEventSchema>;

/** An event after validation, with its epoch milliseconds cached for ordering and arithmetic. */
export type ParsedEvent = SlaEvent & { readonly ms: number; readonly index: number };

/**
 * Validates an event log and checks it is in time order. Out-of-order logs are refused, not
 * sorted: a log whose order is wrong usually means a lost or replayed event, and re-sorting would
 * hide it (ARCHITECTURE principle 5).
 *
 * @param events - the raw events
 * @returns the parsed events with cached epoch milliseconds
 * @throws ZhiduError `invalid_input` for a malformed event, `out_of_order` when an event is earlier than the one before it
 * @example
 * parseEvents([{ type: 'complaint.received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' }]);
 */
export function parseEvents(events: readonly unknown[]): ParsedEvent[] {
  if (!Array.isArray(events)) throw new ZhiduError('invalid_input', ['events'], 'events must be an array');
  const out: ParsedEvent[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  events.forEach((raw, index) => {
    const event = parseInput(SlaEventSchema, raw, ['events', index]);
    const ms = toEpochMs(event.at);
    if (ms < previous) {
      throw new ZhiduError(
        'out_of_order',
        ['events', index, 'at'],
        `event ${index} (${event.type}) at ${event.at} is earlier than the event before it`,
      );
    }
    previous = ms;
    out.push({ ...event, ms, index });
  });
  return out;
}

/**
 * Keeps the events that had happened by `now` (inclusive). Evaluating at `now` is, by
 * construction, evaluating this prefix of the log.
 *
 * @param events - parsed, ordered events
 * @param now - the evaluation instant
 * @returns the prefix of events at or before `now`
 * @example
 * eventsUpTo(parseEvents(log), '2024-05-10T02:00:00.000Z');
 */
export function eventsUpTo(events: readonly ParsedEvent[], now: Instant): ParsedEvent[] {
  const limit = toEpochMs(now);
  return events.filter((e) => e.ms <= limit);
}
