import { chinaCalendar } from '@zhidu/calendar-cn';
import { type EvalContext, makeContext, type Workflow } from '@zhidu/core';
import type { SlaEventInput, SlaPolicy, TimerState } from '../src/index.js';
import { timerStates } from '../src/timer/evaluate.js';

/** One event, tersely: type, subject, local time (+08:00 assumed when no offset is given). */
export function ev(
  type: string,
  subject: string,
  at: string,
  attributes?: SlaEventInput['attributes'],
  assignees?: Record<string, string>,
): SlaEventInput {
  return {
    type,
    subject,
    at: /[zZ]|[+-]\d\d:\d\d$/.test(at) ? at : `${at}+08:00`,
    ...(attributes ? { attributes } : {}),
    ...(assignees ? { assignees } : {}),
  };
}

/** A context on the PRC statutory calendar at a Shanghai local time. */
export function cn(now: string): EvalContext {
  return makeContext({
    now: /[zZ]|[+-]\d\d:\d\d$/.test(now) ? now : `${now}+08:00`,
    calendar: chinaCalendar(),
  });
}

/** Evaluates and returns the states of one timer (all subjects, all cycles). */
export function timersOf(
  policy: SlaPolicy,
  events: SlaEventInput[],
  now: string,
  timerId: string,
): TimerState[] {
  return timerStates(events, policy, cn(now)).value.filter((s) => s.timerId === timerId);
}

/** The single state of a timer; fails loudly when there is not exactly one. */
export function one(policy: SlaPolicy, events: SlaEventInput[], now: string, timerId: string): TimerState {
  const states = timersOf(policy, events, now, timerId);
  if (states.length !== 1) throw new Error(`expected one ${timerId} state, got ${states.length}`);
  const [s] = states;
  if (!s) throw new Error('unreachable');
  return s;
}

/** A local Shanghai time as the canonical UTC instant string. */
export function utc(local: string): string {
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(local) ? local : `${local}+08:00`).toISOString();
}

/** One workflow step tersely: action, role, facts, person (defaults to `u-<role>`). */
export type Step = [
  action: string,
  role: string,
  facts?: Record<string, string | number | boolean | string[]>,
  personId?: string,
];

/** Workflow steps a minute apart from `startUtc`. */
export const stepsAt =
  (startUtc: string) =>
  (...s: Step[]) =>
    s.map(([action, role, facts, personId], i) => ({
      action,
      at: new Date(Date.parse(startUtc) + i * 60_000).toISOString(),
      actor: { personId: personId ?? `u-${role}`, role },
      ...(facts ? { facts } : {}),
    }));

/** Workflow steps a minute apart from 2024-03-04 09:00 Shanghai. */
export const steps = stepsAt('2024-03-04T01:00:00Z');

/** A preset's workflow by id (throws when the preset has none, which fails the test). */
export const wf = (p: { params: { workflows: Workflow[] } }, id: string): Workflow => {
  const w = p.params.workflows.find((x) => x.id === id);
  if (!w) throw new Error(`no workflow ${id}`);
  return w;
};

/**
 * Where two answers' objects differ as objects, not as values: each object of `got` has the
 * prototype, `constructor`, extensibility and frozenness (arrays excepted: an empty list may be a
 * shared frozen one) of the one at the same place in `want`, the same own keys in the same order
 * (symbols included) and the same property flags. The values themselves are left to
 * `toStrictEqual` and `JSON.stringify`. `kinds` counts the objects seen by place (array indices as
 * `[]`), so a test can check which kinds it reached.
 *
 * @returns the places that differ, with what differs (empty when none)
 */
export function plainShapeDiff(
  got: unknown,
  want: unknown,
  kinds: Map<string, number> = new Map(),
  path = '$',
): string[] {
  if (want === null || typeof want !== 'object') return [];
  if (got === null || typeof got !== 'object') return [`${path}: not an object`];
  const out: string[] = [];
  kinds.set(path, (kinds.get(path) ?? 0) + 1);
  const g = got as Record<string, unknown>;
  const w = want as Record<string, unknown>;
  if (Object.getPrototypeOf(g) !== Object.getPrototypeOf(w)) out.push(`${path}: prototype`);
  if (g.constructor !== w.constructor) out.push(`${path}: constructor`);
  if (Object.isExtensible(g) !== Object.isExtensible(w) && !Array.isArray(w)) out.push(`${path}: extensible`);
  if (Object.isFrozen(g) !== Object.isFrozen(w) && !Array.isArray(w)) out.push(`${path}: frozen`);
  const gk = Reflect.ownKeys(g);
  const wk = Reflect.ownKeys(w);
  if (gk.length !== wk.length || gk.some((k, i) => k !== wk[i]))
    out.push(`${path}: own keys ${String(gk)} against ${String(wk)}`);
  for (const k of wk) {
    const gd = Object.getOwnPropertyDescriptor(g, k);
    const wd = Object.getOwnPropertyDescriptor(w, k);
    if (gd === undefined || wd === undefined) continue;
    if (
      !Array.isArray(w) &&
      (gd.enumerable !== wd.enumerable ||
        gd.configurable !== wd.configurable ||
        gd.writable !== wd.writable ||
        'get' in gd !== 'get' in wd)
    )
      out.push(`${path}.${String(k)}: flags`);
    if (typeof k === 'string' && k !== 'length')
      out.push(...plainShapeDiff(g[k], w[k], kinds, Array.isArray(w) ? `${path}[]` : `${path}.${k}`));
  }
  return out;
}
