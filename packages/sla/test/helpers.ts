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
