// Issue 21: measureProgramme builds the objects of its answer (tasks, usual violations with their
// data and lateness, warnings and their messages, rates, trace entries and their data) by `new` on
// constructors whose prototype is Object.prototype rather than by literals, so that V8 gives them no
// allocation site to tenure. They must be the very plain objects the literals were: the same
// prototype, constructor, own keys in the same order (an absent optional key stays absent), values
// and JSON as the previous loop's (followup/oracle/measure.ts), which builds them all by literals.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { type EvalContext, makeContext } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineServicePolicy, type ServicePolicy } from '../policy.js';
import { s000bPropertyRevisitPolicy as R } from '../presets/index.js';
import { entry } from '../shared.js';
import { measureProgramme } from './measure.js';
import { measureProgrammeOracle } from './oracle/measure.js';
import { timesAt } from './tasks.js';

const base = R.params.followUps?.[0] as NonNullable<typeof R.params.followUps>[number];
const rule = (over: Record<string, unknown>) => ({ ...base, ...over });

/**
 * Rules making every object kind: usual breaches (calendar days, hours), breaches outside the usual
 * case (working days, nobody named: traced), soft-rule and too-early warnings, rates below target,
 * provisional tasks (working days beyond the calendar's data), a rule without a due time.
 */
const kinds: ServicePolicy = defineServicePolicy({
  ...R,
  params: {
    ...R.params,
    followUps: [
      base,
      rule({
        key: 'hourly',
        action: 'call',
        due: { unit: 'hours', amount: 30 },
        latenessUnit: 'hours',
        violationCode: 'service.hourly',
      }),
      rule({
        key: 'working',
        action: 'visit',
        due: { unit: 'workingDays', amount: 2 },
        latenessUnit: 'workingDays',
        responsible: { role: 'serviceDesk', departmentId: 'propertyOffice' },
        violationCode: 'service.working',
      }),
      rule({
        key: 'early',
        action: 'note',
        earliest: { unit: 'calendarDays', amount: 1 },
        severity: 'soft',
        ratePeriod: 'all',
        targetPercent: 90,
        violationCode: 'service.early',
      }),
      rule({ key: 'open', action: 'revisit', due: null, violationCode: 'service.open' }),
    ],
  },
});

const provisional = chinaCalendar({ outsideData: 'provisional' });
const CONTEXTS: EvalContext[] = [
  makeContext({ now: '2027-01-20T09:00:00+08:00', calendar: provisional }),
  makeContext({ now: '2024-04-10T09:00:00+08:00', calendar: provisional }),
];
const INSTANTS = [
  '2024-03-01T10:00:00+08:00',
  '2024-03-04T08:00:00+08:00',
  '2024-03-05T15:00:00.000Z',
  '2024-03-31T16:00:00.000Z',
  '2026-12-29T10:00:00+08:00',
  '2026-12-30T10:00:00+08:00',
  '2026-12-31T18:00:00+08:00',
  '2027-01-04T15:00:00+08:00',
  '2027-01-08T15:00:00+08:00',
];
const ids = ['K-1', 'K-2', 'K-3', 'K-4', 'K-5'];
const trigger = fc.record(
  {
    id: fc.constantFrom(...ids),
    type: fc.constantFrom('complaintHandled', 'other'),
    at: fc.constantFrom(...INSTANTS),
    personId: fc.constantFrom('zhang', 'li'),
    flags: fc.array(fc.constantFrom('anonymous', 'vip'), { maxLength: 1 }),
  },
  { requiredKeys: ['id', 'type', 'at'] },
);
const completion = fc.record(
  {
    triggerId: fc.constantFrom(...ids),
    action: fc.constantFrom('revisit', 'call', 'note', 'visit'),
    at: fc.constantFrom(...INSTANTS),
    personId: fc.constantFrom('zhang', 'wang'),
  },
  { requiredKeys: ['triggerId', 'action', 'at'] },
);
const programme = fc.record({
  // Distinct trigger ids (a repeated one is refused, tested on its own).
  triggers: fc.uniqueArray(trigger, { selector: (t) => t.id, maxLength: 10 }),
  completions: fc.array(completion, { maxLength: 12 }),
});
const options = fc.constantFrom<Record<string, unknown>>(
  {},
  { accountable: { personId: 'boss', role: 'manager' } },
);

/**
 * Holds `now` to `before` object by object: every object has `before`'s prototype and its own keys
 * in the same order (a plain object's prototype Object.prototype and constructor Object); every list
 * is a list of the same length. Returns how many plain objects were compared.
 */
function sameShape(now: unknown, before: unknown, path: string): number {
  if (typeof before !== 'object' || before === null) {
    expect(now, path).toBe(before);
    return 0;
  }
  expect(typeof now, path).toBe('object');
  const n = now as Record<string, unknown>;
  const b = before as Record<string, unknown>;
  expect(Object.getPrototypeOf(n), path).toBe(Object.getPrototypeOf(b));
  if (Array.isArray(b)) {
    expect(Array.isArray(n), path).toBe(true);
    expect((n as unknown as unknown[]).length, path).toBe(b.length);
    let count = 0;
    for (let i = 0; i < b.length; i++)
      count += sameShape((n as unknown as unknown[])[i], b[i], `${path}[${i}]`);
    return count;
  }
  if (Object.getPrototypeOf(b) !== Object.prototype) return 0;
  expect(n.constructor, path).toBe(Object);
  expect(Object.keys(n), path).toEqual(Object.keys(b));
  let count = 1;
  for (const k of Object.keys(b)) count += sameShape(n[k], b[k], `${path}.${k}`);
  return count;
}

describe('measureProgramme builds plain objects without allocation sites (issue 21)', () => {
  it('property: every object of a decision is the previous loop’s: prototype, constructor, keys in order, strictly equal, same JSON (seeded)', () => {
    const seen = new Set<string>();
    let objects = 0;
    fc.assert(
      fc.property(programme, options, fc.constantFrom(...CONTEXTS), (x, opts, ctx) => {
        const known = new Set(x.triggers.map((t) => t.id));
        const input = {
          triggers: x.triggers,
          completions: x.completions.filter((c) => known.has(c.triggerId)),
        };
        const now = measureProgramme(input, kinds, ctx, opts);
        const before = measureProgrammeOracle(input, kinds, ctx, opts);
        expect(now).toStrictEqual(before);
        expect(JSON.stringify(now)).toBe(JSON.stringify(before));
        objects += sameShape(now, before, 'decision');
        const m = now.value;
        if (m.tasks.some((t) => t.provisional === true)) seen.add('provisional task');
        if (m.tasks.some((t) => t.provisional === undefined && t.due !== null)) seen.add('task');
        if (m.tasks.some((t) => t.due === null)) seen.add('task without due');
        if (m.due.length > 0) seen.add('due');
        for (const v of m.violations)
          seen.add(`violation ${v.code.split('.').pop()}${v.lateBy ? ' lateBy' : ''}`);
        // A usual breach (its data the task and due alone, a lateness not read on the calendar) keeps its
        // shared lateness frozen; core's violation() builds the others'.
        for (const v of m.violations)
          if (
            v.lateBy !== undefined &&
            v.lateBy.unit !== 'workingDays' &&
            Object.keys(v.data ?? {}).join() === 'taskId,due'
          )
            seen.add(Object.isFrozen(v.lateBy) ? 'usual lateBy frozen' : 'usual lateBy not frozen');
        for (const w of m.warnings) seen.add(`warning ${w.taskId === null ? 'rate' : 'task'}`);
        if (m.rates.length > 0) seen.add('rate');
        for (const t of now.trace) seen.add(`trace ${t.data === undefined ? 'entry' : 'entry with data'}`);
        if (now.trace.some((t) => t.data?.attributedTo === 'role')) seen.add('trace attributed');
      }),
      { seed: 2141, numRuns: 300 },
    );
    expect(objects).toBeGreaterThan(10_000);
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'due',
        'provisional task',
        'rate',
        'task',
        'task without due',
        'trace attributed',
        'trace entry with data',
        'violation late lateBy',
        'violation missing lateBy',
        'violation rateBelowTarget',
        'warning rate',
        'warning task',
      ]),
    );
    // The shared lateness of usual breaches stays frozen.
    expect(seen.has('usual lateBy frozen')).toBe(true);
    expect(seen.has('usual lateBy not frozen')).toBe(false);
  });

  it('programmes with unknown triggers are refused as before (code, path, message) (seeded)', () => {
    fc.assert(
      fc.property(programme, fc.constantFrom(...CONTEXTS), (x, ctx) => {
        const refusal = (f: () => unknown) => {
          try {
            return { json: JSON.stringify(f()) };
          } catch (e) {
            const z = e as { code: string; path: unknown; message: string };
            return { code: z.code, path: z.path, message: z.message };
          }
        };
        expect(refusal(() => measureProgramme(x, kinds, ctx))).toEqual(
          refusal(() => measureProgrammeOracle(x, kinds, ctx)),
        );
      }),
      { seed: 2142, numRuns: 200 },
    );
  });

  it('a trace entry is the literal it replaced: rule, clause (kept when undefined), message, data only when given', () => {
    const cite = { rule: 'S000B-FOLLOWUP-04', clause: '000 L1021' };
    const plain = entry(cite, '中', 'en');
    expect(plain).toStrictEqual({ rule: cite.rule, clause: cite.clause, message: { zh: '中', en: 'en' } });
    expect(Object.keys(plain)).toEqual(['rule', 'clause', 'message']);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(plain.message)).toBe(Object.prototype);
    expect(Object.keys(plain.message)).toEqual(['zh', 'en']);
    const data = { n: 1 };
    const withData = entry(cite, '中', 'en', data);
    expect(Object.keys(withData)).toEqual(['rule', 'clause', 'message', 'data']);
    expect(withData.data).toBe(data);
    const noClause = entry({ rule: 'R' } as never, '中', 'en');
    expect(Object.keys(noClause)).toEqual(['rule', 'clause', 'message']);
    expect('clause' in noClause).toBe(true);
    expect(noClause).toStrictEqual({ rule: 'R', clause: undefined, message: { zh: '中', en: 'en' } });
    expect(JSON.stringify(withData)).toBe(
      JSON.stringify({ rule: cite.rule, clause: cite.clause, message: { zh: '中', en: 'en' }, data }),
    );
  });

  it('a task’s times are a plain object with a fresh list of provisional years, empty or sorted', () => {
    const ctx = CONTEXTS[0] as EvalContext;
    const working = kinds.params.followUps?.[2] as NonNullable<typeof kinds.params.followUps>[number];
    const a = timesAt(base, '2024-03-04T02:00:00.000Z', ctx);
    const b = timesAt(base, '2024-03-04T02:00:00.000Z', ctx);
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(Object.keys(a)).toEqual(['due', 'earliest', 'provisionalYears', 'dueMs', 'earliestMs']);
    expect(a.provisionalYears).toStrictEqual([]);
    expect(a.provisionalYears).not.toBe(b.provisionalYears);
    const p = timesAt(working, '2026-12-31T02:00:00.000Z', ctx);
    expect(p.provisionalYears).toStrictEqual([2027]);
    expect(p.provisionalYears).not.toBe(p.due?.provisionalYears);
  });
});
