import { type Instant, parseInput, toInstant } from '@zhidu/core';
import {
  type Completion,
  type ProgrammeInput,
  ProgrammeInputSchema,
  type Trigger,
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
  for (const k of Object.keys(t)) {
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
  for (const k of Object.keys(c)) {
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
  if (!isPlain(input)) return undefined;
  const keys = Object.keys(input);
  if (keys.length !== 2 || !('triggers' in input) || !('completions' in input)) return undefined;
  const { triggers, completions } = input;
  if (!Array.isArray(triggers) || !Array.isArray(completions)) return undefined;
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
