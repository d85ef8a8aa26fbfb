import {
  BilingualText,
  compileDeadline,
  type EvalContext,
  type Instant,
  LateBy,
  type LatenessUnit,
  LatenessUnitSchema,
  lateness,
  plainConstructor,
  readsWorkCalendar,
  Trace,
  type TraceEntry,
  toEpochMs,
  toInstant,
  type Violation,
} from '@zhidu/core';
import type { Attributes } from '../conditions.js';
import { matchesAll } from '../conditions.js';
import type { ParsedEvent } from '../events.js';
import type { EventMatcher, TimerDefinition } from './definition.js';
import {
  dueTexts,
  emitViolations,
  escalate,
  judgeBreaches,
  latenessText,
  noteUnselected,
  outcomeHead,
  passesEqualities,
  resolveDeadlines,
  sortAscending,
  statusOf,
  type TimerRun,
  timerIndex,
  violationsFor,
} from './engine.js';
import { instantOfMs } from './iso.js';
import type { Instance } from './replay.js';
import type { TimerAnomaly, TimerState, TimerStatus } from './state.js';
import type { TargetResolver } from './target.js';

/**
 * What the one-pass evaluation returns: the states in the pipeline's order and the trace entries
 * of each built-in step after the events step, in that step's own order.
 */
export interface OnePassTimers {
  states: TimerState[];
  /** The states' violations, in state order (`collectViolations(states)`). */
  violations: Violation[];
  replay: TraceEntry[];
  deadlines: TraceEntry[];
  breaches: TraceEntry[];
  escalation: TraceEntry[];
}

/** Milliseconds per unit of the wall-clock duration units (as the target compiler adds them). */
const CLOCK_UNIT_MS: Readonly<Record<string, number>> = { seconds: 1000, minutes: 60_000, hours: 3_600_000 };

/** Lateness units core counts from the milliseconds late alone (a pure function of that difference). */
const CLOCK_LATENESS: ReadonlySet<string> = new Set(['minutes', 'hours', 'blocks24h']);

/** 10000-01-01T00:00:00.000Z: below it (and from 1970) an instant is written from its digits. */
const YEAR_10000_MS = 253_402_300_800_000;

/** How late, with its texts, for one number of milliseconds past a due time (see {@link Plan}). */
interface Late {
  units: number;
  ms: number;
  /** The outcome text's lateness part: `,超时 …` and `, late by …`. */
  zhLate: string;
  enLate: string;
}

/**
 * A definition whose started cycles the one-pass evaluation judges itself: a wall-clock duration
 * target (seconds, minutes, hours) and a lateness not counted in working time, so neither the
 * deadline nor the breach reads the calendar. Other definitions' cycles go through the built-in
 * steps one run at a time.
 */
interface Plan {
  /** The target's length, as the target compiler rounds it. */
  deltaMs: number;
  /** The deadline's inclusiveness (the spec's, default true). */
  inclusive: boolean;
  unit: LatenessUnit;
  rounding: 'ceil' | 'floor';
  /** Latenesses by milliseconds past due, when the unit is a clock unit (per evaluation). */
  late: Map<number, Late> | undefined;
  /** The outcome texts' heads by status (`outcomeHead`), read once per evaluation. */
  heads: Partial<Record<TimerStatus, { zh: string; en: string }>>;
  /**
   * The due time of a cycle without paused time, by its start instant, in the evaluation's zone
   * (see {@link dueAfter}): the start's epoch ms and the due's lookup in one reading.
   */
  byStart: Map<string, Due>;
}

/** A due instant, its epoch milliseconds and the breach step's texts of it. */
interface Due {
  at: Instant;
  ms: number;
  zh: string;
  en: string;
}

/**
 * The plan of a definition, or null when its cycles take the built-in steps. Validates the duration
 * spec as the target compiler does on first use (core's `compileDeadline`), so an invalid spec is
 * refused exactly when the built-in deadline step would refuse it.
 */
function planOf(def: TimerDefinition, ctx: EvalContext): Plan | null {
  const t = def.target;
  if (t.kind !== 'duration') return null;
  const spec = t.spec;
  if (!Object.hasOwn(CLOCK_UNIT_MS, spec.unit)) return null;
  if (typeof def.rule !== 'string' || typeof def.clause !== 'string') return null;
  const unit = def.breach?.lateness.unit ?? 'minutes';
  const rounding = def.breach?.lateness.rounding ?? 'ceil';
  if (readsWorkCalendar(unit)) return null;
  compileDeadline(spec, { zone: ctx.zone, calendar: ctx.calendar });
  const clock = CLOCK_UNIT_MS[spec.unit] as number;
  const amount = (spec as { amount?: number }).amount ?? 0;
  const deltaMs = Math.round(amount * clock);
  return {
    deltaMs,
    inclusive: spec.inclusive ?? true,
    unit,
    rounding,
    late: CLOCK_LATENESS.has(unit) ? new Map() : undefined,
    heads: {},
    byStart: dueAfter(ctx.zone, deltaMs),
  };
}

/** Due times by start instant, per zone and target length (see {@link dueAfter}). */
const DUE_AFTER = new Map<string, Map<number, Map<string, Due>>>();

/**
 * Due times the module-level caches ({@link dueAfter}, {@link dueOf}) hold in all. Each cache is
 * bounded on its own, but their product (zones × lengths × starts) is not small; past
 * {@link dueCacheLimit} entries together they all start again.
 */
let dueHeld = 0;

/** The most due times the module-level caches hold together (about 10 MB); tests lower it. */
export const dueCacheLimit = { held: 50_000 };

/** Counts one more cached due time; past the limit, every module-level due-time cache starts again. */
function holdDue(): void {
  dueHeld += 1;
  if (dueHeld > dueCacheLimit.held) {
    DUE_AFTER.clear();
    DUE_BY_ZONE.clear();
    dueHeld = 0;
  }
}

/** The due times the module-level caches hold, counted entry by entry (tests). */
export function dueCacheSize(): number {
  let n = 0;
  for (const byDelta of DUE_AFTER.values()) for (const byStart of byDelta.values()) n += byStart.size;
  for (const reader of DUE_BY_ZONE.values()) n += reader.held.size;
  return n;
}

/**
 * The due times of cycles started at an instant and never paused, for a target of `deltaMs` in
 * the zone: `dueOf(zone)(toEpochMs(start) + deltaMs)`, a pure function of the start's text, read
 * once for each start a log repeats at every evaluation (bounded: 20,000 starts per length, 256
 * lengths per zone, 64 zones).
 */
function dueAfter(zone: string, deltaMs: number): Map<string, Due> {
  let byDelta = DUE_AFTER.get(zone);
  if (byDelta === undefined) {
    if (DUE_AFTER.size >= 64) DUE_AFTER.clear();
    byDelta = new Map();
    DUE_AFTER.set(zone, byDelta);
  }
  let byStart = byDelta.get(deltaMs);
  if (byStart === undefined) {
    if (byDelta.size >= 256) byDelta.clear();
    byStart = new Map();
    byDelta.set(deltaMs, byStart);
  }
  return byStart;
}

/** The due-time reader of each zone (see {@link dueOf}), with the due times it holds. */
const DUE_BY_ZONE = new Map<
  string,
  { readonly read: (ms: number) => Due; readonly held: Map<number, Due> }
>();

/**
 * The due instant of epoch milliseconds in `[0, 10000-01-01)` and its texts in the zone, as the
 * built-in steps write them (`instantOfMs`, then the breach step's due texts); a log's cycles share
 * a few thousand due times, each written once (bounded: 20,000 per zone, 64 zones). The reader of a
 * zone is the same function at every evaluation (issue 21: a new one per evaluation made the
 * compiled one pass give up its call to it on the next evaluation).
 */
function dueOf(zone: string): (ms: number) => Due {
  const known = DUE_BY_ZONE.get(zone);
  if (known !== undefined) return known.read;
  const byMs = new Map<number, Due>();
  const text = dueTexts(zone);
  const read = (ms: number): Due => {
    let hit = byMs.get(ms);
    if (hit === undefined) {
      const at = instantOfMs(ms);
      const t = text(at);
      hit = { at, ms, zh: t.zh, en: t.en };
      if (byMs.size >= 20_000) byMs.clear();
      holdDue();
      byMs.set(ms, hit);
    }
    return hit;
  };
  if (DUE_BY_ZONE.size >= 64) DUE_BY_ZONE.clear();
  DUE_BY_ZONE.set(zone, { read, held: byMs });
  return read;
}

/** The path a start instant is read under (as the target compiler reads it). */
const START_PATH = ['start'];

/** Start instants read so far, with their epoch milliseconds (see {@link startMsOf}). */
const START_MS = new Map<string, number>();

/**
 * `toEpochMs(startAt, ['start'])`, as the target compiler reads a start: remembered per instant (a
 * log evaluated again at every read starts its cycles at the same few thousand instants; pure in
 * the string, bounded at 20,000), a refusal thrown as it is.
 */
function startMsOf(startAt: string): number {
  let ms = START_MS.get(startAt);
  if (ms === undefined) {
    ms = toEpochMs(startAt, START_PATH);
    if (START_MS.size >= 20_000) START_MS.clear();
    START_MS.set(startAt, ms);
  }
  return ms;
}

/**
 * The lists a state of the one pass holds while it has nothing in them: one frozen empty array shared
 * by every such state (issue 21: five lists per state, almost always empty, were five arrays per
 * state). A state's list with items is an array of its own.
 */
const NO_ITEMS: never[] = Object.freeze([]) as unknown as never[];

/*
 * The objects of the answer the one pass builds once per cycle (states, their lateness, trace
 * entries with their message and data, anomalies, escalations due) are made by `new` on functions
 * whose `prototype` is `Object.prototype`: the same plain objects as the literals the built-in steps
 * write (prototype `Object.prototype`, the same own keys in the same order, the same JSON), made
 * without a V8 allocation site. Issue 21: a literal's site whose objects were found alive by a
 * young-generation collection in the middle of an evaluation (the answer is kept until its end) had
 * every later object of it allocated in the old generation, for every later evaluation of the
 * process, which then paid major collections for answers that die young.
 */

/**
 * A state as the replay step builds it (the 14 first keys, in the order the built-in steps write
 * them); the steps after it add theirs.
 */
const BaseState = plainConstructor(function BaseState(
  this: TimerState,
  def: TimerDefinition,
  subject: string,
  cycle: number,
  status: TimerStatus,
  pausedMs: number,
  elapsedMs: number,
  warningsReached: Instant[],
  escalationsDue: TimerState['escalationsDue'],
  violations: Violation[],
  consequences: string[],
  anomalies: TimerAnomaly[],
) {
  this.timerId = def.id;
  this.rule = def.rule;
  this.clause = def.clause;
  this.subject = subject;
  this.cycle = cycle;
  this.status = status;
  this.severity = def.severity;
  this.pausedMs = pausedMs;
  this.elapsedMs = elapsedMs;
  this.warningsReached = warningsReached;
  this.escalationsDue = escalationsDue;
  this.violations = violations;
  this.consequences = consequences;
  this.anomalies = anomalies;
});

/**
 * The state of a started cycle under a {@link Plan} after the breach step: its keys in the order
 * the built-in steps add them (replay: the 14 first and `startedAt`, `stoppedAt` when stopped;
 * deadline: `dueAt`, `dueInclusive`, `remainingMs`; breach: `breachedAt`, `lateness` when late).
 * Its lists are the shared {@link NO_ITEMS} but the anomalies.
 */
const ClockState = plainConstructor(function ClockState(
  this: TimerState,
  def: TimerDefinition,
  subject: string,
  cycle: number,
  status: TimerStatus,
  pausedMs: number,
  elapsedMs: number,
  anomalies: TimerAnomaly[],
  startedAt: Instant,
  stoppedAt: Instant | undefined,
  dueAt: Instant,
  dueInclusive: boolean,
  remainingMs: number,
  lateness: TimerState['lateness'],
) {
  this.timerId = def.id;
  this.rule = def.rule;
  this.clause = def.clause;
  this.subject = subject;
  this.cycle = cycle;
  this.status = status;
  this.severity = def.severity;
  this.pausedMs = pausedMs;
  this.elapsedMs = elapsedMs;
  this.warningsReached = NO_ITEMS;
  this.escalationsDue = NO_ITEMS;
  this.violations = NO_ITEMS;
  this.consequences = NO_ITEMS;
  this.anomalies = anomalies;
  this.startedAt = startedAt;
  if (stoppedAt !== undefined) this.stoppedAt = stoppedAt;
  this.dueAt = dueAt;
  this.dueInclusive = dueInclusive;
  this.remainingMs = remainingMs;
  if (lateness !== undefined) {
    this.breachedAt = dueAt;
    this.lateness = lateness;
  }
});

/**
 * A trace entry as core's `Trace.add` writes it: `rule`, `message`, then `clause` and `data` when
 * given (an absent one is no key at all).
 */
const Entry = plainConstructor(function Entry(
  this: TraceEntry,
  rule: string,
  message: TraceEntry['message'],
  clause: string | undefined,
  data: Record<string, unknown> | undefined,
) {
  this.rule = rule;
  this.message = message;
  if (clause !== undefined) this.clause = clause;
  if (data !== undefined) this.data = data;
});

/**
 * A trace whose `add` writes core's entry by {@link Entry} and {@link Message}: the one pass's step
 * traces, which the built-in steps it hands a cycle to (`resolveDeadlines`, `judgeBreaches`,
 * `escalate`) write through `add`.
 */
class PlainTrace extends Trace {
  override add(
    rule: string,
    clause: string | undefined,
    zh: string,
    en: string,
    data?: Record<string, unknown>,
  ): this {
    this.entries.push(new Entry(rule, new BilingualText(zh, en), clause, data));
    return this;
  }
}

/** `trace.add(rule, clause, zh, en, data)`, the same entry made by {@link Entry}. */
function addEntry(
  trace: Trace,
  rule: string,
  clause: string | undefined,
  zh: string,
  en: string,
  data: Record<string, unknown> | undefined,
): void {
  trace.entries.push(new Entry(rule, new BilingualText(zh, en), clause, data));
}

/** The data of the breach step's entry for a cycle. */
const BreachData = plainConstructor(function BreachData(
  this: Record<string, unknown>,
  subject: string,
  timerId: string,
  startedAt: Instant,
  dueAt: Instant,
  stoppedAt: Instant | null,
  pausedMs: number,
) {
  this.subject = subject;
  this.timerId = timerId;
  this.startedAt = startedAt;
  this.dueAt = dueAt;
  this.stoppedAt = stoppedAt;
  this.pausedMs = pausedMs;
});

/** An event the replay could not apply, `{ kind, at, eventIndex, detail }` (see `noteOn`). */
const Anomaly = plainConstructor(function Anomaly(
  this: TimerAnomaly,
  kind: TimerAnomaly['kind'],
  at: Instant,
  eventIndex: number,
  detail: string,
) {
  this.kind = kind;
  this.at = at;
  this.eventIndex = eventIndex;
  this.detail = detail;
});

/** The replay step's entry data for an anomaly noted by `noteOn`: `{ subject, ...anomaly }`. */
const AnomalyData = plainConstructor(function AnomalyData(
  this: Record<string, unknown>,
  subject: string,
  a: TimerAnomaly,
) {
  this.subject = subject;
  this.kind = a.kind;
  this.at = a.at;
  this.eventIndex = a.eventIndex;
  this.detail = a.detail;
});

/** An escalation due, `{ level, notify, at }`. */
const EscalationDue = plainConstructor(function EscalationDue(
  this: TimerState['escalationsDue'][number],
  level: number,
  notify: string[],
  at: Instant,
) {
  this.level = level;
  this.notify = notify;
  this.at = at;
});

/** The escalation step's entry data, `{ subject, timerId, at }`. */
const EscalationData = plainConstructor(function EscalationData(
  this: Record<string, unknown>,
  subject: string,
  timerId: string,
  at: Instant,
) {
  this.subject = subject;
  this.timerId = timerId;
  this.at = at;
});

/** An unassigned role noted on a state's anomalies, `{ kind: 'unassigned_role', detail }`. */
const UnassignedRole = plainConstructor(function UnassignedRole(this: TimerAnomaly, role: string) {
  this.kind = 'unassigned_role';
  this.detail = role;
});

/** A violation's `subject`, `{ kind: 'slaSubject', id }`. */
const SlaSubject = plainConstructor(function SlaSubject(this: { kind: string; id: string }, id: string) {
  this.kind = 'slaSubject';
  this.id = id;
});

/** A violation's `source`, `{ module: 'sla.timers', rule, clause }`. */
const Source = plainConstructor(function Source(this: Violation['source'], rule: string, clause: string) {
  this.module = 'sla.timers';
  this.rule = rule;
  this.clause = clause;
});

/** The data of a clock cycle's violation, `{ timerId, cycle, dueAt, stoppedAt, open }`. */
const ViolationData = plainConstructor(function ViolationData(
  this: Record<string, unknown>,
  timerId: string,
  cycle: number,
  dueAt: Instant,
  stoppedAt: Instant | null,
  open: boolean,
) {
  this.timerId = timerId;
  this.cycle = cycle;
  this.dueAt = dueAt;
  this.stoppedAt = stoppedAt;
  this.open = open;
});

/**
 * A violation as core's `violation('sla.timers', def, fields)` returns it for a clock cycle's
 * charged role: `code`, `personId`, `role`, `occurredAt`, `lateBy`, `subject`, `source`, `data`.
 */
const ClockViolation = plainConstructor(function ClockViolation(
  this: Violation,
  code: string,
  personId: string,
  role: string,
  occurredAt: Instant,
  lateBy: NonNullable<Violation['lateBy']>,
  subject: { kind: string; id: string },
  source: Violation['source'],
  data: Record<string, unknown>,
) {
  this.code = code;
  this.personId = personId;
  this.role = role;
  this.occurredAt = occurredAt;
  this.lateBy = lateBy;
  this.subject = subject;
  this.source = source;
  this.data = data;
});

/**
 * A new empty list of the answer's: a copy of this never-written empty array, made by the
 * built-in `slice` without an allocation site (an array literal has one, and a state's list of
 * violations lives until the evaluation ends, see above).
 */
const NO_LIST: readonly never[] = [];

/** A new empty array, made without an allocation site (see {@link NO_LIST}). */
function newList<T>(): T[] {
  return NO_LIST.slice() as T[];
}

/** The lateness units a violation's `lateBy` may name (core's `ViolationSchema`). */
const LATENESS_UNITS: ReadonlySet<string> = new Set(LatenessUnitSchema.options);

/** A non-empty string. */
const named = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * The violations of a late clock cycle, as the violation step writes them (`violationsFor`: one per
 * breach role, in order, an unassigned role noted on `anomalies` and charged to `role:<role>`),
 * each the object core's `violation` builds from plainly valid fields. `undefined`, with nothing
 * noted, when anything is not plainly valid (a role's person not a non-empty string, an empty code
 * or rule, a lateness core would not take as it is…): `violationsFor` then answers, as before.
 */
function clockViolations(
  def: TimerDefinition,
  subject: string,
  state: TimerState,
  assignees: Readonly<Record<string, string>>,
  anomalies: TimerAnomaly[],
  open: boolean,
): Violation[] | undefined {
  const breach = def.breach;
  const late = state.lateness;
  const dueAt = state.dueAt;
  if (breach === undefined || late === undefined || dueAt === undefined || state.provisional)
    return undefined;
  const code = breach.code;
  const roles = breach.roles;
  if (!named(code) || !named(def.rule) || typeof def.clause !== 'string' || !named(subject)) return undefined;
  if (
    !LATENESS_UNITS.has(late.unit) ||
    !Number.isSafeInteger(late.units) ||
    late.units < 0 ||
    !Number.isSafeInteger(late.ms) ||
    late.ms < 0
  )
    return undefined;
  // `state.breachedAt ?? state.stoppedAt ?? state.startedAt`: a late clock state's breach instant.
  const occurredAt = state.breachedAt;
  if (occurredAt === undefined) return undefined;
  let at: Instant;
  try {
    at = toInstant(occurredAt);
  } catch {
    return undefined;
  }
  for (let r = 0; r < roles.length; r++) {
    const role = roles[r];
    if (typeof role !== 'string') return undefined;
    const personId = Object.hasOwn(assignees, role) ? assignees[role] : undefined;
    if (personId === undefined ? role.length === 0 : !named(personId)) return undefined;
    // An inherited property of the assignees (`constructor`…) is read by the violation step.
    if (personId === undefined && (assignees as Record<string, unknown>)[role] !== undefined)
      return undefined;
  }
  const out = newList<Violation>();
  for (let r = 0; r < roles.length; r++) {
    const role = roles[r] as string;
    const personId = Object.hasOwn(assignees, role) ? assignees[role] : undefined;
    if (personId === undefined) anomalies.push(new UnassignedRole(role));
    out.push(
      new ClockViolation(
        code,
        personId ?? `role:${role}`,
        role,
        at,
        new LateBy(late.unit, late.units, late.ms),
        new SlaSubject(subject),
        new Source(def.rule, def.clause),
        new ViolationData(def.id, state.cycle, dueAt, state.stoppedAt ?? null, open),
      ),
    );
  }
  return out;
}

/**
 * The state the replay step builds for a cycle (before the later steps add to it): its lists the
 * shared {@link NO_ITEMS} when `shared` (a state no later step writes to), arrays of its own else.
 */
function baseState(
  def: TimerDefinition,
  subject: string,
  cycle: number,
  status: TimerStatus,
  pausedMs: number,
  elapsedMs: number,
  anomalies: TimerAnomaly[],
  shared: boolean,
): TimerState {
  if (shared)
    return new BaseState(
      def,
      subject,
      cycle,
      status,
      pausedMs,
      elapsedMs,
      NO_ITEMS,
      NO_ITEMS,
      NO_ITEMS,
      NO_ITEMS,
      anomalies,
    );
  return new BaseState(
    def,
    subject,
    cycle,
    status,
    pausedMs,
    elapsedMs,
    newList(),
    newList(),
    newList(),
    newList(),
    anomalies,
  );
}

/** Whether every condition holds: an absent or empty list at once, any other through `matchesAll`. */
function holds(conditions: TimerDefinition['appliesWhen'], attributes: Attributes): boolean {
  if (conditions === undefined || (Array.isArray(conditions) && conditions.length === 0)) return true;
  return matchesAll(conditions, attributes);
}

/** The index of the first matcher the event matches (as the replay's), or -1. */
function matchIndex(matchers: readonly EventMatcher[], event: ParsedEvent, attributes: Attributes): number {
  for (let i = 0; i < matchers.length; i++) {
    const m = matchers[i];
    if (m && m.type === event.type && holds(m.when, attributes)) return i;
  }
  return -1;
}

/** What the one-pass replay leaves in `startMatched` / `stopMatched` (it counts matches itself). */
const UNCOUNTED: Set<number> = new Set();
/**
 * An instance's extensions and anomalies until it has one (never written: replaced on the first;
 * never handed out: a state or a copy of the instance gets a list of its own instead). Not frozen:
 * iterating a frozen array costs the compiled replay an iterator per cycle.
 */
const NONE: never[] = [];

/** A new, pending instance, every field present (one shape), no list of its own yet. */
function freshInstance(cycle: number): Instance {
  return {
    cycle,
    phase: 'pending',
    startMatched: UNCOUNTED,
    stopMatched: UNCOUNTED,
    startMs: undefined,
    startAt: undefined,
    stopMs: undefined,
    stopAt: undefined,
    stopAttributes: undefined,
    pausedMs: 0,
    pausedSinceMs: undefined,
    extensions: NONE,
    anomalies: NONE,
  };
}

/** The `n`-th instance of the pool, as a new pending one (the subject's `n`-th cycle). */
function takeInstance(pool: Instance[], n: number): Instance {
  const inst = pool[n];
  if (inst !== undefined) {
    resetInstance(inst, n);
    return inst;
  }
  const made = freshInstance(n);
  pool.push(made);
  return made;
}

/** Resets an instance of the pool to a new, pending one (as {@link freshInstance}). */
function resetInstance(inst: Instance, cycle: number): void {
  inst.cycle = cycle;
  inst.phase = 'pending';
  inst.startMs = undefined;
  inst.startAt = undefined;
  inst.stopMs = undefined;
  inst.stopAt = undefined;
  inst.stopAttributes = undefined;
  inst.pausedMs = 0;
  inst.pausedSinceMs = undefined;
  inst.extensions = NONE;
  inst.anomalies = NONE;
}

/** A subject's attributes before any event carried some (read only). */
const NO_ATTRIBUTES: Attributes = Object.freeze({});
/** A subject's assignees before any event named one (read only). */
const NO_ASSIGNEES: Record<string, string> = Object.freeze({});

/**
 * The plain tests of a validated `appliesWhen`: its conditions that are a plain
 * `{ attribute: <string>, equals: <string> }` or `{ attribute: <string>, exists: <boolean> }`, each
 * necessary for the list to hold (core's list holds when every condition does), and whether they
 * are the whole list (then they decide it alone). Read by {@link quickVerdict}.
 */
interface QuickTests {
  names: string[];
  /** Per test: the string an `equals` test wants, or the boolean an `exists` test wants. */
  wants: (string | boolean)[];
  whole: boolean;
}

function quickTests(conditions: TimerDefinition['appliesWhen']): QuickTests {
  const out: QuickTests = { names: [], wants: [], whole: conditions === undefined };
  if (!Array.isArray(conditions)) return out;
  let whole = true;
  for (const c of conditions) {
    const r = c as Record<string, unknown>;
    if (
      c === null ||
      typeof c !== 'object' ||
      Object.getPrototypeOf(c) !== Object.prototype ||
      Object.getOwnPropertySymbols(c).length > 0 ||
      Object.keys(c).length !== 2 ||
      Object.getOwnPropertyNames(c).length !== 2 ||
      !Object.hasOwn(r, 'attribute') ||
      typeof r.attribute !== 'string'
    ) {
      whole = false;
      continue;
    }
    if (Object.hasOwn(r, 'equals') && typeof r.equals === 'string') {
      out.names.push(r.attribute);
      out.wants.push(r.equals);
    } else if (Object.hasOwn(r, 'exists') && typeof r.exists === 'boolean') {
      out.names.push(r.attribute);
      out.wants.push(r.exists);
    } else whole = false;
  }
  out.whole = whole;
  return out;
}

/**
 * What the plain tests say of the attributes, as core's conditions read them (the value is the own
 * property; `equals` a string holds on that very string, `exists` on a value neither undefined nor
 * null): false when one fails (the list cannot hold), true when all pass and they are the whole
 * list, undefined when the rest of the list must be read (`matchesAll`).
 */
function quickVerdict(q: QuickTests, attributes: Attributes): boolean | undefined {
  for (let k = 0; k < q.names.length; k++) {
    const name = q.names[k] as string;
    const want = q.wants[k];
    const own = Object.hasOwn(attributes, name);
    if (typeof want === 'string') {
      if (!own || attributes[name] !== want) return false;
    } else {
      const value = own ? attributes[name] : undefined;
      if ((value !== undefined && value !== null) !== want) return false;
    }
  }
  return q.whole ? true : undefined;
}

/** Notes an event that cannot apply on an instance (its own anomaly list made on the first). */
function noteOn(target: Instance, event: ParsedEvent, kind: TimerAnomaly['kind']): void {
  const item = new Anomaly(kind, event.at, event.index, event.type);
  if (target.anomalies === NONE) target.anomalies = newList();
  target.anomalies.push(item);
}

/**
 * The replay (`replay` in replay.ts) of one subject's events through one definition, into `out`:
 * the same instances — cycle, phase, start and stop, pauses, extensions, anomalies — without a
 * closure, a `Set` or an empty list per instance. The matchers a start or stop in `all` mode has
 * seen are counted for the current instance only (the only one an event reaches);
 * `startMatched` and `stopMatched` are left unfilled (no later step reads them).
 */
function replayLean(
  def: TimerDefinition,
  events: readonly ParsedEvent[],
  count: number,
  attributesAt: readonly Attributes[],
  pool: Instance[],
): number {
  let n = 0;
  let current: Instance | undefined;
  // The matchers of `start` / `stop` the current instance has seen, when their mode counts them.
  let starts: Set<number> | undefined;
  let stops: Set<number> | undefined;
  const countStarts = def.startMode !== 'any';
  const countStops = def.stopMode === 'all';
  for (let i = 0; i < count; i++) {
    const event = events[i] as ParsedEvent;
    const attrs = attributesAt[i] ?? {};
    const active = current !== undefined && (current.phase === 'running' || current.phase === 'paused');
    if (matchIndex(def.cancel, event, attrs) >= 0 && current && (active || current.phase === 'pending')) {
      if (current.phase === 'paused' && current.pausedSinceMs !== undefined)
        current.pausedMs += event.ms - current.pausedSinceMs;
      current.phase = 'cancelled';
      current.stopMs = event.ms;
      current.stopAt = event.at;
      continue;
    }
    if (matchIndex(def.reset, event, attrs) >= 0) {
      if (current && active) {
        current.phase = 'running';
        current.startMs = event.ms;
        current.startAt = event.at;
        current.pausedMs = 0;
        current.pausedSinceMs = undefined;
      } else {
        if (!current) {
          current = takeInstance(pool, n++);
          starts = undefined;
          stops = undefined;
        }
        noteOn(current, event, 'reset_while_not_running');
      }
      continue;
    }
    const ext = extensionOf(def.extend, event.type);
    if (ext && current && active) {
      const newDue = event.attributes?.[ext.attribute];
      if (typeof newDue === 'string') {
        const x = { ms: event.ms, at: event.at, newDue, mustPrecedeDue: ext.mustPrecedeDue };
        if (current.extensions === NONE) current.extensions = [x];
        else current.extensions.push(x);
      }
      continue;
    }
    const stopIndex = matchIndex(def.stop, event, attrs);
    if (stopIndex >= 0) {
      if (current && active) {
        if (countStops) {
          stops ??= new Set();
          stops.add(stopIndex);
          if (stops.size < def.stop.length) continue;
        }
        if (current.phase === 'paused' && current.pausedSinceMs !== undefined) {
          current.pausedMs += event.ms - current.pausedSinceMs;
          current.pausedSinceMs = undefined;
        }
        current.phase = 'stopped';
        current.stopMs = event.ms;
        current.stopAt = event.at;
        current.stopAttributes = attrs;
      } else if (!current || current.phase === 'pending') {
        if (!current) {
          current = takeInstance(pool, n++);
          starts = undefined;
          stops = undefined;
        }
        noteOn(current, event, 'stop_before_start');
      } else if (current.phase === 'stopped') noteOn(current, event, 'stop_after_completion');
      continue;
    }
    if (matchIndex(def.pause, event, attrs) >= 0) {
      if (current && current.phase === 'running') {
        current.phase = 'paused';
        current.pausedSinceMs = event.ms;
      } else {
        if (!current) {
          current = takeInstance(pool, n++);
          starts = undefined;
          stops = undefined;
        }
        noteOn(current, event, 'pause_while_not_running');
      }
      continue;
    }
    if (matchIndex(def.resume, event, attrs) >= 0) {
      if (current && current.phase === 'paused' && current.pausedSinceMs !== undefined) {
        current.pausedMs += event.ms - current.pausedSinceMs;
        current.pausedSinceMs = undefined;
        current.phase = 'running';
      } else {
        if (!current) {
          current = takeInstance(pool, n++);
          starts = undefined;
          stops = undefined;
        }
        noteOn(current, event, 'resume_while_not_paused');
      }
      continue;
    }
    const s = matchIndex(def.start, event, attrs);
    if (s >= 0) {
      if (current && active) {
        noteOn(current, event, 'start_while_running');
        continue;
      }
      if (current && (current.phase === 'stopped' || current.phase === 'cancelled')) {
        if (!def.repeat) {
          noteOn(current, event, 'start_after_completion');
          continue;
        }
        current = undefined;
      }
      if (!current) {
        current = takeInstance(pool, n++);
        starts = undefined;
        stops = undefined;
      }
      let all = true;
      if (countStarts) {
        starts ??= new Set();
        starts.add(s);
        all = starts.size === def.start.length;
      }
      if (all) {
        current.phase = 'running';
        current.startMs = event.ms;
        current.startAt = event.at;
      }
      continue;
    }
    if (matchIndex(def.open, event, attrs) >= 0 && !current) {
      current = takeInstance(pool, n++);
      starts = undefined;
      stops = undefined;
    }
  }
  return n;
}

/** The first extension matcher of an event type. */
function extensionOf(
  extend: TimerDefinition['extend'],
  type: string,
): TimerDefinition['extend'][number] | undefined {
  for (let i = 0; i < extend.length; i++) if ((extend[i] as { type: string }).type === type) return extend[i];
  return undefined;
}

/**
 * The events up to now grouped by subject (subjects in order of first event) without a list per
 * subject: the subjects, then the events' indices laid out subject by subject (`order`), the
 * subject `s`'s from `firstOf[s]` to `firstOf[s + 1]`.
 */
function groupBySubject(
  events: readonly ParsedEvent[],
  nowMs: number,
): { subjects: string[]; firstOf: Int32Array; order: Int32Array } {
  // Each event's subject slot, then the events' indices laid out subject by subject.
  const slotOf = new Map<string, number>();
  const subjects: string[] = [];
  const counts: number[] = [];
  const slots = new Int32Array(events.length);
  for (let k = 0; k < events.length; k++) {
    const e = events[k] as ParsedEvent;
    if (e.ms > nowMs) {
      slots[k] = -1;
      continue;
    }
    let slot = slotOf.get(e.subject);
    if (slot === undefined) {
      slot = subjects.length;
      slotOf.set(e.subject, slot);
      subjects.push(e.subject);
      counts.push(0);
    }
    (counts[slot] as number)++;
    slots[k] = slot;
  }
  const firstOf = new Int32Array(subjects.length + 1);
  for (let s = 0; s < subjects.length; s++) firstOf[s + 1] = (firstOf[s] as number) + (counts[s] as number);
  const next = firstOf.slice(0, subjects.length);
  const order = new Int32Array(firstOf[subjects.length] as number);
  for (let k = 0; k < events.length; k++) {
    const slot = slots[k] as number;
    if (slot >= 0) order[(next[slot] as number)++] = k;
  }
  return { subjects, firstOf, order };
}

/**
 * One subject's part of the one pass (see {@link timersOnePass}): its events (`order[from…to)`),
 * the timers its attributes pick, each replayed and its cycles judged into the evaluation's states
 * and trace. A function of its own, called once per subject, so that it is compiled early (the one
 * pass itself runs once per evaluation).
 */
function evaluateSubject(
  pass: Pass,
  subject: string,
  events: readonly ParsedEvent[],
  order: Int32Array,
  from: number,
  to: number,
): void {
  const { nowMs, ctx, definitions, index, plans, quick, replayTrace, dueAt } = pass;
  const { list, seenTypes, attributesAt, picked, instances, lastTypes, readsStamp, readsValue } = pass;
  let count = 0;
  for (let k = from; k < to; k++) list[count++] = events[order[k] as number] as ParsedEvent;
  let typeCount = 0;
  let lastType: string | undefined;
  for (let k = 0; k < count; k++) {
    const type = (list[k] as ParsedEvent).type;
    if (type === lastType) continue;
    lastType = type;
    let seen = false;
    for (let t = 0; t < typeCount; t++)
      if (seenTypes[t] === type) {
        seen = true;
        break;
      }
    if (!seen) seenTypes[typeCount++] = type;
  }
  // A subject seeing other types than the one before it: the definitions' readings start over.
  let same = typeCount === pass.lastTypeCount;
  for (let t = 0; same && t < typeCount; t++) same = lastTypes[t] === seenTypes[t];
  if (!same) {
    pass.stamp++;
    for (let t = 0; t < typeCount; t++) lastTypes[t] = seenTypes[t] as string;
    pass.lastTypeCount = typeCount;
  }
  // The attributes after each event, and at the end (what `appliesWhen` reads); the assignees.
  let assignees: Record<string, string> = NO_ASSIGNEES;
  let acc: Attributes = NO_ATTRIBUTES;
  for (let k = 0; k < count; k++) {
    const e = list[k] as ParsedEvent;
    if (e.attributes) acc = acc === NO_ATTRIBUTES ? { ...e.attributes } : { ...acc, ...e.attributes };
    if (e.assignees) {
      if (assignees === NO_ASSIGNEES) assignees = {};
      Object.assign(assignees, e.assignees);
    }
    attributesAt[k] = acc;
  }
  const attributes = acc;
  let pickedCount = 0;
  for (let k = 0; k < index.equalities.length; k++) {
    const pair = index.equalities[k] as [string, Map<string, number[]>];
    const name = pair[0];
    if (!Object.hasOwn(attributes, name)) continue;
    const value = attributes[name];
    if (typeof value !== 'string') continue;
    const hit = pair[1].get(value);
    if (hit !== undefined) for (let h = 0; h < hit.length; h++) picked[pickedCount++] = hit[h] as number;
  }
  for (let h = 0; h < index.untested.length; h++) picked[pickedCount++] = index.untested[h] as number;
  if (pickedCount === 0) {
    noteUnselected(replayTrace, index, attributes, subject);
    return;
  }
  if (pickedCount > 1) sortAscending(picked, pickedCount);
  let selected = 0;
  for (let p = 0; p < pickedCount; p++) {
    const i = picked[p] as number;
    let reads: boolean;
    if (readsStamp[i] === pass.stamp) reads = readsValue[i] === 1;
    else {
      const types = index.types[i] as ReadonlySet<string>;
      reads = false;
      for (let t = 0; t < typeCount; t++)
        if (types.has(seenTypes[t] as string)) {
          reads = true;
          break;
        }
      readsStamp[i] = pass.stamp;
      readsValue[i] = reads ? 1 : 0;
    }
    if (!reads) continue;
    const def = definitions[i] as TimerDefinition;
    if (!passesEqualities(index.tests[i], attributes)) continue;
    // The first reading of a list goes through `matchesAll` (which validates it); after that its
    // plain tests refuse (or, when they are the whole list, accept) without it.
    const q = quick[i];
    if (q === undefined) {
      const ok = holds(def.appliesWhen, attributes);
      quick[i] = quickTests(def.appliesWhen);
      if (!ok) continue;
    } else {
      const verdict = quickVerdict(q, attributes);
      if (verdict === false) continue;
      if (verdict === undefined && !holds(def.appliesWhen, attributes)) continue;
    }
    selected++;
    const n = replayLean(def, list, count, attributesAt, instances);
    for (let c = 0; c < n; c++) {
      const inst = instances[c] as Instance;
      // The replay step (as `replayRuns` builds each run's state).
      for (let k = 0; k < inst.anomalies.length; k++) {
        const a = inst.anomalies[k] as TimerAnomaly;
        addEntry(
          replayTrace,
          def.rule,
          def.clause,
          `事件无法应用于计时器 ${def.id}:${a.kind}`,
          `event could not be applied to timer ${def.id}: ${a.kind}`,
          new AnomalyData(subject, a),
        );
      }
      // The instance's own list (the pool never writes to it again: a reset instance starts a new one).
      const noted = inst.anomalies;
      const status = statusOf(inst.phase);
      const startMs = inst.startMs;
      const startAt = inst.startAt;
      if (startMs === undefined || startAt === undefined) {
        if (inst.phase === 'cancelled' || inst.phase === 'pending')
          pass.states.push(
            baseState(def, subject, inst.cycle, status, 0, 0, noted.length === 0 ? NO_ITEMS : noted, true),
          );
        continue;
      }
      const endMs = inst.stopMs ?? nowMs;
      const openPause =
        inst.phase === 'paused' && inst.pausedSinceMs !== undefined ? nowMs - inst.pausedSinceMs : 0;
      let pausedMs = inst.pausedMs + openPause;
      const cap = def.pauseCap;
      if (cap !== undefined && pausedMs > cap.maxMinutes * 60_000) {
        pausedMs = cap.maxMinutes * 60_000;
        replayTrace.add(
          def.rule,
          def.clause,
          `${def.title.zh}:暂停累计已达上限 ${cap.maxMinutes} 分钟，超出部分照常计时`,
          `${def.title.en}: the clock stood still for its maximum of ${cap.maxMinutes} minutes; paused time beyond it counts`,
          { subject, timerId: def.id, pausedMs: inst.pausedMs + openPause, cappedMs: pausedMs },
        );
      }
      const elapsedMs = Math.max(0, endMs - startMs - pausedMs);
      const stoppedAt = inst.stopAt !== undefined && inst.phase !== 'cancelled' ? inst.stopAt : undefined;
      let plan = plans[i];
      if (plan === undefined) {
        plan = planOf(def, ctx);
        plans[i] = plan;
      }
      // A cycle never paused nor extended whose start was read before: its due time as it was.
      let due =
        plan !== null && pausedMs === 0 && inst.extensions.length === 0
          ? plan.byStart.get(startAt)
          : undefined;
      // The resolved deadline before paused time, as the target compiler writes it from the start.
      const atMs = due !== undefined ? due.ms : plan === null ? 0 : startMsOf(startAt) + plan.deltaMs;
      const dueMs = atMs + pausedMs;
      if (
        plan === null ||
        (due === undefined &&
          (inst.extensions.length > 0 ||
            !(atMs >= 0 && atMs < YEAR_10000_MS && dueMs >= 0 && dueMs < YEAR_10000_MS) ||
            !Number.isSafeInteger(atMs) ||
            !Number.isSafeInteger(dueMs)))
      ) {
        // The built-in steps, for this run alone.
        judgeBySteps(pass, ctx, def, subject, inst, status, pausedMs, elapsedMs, startAt, stoppedAt, {
          events: list.slice(0, count),
          attributes,
          assignees,
        });
        continue;
      }
      // Deadline and breach steps, from epoch milliseconds (see `judgeClock`).
      if (due === undefined) {
        due = dueAt(dueMs);
        if (pausedMs === 0) {
          if (plan.byStart.size >= 20_000) plan.byStart.clear();
          holdDue();
          plan.byStart.set(startAt, due);
        }
      }
      judgeClock(
        pass,
        def,
        plan,
        inst,
        subject,
        status,
        pausedMs,
        elapsedMs,
        startAt,
        stoppedAt,
        due,
        endMs,
        assignees,
      );
    }
  }
  if (selected === 0) noteUnselected(replayTrace, index, attributes, subject);
}

/**
 * The timer pipeline's replay, deadline, breach, escalation and violation steps in one pass over
 * the runs (issue 21): each cycle is replayed and completed before the next, so nothing but the
 * states and the trace outlives it, and a cycle of a wall-clock target (see {@link Plan}) is judged
 * from epoch milliseconds without writing and re-reading its instants. Any other started cycle goes
 * through the built-in steps (`resolveDeadlines`, `judgeBreaches`, `escalate`, `emitViolations`)
 * as a run of its own, with the caches and the calendar-basis set those steps share across runs.
 * The answer is the built-in pipeline's (held to it by seeded properties); a refusal is left to the
 * built-in pipeline, which runs again (see `timerStatesOf`).
 *
 * @param events - the events in force, in time order
 * @param definitions - the timers to run
 * @param ctx - now, zone, calendar
 * @returns the states and each step's trace entries
 * @internal
 */
export function timersOnePass(
  events: readonly ParsedEvent[],
  definitions: readonly TimerDefinition[],
  ctx: EvalContext,
): OnePassTimers {
  const nowMs = toEpochMs(ctx.now);
  const { subjects, firstOf, order } = groupBySubject(events, nowMs);
  const index = timerIndex(definitions);
  const plans: (Plan | null | undefined)[] = new Array(definitions.length);
  // Per definition: the plain tests of its `appliesWhen` (see `quickTests`), known once `matchesAll`
  // has validated the list on its first reading.
  const quick: (QuickTests | undefined)[] = new Array(definitions.length);
  const replayTrace = new PlainTrace();
  const deadlineTrace = new PlainTrace();
  const breachTrace = new PlainTrace();
  const escalationTrace = new PlainTrace();
  const resolvers = new Map<TimerDefinition, TargetResolver>();
  const basisSeen = new Set<string>();
  const dueAt = dueOf(ctx.zone);
  const time = { zone: ctx.zone, calendar: ctx.calendar };
  const states = newList<TimerState>();
  // Every state's violations, in state order (what `collectViolations` of the states gives).
  const violations = newList<Violation>();
  const pass: Pass = {
    nowMs,
    ctx,
    definitions,
    index,
    plans,
    quick,
    replayTrace,
    dueAt,
    // One subject at a time: its events, the types among them, the attributes after each, the
    // timers its attributes pick, its instances. The lists are reused, each with its own count
    // (issue 21: setting an array's length to 0 drops its store, so each subject grew four new ones).
    list: [],
    seenTypes: [],
    attributesAt: [],
    picked: [],
    instances: [],
    // Whether each definition reads one of the types seen (one of its matchers' types), known for
    // the subjects since the types seen last changed (`stamp`): most subjects of a log see the same.
    lastTypes: [],
    lastTypeCount: -1,
    stamp: 0,
    readsStamp: new Int32Array(definitions.length),
    readsValue: new Uint8Array(definitions.length),
    time,
    deadlineTrace,
    breachTrace,
    escalationTrace,
    resolvers,
    basisSeen,
    states,
    violations,
  };
  for (let s = 0; s < subjects.length; s++)
    evaluateSubject(
      pass,
      subjects[s] as string,
      events,
      order,
      firstOf[s] as number,
      firstOf[s + 1] as number,
    );
  return {
    states,
    violations,
    replay: replayTrace.entries,
    deadlines: deadlineTrace.entries,
    breaches: breachTrace.entries,
    escalation: escalationTrace.entries,
  };
}

/** What the one pass shares with {@link judgeClock} and {@link judgeBySteps}: per evaluation. */
interface Pass {
  nowMs: number;
  ctx: EvalContext;
  definitions: readonly TimerDefinition[];
  index: ReturnType<typeof timerIndex>;
  plans: (Plan | null | undefined)[];
  quick: (QuickTests | undefined)[];
  replayTrace: Trace;
  dueAt: (ms: number) => Due;
  list: ParsedEvent[];
  seenTypes: string[];
  attributesAt: Attributes[];
  picked: number[];
  instances: Instance[];
  lastTypes: string[];
  lastTypeCount: number;
  stamp: number;
  readsStamp: Int32Array;
  readsValue: Uint8Array;
  time: { zone: string; calendar: EvalContext['calendar'] };
  deadlineTrace: Trace;
  breachTrace: Trace;
  escalationTrace: Trace;
  /** The target compilers and calendar-basis set the built-in steps share across runs. */
  resolvers: Map<TimerDefinition, TargetResolver>;
  basisSeen: Set<string>;
  states: TimerState[];
  violations: Violation[];
}

/**
 * The deadline, breach, escalation and violation steps of a started cycle under a {@link Plan},
 * from epoch milliseconds: its state, built whole, and its entries (a function of its own, so that
 * it is compiled early and on its own: the one pass runs once per evaluation).
 */
function judgeClock(
  pass: Pass,
  def: TimerDefinition,
  plan: Plan,
  inst: Instance,
  subject: string,
  status: TimerStatus,
  pausedMs: number,
  elapsedMs: number,
  startAt: Instant,
  stoppedAt: Instant | undefined,
  due: Due,
  endMs: number,
  assignees: Record<string, string>,
): void {
  const dueMs = due.ms;
  const stopped = inst.phase === 'stopped';
  const live = inst.phase === 'running' || inst.phase === 'paused';
  const actualMs = stopped ? endMs : pass.nowMs;
  const late = (stopped || live) && (plan.inclusive ? actualMs > dueMs : actualMs >= dueMs);
  const l = late ? latenessOf(plan, due.at, dueMs, actualMs, pass.time) : undefined;
  const state = new ClockState(
    def,
    subject,
    inst.cycle,
    late ? 'breached' : status,
    pausedMs,
    elapsedMs,
    inst.anomalies.length === 0 ? NO_ITEMS : inst.anomalies,
    startAt,
    stoppedAt,
    due.at,
    plan.inclusive,
    dueMs - endMs,
    l === undefined ? undefined : new LateBy(plan.unit, l.units, l.ms),
  );
  // `outcomeHead` once per status and evaluation (the definition does not change during one).
  let head = plan.heads[state.status];
  if (head === undefined) {
    head = outcomeHead(def, state.status);
    plan.heads[state.status] = head;
  }
  let zh = head.zh + due.zh;
  let en = head.en + due.en;
  if (l !== undefined) {
    zh += l.zhLate;
    en += l.enLate;
  }
  if (def.severity === 'soft' && late) {
    zh += '(建议性时限,仅预警)';
    en += ' (soft target: warning only)';
  }
  pass.breachTrace.entries.push(
    new Entry(
      def.rule,
      new BilingualText(zh, en),
      def.clause,
      new BreachData(subject, def.id, startAt, due.at, stoppedAt ?? null, pausedMs),
    ),
  );
  if (def.warnings.length > 0 || def.escalations.length > 0)
    escalateClock(def, inst, state, subject, dueMs, pass.nowMs, pass.escalationTrace);
  if (late && def.severity === 'hard') {
    // Without a breach rule no one is charged (`violationsFor` answers an empty list).
    if (def.breach) {
      const open = !stopped;
      // An unassigned role is noted on the state's anomalies: a list of its own once it has one.
      const shared = state.anomalies === NO_ITEMS;
      const anomalies: TimerAnomaly[] = shared ? newList() : state.anomalies;
      const charged =
        clockViolations(def, subject, state, assignees, anomalies, open) ??
        violationsFor(def, subject, state, assignees, anomalies, open);
      if (shared && anomalies.length > 0) state.anomalies = anomalies;
      if (charged.length > 0) {
        state.violations = charged;
        for (let v = 0; v < charged.length; v++) pass.violations.push(charged[v] as Violation);
      }
    }
    if (def.consequences.length > 0) state.consequences = [...def.consequences];
  }
  pass.states.push(state);
}

/**
 * The built-in steps (`resolveDeadlines`, `judgeBreaches`, `escalate`, `emitViolations`) for one
 * started cycle the one pass does not judge itself, as a run of its own.
 */
function judgeBySteps(
  pass: Pass,
  ctx: EvalContext,
  def: TimerDefinition,
  subject: string,
  inst: Instance,
  status: TimerStatus,
  pausedMs: number,
  elapsedMs: number,
  startAt: Instant,
  stoppedAt: Instant | undefined,
  of: { events: ParsedEvent[]; attributes: Attributes; assignees: Record<string, string> },
): void {
  // Lists of its own: the built-in steps write to them.
  const noted = inst.anomalies;
  const anomalies = noted.length === 0 ? newList<TimerAnomaly>() : noted.slice();
  const state = baseState(def, subject, inst.cycle, status, pausedMs, elapsedMs, anomalies, false);
  state.startedAt = startAt;
  if (stoppedAt !== undefined) state.stoppedAt = stoppedAt;
  const run: TimerRun[] = [
    {
      definition: def,
      subject,
      events: of.events,
      attributes: of.attributes,
      assignees: of.assignees,
      instance: keptInstance(inst),
      calendarMs: [],
      state,
    },
  ];
  resolveDeadlines(run, ctx, pass.deadlineTrace, true, pass.resolvers);
  judgeBreaches(run, ctx, pass.breachTrace, true, pass.basisSeen);
  escalate(run, ctx, pass.escalationTrace, true);
  emitViolations(run, true);
  pass.states.push(state);
  for (let v = 0; v < state.violations.length; v++) pass.violations.push(state.violations[v] as Violation);
}

/**
 * A copy of an instance of the pool that the built-in steps may keep: the pool resets the instance
 * it copies for the subject's or the next subject's cycles, the copy stays as it is. Its lists are
 * the instance's own (the pool never writes to them again: a reset instance starts new ones) or new
 * empty ones in place of the pool's shared {@link NONE}, its sets new (the replay's matched sets are
 * left unfilled, as in the pool).
 */
function keptInstance(inst: Instance): Instance {
  return {
    cycle: inst.cycle,
    phase: inst.phase,
    startMatched: new Set(),
    stopMatched: new Set(),
    startMs: inst.startMs,
    startAt: inst.startAt,
    stopMs: inst.stopMs,
    stopAt: inst.stopAt,
    stopAttributes: inst.stopAttributes,
    pausedMs: inst.pausedMs,
    pausedSinceMs: inst.pausedSinceMs,
    extensions: inst.extensions === NONE ? [] : inst.extensions,
    anomalies: inst.anomalies === NONE ? [] : inst.anomalies,
  };
}

/**
 * How late `actualMs` is against the due time, with its texts: core's `lateness` of the instants
 * and the breach step's lateness texts, remembered per difference for a clock unit (for which
 * core's answer is a pure function of it).
 */
function latenessOf(
  plan: Plan,
  dueAt: Instant,
  dueMs: number,
  actualMs: number,
  time: { zone: string; calendar: EvalContext['calendar'] },
): Late {
  const cache = plan.late;
  const usable =
    cache !== undefined && actualMs >= 0 && actualMs < YEAR_10000_MS && Number.isSafeInteger(actualMs);
  const diff = actualMs - dueMs;
  if (usable) {
    const hit = cache.get(diff);
    if (hit !== undefined) return hit;
  }
  const l = lateness(
    { at: dueAt, inclusive: plan.inclusive },
    instantOfMs(actualMs),
    { unit: plan.unit, rounding: plan.rounding },
    time,
  );
  const counted = { unit: plan.unit, units: l.units, ms: l.ms };
  const out: Late = {
    units: l.units,
    ms: l.ms,
    zhLate: `,超时 ${latenessText(counted, 'zh-CN')}`,
    enLate: `, late by ${latenessText(counted, 'en')}`,
  };
  if (usable) {
    if (cache.size >= 10_000) cache.clear();
    cache.set(diff, out);
  }
  return out;
}

/** The escalation step of a started cycle under a {@link Plan} (what `escalate` writes). */
function escalateClock(
  def: TimerDefinition,
  inst: Instance,
  state: TimerState,
  subject: string,
  dueMs: number,
  nowMs: number,
  trace: Trace,
): void {
  const startMs = inst.startMs as number;
  const horizon = inst.stopMs ?? nowMs;
  // Lists of the state's own once they have an item (it holds the shared empty one until then).
  let reached: Instant[] | undefined;
  for (const w of def.warnings) {
    const ms =
      'fraction' in w ? startMs + w.fraction * (dueMs - startMs) : dueMs - w.minutesBeforeDue * 60_000;
    const r = Math.round(ms);
    if (r <= nowMs && r <= horizon) {
      if (reached === undefined) reached = newList();
      reached.push(instantOfMs(r));
    }
  }
  if (reached !== undefined) state.warningsReached = reached;
  let due: TimerState['escalationsDue'] | undefined;
  for (const e of def.escalations) {
    let ms: number;
    if (e.when.kind === 'atStart') ms = startMs;
    else if (e.when.kind === 'fraction') ms = Math.round(startMs + e.when.fraction * (dueMs - startMs));
    else if (e.when.kind === 'atDue') ms = dueMs;
    else ms = dueMs + e.when.minutes * 60_000;
    if (ms <= nowMs && ms <= horizon && (inst.phase !== 'stopped' || ms <= horizon)) {
      if (due === undefined) due = newList();
      due.push(new EscalationDue(e.level, [...e.notify], instantOfMs(ms)));
      addEntry(
        trace,
        e.rule ?? def.rule,
        e.clause ?? def.clause,
        `升级第${e.level}级:通知 ${e.notify.join('、')}`,
        `escalation level ${e.level}: notify ${e.notify.join(', ')}`,
        new EscalationData(subject, def.id, instantOfMs(ms)),
      );
    }
  }
  if (due !== undefined) state.escalationsDue = due;
}
