import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type ViolationInput } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { ledgerOf } from './assess.js';
import type { Ledger, Line } from './ledger.js';
import { defineSchedule, type FineScheduleParamsInput } from './schedule.js';

// Issue 16 §4: items match by core conditions (ranges, sets, comparisons) over violation fields,
// not only by equality on `data`.

const ctx = makeContext({ now: '2024-05-15T12:00:00+08:00', calendar: chinaCalendar() });
const src = { module: 'service.complaints', rule: 'T-01' };
type Item = FineScheduleParamsInput['items'][number];

const fine = (amount: number) => [
  {
    to: [{ kind: 'violator' as const }],
    outcome: { kind: 'fine' as const, amount, per: 'occurrence' as const },
  },
];

function schedule(items: Item[]) {
  return defineSchedule({
    id: 'when',
    version: '1',
    effectiveFrom: '2024-01-01',
    zone: 'Asia/Shanghai',
    source: { title: '投诉处理考核细则' },
    params: { window: 'calendarMonth', latenessRounding: 'ceil', caps: [], escalations: [], items },
  });
}

const item = (id: string, amount: number, when?: Item['match']['when']): Item => ({
  id,
  rule: `T-WHEN-${id}`,
  clause: 'art. 2',
  title: { zh: '投诉', en: 'Complaint' },
  match: { code: 'service.complaint.upheld', ...(when === undefined ? {} : { when }) },
  charges: fine(amount),
});

const complaint = (extra: Partial<ViolationInput> = {}): ViolationInput => ({
  code: 'service.complaint.upheld',
  personId: 'cs-1',
  occurredAt: '2024-03-05T10:00:00+08:00',
  source: src,
  ...extra,
});
const lines = (l: Ledger): Line[] => l.persons.flatMap((p) => p.periods.flatMap((x) => x.lines));

describe('matching by conditions (issue 16 §4)', () => {
  const byLoss = schedule([
    item('normal', 5000),
    item('serious', 20000, { attribute: ['data', 'lossFen'], gte: 100_000 }),
  ]);

  it('a range on a data field: a loss of 1,000 CNY or more is the serious item, 999.99 the normal one', () => {
    const d = ledgerOf(
      [
        complaint({ data: { lossFen: 100_000 } }),
        complaint({ data: { lossFen: 99_999 }, occurredAt: '2024-03-06T10:00:00+08:00' }),
        complaint({ occurredAt: '2024-03-07T10:00:00+08:00' }),
      ],
      byLoss,
      ctx,
    );
    expect(lines(d.value).map((l) => [l.item, l.amount])).toEqual([
      ['serious', 20000],
      ['normal', 5000],
      ['normal', 5000],
    ]);
  });

  it('a set on a data field and comparisons on top-level fields (quantity, lateBy.units)', () => {
    const s = schedule([
      item('hotline', 30000, { attribute: ['data', 'channel'], in: ['12345', 'media'] }),
      item('many', 10000, {
        all: [
          { attribute: 'quantity', gt: 3 },
          { not: { attribute: ['data', 'channel'], in: ['12345', 'media'] } },
        ],
      }),
      item('slow', 8000, { attribute: ['lateBy', 'units'], gte: 2 }),
    ]);
    const d = ledgerOf(
      [
        complaint({ data: { channel: '12345' } }),
        complaint({ quantity: 4, occurredAt: '2024-03-06T10:00:00+08:00' }),
        complaint({ lateBy: { unit: 'workingDays', units: 2 }, occurredAt: '2024-03-07T10:00:00+08:00' }),
        complaint({ lateBy: { unit: 'workingDays', units: 1 }, occurredAt: '2024-03-08T10:00:00+08:00' }),
      ],
      s,
      ctx,
    );
    expect(lines(d.value).map((l) => l.item)).toEqual(['hotline', 'many', 'slow']);
    expect(d.value.unpriced).toEqual([
      { code: 'service.complaint.upheld', personId: 'cs-1', occurredAt: '2024-03-08T02:00:00.000Z' },
    ]);
  });

  it('the most specific match wins: a condition reading two fields beats one reading one', () => {
    const s = schedule([
      item('one', 100, { attribute: ['data', 'lossFen'], gte: 0 }),
      item('two', 200, {
        all: [
          { attribute: ['data', 'lossFen'], gte: 0 },
          { attribute: ['data', 'repeat'], equals: true },
        ],
      }),
    ]);
    const d = ledgerOf([complaint({ data: { lossFen: 5, repeat: true } })], s, ctx);
    expect(lines(d.value).map((l) => l.item)).toEqual(['two']);
  });

  it('refuses a violation two equally specific conditions both price, naming the violation', () => {
    const s = schedule([
      item('a', 100, { attribute: 'quantity', gte: 2 }),
      item('b', 200, { attribute: 'quantity', lte: 5 }),
    ]);
    const e = refusal(() => ledgerOf([complaint({ quantity: 3 })], s, ctx));
    expect(e.code).toBe('policy_overlap');
    expect(e.path).toEqual(['violations', 0]);
  });

  it('refuses a malformed condition with its path, and a misspelt operator with unknown_key', () => {
    const empty = refusal(() => schedule([item('x', 1, { attribute: 'quantity' } as Item['match']['when'])]));
    expect(empty.code).toBe('invalid_input');
    expect(empty.path.slice(0, 6)).toEqual(['policy', 'params', 'items', 0, 'match', 'when']);
    const typo = refusal(() =>
      schedule([item('x', 1, { attribute: 'quantity', gtee: 2 } as unknown as Item['match']['when'])]),
    );
    expect(['unknown_key', 'invalid_input']).toContain(typo.code);
    expect(typo.path.slice(0, 6)).toEqual(['policy', 'params', 'items', 0, 'match', 'when']);
  });
});
