import {
  calendarBasisTrace,
  type Deadline,
  type DurationSpec,
  type EvalContext,
  formatDuration,
  formatElapsed,
  formatInstant,
  type Instant,
  type InstantInput,
  type Lang,
  type LatenessUnit,
  lateness,
  localDateOf,
  nearestKey,
  ownValue,
  readsWorkCalendar,
  type Trace,
  toEpochMs,
  type Violation,
  violation,
} from '@zhidu/core';
import { type Attributes, matchesAll } from '../conditions.js';
import type { ParsedEvent } from '../events.js';
import type { TimerDefinition } from './definition.js';
import { instantOfMs } from './iso.js';
import { type Instance, type Phase, replay } from './replay.js';
import type { TimerAnomaly, TimerState, TimerStatus } from './state.js';
import { compileTarget, type ResolvedTarget, type TargetResolver } from './target.js';

/**
 * One timer instance on its way through the timer pipeline: what the replay found, what the target
 * resolved to, and the state each later step fills in. The pipeline's result is the `state` of
 * every run, in order (subjects in order of first event, then the timers in policy order, then
 * cycles).
 */
export interface TimerRun {
  /** The timer's definition. */
  definition: TimerDefinition;
  /** The subject id. */
  subject: string;
  /** The subject's events up to `now`, in time order. */
  events: readonly ParsedEvent[];
  /** The subject's attributes, accumulated over those events. */
  attributes: Attributes;
  /** Who holds each responsible role on the subject. */
  assignees: Readonly<Record<string, string>>;
  /** The replay's account of this cycle: phase, start and stop instants, pauses, agreed extensions. */
  instance: Instance;
  /** What the timer's target resolved to (set by the deadline step; absent before it, or when not started). */
  target?: ResolvedTarget;
  /**
   * Epoch milliseconds whose local dates the calendar was read for (a working-time target's span,
   * business minutes, a lateness in working time); the breach step names their calendar basis.
   */
  calendarMs: number[];
  /** The state so far; the final state once every step has run. */
  state: TimerState;
}

function usesBusinessTime(def: TimerDefinition): boolean {
  const t = def.target;
  if (t.kind === 'duration') return readsWorkCalendar(t.spec.unit);
  if (t.kind === 'byAttribute')
    return [...t.cases.map((c) => c.spec), ...(t.otherwise ? [t.otherwise] : [])].some((s) =>
      readsWorkCalendar(s.unit),
    );
  return false;
}

/** The duration spec a resolved deadline came from, when it came from one. */
function chosenSpec(def: TimerDefinition, resolved: ResolvedTarget): DurationSpec | undefined {
  const t = def.target;
  if (t.kind === 'duration') return t.spec;
  if (t.kind !== 'byAttribute' || resolved.kind !== 'deadline') return undefined;
  return resolved.caseIndex === undefined ? t.otherwise : t.cases[resolved.caseIndex]?.spec;
}

/** A phase's status in a state. @internal */
export function statusOf(phase: Phase): TimerStatus {
  if (phase === 'stopped') return 'met';
  return phase;
}

function isAfter(deadline: Deadline & { ms: number }, ms: number): boolean {
  return deadline.inclusive ? ms > deadline.ms : ms >= deadline.ms;
}

/** Whether the replay started this cycle (later steps only compute started cycles). */
function started(run: TimerRun): run is TimerRun & { instance: { startMs: number; startAt: Instant } } {
  return run.instance.startMs !== undefined && run.instance.startAt !== undefined;
}

/** The top-level conditions of a list that test one attribute for equality with a string. */
function equalityTests(conditions: TimerDefinition['appliesWhen']): [string, string][] | undefined {
  const out: [string, string][] = [];
  for (const c of conditions ?? []) {
    if (!('attribute' in c) || typeof c.attribute !== 'string' || typeof c.equals !== 'string') continue;
    out.push([c.attribute, c.equals]);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * False when one of the tests fails on the attributes (so `conditionsHold` on the list is false too:
 * a string `equals` holds only on an own attribute with that very string); true otherwise.
 */
export function passesEqualities(tests: [string, string][] | undefined, attributes: Attributes): boolean {
  if (tests === undefined) return true;
  // By index (issue 21: destructuring each pair in a `for…of` allocated an iterator result per test
  // and subject, a tenth of what a call allocated).
  for (let k = 0; k < tests.length; k++) {
    const test = tests[k] as [string, string];
    const name = test[0];
    if (!Object.hasOwn(attributes, name) || attributes[name] !== test[1]) return false;
  }
  return true;
}

/** The definitions indexed for the replay step (see {@link timerIndex}). */
export interface TimerIndex {
  /** The event types each definition reads (its matchers' and extensions'). */
  types: ReadonlySet<string>[];
  /** Each definition's top-level `{ attribute, equals: <string> }` tests (undefined: none). */
  tests: ([string, string][] | undefined)[];
  /** Definitions by their first such test: [attribute, value → indices in policy order]. */
  equalities: [string, Map<string, number[]>][];
  /** Definitions with no such test, in policy order. */
  untested: number[];
}

/**
 * Indexes definitions by the event types they read and by their first string equality, so a
 * subject visits only the definitions its own attribute values select (issue 21: the 004 preset's
 * 98 timers are one per table row, `row` = T5-03…; a subject reads one or two of them). A
 * definition whose first equality fails on the subject's attributes cannot hold, and one none of
 * whose event types occur for the subject cannot produce a state for it, so the visited
 * definitions yield the same runs as visiting all of them in policy order.
 */
export function timerIndex(definitions: readonly TimerDefinition[]): TimerIndex {
  const types: ReadonlySet<string>[] = [];
  const tests: ([string, string][] | undefined)[] = [];
  const byEquality = new Map<string, Map<string, number[]>>();
  const untested: number[] = [];
  for (let i = 0; i < definitions.length; i++) {
    const d = definitions[i] as TimerDefinition;
    const read = new Set<string>();
    // Each list in turn, without a list of them per definition and call (issue 21).
    readTypes(read, d.open);
    readTypes(read, d.start);
    readTypes(read, d.stop);
    readTypes(read, d.pause);
    readTypes(read, d.resume);
    readTypes(read, d.reset);
    readTypes(read, d.cancel);
    readTypes(read, d.extend);
    types.push(read);
    const t = equalityTests(d.appliesWhen);
    tests.push(t);
    const first = t?.[0];
    if (first === undefined) {
      untested.push(i);
      continue;
    }
    let byValue = byEquality.get(first[0]);
    if (byValue === undefined) {
      byValue = new Map();
      byEquality.set(first[0], byValue);
    }
    const bucket = byValue.get(first[1]);
    if (bucket === undefined) byValue.set(first[1], [i]);
    else bucket.push(i);
  }
  return { types, tests, equalities: [...byEquality], untested };
}

/** The rule id of the note {@link noteUnselected} adds. */
export const UNSELECTED_RULE = 'zhidu.sla.unselected';

/**
 * Adds a note for a subject no timer applied to, when its value of an attribute the timers select
 * on is none of the values they test but near one of them — a misspelt `row: 'T5-3'` for `T5-03`
 * gave an empty result without a word. The note names the attribute, the value, the values the
 * timers test and the nearest of them. Nothing is added when every such value is one the timers test,
 * or is far from all of them (`level: 'major'` where only general complaints are timed: a subject the
 * policy leaves untimed). Both timer paths call it at the same point, the end of a subject.
 */
export function noteUnselected(
  trace: Pick<Trace, 'add'>,
  index: TimerIndex,
  attributes: Attributes,
  subject: string,
): void {
  for (const [name, byValue] of index.equalities) {
    if (!Object.hasOwn(attributes, name)) continue;
    const value = attributes[name];
    if (typeof value !== 'string' || byValue.has(value)) continue;
    const known = [...byValue.keys()];
    const guess = nearestKey(value, known);
    // Only a value near one the timers test reads as a slip: a value far from all of them (a major
    // complaint where only general ones are timed) is a subject the policy leaves untimed on purpose.
    if (guess === undefined) continue;
    const shown = known.length > 8 ? `${known.slice(0, 8).join(', ')} … (${known.length})` : known.join(', ');
    trace.add(
      UNSELECTED_RULE,
      undefined,
      `对象 ${subject} 没有适用的计时器：${name} 为 "${value}"，不是计时器所检验的值（${shown}）；是否应为 "${guess}"？`,
      `no timer applies to ${subject}: ${name} is "${value}", none of the values the timers test (${shown}); did you mean "${guess}"?`,
      { subject, attribute: name, value, nearest: guess },
    );
    return;
  }
}

/** Adds each matcher's type to `read`: an array by index, anything else as `for…of` reads it. */
function readTypes(read: Set<string>, list: readonly { type: string }[]): void {
  if (Array.isArray(list)) {
    for (let i = 0; i < list.length; i++) read.add((list[i] as { type: string }).type);
    return;
  }
  for (const m of list) read.add(m.type);
}

const ascending = (x: number, y: number): number => x - y;

/**
 * Sorts a short list of distinct definition indices in place, ascending (the order `sort((x, y) =>
 * x - y)` gives): a subject picks one or two, usually already in order, so no comparator call (a
 * long list is sorted by `sort`). With `count`, only the list's first `count` items are sorted (a
 * list reused from subject to subject keeps older items after them).
 *
 * @param list - the indices
 * @param count - how many of the first items to sort (default all)
 * @example
 * const picked = [7, 2, 5];
 * sortAscending(picked);
 * picked; //=> [2, 5, 7]
 * @internal
 */
export function sortAscending(list: number[], count: number = list.length): void {
  if (count > 16) {
    if (count === list.length) {
      list.sort(ascending);
      return;
    }
    const head = list.slice(0, count).sort(ascending);
    for (let i = 0; i < count; i++) list[i] = head[i] as number;
    return;
  }
  for (let i = 1; i < count; i++) {
    const x = list[i] as number;
    let j = i - 1;
    while (j >= 0 && (list[j] as number) > x) {
      list[j + 1] = list[j] as number;
      j--;
    }
    list[j + 1] = x;
  }
}

/**
 * Replay step: groups the events up to `now` by subject, accumulates each subject's attributes and
 * assignees, and replays every timer that can apply (its `appliesWhen` holds on the final
 * attributes and one of its event types occurs) — open, start, pause, resume, stop, reset, cancel.
 * Events that cannot apply become anomalies, in the state and the trace.
 *
 * @returns one run per timer instance, each with its initial state
 */
export function replayRuns(
  events: readonly ParsedEvent[],
  definitions: readonly TimerDefinition[],
  ctx: EvalContext,
  trace: Trace,
): TimerRun[] {
  const nowMs = toEpochMs(ctx.now);
  const bySubject = new Map<string, ParsedEvent[]>();
  for (const e of events) {
    if (e.ms > nowMs) continue;
    const list = bySubject.get(e.subject);
    if (list) list.push(e);
    else bySubject.set(e.subject, [e]);
  }
  const index = timerIndex(definitions);
  const runs: TimerRun[] = [];
  const seenTypes: string[] = [];
  const picked: number[] = [];
  for (const [subject, list] of bySubject) {
    // The event types of this subject (a handful), in order of first occurrence.
    seenTypes.length = 0;
    let lastType: string | undefined;
    for (const e of list) {
      if (e.type === lastType) continue;
      lastType = e.type;
      if (!seenTypes.includes(e.type)) seenTypes.push(e.type);
    }
    // The attributes after each event, and at the end (what `appliesWhen` reads).
    const attributesAt: Attributes[] = [];
    const assignees: Record<string, string> = {};
    let acc: Attributes = {};
    for (const e of list) {
      if (e.attributes) acc = { ...acc, ...e.attributes };
      if (e.assignees) Object.assign(assignees, e.assignees);
      attributesAt.push(acc);
    }
    const attributes = attributesAt[attributesAt.length - 1] ?? {};
    // The candidates, in policy order: a definition whose first `{ attribute, equals }` test fails
    // cannot hold, so only the bucket of the subject's own value of each tested attribute is read.
    picked.length = 0;
    for (let k = 0; k < index.equalities.length; k++) {
      const [name, byValue] = index.equalities[k] as [string, Map<string, number[]>];
      if (!Object.hasOwn(attributes, name)) continue;
      const value = attributes[name];
      if (typeof value !== 'string') continue;
      const hit = byValue.get(value);
      if (hit !== undefined) for (const i of hit) picked.push(i);
    }
    for (const i of index.untested) picked.push(i);
    if (picked.length > 1) sortAscending(picked);
    let selected = 0;
    for (const i of picked) {
      // A definition none of whose event types occur for the subject cannot produce a state for it.
      const types = index.types[i] as ReadonlySet<string>;
      let reads = false;
      for (const t of seenTypes)
        if (types.has(t)) {
          reads = true;
          break;
        }
      if (!reads) continue;
      const def = definitions[i] as TimerDefinition;
      if (!passesEqualities(index.tests[i], attributes)) continue;
      if (!matchesAll(def.appliesWhen, attributes)) continue;
      selected++;
      for (const inst of replay(def, list, attributesAt)) {
        for (const a of inst.anomalies) {
          trace.add(
            def.rule,
            def.clause,
            `事件无法应用于计时器 ${def.id}:${a.kind}`,
            `event could not be applied to timer ${def.id}: ${a.kind}`,
            { subject, ...a },
          );
        }
        const state: TimerState = {
          timerId: def.id,
          rule: def.rule,
          clause: def.clause,
          subject,
          cycle: inst.cycle,
          status: statusOf(inst.phase),
          severity: def.severity,
          pausedMs: 0,
          elapsedMs: 0,
          warningsReached: [],
          escalationsDue: [],
          violations: [],
          consequences: [],
          anomalies: [...inst.anomalies],
        };
        const run: TimerRun = {
          definition: def,
          subject,
          events: list,
          attributes,
          assignees,
          instance: inst,
          calendarMs: [],
          state,
        };
        if (!started(run)) {
          if (inst.phase === 'cancelled' || inst.phase === 'pending') runs.push(run);
          continue;
        }
        state.startedAt = inst.startAt;
        const endMs = inst.stopMs ?? nowMs;
        const openPause =
          inst.phase === 'paused' && inst.pausedSinceMs !== undefined ? nowMs - inst.pausedSinceMs : 0;
        state.pausedMs = inst.pausedMs + openPause;
        const cap = def.pauseCap;
        if (cap !== undefined && state.pausedMs > cap.maxMinutes * 60_000) {
          state.pausedMs = cap.maxMinutes * 60_000;
          trace.add(
            def.rule,
            def.clause,
            `${def.title.zh}:暂停累计已达上限 ${cap.maxMinutes} 分钟，超出部分照常计时`,
            `${def.title.en}: the clock stood still for its maximum of ${cap.maxMinutes} minutes; paused time beyond it counts`,
            { subject, timerId: def.id, pausedMs: inst.pausedMs + openPause, cappedMs: state.pausedMs },
          );
        }
        state.elapsedMs = Math.max(0, endMs - run.instance.startMs - state.pausedMs);
        if (inst.stopAt !== undefined && inst.phase !== 'cancelled') state.stoppedAt = inst.stopAt;
        runs.push(run);
      }
    }
    if (selected === 0) noteUnselected(trace, index, attributes, subject);
  }
  return runs;
}

/**
 * The run with some fields replaced: a new run, or, when the pipeline owns its runs (`owned`: they
 * were built by its own replay step and no company rule sees them), the same run updated in place.
 * Either way the fields end in the same order.
 */
function withFields(run: TimerRun, fields: Partial<TimerRun>, owned: boolean): TimerRun {
  return owned ? Object.assign(run, fields) : { ...run, ...fields };
}

/** The run with its resolved target (in place when owned: the state is already the run's own). */
function withTarget(run: TimerRun, target: ResolvedTarget, state: TimerState, owned: boolean): TimerRun {
  if (!owned) return { ...run, target, state };
  run.target = target;
  return run;
}

/** The data of a cycle's outcome entry in the breach step's trace. */
function outcomeData(
  subject: string,
  timerId: string,
  startedAt: Instant,
  dueAt: Instant,
  state: TimerState,
): Record<string, unknown> {
  const data: Record<string, unknown> = {
    subject,
    timerId,
    startedAt,
    dueAt,
    stoppedAt: state.stoppedAt ?? null,
    pausedMs: state.pausedMs,
  };
  if (state.provisional) {
    data.provisional = true;
    data.provisionalYears = state.provisionalYears;
  }
  return data;
}

/**
 * Deadline step: resolves each started cycle's target (duration, by attribute, relative, before an
 * event, a measured ceiling), adds the paused time, applies extensions agreed before the due time
 * (S002-SLA-05), and fills in the due instant, the remaining time and the business minutes.
 *
 * @returns the runs with `target`, `state.dueAt`, `state.dueInclusive`, `state.remainingMs` set
 */
export function resolveDeadlines(
  runs: readonly TimerRun[],
  ctx: EvalContext,
  trace: Trace,
  owned = false,
  // Each target is compiled once per run, so its duration specs are validated once, not per subject
  // (the one-pass evaluation hands in its own, shared by every run it resolves one at a time).
  resolvers = new Map<TimerDefinition, TargetResolver>(),
): TimerRun[] {
  const nowMs = toEpochMs(ctx.now);
  return runs.map((run) => {
    if (!started(run)) return run;
    const def = run.definition;
    const inst = run.instance;
    const state = owned ? run.state : { ...run.state, anomalies: [...run.state.anomalies] };
    const calendarMs = owned ? run.calendarMs : [...run.calendarMs];
    let resolveDue = resolvers.get(def);
    if (resolveDue === undefined) {
      resolveDue = compileTarget(def.target, ctx);
      resolvers.set(def, resolveDue);
    }
    const resolved = resolveDue(inst.startAt, run.attributes, run.events);
    if (resolved.kind === 'unresolved') {
      if (resolved.reason !== 'awaiting_event') {
        state.anomalies.push({ kind: resolved.reason, detail: resolved.detail });
        trace.add(
          def.rule,
          def.clause,
          `无法确定时限:${unresolvedZh(resolved.reason, resolved.detail)}`,
          `cannot determine the target: ${resolved.detail}`,
          { subject: run.subject, timerId: def.id },
        );
      }
      return withTarget(run, resolved, state, owned);
    }
    if (resolved.kind === 'count') return withTarget(run, resolved, state, owned);
    const endMs = inst.stopMs ?? nowMs;
    let dueMs = toEpochMs(resolved.deadline.at) + (def.target.kind === 'beforeEvent' ? 0 : state.pausedMs);
    for (const x of inst.extensions) {
      const newMs = toEpochMs(x.newDue, ['attributes']);
      const agreedInTime = !x.mustPrecedeDue || x.ms <= dueMs;
      trace.add(
        def.rule,
        def.clause,
        agreedInTime && newMs > dueMs
          ? `延期至 ${formatInstant(newMs, { zone: ctx.zone, lang: 'zh-CN', showZone: true })}(事先同意)`
          : '延期未生效:同意晚于原时限',
        agreedInTime && newMs > dueMs
          ? `extended to ${formatInstant(newMs, { zone: ctx.zone, lang: 'en', showZone: true })} (agreed in advance)`
          : 'extension ignored: agreed after the original due time',
        { subject: run.subject, timerId: def.id, agreedAt: x.at },
      );
      if (agreedInTime && newMs > dueMs) dueMs = newMs;
    }
    const dueAt = instantOfMs(dueMs);
    state.dueAt = dueAt;
    state.dueInclusive = resolved.deadline.inclusive;
    state.remainingMs = dueMs - endMs;
    // The instants whose local dates the calendar was read for: the working-time target's span and
    // the business-time figures. Their provenance is traced by the breach step.
    const spec = chosenSpec(def, resolved);
    if (spec !== undefined && readsWorkCalendar(spec.unit))
      calendarMs.push(inst.startMs, toEpochMs(resolved.deadline.at));
    if (usesBusinessTime(def) && dueMs >= inst.startMs) {
      const endAt = instantOfMs(endMs);
      state.elapsedBusinessMinutes = ctx.calendar.businessTimeBetween(inst.startAt, endAt);
      state.remainingBusinessMinutes = ctx.calendar.businessTimeBetween(endAt, dueAt);
      calendarMs.push(inst.startMs, endMs, dueMs);
    }
    if (owned) {
      // `calendarMs` and `state` are the run's own: only the target is new (the same field order).
      run.target = resolved;
      return run;
    }
    return withFields(run, { target: resolved, calendarMs, state }, owned);
  });
}

/** A timer status in the breach step's Chinese trace text. */
const ZH_STATUS: Readonly<Record<TimerStatus, string>> = {
  met: '按时完成',
  breached: '已超时',
  running: '计时中',
  paused: '已暂停',
  pending: '未开始',
  cancelled: '已取消',
};

/**
 * Breach step: a measured ceiling is met or breached by the value recorded at the stop; a deadline
 * is met when the stop is at or before `state.dueAt` (inclusive by default), and a running cycle past
 * it is breached now — with its lateness in the breach's unit. Names the calendar basis of the
 * working-time figures and records each cycle's outcome.
 *
 * @returns the runs with `status`, `breachedAt`, `lateness`, `measured` and the provisional flag set
 */
export function judgeBreaches(
  runs: readonly TimerRun[],
  ctx: EvalContext,
  trace: Trace,
  owned = false,
  // Each year's calendar basis is named once per run, however many timers span it (the one-pass
  // evaluation hands in its own set, shared by every run it judges one at a time).
  basisSeen = new Set<string>(),
): TimerRun[] {
  const nowMs = toEpochMs(ctx.now);
  const dueText = dueTexts(ctx.zone);
  return runs.map((run) => {
    if (!started(run)) return run;
    const def = run.definition;
    const inst = run.instance;
    const state = owned ? run.state : { ...run.state };
    if (run.target?.kind === 'count') {
      const raw = inst.stopAttributes?.[run.target.attribute];
      const value = typeof raw === 'number' ? raw : null;
      state.measured = { attribute: run.target.attribute, value, max: run.target.max };
      if (inst.phase === 'stopped') {
        const ok = value !== null && value <= run.target.max;
        state.status = ok ? 'met' : 'breached';
        if (!ok) state.breachedAt = inst.stopAt;
        trace.add(
          def.rule,
          def.clause,
          `${def.title.zh}:实测 ${value ?? '无'},上限 ${run.target.max}`,
          `${def.title.en}: measured ${value ?? 'none'}, ceiling ${run.target.max}`,
          { subject: run.subject, timerId: def.id, status: state.status },
        );
      }
      return owned ? run : withFields(run, { state }, owned);
    }
    if (state.dueAt === undefined) return run;
    const calendarMs = owned ? run.calendarMs : [...run.calendarMs];
    const endMs = inst.stopMs ?? nowMs;
    const dueMs = toEpochMs(state.dueAt);
    const due = { at: state.dueAt, inclusive: state.dueInclusive ?? true, ms: dueMs };
    const live = inst.phase === 'running' || inst.phase === 'paused';
    const late = inst.phase === 'stopped' ? isAfter(due, endMs) : live && isAfter(due, nowMs);
    if (late) {
      state.status = 'breached';
      state.breachedAt = due.at;
      const unit = def.breach?.lateness.unit ?? 'minutes';
      const rounding = def.breach?.lateness.rounding ?? 'ceil';
      const actual = instantOfMs(inst.phase === 'stopped' ? endMs : nowMs);
      const l = lateness(
        { at: due.at, inclusive: due.inclusive },
        actual,
        { unit, rounding },
        { zone: ctx.zone, calendar: ctx.calendar },
      );
      state.lateness = { unit, units: l.units, ms: l.ms };
      if (readsWorkCalendar(unit)) calendarMs.push(dueMs, toEpochMs(actual));
    }
    if (calendarMs.length > 0) {
      const basis = calendarBasisTrace(
        trace,
        ctx.calendar,
        localDateOf(Math.min(...calendarMs), ctx.zone),
        localDateOf(Math.max(...calendarMs), ctx.zone),
        { when: 'notable', seen: basisSeen },
      );
      const years = basis.filter((b) => b.kind !== 'data').map((b) => b.year);
      if (years.length > 0) {
        state.provisional = true;
        state.provisionalYears = years;
      }
    }
    const head = outcomeHead(def, state.status);
    const dueIn = dueText(due.at);
    // The common outcome (no provisional year, not late, or late on a hard target) is the cached
    // head and the due text; the other parts are added only when they are there.
    let zh = head.zh + dueIn.zh;
    let en = head.en + dueIn.en;
    if (state.provisional) {
      zh += `(暂定:${state.provisionalYears?.join('、')}年尚无放假通知)`;
      en += ` (provisional: no holiday notice for ${state.provisionalYears?.join(', ')} yet)`;
    }
    if (state.lateness) {
      zh += `,超时 ${latenessText(state.lateness, 'zh-CN')}`;
      en += `, late by ${latenessText(state.lateness, 'en')}`;
    }
    if (def.severity === 'soft' && late) {
      zh += '(建议性时限,仅预警)';
      en += ' (soft target: warning only)';
    }
    trace.add(def.rule, def.clause, zh, en, outcomeData(run.subject, def.id, inst.startAt, due.at, state));
    // Owned: `calendarMs` and `state` are the run's own, completed in place.
    return owned ? run : withFields(run, { calendarMs, state }, owned);
  });
}

/** The heads of a definition's outcome texts, per status (see {@link outcomeHead}). */
const OUTCOME_HEADS = new WeakMap<TimerDefinition, Map<TimerStatus, { zh: string; en: string }>>();

/**
 * The start of a cycle's outcome text in the breach step's trace — the timer's title, its status,
 * an immediate target's grace, and "due" — built once per definition and status (issue 21: every
 * started cycle wrote the same head again). A pure function of the definition, which is frozen in
 * a compiled policy.
 */
export function outcomeHead(def: TimerDefinition, status: TimerStatus): { zh: string; en: string } {
  // Only a frozen definition (a compiled policy's) is remembered: one a caller built may change.
  if (!Object.isFrozen(def) || !Object.isFrozen(def.title) || !Object.isFrozen(def.target))
    return buildOutcomeHead(def, status);
  let byStatus = OUTCOME_HEADS.get(def);
  if (byStatus === undefined) {
    byStatus = new Map();
    OUTCOME_HEADS.set(def, byStatus);
  }
  let head = byStatus.get(status);
  if (head === undefined) {
    head = buildOutcomeHead(def, status);
    byStatus.set(status, head);
  }
  return head;
}

function buildOutcomeHead(def: TimerDefinition, status: TimerStatus): { zh: string; en: string } {
  const immediate = def.target.kind === 'immediately' ? def.target.graceMinutes : undefined;
  return {
    zh: `${def.title.zh}:${ZH_STATUS[status]},${immediate === undefined ? '' : `须立即办理(允许 ${immediate} 分钟内),`}时限 `,
    en: `${def.title.en}: ${status}, ${immediate === undefined ? '' : `immediately (within a grace of ${immediate} min), `}due `,
  };
}

/** The due texts of each zone seen, shared by every evaluation (see {@link dueTexts}). */
const DUE_TEXTS = new Map<string, (at: Instant) => { zh: string; en: string }>();

/**
 * Due instants as the breach step's trace shows them, `formatInstant(at, { zone, lang, showZone:
 * true })` in both languages: the wall time is formatted once for both (the zone's name is the same
 * for every instant), and an instant seen before — in this evaluation or an earlier one in the same
 * zone (a log is evaluated again at every read) — is not formatted again. The texts are a pure
 * function of the zone and the instant; at most 20,000 are kept per zone and 64 zones.
 */
export function dueTexts(zone: string): (at: Instant) => { zh: string; en: string } {
  const known = DUE_TEXTS.get(zone);
  if (known !== undefined) return known;
  const wall = (at: InstantInput) => formatInstant(at, { zone, lang: 'zh-CN', showZone: false });
  const plain = wall(0);
  const zh = formatInstant(0, { zone, lang: 'zh-CN', showZone: true }).slice(plain.length);
  const en = formatInstant(0, { zone, lang: 'en', showZone: true }).slice(plain.length);
  const seen = new Map<Instant, { zh: string; en: string }>();
  const texts = (at: Instant) => {
    let text = seen.get(at);
    if (text === undefined) {
      const w = wall(at);
      text = Object.freeze({ zh: `${w}${zh}`, en: `${w}${en}` });
      if (seen.size >= 20_000) seen.clear();
      seen.set(at, text);
    }
    return text;
  };
  if (DUE_TEXTS.size >= 64) DUE_TEXTS.clear();
  DUE_TEXTS.set(zone, texts);
  return texts;
}

/**
 * How late a timer is, for a reader: wall-clock time for the clock units (`9 小时 1 分钟`), with the
 * count fines are charged in when it is not minutes (`(计 2 个 24 小时)`); the count itself for
 * working and calendar days.
 */
export function latenessText(l: { unit: LatenessUnit; units: number; ms: number }, lang: Lang): string {
  // Pure in the unit, count, milliseconds and language, and a log's breaches repeat the same few
  // latenesses: each text is built once (bounded), not twice per breached state.
  const key = `${lang}\u0000${l.unit}\u0000${l.units}\u0000${l.ms}`;
  let text = LATENESS_TEXTS.get(key);
  if (text === undefined) {
    text = buildLatenessText(l, lang);
    if (LATENESS_TEXTS.size >= 10_000) LATENESS_TEXTS.clear();
    LATENESS_TEXTS.set(key, text);
  }
  return text;
}

/** The lateness texts built so far (see {@link latenessText}). */
const LATENESS_TEXTS = new Map<string, string>();

function buildLatenessText(l: { unit: LatenessUnit; units: number; ms: number }, lang: Lang): string {
  if (l.unit === 'minutes' || l.unit === 'hours' || l.unit === 'blocks24h') {
    const elapsed = formatElapsed(l.ms, lang);
    if (l.unit === 'minutes') return elapsed;
    const count = formatDuration(l.units, l.unit, lang);
    return lang === 'zh-CN' ? `${elapsed}(计 ${count})` : `${elapsed} (counted as ${count})`;
  }
  return formatDuration(l.units, l.unit, lang);
}

/**
 * Escalation step: the warnings reached (a fraction of the target, or minutes before the due time)
 * and the escalation ladder's levels due by `now` — at start, at a fraction, at the due time or
 * minutes after it — each traced under its own rule when it names one.
 *
 * @returns the runs with `warningsReached` and `escalationsDue` set
 */
export function escalate(
  runs: readonly TimerRun[],
  ctx: EvalContext,
  trace: Trace,
  owned = false,
): TimerRun[] {
  const nowMs = toEpochMs(ctx.now);
  return runs.map((run) => {
    if (!started(run) || run.target?.kind === 'count' || run.state.dueAt === undefined) return run;
    const def = run.definition;
    const inst = run.instance;
    const startMs = inst.startMs;
    const dueMs = toEpochMs(run.state.dueAt);
    const horizon = inst.stopMs ?? nowMs;
    const reached = (ms: number) => ms <= nowMs && ms <= horizon;
    if (owned && def.warnings.length === 0 && def.escalations.length === 0) return run;
    const warningsReached = owned ? run.state.warningsReached : [...run.state.warningsReached];
    const escalationsDue = owned ? run.state.escalationsDue : [...run.state.escalationsDue];
    for (const w of def.warnings) {
      const ms =
        'fraction' in w ? startMs + w.fraction * (dueMs - startMs) : dueMs - w.minutesBeforeDue * 60_000;
      if (reached(Math.round(ms))) warningsReached.push(instantOfMs(Math.round(ms)));
    }
    for (const e of def.escalations) {
      let ms: number;
      if (e.when.kind === 'atStart') ms = startMs;
      else if (e.when.kind === 'fraction') ms = Math.round(startMs + e.when.fraction * (dueMs - startMs));
      else if (e.when.kind === 'atDue') ms = dueMs;
      else ms = dueMs + e.when.minutes * 60_000;
      if (reached(ms) && (inst.phase !== 'stopped' || ms <= horizon)) {
        escalationsDue.push({ level: e.level, notify: [...e.notify], at: instantOfMs(ms) });
        trace.add(
          e.rule ?? def.rule,
          e.clause ?? def.clause,
          `升级第${e.level}级:通知 ${e.notify.join('、')}`,
          `escalation level ${e.level}: notify ${e.notify.join(', ')}`,
          { subject: run.subject, timerId: def.id, at: instantOfMs(ms) },
        );
      }
    }
    if (owned) return run;
    return { ...run, state: { ...run.state, warningsReached, escalationsDue } };
  });
}

/**
 * Violation step: a breached hard deadline (and a breached measured ceiling) emits one `Violation`
 * per responsible role, charged to the person holding it (an unassigned role is charged to
 * `role:<name>` and noted as an anomaly), plus the breach's consequences; a soft target warns only.
 *
 * @returns the runs with `violations` and `consequences` set
 */
export function emitViolations(runs: readonly TimerRun[], owned = false): TimerRun[] {
  return runs.map((run) => {
    if (!started(run) || run.state.status !== 'breached') return run;
    const count = run.target?.kind === 'count';
    if (!count && (run.state.dueAt === undefined || run.definition.severity !== 'hard')) return run;
    const state = owned ? run.state : { ...run.state, anomalies: [...run.state.anomalies] };
    const open = count ? undefined : run.instance.phase !== 'stopped';
    state.violations = violationsFor(
      run.definition,
      run.subject,
      state,
      run.assignees,
      state.anomalies,
      open,
    );
    if (!count) state.consequences = [...run.definition.consequences];
    return owned ? run : withFields(run, { state }, owned);
  });
}

export function violationsFor(
  def: TimerDefinition,
  subject: string,
  state: TimerState,
  assignees: Readonly<Record<string, string>>,
  anomalies: TimerAnomaly[],
  open: boolean | undefined,
): Violation[] {
  if (!def.breach) return [];
  const occurredAt = state.breachedAt ?? state.stoppedAt ?? state.startedAt;
  if (!occurredAt) return [];
  const code = def.breach.code;
  return def.breach.roles.map((role) => {
    // (own keys only: a role named `constructor` is not the Object function)
    const personId = ownValue(assignees, role);
    if (!personId) anomalies.push({ kind: 'unassigned_role', detail: role });
    // Timers are the `sla.timers` module's: its violations carry that id.
    return violation('sla.timers', def, {
      code,
      personId: personId ?? `role:${role}`,
      role,
      occurredAt,
      ...(state.lateness
        ? { lateBy: { unit: state.lateness.unit, units: state.lateness.units, ms: state.lateness.ms } }
        : {}),
      subject: { kind: 'slaSubject', id: subject },
      data: {
        timerId: def.id,
        cycle: state.cycle,
        dueAt: state.dueAt ?? null,
        stoppedAt: state.stoppedAt ?? null,
        open: open ?? false,
        ...(state.provisional ? { provisional: true, provisionalYears: state.provisionalYears } : {}),
      },
    });
  });
}

/**
 * Why a target could not be resolved, in Chinese: the attribute names stay as the policy wrote them,
 * a value the input left out is 未填写 (not `null`). The machine reason stays in the anomalies.
 */
function unresolvedZh(reason: string, detail: string): string {
  const said = detail.replace(/=null(?=,|$)/g, '=未填写');
  if (reason === 'missing_attribute') return `缺少属性 ${said}`;
  if (reason === 'unknown_target_case') return `没有与 ${said} 相符的时限情形`;
  return said;
}
