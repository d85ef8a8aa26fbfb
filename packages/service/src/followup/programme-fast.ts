import { firstRepeat, type Instant, parseInput, toEpochMs, toInstant, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import {
  type Completion,
  type ProgrammeInput,
  ProgrammeInputSchema,
  type Trigger,
  TriggerSchema,
} from './programme-schema.js';

/** The validated input of `measureProgramme`. */
export type ParsedProgramme = { triggers: Trigger[]; completions: Completion[] };

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  return Object.getPrototypeOf(v) === Object.prototype;
};
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The canonical instant of a string, or undefined when it is not a valid instant. */
function instantOf(v: unknown): Instant | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    return toInstant(v);
  } catch {
    return undefined;
  }
}

/** Copies a list of strings, or undefined when it is not one. */
function stringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: string[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const s = v[i];
    if (typeof s !== 'string') return undefined;
    out[i] = s;
  }
  return out;
}

/** A trigger as `TriggerSchema` outputs it, or undefined to let zod judge it. */
function fastTrigger(t: unknown): Trigger | undefined {
  if (!isPlain(t)) return undefined;
  // (`for…in`, as zod's strict object: an inherited enumerable key is unknown too)
  for (const k in t) {
    if (
      k !== 'id' &&
      k !== 'type' &&
      k !== 'at' &&
      k !== 'subjectId' &&
      k !== 'personId' &&
      k !== 'level' &&
      k !== 'flags'
    )
      return undefined;
  }
  const { id, type, at, subjectId, personId, level, flags } = t;
  if (!nonEmpty(id) || !nonEmpty(type)) return undefined;
  const instant = instantOf(at);
  if (instant === undefined) return undefined;
  // Keys in the schema's order, as zod builds them; an optional key given as undefined goes to zod.
  const out: Trigger = { id, type, at: instant };
  if ('subjectId' in t) {
    if (typeof subjectId !== 'string') return undefined;
    out.subjectId = subjectId;
  }
  if ('personId' in t) {
    if (typeof personId !== 'string') return undefined;
    out.personId = personId;
  }
  if ('level' in t) {
    if (typeof level !== 'string') return undefined;
    out.level = level;
  }
  if ('flags' in t) {
    const list = stringList(flags);
    if (list === undefined) return undefined;
    out.flags = list;
  }
  return out;
}

/** A completion as `CompletionSchema` outputs it, or undefined to let zod judge it. */
function fastCompletion(c: unknown): Completion | undefined {
  if (!isPlain(c)) return undefined;
  // (`for…in`, as zod's strict object: an inherited enumerable key is unknown too)
  for (const k in c) {
    if (
      k !== 'triggerId' &&
      k !== 'action' &&
      k !== 'at' &&
      k !== 'personId' &&
      k !== 'role' &&
      k !== 'channel'
    )
      return undefined;
  }
  const { triggerId, action, at, personId, role, channel } = c;
  if (!nonEmpty(triggerId) || !nonEmpty(action)) return undefined;
  const instant = instantOf(at);
  if (instant === undefined) return undefined;
  const out: Completion = { triggerId, action, at: instant };
  if ('personId' in c) {
    if (typeof personId !== 'string') return undefined;
    out.personId = personId;
  }
  if ('role' in c) {
    if (typeof role !== 'string') return undefined;
    out.role = role;
  }
  if ('channel' in c) {
    if (typeof channel !== 'string') return undefined;
    out.channel = channel;
  }
  return out;
}

/**
 * The input of `measureProgramme` as `ProgrammeInputSchema` outputs it, built directly when every
 * trigger and completion is plainly well formed (string instants, no unknown or undefined keys);
 * undefined otherwise, so that zod judges the input and names what is wrong.
 */
function fastProgramme(input: unknown): ParsedProgramme | undefined {
  const lists = programmeLists(input);
  if (lists === undefined) return undefined;
  const { triggers, completions } = lists;
  const ts: Trigger[] = new Array(triggers.length);
  for (let i = 0; i < triggers.length; i++) {
    const t = fastTrigger(triggers[i]);
    if (t === undefined) return undefined;
    ts[i] = t;
  }
  const cs: Completion[] = new Array(completions.length);
  for (let i = 0; i < completions.length; i++) {
    const c = fastCompletion(completions[i]);
    if (c === undefined) return undefined;
    cs[i] = c;
  }
  return { triggers: ts, completions: cs };
}

/**
 * Validates the input of `measureProgramme`: the same value `parseInput(ProgrammeInputSchema, input,
 * ['input'])` returns, and the same `ZhiduError` (code, path, message) for a bad input, which always
 * goes through zod. A programme of 100,000 well-formed follow-ups is checked field by field without
 * zod's per-entry machinery.
 *
 * @param input - triggers and completions, as given
 * @returns the validated triggers and completions (instants canonical)
 * @throws ZhiduError `invalid_input`, `unknown_key` … at the bad field under `input`
 * @example
 * parseProgrammeInput({
 *   triggers: [{ id: 'K-01', type: 'complaintHandled', at: '2024-03-04T10:00:00+08:00' }],
 *   completions: [],
 * }).triggers[0].at; //=> '2024-03-04T02:00:00.000Z'
 */
export function parseProgrammeInput(input: ProgrammeInput | unknown): ParsedProgramme {
  return fastProgramme(input) ?? parseInput(ProgrammeInputSchema, input, ['input']);
}

/**
 * Validates the triggers of `scheduleFollowUps`: the value `parseInput(z.array(TriggerSchema),
 * triggers, ['triggers'])` returns, or its `ZhiduError`.
 *
 * @param triggers - the triggers, as given
 * @returns the validated triggers (instants canonical)
 * @throws ZhiduError `invalid_input`, `unknown_key` … at the bad field under `triggers`
 * @example
 * parseTriggers([{ id: 'K-01', type: 'complaintHandled', at: '2024-03-04T10:00:00+08:00' }])[0].at; //=> '2024-03-04T02:00:00.000Z'
 */
export function parseTriggers(triggers: unknown): Trigger[] {
  return parseInput(TriggerListSchema, triggers, ['triggers']);
}
const TriggerListSchema = z.array(TriggerSchema);

/**
 * Refuses a trigger id given a second time, at the second trigger: completions name their trigger by
 * its id, and a trigger listed twice had its follow-up (and its breach) counted twice.
 *
 * @param ids - the triggers' ids, in input order
 * @param at - the path of the trigger list (`['triggers']`, or `['input', 'triggers']`)
 * @throws ZhiduError `duplicate` at `[...at, i, 'id']`, `i` the second trigger with the id
 * @example
 * refuseRepeatedTriggers(['K-01', 'K-02', 'K-01'], ['triggers']); // throws duplicate at triggers[2].id
 */
export function refuseRepeatedTriggers(ids: readonly string[], at: readonly (string | number)[]): void {
  const i = firstRepeat(ids, (id) => id);
  if (i !== -1) throw repeatedTrigger(ids[i] as string, [...at, i, 'id']);
}

/** The refusal of a trigger id given a second time, at `path` (the second trigger's `id`). @internal */
export function repeatedTrigger(id: string, path: (string | number)[]): ZhiduError {
  return new ZhiduError('duplicate', path, `触发事项 ${id} 重复列出 / trigger ${id} is listed twice`);
}

/** The triggers of a validated programme, one array per field (index = the trigger's position). */
export type TriggerColumns = {
  length: number;
  id: string[];
  type: string[];
  /** Each instant as given (when read directly) or canonical (when zod read it); `ms` is its epoch ms. */
  at: string[];
  ms: Float64Array;
  subjectId: (string | undefined)[];
  personId: (string | undefined)[];
  level: (string | undefined)[];
  flags: (string[] | undefined)[];
};

/**
 * The completions of a validated programme as `measureProgramme` reads them, one array per field
 * (index = the completion's position): no object per completion, which a call kept alive to its end
 * (copied by each young collection it lived through). A field no completion gives has no array.
 */
export type CompletionTable = {
  length: number;
  /** The trigger id of each completion. */
  ids: string[];
  action: string[];
  /** Each instant as given (when read directly) or canonical (when zod read it); `ms` is its epoch ms. */
  at: string[];
  ms: Float64Array;
  personId: (string | undefined)[] | undefined;
  role: (string | undefined)[] | undefined;
  channel: (string | undefined)[] | undefined;
};

/** A validated programme as columns: what `measureProgramme` reads, without an object per entry. */
export type ProgrammeColumns = {
  triggers: TriggerColumns;
  completions: CompletionTable;
};

/** Empty columns for `n` triggers. */
export function triggerColumns(n: number): TriggerColumns {
  return {
    length: n,
    id: new Array(n),
    type: new Array(n),
    at: new Array(n),
    ms: new Float64Array(n),
    subjectId: new Array(n),
    personId: new Array(n),
    level: new Array(n),
    flags: new Array(n),
  };
}

/** The path `msOf` hands core (its refusals are caught): one shared array, not a new one per instant. */
const NO_PATH: readonly (string | number)[] = Object.freeze([]);

/** The instants `InstantSchema` accepts: years 1000–9999 in UTC (what `toInstant` checks). */
const YEAR_1000_MS = Date.UTC(1000, 0, 1);
const YEAR_10000_MS = Date.UTC(10000, 0, 1);

/** Epoch ms of an instant string as `InstantSchema` reads it, or NaN when it refuses it. */
function msOf(v: unknown): number {
  if (typeof v !== 'string') return Number.NaN;
  let ms: number;
  try {
    ms = toEpochMs(v, NO_PATH as (string | number)[]);
  } catch {
    return Number.NaN;
  }
  // (`1000-01-01T00:00:00+08:00` reads, but is 0999 in UTC: InstantSchema refuses it)
  return ms >= YEAR_1000_MS && ms < YEAR_10000_MS ? ms : Number.NaN;
}

/** Canonical ISO UTC, core's `Instant` (what `toInstant` leaves as it is). */
export const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The canonical instant (what `InstantSchema` outputs) of an instant string already read to `ms`:
 * the string itself when it is canonical, else the ISO string of `ms` — core `toInstant`'s answer,
 * without its cache (10^5 distinct instants only churn it).
 *
 * @param at - an instant string core's `toEpochMs` accepted
 * @param ms - its epoch milliseconds
 * @returns the canonical ISO UTC instant
 * @example
 * canonicalAt('2024-03-04T10:00:00+08:00', 1709517600000); //=> '2024-03-04T02:00:00.000Z'
 * canonicalAt('2024-03-04T02:00:00.000Z', 1709517600000); //=> '2024-03-04T02:00:00.000Z' (the same string)
 */
export function canonicalAt(at: string, ms: number): Instant {
  return at.length === 24 && CANONICAL.test(at) ? at : new Date(ms).toISOString();
}

/**
 * The `{ triggers, completions }` arrays of a programme given as a plain object with exactly those
 * two keys, or undefined (zod then judges it).
 */
export function programmeLists(input: unknown): { triggers: unknown[]; completions: unknown[] } | undefined {
  if (!isPlain(input)) return undefined;
  // Every key `for…in` shows is one of the two (zod refuses any other), and both are there (read by
  // name, as zod reads them: a hidden one counts, and cannot make room for an unknown key).
  for (const k in input) if (k !== 'triggers' && k !== 'completions') return undefined;
  const { triggers, completions } = input;
  if (!Array.isArray(triggers) || !Array.isArray(completions)) return undefined;
  return { triggers, completions };
}

/**
 * Writes trigger `i` into `T` when it is plainly well formed — as `TriggerSchema` checks it: no
 * unknown key, no optional key given as undefined (zod keeps the key), the instant a string — each
 * field read once; false (nothing trusted) otherwise, so that zod judges the input.
 */
export function readTrigger(t: unknown, T: TriggerColumns, i: number): boolean {
  if (!isPlain(t)) return false;
  // `for … in` reads the keys without an array per entry; an inherited enumerable key (none on a
  // plain object unless Object.prototype was given one) is unknown here, so zod judges that input.
  for (const k in t) {
    if (
      k !== 'id' &&
      k !== 'type' &&
      k !== 'at' &&
      k !== 'subjectId' &&
      k !== 'personId' &&
      k !== 'level' &&
      k !== 'flags'
    )
      return false;
  }
  const { id, type, at, subjectId, personId, level, flags } = t;
  if (!nonEmpty(id) || !nonEmpty(type)) return false;
  const ms = msOf(at);
  if (Number.isNaN(ms)) return false;
  if (subjectId !== undefined ? typeof subjectId !== 'string' : 'subjectId' in t) return false;
  if (personId !== undefined ? typeof personId !== 'string' : 'personId' in t) return false;
  if (level !== undefined ? typeof level !== 'string' : 'level' in t) return false;
  let list: string[] | undefined;
  if (flags !== undefined || 'flags' in t) {
    list = stringList(flags);
    if (list === undefined) return false;
  }
  T.id[i] = id;
  T.type[i] = type;
  T.at[i] = at as string;
  T.ms[i] = ms;
  T.subjectId[i] = subjectId as string | undefined;
  T.personId[i] = personId as string | undefined;
  T.level[i] = level as string | undefined;
  T.flags[i] = list;
  return true;
}

/** An empty {@link CompletionTable} of `n` completions, the optional fields without arrays. */
function completionTable(n: number): CompletionTable {
  return {
    length: n,
    ids: new Array(n),
    action: new Array(n),
    at: new Array(n),
    ms: new Float64Array(n),
    personId: undefined,
    role: undefined,
    channel: undefined,
  };
}

/** Writes completion `i`'s fields into `out` (an optional field's array made at its first value). */
function putCompletion(
  out: CompletionTable,
  i: number,
  triggerId: string,
  action: string,
  at: string,
  ms: number,
  personId: string | undefined,
  role: string | undefined,
  channel: string | undefined,
): void {
  out.ids[i] = triggerId;
  out.action[i] = action;
  out.at[i] = at;
  out.ms[i] = ms;
  if (personId !== undefined) {
    if (out.personId === undefined) out.personId = new Array(out.length);
    out.personId[i] = personId;
  }
  if (role !== undefined) {
    if (out.role === undefined) out.role = new Array(out.length);
    out.role[i] = role;
  }
  if (channel !== undefined) {
    if (out.channel === undefined) out.channel = new Array(out.length);
    out.channel[i] = channel;
  }
}

/**
 * The completions of a programme as columns when every one is plainly well formed (as
 * {@link readTrigger} for triggers), each field read once; undefined otherwise.
 */
export function readCompletions(completions: readonly unknown[]): CompletionTable | undefined {
  // One array per field (the long arrays sit in old space: storing the input's strings there costs no
  // young-generation bookkeeping), the instants' ms in a typed array (no boxed number per completion);
  // a record per completion was an object the call kept alive, copied by each young collection.
  const out = completionTable(completions.length);
  for (let i = 0; i < completions.length; i++) {
    const c: unknown = completions[i];
    if (!isPlain(c)) return undefined;
    for (const k in c) {
      if (
        k !== 'triggerId' &&
        k !== 'action' &&
        k !== 'at' &&
        k !== 'personId' &&
        k !== 'role' &&
        k !== 'channel'
      )
        return undefined;
    }
    const { triggerId, action, at, personId, role, channel } = c;
    if (!nonEmpty(triggerId) || !nonEmpty(action)) return undefined;
    const ms = msOf(at);
    if (Number.isNaN(ms)) return undefined;
    if (personId !== undefined ? typeof personId !== 'string' : 'personId' in c) return undefined;
    if (role !== undefined ? typeof role !== 'string' : 'role' in c) return undefined;
    if (channel !== undefined ? typeof channel !== 'string' : 'channel' in c) return undefined;
    putCompletion(
      out,
      i,
      triggerId,
      action,
      at as string,
      ms,
      personId as string | undefined,
      role as string | undefined,
      channel as string | undefined,
    );
  }
  return out;
}

/** A well-formed programme read straight into columns, or undefined (zod then judges it). */
function fastColumns(input: unknown): ProgrammeColumns | undefined {
  const lists = programmeLists(input);
  if (lists === undefined) return undefined;
  const T = triggerColumns(lists.triggers.length);
  for (let i = 0; i < lists.triggers.length; i++) if (!readTrigger(lists.triggers[i], T, i)) return undefined;
  const C = readCompletions(lists.completions);
  return C === undefined ? undefined : { triggers: T, completions: C };
}

/**
 * The columns of a validated programme (its instants canonical): what `measureProgramme` reads of a
 * programme zod (or the `service.followup` module's parse) has already checked, without checking it
 * again.
 *
 * @param p - triggers and completions as `ProgrammeInputSchema` outputs them
 * @returns the programme as columns (instants with their epoch ms)
 * @example
 * columnsOf({
 *   triggers: [{ id: 'K-01', type: 'complaintHandled', at: '2024-03-04T02:00:00.000Z' }],
 *   completions: [],
 * }).triggers.ms[0]; //=> 1709517600000
 */
export function columnsOf(p: ParsedProgramme): ProgrammeColumns {
  const T = triggerColumns(p.triggers.length);
  p.triggers.forEach((t, i) => {
    T.id[i] = t.id;
    T.type[i] = t.type;
    T.at[i] = t.at;
    T.ms[i] = toEpochMs(t.at);
    T.subjectId[i] = t.subjectId;
    T.personId[i] = t.personId;
    T.level[i] = t.level;
    T.flags[i] = t.flags;
  });
  const C = completionTable(p.completions.length);
  p.completions.forEach((c, i) => {
    putCompletion(C, i, c.triggerId, c.action, c.at, toEpochMs(c.at), c.personId, c.role, c.channel);
  });
  return { triggers: T, completions: C };
}

/**
 * Validates the input of `measureProgramme` into columns: a well-formed programme is read field by
 * field in one pass (no zod, no object per entry); anything else goes through
 * {@link parseProgrammeInput}, so a refusal is zod's (code, path, message) and an input zod accepts
 * in another form (epoch-ms instants, an optional key given as undefined) reads the same.
 *
 * @param input - triggers and completions, as given
 * @returns the validated programme as columns (instants with their epoch ms)
 * @throws ZhiduError `invalid_input`, `unknown_key` … at the bad field under `input`
 * @example
 * const p = readProgramme({
 *   triggers: [{ id: 'K-01', type: 'complaintHandled', at: '2024-03-04T10:00:00+08:00' }],
 *   completions: [],
 * });
 * p.triggers.ms[0]; //=> 1709517600000
 * canonicalAt(p.triggers.at[0], p.triggers.ms[0]); //=> '2024-03-04T02:00:00.000Z'
 */
export function readProgramme(input: ProgrammeInput | unknown): ProgrammeColumns {
  return fastColumns(input) ?? columnsOf(parseProgrammeInput(input));
}
