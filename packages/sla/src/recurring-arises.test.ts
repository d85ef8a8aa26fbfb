import { makeContext, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { parseEvents } from './events.js';
import { construction000Preset } from './index.js';
import { defineSlaPolicy, knownEventTypes } from './policy.js';
import { expandRecurring, RecurringObligationSchema } from './recurring.js';

// `arisesFrom` (S000-MILESTONE-27, 000 L437): a month's occurrence exists only after a month in which
// something was raised for the subject, unless the policy wants a report every month.
const base = {
  id: 'M27',
  rule: 'S000-MILESTONE-27',
  clause: '000 L437',
  title: { zh: '整改', en: 'rectification' },
  due: { kind: 'dayOfMonth', day: 5 },
  done: [{ type: 'mpcIssuesRectified' }],
  subjects: ['EMC'],
} as const;

function periods(raisedMonths: readonly number[], reportWithoutIssues: boolean): string[] {
  const o = RecurringObligationSchema.parse({
    ...base,
    arisesFrom: { events: [{ type: 'mpcIssuesRaised' }], reportWithoutIssues },
  });
  const events = parseEvents([
    { type: 'seen', subject: 'EMC', at: '2024-01-01T09:00:00+08:00' },
    ...[...raisedMonths]
      .sort((a, b) => a - b)
      .map((m) => ({
        type: 'mpcIssuesRaised',
        subject: 'EMC',
        at: `2024-${String(m).padStart(2, '0')}-10T10:00:00+08:00`,
      })),
  ]);
  const ctx = makeContext({ now: '2024-12-20T00:00:00+08:00' });
  return expandRecurring([o], events, ctx)
    .events.filter((e) => e.type === 'sla.period.open:M27')
    .map((e) => e.subject);
}

describe('recurring obligations arising from the previous month (S000-MILESTONE-27)', () => {
  it('S000-MILESTONE-27: issues raised in February and May open March and June only; with reportWithoutIssues every month', () => {
    expect(periods([2, 5], false)).toEqual(['EMC@2024-03', 'EMC@2024-06']);
    expect(periods([2, 5], true)).toHaveLength(12);
    expect(periods([], false)).toEqual([]);
    expect(periods([12], false)).toEqual([]); // January 2025 is after now
  });

  it('S000-MILESTONE-27: the months opened are exactly those after a month with issues (property, seeded)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 11 }), { maxLength: 11 }), (months) => {
        const expected = [...months]
          .sort((a, b) => a - b)
          .map((m) => `EMC@2024-${String(m + 1).padStart(2, '0')}`);
        expect(periods(months, false)).toEqual(expected);
      }),
      { seed: 27, numRuns: 60 },
    );
  });

  it('S000-MILESTONE-27: the construction presets read mpcIssuesRaised, so the event type is known', () => {
    const p = construction000Preset();
    expect(p.params.recurring.find((r) => r.id === 'M27.rectification')?.arisesFrom).toEqual({
      events: [{ type: 'mpcIssuesRaised' }],
      reportWithoutIssues: false,
    });
    expect(knownEventTypes(p.params).has('mpcIssuesRaised')).toBe(true);
  });

  it('refuses a malformed arisesFrom', () => {
    for (const arisesFrom of [
      { events: [] },
      { events: [{ type: '' }] },
      { events: [{ type: 'x' }], reportWithoutIssues: 'no' },
      { events: [{ type: 'x' }], reportsWithoutIssues: true },
      'mpcIssuesRaised',
    ]) {
      expect(RecurringObligationSchema.safeParse({ ...base, arisesFrom }).success).toBe(false);
    }
    const bad = structuredClone(construction000Preset()) as unknown as {
      params: { recurring: { id: string; arisesFrom?: unknown }[] };
    };
    const i = bad.params.recurring.findIndex((r) => r.id === 'M27.rectification');
    (bad.params.recurring[i] as { arisesFrom?: unknown }).arisesFrom = { events: [] };
    try {
      defineSlaPolicy(bad);
      expect.unreachable('accepted an empty arisesFrom.events');
    } catch (e) {
      expect(e).toBeInstanceOf(ZhiduError);
      expect((e as ZhiduError).path.slice(-4)).toEqual(['recurring', i, 'arisesFrom', 'events']);
    }
  });
});

describe('expandRecurring validates the obligations it is given', () => {
  const log = parseEvents([{ type: 'seen', subject: 'EMC', at: '2024-04-08T09:00:00+08:00' }]);
  const ctx = makeContext({ now: '2024-05-20T00:00:00+08:00' });
  const raw = (due: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    id: 'M10',
    rule: 'S000-TEST',
    clause: 'test',
    title: { zh: '月报', en: 'monthly report' },
    due,
    done: [{ type: 'reported' }],
    subjects: ['EMC'],
    ...extra,
  });
  const dueOf = (o: unknown) =>
    expandRecurring([o as never], log, ctx).events.find((e) => e.subject === 'EMC@2024-04')?.attributes?.[
      'periodDue:M10'
    ];

  it("applies the obligation's defaults: by the 10th, inclusive unless it says otherwise", () => {
    expect(dueOf(raw({ kind: 'dayOfMonth', day: 10 }))).toBe('2024-04-10T15:59:59.999Z');
    expect(dueOf(raw({ kind: 'dayOfMonth', day: 10, inclusive: false }))).toBe('2024-04-09T16:00:00.000Z');
  });

  it('refuses a malformed obligation at its index', () => {
    const e = refusal(() =>
      expandRecurring([raw({ kind: 'dayOfMonth', day: 10 }, { done: [] }) as never], log, ctx),
    );
    expect([e.code, e.path]).toEqual(['invalid_input', ['obligations', 0, 'done']]);
    expect(
      refusal(() => expandRecurring([raw({ kind: 'dayOfMonth', day: 40 }) as never], log, ctx)).path,
    ).toEqual(['obligations', 0, 'due', 'day']);
  });
});
