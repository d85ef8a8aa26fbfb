import {
  type CalendarBasis,
  calendarBasisTrace,
  type Decision,
  DurationSpecSchema,
  deadline,
  type EvalContext,
  freshRng,
  InstantSchema,
  isLate,
  type LocalDate,
  LocalDateSchema,
  lateness,
  localDateOf,
  nearestKey,
  occurrences,
  parseInput,
  RecurrenceSchema,
  refuseRepeats,
  TextSchema,
  Trace,
  type Violation,
  violation,
  type WorkCalendar,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import type { ServicePolicy } from '../policy.js';
import { CitationSchema, meetsPercent, PercentSchema, requiredCount } from '../shared.js';

/** Who answers for a periodic or sampled duty when no person is named (责任岗位、部门). */
const ResponsibleSchema = z.strictObject({
  role: z.string().min(1),
  departmentId: z.string().min(1).optional(),
});

/**
 * A duty that recurs (每周一提交周报; 次月3日前提交月度回访汇总): its periods and due times come from core's
 * recurrence (`every`, `interval`, `anchor`, `due`); each period needs one `action` by the responsible
 * role.
 */
export const PeriodicDutySchema = CitationSchema.extend({
  key: z.string().min(1),
  ...TextSchema.shape,
  recurrence: RecurrenceSchema,
  /** The completion type that fulfils a period (e.g. `weeklyReport`). */
  action: z.string().min(1),
  responsible: ResponsibleSchema,
  /** Violation code prefix: `.late`, `.missing`. */
  violationCode: z.string().min(1),
});
export type PeriodicDuty = z.output<typeof PeriodicDutySchema>;

/**
 * A sampled follow-up (抽查、抽样回访): of the triggers of type `trigger`, a sample — `size` items or
 * `ratePercent` % of them (rounded up) — is drawn reproducibly with the context's seeded rng; each
 * sampled item is followed up within `due`, and the rate is measured over the sample.
 */
export const SampleRuleSchema = CitationSchema.extend({
  key: z.string().min(1),
  ...TextSchema.shape,
  trigger: z.string().min(1),
  action: z.string().min(1),
  /** How many to draw; give this or `ratePercent`. */
  size: z.number().int().min(1).optional(),
  /** Which share to draw, 0–100 %; give this or `size`. */
  ratePercent: PercentSchema.optional(),
  due: DurationSpecSchema,
  /** Share of the sample that must be followed up in time (the rate is measured over the sample). */
  targetPercent: PercentSchema.default(100),
  responsible: ResponsibleSchema,
  violationCode: z.string().min(1),
}).superRefine((s, ctx) => {
  if ((s.size === undefined) === (s.ratePercent === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['size'],
      message: '抽样须给出 size 或 ratePercent 之一 / a sample gives exactly one of size and ratePercent',
    });
  }
});
export type SampleRule = z.output<typeof SampleRuleSchema>;

/** A duty done: which duty, for which period (`period` as core's recurrence names it) or item, when, by whom. */
const DoneSchema = z.strictObject({
  ref: z.string().min(1),
  at: InstantSchema,
  personId: z.string().min(1).optional(),
});

/** Input of `service.periodic`: the window audited and the reports or actions done in it. */
export const PeriodicInputSchema = z.strictObject({
  /** The duty key of the policy. */
  duty: z.string().min(1),
  from: LocalDateSchema,
  to: LocalDateSchema,
  /** What was done: `ref` is the period (`2025-03-03`, `2025-03`, `2025-Q1` …). */
  done: z.array(DoneSchema),
});
export type PeriodicInput = z.input<typeof PeriodicInputSchema>;

/** Input of `service.sampling`: the population, an optional sample already drawn, and what was done. */
export const SamplingInputSchema = z.strictObject({
  sample: z.string().min(1),
  population: z.array(
    z.strictObject({ id: z.string().min(1), at: InstantSchema, personId: z.string().min(1).optional() }),
  ),
  /** The ids drawn, when the company drew them itself; otherwise drawn with the context's rng. */
  drawn: z.array(z.string().min(1)).optional(),
  /** What was done: `ref` is the sampled item's id. */
  done: z.array(DoneSchema),
});
export type SamplingInput = z.input<typeof SamplingInputSchema>;

/** The state of one generated period: done in time, done late, overdue, or not due yet. */
export type PeriodStatus = 'done' | 'doneLate' | 'overdue' | 'pending';
type Status = PeriodStatus;

function who(personId: string | undefined, r: { role: string; departmentId?: string | undefined }) {
  return personId === undefined
    ? {
        personId: `role:${r.role}`,
        role: r.role,
        ...(r.departmentId === undefined ? {} : { departmentId: r.departmentId }),
      }
    : { personId, role: r.role, ...(r.departmentId === undefined ? {} : { departmentId: r.departmentId }) };
}

function findKey<T extends { key: string }>(list: readonly T[] | undefined, key: string, what: string): T {
  const found = (list ?? []).find((d) => d.key === key);
  if (found) return found;
  const known = (list ?? []).map((d) => d.key);
  const hint = nearestKey(key, known);
  throw new ZhiduError(
    'unknown_reference',
    [what],
    `制度未定义 "${key}"${hint ? `(是否为 "${hint}"?)` : ''} / the policy defines no ${what} "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${known.join(', ') || 'none'}`,
  );
}

/**
 * `calendar` as {@link occurrences} reads it: the same answers, noting the first and last date it
 * answered for (`first`/`last` stay undefined when the recurrence never asks it).
 */
function readDates(calendar: WorkCalendar): {
  calendar: WorkCalendar;
  first: LocalDate | undefined;
  last: LocalDate | undefined;
} {
  const span: { calendar: WorkCalendar; first: LocalDate | undefined; last: LocalDate | undefined } = {
    calendar,
    first: undefined,
    last: undefined,
  };
  const note = (d: LocalDate): void => {
    if (span.first === undefined || d < span.first) span.first = d;
    if (span.last === undefined || d > span.last) span.last = d;
  };
  span.calendar = {
    zone: calendar.zone,
    isWorkday: (d) => {
      note(d);
      return calendar.isWorkday(d);
    },
    addWorkdays: (d, n) => {
      note(d);
      const out = calendar.addWorkdays(d, n);
      note(out);
      return out;
    },
    workdaysBetween: (a, b) => {
      note(a);
      note(b);
      return calendar.workdaysBetween(a, b);
    },
    spansOn: (d) => calendar.spansOn(d),
    standardSpans: (d) => calendar.standardSpans(d),
    addBusinessTime: (start, minutes) => calendar.addBusinessTime(start, minutes),
    businessTimeBetween: (a, b) => calendar.businessTimeBetween(a, b),
    workEnd: (d) => calendar.workEnd(d),
    basis: (from, to) => (calendar.basis ? calendar.basis(from, to) : []),
  };
  return span;
}

/** Whether some year of `[from, to]` is answered beyond the calendar's data (provisionally or on the weekly pattern). */
function beyondData(calendar: WorkCalendar, from: LocalDate, to: LocalDate): boolean {
  const list: readonly CalendarBasis[] = calendar.basis ? calendar.basis(from, to) : [];
  return list.some((b) => b.kind !== 'data');
}

/** The status of one duty given its due instant and the earliest completion. */
function statusOf(due: { at: string; inclusive: boolean }, doneAt: string | undefined, now: string): Status {
  if (doneAt !== undefined) return isLate(due, doneAt) ? 'doneLate' : 'done';
  return isLate(due, now) ? 'overdue' : 'pending';
}

/** The result of `service.periodic`: each period of the duty with its status, and the violations. */
export type PeriodicResult = {
  duty: string;
  periods: { period: string; due: string; status: PeriodStatus; doneAt: string | null }[];
  violations: Violation[];
};

/** The result of `service.sampling`: the sample, each item's status, the rate, and the violations. */
export type SamplingResult = {
  sample: string[];
  populationSize: number;
  items: { id: string; due: string; status: PeriodStatus }[];
  rate: {
    total: number;
    counted: number;
    required: number;
    targetPercent: number;
    met: boolean;
    final: boolean;
  };
  violations: Violation[];
};

/**
 * The periodic duties of the policy over `[from, to]`: each period of the duty's recurrence (core
 * `occurrences`) with its due instant, done on time, late, still missing after its due time, or not
 * yet due; `<violationCode>.late` and `.missing` attributed to the person who did it, else the duty's
 * responsible role.
 *
 * @param input - the duty key, the window and what was done (`ref`: the period)
 * @param policy - a service policy with `periodicDuties`
 * @param ctx - evaluation context (now, zone, calendar)
 * @returns the periods with their status, and the violations
 * @throws ZhiduError `unknown_reference` at `duty` for a duty the policy does not define
 * @example
 * periodicDuties({ duty: 'weeklyRevisitReport', from: '2025-03-03', to: '2025-03-16', done: [] },
 *   policy, ctx).value.periods.map((p) => p.status); //=> ['overdue', 'overdue']
 */
export function periodicDuties(
  input: PeriodicInput,
  policy: ServicePolicy,
  ctx: EvalContext,
): Decision<PeriodicResult> {
  return periodicParsed(parseInput(PeriodicInputSchema, input), policy, ctx);
}

/** {@link periodicDuties} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function periodicParsed(
  data: z.output<typeof PeriodicInputSchema>,
  policy: ServicePolicy,
  ctx: EvalContext,
): Decision<PeriodicResult> {
  const duty = findKey(policy.params.periodicDuties, data.duty, 'duty');
  const read = ctx.calendar.basis === undefined ? undefined : readDates(ctx.calendar);
  const list = occurrences(duty.recurrence, {
    from: data.from,
    to: data.to,
    zone: ctx.zone,
    calendar: read?.calendar ?? ctx.calendar,
  });
  const trace = new Trace();
  if (
    read?.first !== undefined &&
    read.last !== undefined &&
    beyondData(ctx.calendar, read.first, read.last)
  ) {
    // Periods or due dates counted on working days beyond the calendar's data: where those working
    // days come from, so the decision's provenance says provisional (the dues carry no flag).
    calendarBasisTrace(trace, ctx.calendar, read.first, read.last, { when: 'notable' });
  }
  const violations: Violation[] = [];
  const periods = list.map((o) => {
    const mine = data.done
      .filter((d) => d.ref === o.period)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const first = mine[0];
    const due = { at: o.due, inclusive: true };
    const status = statusOf(due, first?.at, ctx.now);
    if (status === 'doneLate' || status === 'overdue') {
      const until = first?.at ?? ctx.now;
      const late = lateness(due, until, { unit: 'calendarDays' }, ctx);
      violations.push(
        violation(
          'service.periodic',
          { rule: duty.rule, clause: duty.clause },
          {
            ...who(first?.personId, duty.responsible),
            code: `${duty.violationCode}.${status === 'doneLate' ? 'late' : 'missing'}`,
            occurredAt: o.due,
            lateBy: { unit: 'calendarDays', units: late.units, ms: late.ms },
            subject: { kind: duty.key, id: o.period },
            data: { period: o.period, due: o.due, ...(first === undefined ? { attributedTo: 'role' } : {}) },
          },
        ),
      );
    }
    return { period: o.period, due: o.due, status, doneAt: first?.at ?? null };
  });
  const count = (s: Status) => periods.filter((p) => p.status === s).length;
  trace.add(
    duty.rule,
    duty.clause,
    `${duty.zh}: ${data.from}至${data.to}共${periods.length}期,按时${count('done')},逾期${count('doneLate')},缺${count('overdue')},未到期${count('pending')};缺失期次归责于${duty.responsible.role}`,
    `${duty.en}: ${periods.length} period(s) from ${data.from} to ${data.to}; ${count('done')} on time, ${count('doneLate')} late, ${count('overdue')} missing (attributed to ${duty.responsible.role}), ${count('pending')} not yet due`,
    { duty: duty.key, periods: periods.length },
  );
  return trace.decide({ duty: duty.key, periods, violations });
}

/**
 * A sampled follow-up: the sample drawn reproducibly (the population sorted by id, shuffled with the
 * context's seeded rng, the first `size` or `ceil(rate × N)` taken) unless the input gives the ids
 * drawn; each sampled item followed up within the rule's `due`; the rate measured over the sample
 * (`done × 100 ≥ target × sample size`). Items not drawn owe nothing. Misses and a rate below target
 * are Violations attributed to the person, else the rule's responsible role.
 *
 * @param input - the sample key, the population, optionally the ids drawn, and what was done
 * @param policy - a service policy with `samples`
 * @param ctx - evaluation context with a seeded `rng` (scenario `context.seed`) unless `drawn` is given
 * @returns the sample, each item's status, the rate over the sample, and the violations
 * @throws ZhiduError `unknown_reference` at `sample` for a sample rule the policy does not define or at
 *   `drawn` for an id not in the population; `duplicate` at `population[i].id` for a member listed
 *   twice; `invalid_input` at `ctx.seed` when nothing says how to draw
 * @example
 * sampleFollowUps({ sample: 'buyerSpotCheck', population, done: [] }, policy, ctx).value.sample.length;
 */
export function sampleFollowUps(
  input: SamplingInput,
  policy: ServicePolicy,
  ctx: EvalContext,
): Decision<SamplingResult> {
  return samplingParsed(parseInput(SamplingInputSchema, input), policy, ctx);
}

/** {@link sampleFollowUps} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function samplingParsed(
  data: z.output<typeof SamplingInputSchema>,
  policy: ServicePolicy,
  ctx: EvalContext,
): Decision<SamplingResult> {
  const rule = findKey(policy.params.samples, data.sample, 'sample');
  // A member listed twice was counted twice: in the population's size and in the share drawn.
  refuseRepeats(
    data.population,
    (p) => p.id,
    (i) => ['population', i, 'id'],
    (id) => `"${id}" 在抽样总体中重复列出 / "${id}" is listed twice in the population`,
  );
  const byId = new Map(data.population.map((p) => [p.id, p]));
  // The earliest follow-up of each item (the first given among equal instants). A follow-up of an id
  // outside the population was dropped without a word, and a misspelt ref (`B02` for `B2`) left its
  // item overdue: refused, as a drawn id outside the population is.
  const firstDone = new Map<string, (typeof data.done)[number]>();
  data.done.forEach((d, i) => {
    if (!byId.has(d.ref)) {
      const guess = nearestKey(d.ref, [...byId.keys()]);
      throw new ZhiduError(
        'unknown_reference',
        ['done', i, 'ref'],
        `回访记录引用的 "${d.ref}" 不在抽样总体中${guess ? `；是否应为 "${guess}"？` : ''} / follow-up names "${d.ref}", which is not in the population${guess ? `; did you mean "${guess}"?` : ''}`,
      );
    }
    const prior = firstDone.get(d.ref);
    if (prior === undefined || Date.parse(d.at) < Date.parse(prior.at)) firstDone.set(d.ref, d);
  });
  const size = Math.min(
    data.population.length,
    rule.size ?? requiredCount(data.population.length, rule.ratePercent ?? 0),
  );
  let sample: string[];
  if (data.drawn !== undefined) {
    data.drawn.forEach((id, i) => {
      if (!byId.has(id))
        throw new ZhiduError(
          'unknown_reference',
          ['drawn', i],
          `"${id}" 不在抽样总体中 / "${id}" is not in the population`,
        );
    });
    sample = [...new Set(data.drawn)];
  } else {
    if (ctx.rng === undefined) {
      throw new ZhiduError(
        'invalid_input',
        ['ctx', 'seed'],
        '抽样须由上下文的随机种子抽取(或在输入中给出 drawn) / a sample is drawn with the context’s seeded rng (give a seed), or given as drawn',
      );
    }
    const ids = [...byId.keys()].sort();
    // Drawn from the start of the seed's stream: the same context draws the same sample every time.
    sample = freshRng(ctx.rng).shuffle(ids).slice(0, size);
  }
  const trace = new Trace();
  const violations: Violation[] = [];
  const timeCtx = { zone: ctx.zone, calendar: ctx.calendar };
  const seen = new Set<string>();
  const items = sample.map((id) => {
    const item = byId.get(id) as { id: string; at: string; personId?: string | undefined };
    const due = deadline(item.at, rule.due, timeCtx);
    if (due.provisional === true) {
      // A due beyond the calendar's data: where its working days come from (each year once), so
      // the decision's provenance says provisional.
      const from = localDateOf(item.at, ctx.zone);
      calendarBasisTrace(trace, ctx.calendar, from, localDateOf(due.at, ctx.zone), { when: 'notable', seen });
    }
    const first = firstDone.get(id);
    const status = statusOf(due, first?.at, ctx.now);
    if (status === 'doneLate' || status === 'overdue') {
      const until = first?.at ?? ctx.now;
      const late = lateness(due, until, { unit: 'calendarDays' }, ctx);
      violations.push(
        violation(
          'service.sampling',
          { rule: rule.rule, clause: rule.clause },
          {
            ...who(first?.personId ?? item.personId, rule.responsible),
            code: `${rule.violationCode}.${status === 'doneLate' ? 'late' : 'missing'}`,
            occurredAt: due.at,
            lateBy: { unit: 'calendarDays', units: late.units, ms: late.ms },
            subject: { kind: rule.trigger, id },
            data: { due: due.at, ...((first?.personId ?? item.personId) ? {} : { attributedTo: 'role' }) },
          },
        ),
      );
    }
    return { id, due: due.at, status };
  });
  const counted = items.filter((i) => i.status === 'done').length;
  // A sample given smaller than the rule draws (1 of 100 under 抽查20%) is measured against the
  // rule's size: the items it left out were owed to the sample and not followed up.
  const short = items.length < size;
  const basis = Math.max(items.length, size);
  const required = requiredCount(basis, rule.targetPercent);
  const met = meetsPercent(counted, basis, rule.targetPercent);
  const final = items.every((i) => i.status !== 'pending');
  trace.add(
    rule.rule,
    rule.clause,
    `${rule.zh}: 共${data.population.length}户,抽取${items.length}户(${rule.size !== undefined ? `${rule.size}户` : `${rule.ratePercent}%`}${data.drawn ? ',按输入' : `,种子${ctx.rng?.seed}`}),按时完成${counted},需${required}(目标${rule.targetPercent}%,${short ? `给出的样本少于规定的${size}户,按${size}户计` : '按样本计'})`,
    `${rule.en}: ${items.length} drawn of ${data.population.length} (${rule.size !== undefined ? `${rule.size}` : `${rule.ratePercent} %`}${data.drawn ? ', as given' : `, seed ${ctx.rng?.seed}`}); ${counted} done in time, ${required} needed (${rule.targetPercent} % of ${short ? `the ${size} the rule draws: the sample given is smaller` : 'the sample'})`,
    { sample, counted, required },
  );
  if (!met && final) {
    violations.push(
      violation(
        'service.sampling',
        { rule: rule.rule, clause: rule.clause },
        {
          ...who(undefined, rule.responsible),
          code: `${rule.violationCode}.rateBelowTarget`,
          occurredAt: ctx.now,
          quantity: required - counted,
          data: {
            total: basis,
            counted,
            required,
            targetPercent: rule.targetPercent,
            attributedTo: 'role',
          },
        },
      ),
    );
  }
  return trace.decide({
    sample,
    populationSize: data.population.length,
    items,
    rate: { total: basis, counted, required, targetPercent: rule.targetPercent, met, final },
    violations,
  });
}
