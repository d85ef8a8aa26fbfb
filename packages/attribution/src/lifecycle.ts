/**
 * The general vocabulary of a sales office's own attribution rules (issue 14): a claim's lifecycle
 * as named phases with durations and transitions, explicit revival rules, checks at the deal with a
 * dispute window, and a split matrix. Every field is optional; without it the seed model
 * (`protection.*`, `splits.*`) applies unchanged.
 */
import {
  addDays,
  type Condition,
  ConditionSchema,
  calendarBasisTrace,
  deadline,
  errorAt,
  evaluateCondition,
  partialRecordOf,
  recordOf,
  Trace,
  type TraceEntry,
  type WorkCalendar,
} from '@zhidu/core';
import { z } from 'zod';
import { expectArray, expectId } from './boundary.js';
import type { Channel, CustomerEvent } from './events.js';
import { ChannelSchema, CustomerEventSchema } from './events.js';
import { atLocal, InstantSchema, LocalDateSchema, localDateOf, parseInput, ZhiduError } from './kernel.js';
import { VisitCaseSchema } from './ownership.js';
import { PercentSchema } from './shares.js';

/** The reserved phase name a claim enters when it is gone (与其无关). */
export const EXPIRED = 'expired';

/**
 * A period counted from a day (the day itself not counted, catalog convention C2): calendar days
 * (天), working days (工作日, on the context's calendar) or months (个月, clamped to month end).
 * `inclusive` says whether the last day still counts: `false` reads "2 months from 1 March" as valid
 * through 30 April (S001-ATTR-12), `true` as valid through 1 May. Stated, never defaulted.
 */
export const ClaimDurationSchema = z.strictObject({
  unit: z.enum(['calendarDays', 'workingDays', 'calendarMonths']),
  amount: z.number().int().min(1).max(100_000),
  inclusive: z.boolean(),
});
/** A period of a claim's lifecycle, a revival window, a deal-check window or a dispute window. */
export type ClaimDuration = z.output<typeof ClaimDurationSchema>;

/** The kinds of customer events a rule can name. */
export const EventKindSchema = z.enum([
  'registration',
  'followUp',
  'visit',
  'lookup',
  'complaintVerification',
  'deal',
  'link',
  'dispute',
  'managerDecision',
  'reassignment',
]);

/**
 * Which events a rule reacts to: a kind, whose act it is, and a condition (core condition language)
 * over the event's fields and its `attrs` (`{ attribute: ['attrs', 'minutes'], gte: 3 }`).
 *
 * Whose act: a registration's or follow-up's salesperson, a deal's closer, a lookup's salesperson
 * found, a reassignment's new holder, and for a visit the salesperson the customer asks for
 * (`designatedOnEntry`, else the first named). `claimant` is the claim's salesperson, `other`
 * someone else (another claim's event), `anyone` any event of the kind.
 */
export const EventMatchSchema = z.strictObject({
  kind: EventKindSchema,
  by: z.enum(['claimant', 'other', 'anyone']).default('claimant'),
  when: ConditionSchema.optional(),
});
/** An event pattern. */
export type EventMatch = z.output<typeof EventMatchSchema>;

/** A phase of a claim: how long it lasts, what it counts from, where it goes when time runs out. */
export const ClaimPhaseSchema = z.strictObject({
  /** the phase's name in the office's own words (报备期, 带看保护期 …), for traces */
  label: z.string().min(1).optional(),
  /** how long the phase lasts; null = until a transition moves the claim on */
  duration: ClaimDurationSchema.nullable(),
  /** a different duration per registration channel */
  byChannel: partialRecordOf(ChannelSchema, ClaimDurationSchema).default({}),
  /**
   * counted from entering the phase, or from the latest effective contact while in it (inert while
   * the lifecycle lists no `effectiveContact`: there is no contact to count from)
   */
  countFrom: z
    .enum(['entry', 'latestEffectiveContact'])
    .default('entry')
    .meta({
      'x-zhidu-inert-unless': {
        pointer: '/params/lifecycle/effectiveContact',
        min: 1,
        reason: {
          zh: '没有有效联系规则时无从"自最近有效联系起算"，两种起算方式相同',
          en: 'without effective-contact rules there is no contact to count from, so both ways of counting agree',
        },
      },
    }),
  /** the phase entered when the duration runs out (default: the claim expires) */
  next: z.string().min(1).default(EXPIRED),
});
/** A phase of a claim. */
export type ClaimPhase = z.output<typeof ClaimPhaseSchema>;

/** A move from one of `from` to `to` when a matching event happens (the claim's class changes from then on). */
export const TransitionSchema = z.strictObject({
  from: z.array(z.string().min(1)).min(1),
  on: EventMatchSchema,
  to: z.string().min(1),
});

/**
 * A revival rule: after the claim expired, `minCount` matching events inside a window counted from
 * the expiry, from another salesperson's registration, or from a deal give the claim back in phase
 * `to`. The revived claim ranks from the reviving event, so it never outranks a claim made in between.
 */
export const RevivalSchema = z.strictObject({
  after: z.enum(['expiry', 'otherRegistration', 'deal']),
  within: ClaimDurationSchema,
  on: EventMatchSchema,
  minCount: z.number().int().min(1).max(1000).default(1),
  to: z.string().min(1),
});

/** A claim's lifecycle as a state machine (replaces the `protection` counting when given). */
export const ClaimLifecycleSchema = z
  .strictObject({
    /** the phase a valid registration starts the claim in */
    initial: z.string().min(1),
    phases: recordOf(z.string().min(1), ClaimPhaseSchema),
    /** what counts as an effective contact (有效跟进): any one pattern matching */
    effectiveContact: z.array(EventMatchSchema).default([]),
    transitions: z.array(TransitionSchema).default([]),
    /** only these rules give an expired claim back (no rule: expiry is final) */
    revival: z.array(RevivalSchema).default([]),
    /**
     * Staleness hand-over: when the claim holding the customer runs out of time (no progress) and no
     * other claim is live that day, the customer goes to the first rostered staff member with `role`,
     * as a claim in `phase` starting that day (absent: the customer goes back to the pool).
     */
    handOver: z.strictObject({ role: z.string().min(1), phase: z.string().min(1) }).optional(),
    /**
     * A `reassignment` event as a claim with a lifecycle: the new holder's claim starts in `phase` at
     * the reassignment (absent: a reassignment holds without expiry). Claims made before it do not
     * come back when it ends.
     */
    reassignment: z.strictObject({ phase: z.string().min(1) }).optional(),
  })
  .superRefine((lc, ctx) => {
    const names = Object.keys(lc.phases);
    const known = (n: string) => n === EXPIRED || names.includes(n);
    const bad = (path: (string | number)[], name: string) =>
      ctx.addIssue({
        code: 'custom',
        path,
        message: `没有阶段 ${name}（已有：${names.join('、')}、${EXPIRED}） / no phase ${name} (phases: ${[...names, EXPIRED].join(', ')})`,
      });
    if (names.includes(EXPIRED)) {
      ctx.addIssue({
        code: 'custom',
        path: ['phases', EXPIRED],
        message: `阶段名 ${EXPIRED} 为保留字 / ${EXPIRED} is reserved for a claim that is gone`,
      });
    }
    if (!names.includes(lc.initial)) bad(['initial'], lc.initial);
    for (const [n, p] of Object.entries(lc.phases)) if (!known(p.next)) bad(['phases', n, 'next'], p.next);
    lc.transitions.forEach((t, i) => {
      t.from.forEach((f, j) => {
        if (!names.includes(f)) bad(['transitions', i, 'from', j], f);
      });
      if (!known(t.to)) bad(['transitions', i, 'to'], t.to);
    });
    lc.revival.forEach((r, i) => {
      if (!names.includes(r.to)) bad(['revival', i, 'to'], r.to);
    });
    if (lc.handOver && !names.includes(lc.handOver.phase)) bad(['handOver', 'phase'], lc.handOver.phase);
    if (lc.reassignment && !names.includes(lc.reassignment.phase))
      bad(['reassignment', 'phase'], lc.reassignment.phase);
    // Every phase must be reachable from the initial one (phases that do not connect).
    const reached = new Set<string>();
    const queue = names.includes(lc.initial) ? [lc.initial] : [];
    for (let n = queue.pop(); n !== undefined; n = queue.pop()) {
      if (reached.has(n) || !names.includes(n)) continue;
      reached.add(n);
      const p = lc.phases[n];
      if (p) queue.push(p.next);
      for (const t of lc.transitions) if (t.from.includes(n)) queue.push(t.to);
      if (p && (p.next === EXPIRED || lc.transitions.some((t) => t.from.includes(n) && t.to === EXPIRED)))
        for (const r of lc.revival) queue.push(r.to);
    }
    // A hand-over and a reassignment start claims of their own in their phases.
    const starts = [lc.handOver?.phase, lc.reassignment?.phase].filter(
      (x): x is string => x !== undefined && names.includes(x),
    );
    if (starts.length > 0) {
      const more = [...starts];
      for (let n = more.pop(); n !== undefined; n = more.pop()) {
        if (reached.has(n) || !names.includes(n)) continue;
        reached.add(n);
        const p = lc.phases[n];
        if (p) more.push(p.next);
        for (const t of lc.transitions) if (t.from.includes(n)) more.push(t.to);
        for (const r of lc.revival) more.push(r.to);
      }
    }
    for (const n of names) {
      if (!reached.has(n) && names.includes(lc.initial)) {
        ctx.addIssue({
          code: 'custom',
          path: ['phases', n],
          message: `阶段 ${n} 无法从初始阶段 ${lc.initial} 到达 / phase ${n} does not connect: no transition leads to it from ${lc.initial}`,
        });
      }
    }
    // Time alone must not cycle for ever: following `next` from a timed phase ends.
    for (const n of names) {
      const seen = new Set<string>();
      let cur: string | undefined = n;
      while (cur !== undefined && cur !== EXPIRED && !seen.has(cur)) {
        seen.add(cur);
        const p: ClaimPhase | undefined = lc.phases[cur];
        cur = p && p.duration !== null ? p.next : undefined;
      }
      if (cur !== undefined && cur !== EXPIRED && seen.has(cur) && cur === n) {
        ctx.addIssue({
          code: 'custom',
          path: ['phases', n, 'next'],
          message: `阶段 ${n} 经时间流转回到自身，永不届满（不限期请用 duration: null） / phase ${n} comes back to itself by elapsed time alone and would never end (use duration: null for no limit)`,
        });
      }
    }
  });
/** A claim's lifecycle. */
export type ClaimLifecycle = z.output<typeof ClaimLifecycleSchema>;

/** The deal stages a check can be recorded at. */
export const DealStageSchema = z.enum(['smallDeposit', 'bigDeposit', 'contract']);

/**
 * A check when a deal (小定, 大定, 签约) is recorded by someone other than the owner: at least
 * `minCount` of the owner's events matching `require` whose window `within` (counted from the event)
 * still covers the deal day; otherwise the owner keeps the customer, is deemed to have given it up
 * (the deal and the customer go to the closer), or the manager decides.
 */
export const DealCheckSchema = z.strictObject({
  stages: z.array(DealStageSchema).min(1),
  within: ClaimDurationSchema,
  require: EventMatchSchema,
  minCount: z.number().int().min(1).max(1000).default(1),
  otherwise: z.enum(['ownerKeeps', 'deemedGivenUp', 'managerDecides']),
});

/** Checks at the deal and the dispute window after it. */
export const DealChecksSchema = z.strictObject({
  checks: z.array(DealCheckSchema).default([]),
  /** disputes over a deal are heard only within this window after it (null: no limit) */
  disputeWindow: ClaimDurationSchema.nullable().default(null),
});
/** Checks at the deal. */
export type DealChecks = z.output<typeof DealChecksSchema>;

/** Who a split-matrix share goes to: the governing visit's receiver, the prior owner B, the deal's closer. */
export const SplitRoleSchema = z.enum(['receiver', 'previous', 'closer']);
/** A split-matrix role. */
export type SplitRole = z.output<typeof SplitRoleSchema>;

const roleShares = partialRecordOf(SplitRoleSchema, PercentSchema);

/**
 * A relation between two of the people involved in a deal (by their split roles, default the
 * receiver and the prior owner B), read from the roster: the same or a different department
 * (`departmentId`, 同组/跨组), or the same or a different person (e.g. the closer is the receiver).
 * A person the roster gives no `departmentId` is refused when a department relation is asked.
 */
export const SplitRelationSchema = z.strictObject({
  roles: z.tuple([SplitRoleSchema, SplitRoleSchema]).default(['receiver', 'previous']),
  relation: z.enum(['sameDepartment', 'differentDepartment', 'samePerson', 'differentPerson']),
});
/** A relation between people in a split row. */
export type SplitRelation = z.output<typeof SplitRelationSchema>;

/**
 * A row of the split matrix: for deals whose governing visit has one of `cases` and whose facts
 * meet `when`, performance (业绩) and bonus (提成) shares by role, each summing to exactly 100 %.
 * Facts: `case`, `stage`, `sameDay` (the deal on the governing visit's day), `visit` and `deal` (the
 * events' fields with their `attrs`).
 */
export const SplitRowSchema = z
  .strictObject({
    cases: z.array(VisitCaseSchema).min(1),
    when: ConditionSchema.optional(),
    /** the row applies only when two of the people involved stand in this relation (see {@link SplitRelationSchema}) */
    between: SplitRelationSchema.optional(),
    performance: roleShares,
    bonus: roleShares,
  })
  .superRefine((row, ctx) => {
    for (const kind of ['performance', 'bonus'] as const) {
      const total = Object.values(row[kind]).reduce((s, v) => s + Math.round((v ?? 0) * 100), 0);
      if (total !== 10_000) {
        ctx.addIssue({
          code: 'custom',
          path: [kind],
          message: `${kind === 'performance' ? '业绩' : '提成'}份额合计 ${total / 100}%，须恰为 100% / ${kind} shares sum to ${total / 100} %, not exactly 100 %`,
        });
      }
    }
  });
/** A row of the split matrix. */
export type SplitRow = z.output<typeof SplitRowSchema>;

/** Whose act an event is (see {@link EventMatchSchema}). */
export function actorOf(e: CustomerEvent): string | null {
  switch (e.type) {
    case 'registration':
    case 'followUp':
      return e.salespersonId;
    case 'deal':
      return e.closerId;
    case 'lookup':
      return e.foundSalespersonId;
    case 'reassignment':
      return e.toId;
    case 'visit':
      return e.designatedOnEntry ?? e.intake.named[0] ?? null;
    default:
      return null;
  }
}

/** An event as a condition's subject: its fields, with `attrs` always an object. */
export function factsOf(e: CustomerEvent): Record<string, unknown> {
  return { ...e, attrs: e.attrs ?? {} };
}

/** The attribute paths a condition reads, as arrays. */
function pathsOf(c: Condition): string[][] {
  if ('all' in c) return c.all.flatMap(pathsOf);
  if ('any' in c) return c.any.flatMap(pathsOf);
  if ('not' in c) return pathsOf(c.not);
  return [typeof c.attribute === 'string' ? [c.attribute] : c.attribute];
}

/**
 * The event a missing-fact refusal of {@link requireFacts} is about: {@link refusalsAtEvents} reads it
 * to put the event's index in the log in front of the refusal's `['attrs', fact]`
 * (`input.events[7].attrs.minutes`).
 */
const eventOfRefusal = new WeakMap<ZhiduError, object>();

/**
 * Runs `run`, moving a missing-fact refusal under the event it names: `['attrs', fact]` becomes
 * `[...at, i, 'attrs', fact]` when the refused event is `events[i]` (found by identity); any other
 * error is thrown as it is. Each caller passes the list its own input names (`events`, `later`,
 * `history.events`). @internal
 */
export function refusalsAtEvents<T>(
  events: readonly object[],
  at: readonly (string | number)[],
  run: () => T,
): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
    const event = eventOfRefusal.get(e);
    const i = event === undefined ? -1 : events.indexOf(event);
    throw i < 0 ? e : errorAt(e, [...at, i, ...e.path]);
  }
}

/**
 * Refuses a subject lacking an `attrs` fact the condition reads (an office's own fact is never
 * guessed as absent): `invalid_input` at `['attrs', fact]` naming the fact and the rule. `eventOf`
 * gives the event a fact's path reads (the modules then cite the event's index, see
 * {@link refusalsAtEvents}).
 */
export function requireFacts(
  c: Condition,
  subject: Record<string, unknown>,
  what: string,
  rulePath: (string | number)[],
  eventOf?: (factPath: readonly (string | number)[]) => object | undefined,
): void {
  for (const p of pathsOf(c)) {
    const i = p.indexOf('attrs');
    if (i < 0 || i === p.length - 1) continue;
    let v: unknown = subject;
    for (const k of p)
      v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    if (v === undefined) {
      const fact = p.join('.');
      // `what` is "中文 / English": each half of the message takes its own half.
      const slash = what.indexOf(' / ');
      const whatZh = slash < 0 ? what : what.slice(0, slash);
      const whatEn = slash < 0 ? what : what.slice(slash + 3).trimEnd();
      const refusal = new ZhiduError(
        'invalid_input',
        ['attrs', ...p.slice(i + 1)],
        `${whatZh.trimEnd()}缺少规则 ${rulePath.join('.')} 所需的事实 ${fact} / ${whatEn} lacks the fact ${fact} that the rule at ${rulePath.join('.')} needs`,
        { fact, rule: rulePath },
      );
      const event = eventOf?.(p);
      if (event !== undefined) eventOfRefusal.set(refusal, event);
      throw refusal;
    }
  }
}

/**
 * Whether an event matches a pattern for a claimant.
 *
 * @param m - the pattern
 * @param e - the event
 * @param claimant - the claim's salesperson
 * @param rulePath - where the pattern sits in the policy (for a refusal naming a missing fact)
 * @returns whether it matches
 * @throws ZhiduError `invalid_input` at `['event', 'attrs', fact]` when the event lacks an `attrs` fact the condition reads
 * @example
 * const m = { kind: 'followUp' as const, by: 'claimant' as const, when: { attribute: 'reached', equals: true } };
 * const e = { type: 'followUp' as const, at: '2024-03-01T10:00+08:00', customerId: 'c1', salespersonId: 'B', reached: true, method: 'phoneCall' as const };
 * eventMatches(m, e, 'B', ['effectiveContact', 0]); //=> true
 */
export function eventMatches(
  m: z.input<typeof EventMatchSchema>,
  e: z.input<typeof CustomerEventSchema>,
  claimant: string,
  rulePath: (string | number)[] = ['match'],
): boolean {
  const match = parseInput(EventMatchSchema, m, ['match']);
  const event = parseInput(CustomerEventSchema, e, ['event']);
  expectId(claimant, ['claimant']);
  expectArray(rulePath, ['rulePath']);
  try {
    return matchEvent(match, event, claimant, rulePath);
  } catch (err) {
    // A missing attrs fact is the event's: event.attrs.fact.
    if (err instanceof ZhiduError && eventOfRefusal.get(err) === event)
      throw errorAt(err, ['event', ...err.path]);
    throw err;
  }
}

/**
 * {@link eventMatches} on a parsed pattern and event (the rule code's path).
 * @internal
 */
export function matchEvent(
  m: EventMatch,
  e: CustomerEvent,
  claimant: string,
  rulePath: (string | number)[],
): boolean {
  if (e.type !== m.kind) return false;
  const actor = actorOf(e);
  if (m.by === 'claimant' && actor !== claimant) return false;
  if (m.by === 'other' && (actor === null || actor === claimant)) return false;
  if (m.when === undefined) return true;
  const subject = factsOf(e);
  requireFacts(
    m.when,
    subject,
    `事件 ${e.type}@${e.at} / the ${e.type} event at ${e.at} `,
    rulePath,
    () => e,
  );
  return evaluateCondition(m.when, subject, rulePath).holds;
}

/**
 * First local date after a period counted from `from` (the day itself not counted): the first day
 * the period no longer covers.
 *
 * @param from - local date the period counts from
 * @param d - the period
 * @param zone - zone of local dates
 * @param calendar - the working-day calendar (for `workingDays`)
 * @returns the first local date outside the period
 * @example
 * periodEnd('2024-03-01', { unit: 'calendarMonths', amount: 2, inclusive: false }, 'Asia/Shanghai'); //=> '2024-05-01'
 * periodEnd('2024-03-01', { unit: 'calendarDays', amount: 30, inclusive: true }, 'Asia/Shanghai'); //=> '2024-04-01'
 */
export function periodEnd(
  from: string,
  d: z.input<typeof ClaimDurationSchema>,
  zone: string,
  calendar?: WorkCalendar,
): string {
  parseInput(LocalDateSchema, from, ['from']);
  const duration = parseInput(ClaimDurationSchema, d, ['duration']);
  expectId(zone, ['zone']);
  checkCalendar(calendar);
  return endOfPeriod(from, duration, zone, calendar);
}

function checkCalendar(calendar: unknown): void {
  if (calendar === undefined) return;
  if (
    calendar === null ||
    typeof calendar !== 'object' ||
    typeof (calendar as { isWorkday?: unknown }).isWorkday !== 'function'
  ) {
    throw new ZhiduError(
      'invalid_input',
      ['calendar'],
      '日历须为 WorkCalendar（例如 chinaCalendar()） / calendar must be a WorkCalendar (e.g. chinaCalendar())',
    );
  }
}

/**
 * {@link periodEnd} on validated arguments (the rule code's path). A period counted beyond the
 * calendar's data (its due provisional) is noted for {@link withPeriodBasis}.
 * @internal
 */
export function endOfPeriod(from: string, d: ClaimDuration, zone: string, calendar?: WorkCalendar): string {
  const due = deadline(
    atLocal(from, '12:00', zone),
    { unit: d.unit, amount: d.amount, at: 'endOfDay', inclusive: true },
    calendar ? { zone, calendar } : { zone },
  );
  const last = localDateOf(due.at, zone);
  if (due.provisional === true && beyondData !== undefined) beyondData.add(`${from}\u0000${last}`);
  return d.inclusive ? addDays(last, 1) : last;
}

/**
 * While {@link withPeriodBasis} runs: the periods counted beyond the calendar's data, as
 * `from\u0000last day` (each span once).
 */
let beyondData: Set<string> | undefined;

/**
 * Runs `decide` (one module decision), noting the periods it counts on working days beyond the
 * calendar's data; returns its value and, when there were any, the trace entries naming where
 * those working days come from (`zhidu.calendar.provisional` beside the data years, each year once),
 * so that the decision's provenance says provisional. Ordinary decisions get no entries.
 *
 * @param calendar - the calendar the periods were counted on
 * @param decide - the decision
 * @returns the decision's value and the calendar basis entries (empty when nothing was provisional)
 * @internal
 */
export function withPeriodBasis<T>(
  calendar: WorkCalendar,
  decide: () => T,
): { value: T; basis: readonly TraceEntry[] } {
  const outer = beyondData;
  const spans = new Set<string>();
  beyondData = spans;
  let value: T;
  try {
    value = decide();
  } finally {
    beyondData = outer;
    // A decision made inside another (a company's rule) counts for the outer one too.
    if (outer !== undefined) for (const span of spans) outer.add(span);
  }
  if (spans.size === 0) return { value, basis: [] };
  const trace = new Trace();
  const seen = new Set<string>();
  for (const span of spans) {
    const [from, to] = span.split('\u0000') as [string, string];
    calendarBasisTrace(trace, calendar, from, to, { when: 'notable', seen });
  }
  return { value, basis: trace.entries };
}

/** The duration of a phase for a claim registered through `channel`. */
export function phaseDuration(p: ClaimPhase, channel: Channel | null): ClaimDuration | null {
  return (channel === null ? undefined : p.byChannel[channel]) ?? p.duration;
}

/** What the lifecycle walk found for one claim (the fields `RegistrationClaim` needs, and the phase). */
export type LifecycleWalk = {
  registeredAt: string;
  corroborated: boolean;
  from: string;
  expiresOn: string | null;
  lapsedOn: string | null;
  ignoredAfterExpiry: string[];
  /** the phase the claim is in after the last event (`expired` when gone) */
  phase: string;
  /** how the claim ends (or ended): time runs out on `expiresOn`, an event moved it to `expired`, or never (null) */
  endedBy: 'elapsed' | 'event' | null;
  /** each phase change: the phase entered, the local date and why */
  path: { phase: string; on: string; by: string }[];
};

/** The `later` events of {@link walkLifecycle} (built once, not per call). */
const CustomerEventListSchema = z.array(CustomerEventSchema);

/** The first valid registration the lifecycle starts from. */
export type LifecycleStart = {
  salespersonId: string;
  at: string;
  /** the registration channel (`null` for a hand-over: the phase's own `duration` applies) */
  channel: Channel | null;
  eveningRecord: boolean;
};

/**
 * Walks a claim through the policy's lifecycle: elapsed time moves it along `next`, a matching event
 * along a transition (from that day on, never retroactively), an effective contact restarts a
 * phase counted from the latest one, and after expiry only a revival rule gives it back, ranking
 * from the reviving event.
 *
 * @param reg - the claim's first valid registration
 * @param later - the customer's later events (every salesperson's), in time order
 * @param lc - the lifecycle
 * @param zone - zone of local dates
 * @param calendar - the working-day calendar (for `workingDays`)
 * @returns the claim's state after the last event
 * @throws ZhiduError `invalid_input` at `['later', i, 'attrs', fact]` when an event lacks a fact a rule's condition reads
 * @example
 * const lc = ClaimLifecycleSchema.parse({ initial: 'protected', phases: { protected: { duration: { unit: 'calendarDays', amount: 30, inclusive: true } } } });
 * walkLifecycle({ salespersonId: 'B', at: '2024-03-01T10:00+08:00', channel: 'walkIn', eveningRecord: true }, [], lc, 'Asia/Shanghai').expiresOn;
 * //=> '2024-04-01' (30 days counted from 1 March, the 31st included)
 */
export function walkLifecycle(
  reg: LifecycleStart,
  later: readonly z.input<typeof CustomerEventSchema>[],
  lc: z.input<typeof ClaimLifecycleSchema>,
  zone: string,
  calendar?: WorkCalendar,
): LifecycleWalk {
  const start = parseInput(LifecycleStartSchema, reg, ['reg']);
  const events = parseInput(CustomerEventListSchema, later, ['later']);
  const lifecycle = parseInput(ClaimLifecycleSchema, lc, ['lifecycle']);
  expectId(zone, ['zone']);
  checkCalendar(calendar);
  // A missing attrs fact is cited at its event: later[i].attrs.fact.
  return refusalsAtEvents(events, ['later'], () => walkClaim(start, events, lifecycle, zone, calendar));
}

const LifecycleStartSchema = z.strictObject({
  salespersonId: z.string().min(1),
  at: InstantSchema,
  channel: ChannelSchema.nullable(),
  eveningRecord: z.boolean(),
});

/**
 * {@link walkLifecycle} on parsed arguments (the rule code's path).
 * @internal
 */
export function walkClaim(
  reg: LifecycleStart,
  later: readonly CustomerEvent[],
  lc: ClaimLifecycle,
  zone: string,
  calendar?: WorkCalendar,
): LifecycleWalk {
  const sp = reg.salespersonId;
  const regDay = localDateOf(reg.at, zone);
  let channel: Channel | null = reg.channel;
  let phase = lc.initial;
  let from = regDay;
  let registeredAt = reg.at;
  let corroborated = reg.eveningRecord;
  let lapsedOn: string | null = null;
  let expiredOn: string | null = null;
  const ignoredAfterExpiry: string[] = [];
  const path: LifecycleWalk['path'] = [{ phase, on: regDay, by: 'registration' }];
  const endOf = (p: string, f: string): string | null => {
    const ph = lc.phases[p];
    const d = ph ? phaseDuration(ph, channel) : null;
    return d === null ? null : endOfPeriod(f, d, zone, calendar);
  };
  let end = endOf(phase, from);
  /**
   * Enters phase `p` on `day`. An event's day is not counted (catalog convention C2); a phase entered
   * because time ran out begins at the start of `day`, so `day` is its first day (counted from the
   * day before).
   */
  const enter = (p: string, day: string, by: string): void => {
    path.push({ phase: p, on: day, by });
    if (p === EXPIRED) {
      phase = EXPIRED;
      expiredOn = day;
      return;
    }
    phase = p;
    from = by === 'elapsed' ? addDays(day, -1) : day;
    end = endOf(p, from);
  };
  /** Elapsed-time moves up to (and including) `day`. */
  const advance = (day: string): void => {
    while (phase !== EXPIRED && end !== null && day >= end) {
      enter(lc.phases[phase]?.next ?? EXPIRED, end, 'elapsed');
    }
  };
  const events = later.filter((e) => e.at > reg.at);
  for (const [i, e] of events.entries()) {
    const day = localDateOf(e.at, zone);
    advance(day);
    if (phase === EXPIRED) {
      const k = lc.revival.findIndex((r, ri) => revives(r, ri, e, i, day));
      const rule = lc.revival[k];
      if (rule) {
        lapsedOn = expiredOn;
        registeredAt = e.at;
        if (e.type === 'registration') {
          corroborated = e.eveningRecord;
          channel = e.channel;
        }
        expiredOn = null;
        enter(rule.to, day, `revival[${k}]`);
      } else if (actorOf(e) === sp && (e.type === 'followUp' || e.type === 'registration')) {
        ignoredAfterExpiry.push(e.at);
      }
      continue;
    }
    const t = lc.transitions.findIndex(
      (tr, ti) => tr.from.includes(phase) && matchEvent(tr.on, e, sp, ['lifecycle', 'transitions', ti, 'on']),
    );
    const tr = lc.transitions[t];
    if (tr) {
      enter(tr.to, day, `transitions[${t}]`);
      continue;
    }
    const ph = lc.phases[phase];
    if (
      ph?.countFrom === 'latestEffectiveContact' &&
      day > from &&
      lc.effectiveContact.some((m, mi) => matchEvent(m, e, sp, ['lifecycle', 'effectiveContact', mi]))
    ) {
      from = day;
      end = endOf(phase, from);
    }
  }
  // The claim as of its last event: the end of the chain of timed phases ahead of it.
  let expiresOn: string | null = expiredOn;
  if (phase !== EXPIRED) {
    let p = phase;
    let e = end;
    const seen = new Set<string>();
    while (e !== null && !seen.has(p)) {
      seen.add(p);
      const next = lc.phases[p]?.next ?? EXPIRED;
      if (next === EXPIRED) break;
      p = next;
      e = endOf(p, addDays(e, -1));
    }
    expiresOn = e;
  }
  const last = path[path.length - 1];
  const endedBy =
    phase !== EXPIRED
      ? expiresOn !== null
        ? 'elapsed'
        : null
      : last?.by === 'elapsed'
        ? 'elapsed'
        : 'event';
  return { registeredAt, corroborated, from, expiresOn, lapsedOn, ignoredAfterExpiry, phase, path, endedBy };

  function revives(
    r: ClaimLifecycle['revival'][number],
    ri: number,
    e: CustomerEvent,
    i: number,
    day: string,
  ) {
    const rulePath = ['lifecycle', 'revival', ri, 'on'];
    if (!matchEvent(r.on, e, sp, rulePath)) return false;
    const before = events.slice(0, i);
    const anchorEvent =
      r.after === 'otherRegistration'
        ? lastOf(before, (x) => x.type === 'registration' && x.salespersonId !== sp)
        : r.after === 'deal'
          ? lastOf(before, (x) => x.type === 'deal')
          : undefined;
    // A window after the expiry has the expiry day as its first day; after an event, the day after it.
    const anchor = r.after === 'expiry' ? expiredOn : anchorEvent ? localDateOf(anchorEvent.at, zone) : null;
    if (anchor === null || day < anchor) return false;
    const countFrom = r.after === 'expiry' ? addDays(anchor, -1) : anchor;
    if (day >= endOfPeriod(countFrom, r.within, zone, calendar)) return false;
    // Only events after the expiry count, and never one that came before it.
    const since = expiredOn !== null && expiredOn > anchor ? expiredOn : anchor;
    const count =
      before.filter((x) => localDateOf(x.at, zone) >= since && matchEvent(r.on, x, sp, rulePath)).length + 1;
    return count >= r.minCount;
  }
}

function lastOf<T>(list: readonly T[], test: (x: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) {
    const x = list[i] as T;
    if (test(x)) return x;
  }
  return undefined;
}
