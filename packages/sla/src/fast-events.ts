import { plainConstructor, recordShaped, toEpochMs, toInstant } from '@zhidu/core';
import type { ParsedEvent } from './events.js';

/**
 * The fast input path of the `sla.timers` module (issue 21): reads a well-formed `{ events }` input
 * in one pass — each event's shape and types checked by hand, its instants made canonical by core's
 * `toInstant` (the very function `InstantSchema` runs), its epoch milliseconds, the time order within
 * each subject and `recordedAt` not before `at` — and builds the parsed, ordered events the timer
 * engine reads, each field as the general path (`parseInput` on the module's input schema, core's
 * order check, `orderEvents`) would build it, without copying them again.
 *
 * It never refuses: on anything it does not accept (a wrong type, a missing or unknown key, a bad
 * instant, an event out of order, an inherited or symbol key, a class instance, an `undefined`
 * value…) it answers `undefined`, and the general path then parses the input and builds the refusal
 * (code, path and bilingual message) exactly as before.
 *
 * @param input - the module's raw input
 * @returns the parsed events in time order, or `undefined` to step aside
 * @example
 * readTimerEventsFast({ events: [{ type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' }] })?.[0]?.at;
 * //=> '2024-05-10T01:45:00.000Z'
 * readTimerEventsFast({ events: [{ type: 'received', subject: 'c1', at: 'yesterday' }] }); //=> undefined
 */
export function readTimerEventsFast(input: unknown): ParsedEvent[] | undefined {
  try {
    return readEvents(input);
  } catch {
    // A throwing getter or proxy, a bad instant: the general path decides (and refuses).
    return undefined;
  }
}

const OBJECT_PROTO = Object.prototype;

/** The path handed to `toEpochMs` for an instant `toInstant` already wrote (never reported). */
const NO_PATH: readonly never[] = [];

/** An instant as the events hold it: `toInstant`'s canonical form and its epoch milliseconds. */
interface ReadInstant {
  at: string;
  ms: number;
}

/**
 * The texts of instants read so far (issue 21): a log read again at every evaluation gives the same
 * few thousand `at` texts, and both readings below are pure in the text. Bounded at 20,000.
 */
const READ = new Map<string, ReadInstant>();

/**
 * `toInstant(at)` and the epoch milliseconds of that canonical instant (remembered for a text, see
 * {@link READ}); throws what `toInstant` throws.
 */
function readInstant(at: string | number): ReadInstant {
  const instant = toInstant(at);
  // A canonical instant (toInstant's) is always read: the path is never reported, and a constant
  // one spares an empty list per event.
  const read = { at: instant, ms: toEpochMs(instant, NO_PATH) };
  if (typeof at === 'string') {
    if (READ.size >= 20_000) READ.clear();
    READ.set(at, read);
  }
  return read;
}

/** A plain object (prototype `Object.prototype` or null), not an array. */
function isPlain(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === OBJECT_PROTO || proto === null;
}

/** A non-empty string (zod's `.min(1)`: one code unit is at least one code point). */
function isName(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

/**
 * A parsed event without an id, a record time or an actor: `type`, `subject`, `at`, then
 * `attributes` and `assignees` when given (an absent one is no key at all), `ms` and `index`, the
 * keys in the order the general path writes them. Made by `new` on a function whose `prototype` is
 * `Object.prototype`: the same plain object as the literal, without a V8 allocation site (issue 21:
 * a log's events are all alive until the evaluation ends, so a young-generation collection during
 * it had the literals' sites allocate every later evaluation's events in the old generation).
 */
const Parsed = plainConstructor(function Parsed(
  this: Record<string, unknown>,
  type: string,
  subject: string,
  at: string,
  attributes: Record<string, unknown> | undefined,
  assignees: Record<string, string> | undefined,
  ms: number,
  index: number,
) {
  this.type = type;
  this.subject = subject;
  this.at = at;
  if (attributes !== undefined) this.attributes = attributes;
  if (assignees !== undefined) this.assignees = assignees;
  this.ms = ms;
  this.index = index;
});

function readEvents(input: unknown): ParsedEvent[] | undefined {
  if (!isPlain(input)) return undefined;
  // The input is `{ events }` and nothing else (strict: own enumerable keys, none inherited).
  let keys = 0;
  for (const k in input) {
    if (k !== 'events' || !Object.hasOwn(input, k)) return undefined;
    keys++;
  }
  if (keys !== 1) return undefined;
  const events = input.events;
  if (!Array.isArray(events)) return undefined;
  const n = events.length;
  const out: ParsedEvent[] = new Array(n);
  // Whether the whole log is in time order (then so is each subject's: the order rule holds).
  let sorted = true;
  let tailMs = Number.NEGATIVE_INFINITY;
  // Each subject's last instant, once the log is out of time order (see the order rule below).
  let last: Map<string, number> | undefined;
  for (let index = 0; index < n; index++) {
    const e = events[index];
    if (!isPlain(e)) return undefined;
    let id: unknown;
    let type: unknown;
    let subject: unknown;
    let at: unknown;
    let recordedAt: unknown;
    let actor: unknown;
    let attributes: unknown;
    let assignees: unknown;
    let hasId = false;
    let hasRecorded = false;
    let hasActor = false;
    let hasAttributes = false;
    let hasAssignees = false;
    for (const k in e) {
      if (!Object.hasOwn(e, k)) return undefined;
      const v = e[k];
      // An optional key given as `undefined`: the general path reads it.
      if (v === undefined) return undefined;
      switch (k) {
        case 'type':
          type = v;
          break;
        case 'subject':
          subject = v;
          break;
        case 'at':
          at = v;
          break;
        case 'id':
          id = v;
          hasId = true;
          break;
        case 'recordedAt':
          recordedAt = v;
          hasRecorded = true;
          break;
        case 'actor':
          actor = v;
          hasActor = true;
          break;
        case 'attributes':
          attributes = v;
          hasAttributes = true;
          break;
        case 'assignees':
          assignees = v;
          hasAssignees = true;
          break;
        default:
          return undefined;
      }
    }
    // zod reads each key of the schema by name: an optional one `for…in` did not show (hidden, or
    // inherited) must hold nothing, or the general path reads it.
    if (
      (!hasId && e.id !== undefined) ||
      (!hasRecorded && e.recordedAt !== undefined) ||
      (!hasActor && e.actor !== undefined) ||
      (!hasAttributes && e.attributes !== undefined) ||
      (!hasAssignees && e.assignees !== undefined)
    )
      return undefined;
    if (!isName(type) || !isName(subject) || (hasId && !isName(id))) return undefined;
    if (typeof at !== 'string' && typeof at !== 'number') return undefined;
    // What InstantSchema returns (it runs `toInstant`) and its epoch ms; a bad instant throws:
    // stepped aside.
    const read = (typeof at === 'string' ? READ.get(at) : undefined) ?? readInstant(at);
    const instant = read.at;
    const ms = read.ms;
    let recorded: string | undefined;
    if (hasRecorded) {
      if (typeof recordedAt !== 'string' && typeof recordedAt !== 'number') return undefined;
      recorded = toInstant(recordedAt);
      // A record before the fact: refused by the general path.
      if (toEpochMs(recorded) < ms) return undefined;
    }
    // The order rule: an event before its subject's previous one is refused by the general path.
    // Read from the first event out of time order on (until then the log is in time order, and so
    // is each subject's: no map written per event of a log in order, issue 21), and at this very
    // event, so that no later event of a log the fast path steps aside from is read.
    if (ms < tailMs) {
      sorted = false;
      if (last === undefined) {
        last = new Map();
        for (let i = 0; i < index; i++) {
          const p = out[i] as ParsedEvent;
          last.set(p.subject, p.ms);
        }
      }
    }
    tailMs = ms;
    if (last !== undefined) {
      const prev = last.get(subject as string);
      if (prev !== undefined && ms < prev) return undefined;
      last.set(subject as string, ms);
    }
    // The parsed event: the schema's keys in the schema's order, then `ms` and `index`. Without an
    // id, a record time or an actor (most logs), built whole in that order (issue 21: no property
    // store grown key by key for each of 10^4 events).
    if (!hasId && !hasRecorded && !hasActor) {
      let attrs: Record<string, unknown> | undefined;
      let roles: Record<string, string> | undefined;
      if (hasAttributes) {
        attrs = readAttributes(attributes);
        if (attrs === undefined) return undefined;
      }
      if (hasAssignees) {
        roles = readAssignees(assignees);
        if (roles === undefined) return undefined;
      }
      out[index] = new Parsed(type, subject, instant, attrs, roles, ms, index) as unknown as ParsedEvent;
      continue;
    }
    const parsed: Record<string, unknown> = {};
    if (hasId) parsed.id = id;
    parsed.type = type;
    parsed.subject = subject;
    parsed.at = instant;
    if (hasRecorded) parsed.recordedAt = recorded;
    if (hasActor) {
      const a = readActor(actor);
      if (a === undefined) return undefined;
      parsed.actor = a;
    }
    if (hasAttributes) {
      const a = readAttributes(attributes);
      if (a === undefined) return undefined;
      parsed.attributes = a;
    }
    if (hasAssignees) {
      const a = readAssignees(assignees);
      if (a === undefined) return undefined;
      parsed.assignees = a;
    }
    parsed.ms = ms;
    parsed.index = index;
    out[index] = parsed as unknown as ParsedEvent;
  }
  if (sorted) return out;
  // Array.prototype.sort is stable: same-instant events keep their given order (as `orderEvents`).
  return out.sort((a, b) => a.ms - b.ms);
}

/** `{ personId, role? }`, strict. */
function readActor(v: unknown): Record<string, unknown> | undefined {
  if (!isPlain(v)) return undefined;
  // The values `for…in` shows, each read once; a key it does not show is read by zod by name, so
  // one holding a value (hidden, or inherited) leaves the event to the general path.
  let personId: unknown;
  let role: unknown;
  let hasRole = false;
  for (const k in v) {
    if (!Object.hasOwn(v, k)) return undefined;
    if (k === 'personId') personId = v[k];
    else if (k === 'role') {
      role = v[k];
      hasRole = true;
    } else return undefined;
  }
  if (!isName(personId)) return undefined;
  if (!hasRole) return v.role === undefined ? { personId } : undefined;
  if (!isName(role)) return undefined;
  return { personId, role };
}

/**
 * A record's own keys (of a value core's `recordShaped` accepts: zod's record asks the
 * `constructor`, so any but Object's is zod's to judge), or undefined when it has a key zod's copy
 * would not keep. Symbol keys are not data: core's `recordOf` leaves them out, and so does this copy.
 */
function recordKeys(v: Record<string, unknown>): string[] | undefined {
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (k === '__proto__' || k === 'constructor') return undefined;
  }
  return keys;
}

/** Attributes: strings, finite numbers, booleans, null, or lists of strings (copied). */
function readAttributes(v: unknown): Record<string, unknown> | undefined {
  if (!recordShaped(v)) return undefined;
  const keys = recordKeys(v);
  if (keys === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const x = v[k];
    if (typeof x === 'string' || typeof x === 'boolean' || x === null) out[k] = x;
    else if (typeof x === 'number') {
      if (!Number.isFinite(x)) return undefined;
      out[k] = x;
    } else if (Array.isArray(x)) {
      const list: string[] = new Array(x.length);
      for (let j = 0; j < x.length; j++) {
        if (!Object.hasOwn(x, j)) return undefined;
        const s = x[j];
        if (typeof s !== 'string') return undefined;
        list[j] = s;
      }
      out[k] = list;
    } else return undefined;
  }
  return out;
}

/** Assignees: role → a non-empty person id. */
function readAssignees(v: unknown): Record<string, string> | undefined {
  if (!recordShaped(v)) return undefined;
  const keys = recordKeys(v);
  if (keys === undefined) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const x = v[k];
    if (!isName(x)) return undefined;
    out[k] = x;
  }
  return out;
}
