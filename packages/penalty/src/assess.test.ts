import { makeContext, type ViolationInput, yuan, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from './assess.js';
import { defineSchedule, type FineScheduleParamsInput, fineScheduleJsonSchema } from './schedule.js';

const ctx = makeContext({ now: '2024-06-30T12:00:00+08:00' });
const src = { module: 'test', rule: 'T-01' };
const fine = (amount: number, per: 'occurrence' | 'item' = 'occurrence') => ({
  kind: 'fine' as const,
  amount,
  per,
});
const violator = { kind: 'violator' as const };
type ItemInput = FineScheduleParamsInput['items'][number];
/** A test item that prices violations coded `x.<id>`. */
const item = (
  id: string,
  rule: string,
  clause: string,
  title: ItemInput['title'],
  charges: ItemInput['charges'],
): ItemInput => ({ id, rule, clause, title, match: { code: `x.${id}` }, charges });

function schedule(params: Partial<FineScheduleParamsInput>, extra: Record<string, unknown> = {}) {
  return defineSchedule({
    id: 'test',
    version: '1',
    effectiveFrom: '2024-01-01',
    source: { title: 'test rules' },
    ...extra,
    params: {
      window: 'calendarMonth',
      latenessRounding: 'ceil',
      items: [],
      escalations: [],
      caps: [],
      ...params,
    },
  });
}
const simple = schedule({
  items: [
    item('a', 'T-01', 'art. 1', { zh: '甲', en: 'A' }, [{ to: [violator], outcome: fine(5000, 'item') }]),
  ],
});
const v = (extra: Partial<ViolationInput> = {}): ViolationInput => ({
  code: 'x.a',
  personId: 'p1',
  occurredAt: '2024-03-05T10:00:00+08:00',
  source: src,
  ...extra,
});
function refuses(fn: () => unknown, code: string, path?: (string | number)[]) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    expect((e as ZhiduError).code).toBe(code);
    if (path !== undefined) expect((e as ZhiduError).path).toEqual(path);
    return;
  }
  throw new Error('expected a ZhiduError');
}

describe('ledgerOf: bad input is refused', () => {
  it('refuses a negative quantity with the path of the field', () => {
    refuses(() => ledgerOf([v(), v({ quantity: -2 })], simple, ctx), 'invalid_input', [
      'violations',
      1,
      'quantity',
    ]);
  });

  it('refuses a violation without a person', () => {
    const { personId: _omit, ...noPerson } = v();
    refuses(() => ledgerOf([noPerson as never], simple, ctx), 'invalid_input', ['violations', 0, 'personId']);
    refuses(() => ledgerOf([v({ personId: '' })], simple, ctx), 'invalid_input', [
      'violations',
      0,
      'personId',
    ]);
  });

  it('refuses a schedule with overlapping escalation tiers', () => {
    refuses(
      () =>
        schedule({
          escalations: [
            {
              id: 'e',
              rule: 'T-02',
              clause: 'art. 2',
              tally: 't',
              tiers: [
                { from: 2, to: 4, multiplier: 2 },
                { from: 4, multiplier: 3 },
              ],
            },
          ],
        }),
      'policy_overlap',
      ['params', 'escalations', 0, 'tiers', 1],
    );
  });

  it('refuses two items pricing the same violations, duplicate ids, two escalations for one tally, and caps on unknown items', () => {
    const a = simple.params.items[0];
    refuses(
      () => schedule({ items: [a, { ...a, id: 'b' }] as FineScheduleParamsInput['items'] }),
      'policy_overlap',
    );
    refuses(
      () => schedule({ items: [a, { ...a, match: { code: 'x.b' } }] as FineScheduleParamsInput['items'] }),
      'duplicate',
    );
    const esc = { id: 'e', rule: 'R', clause: 'c', tally: 't', tiers: [] };
    refuses(() => schedule({ escalations: [esc, { ...esc, id: 'f' }] }), 'policy_overlap');
    refuses(
      () =>
        schedule({
          caps: [{ id: 'c', rule: 'R', clause: 'c', scope: 'violation', items: ['nope'], max: 1 }],
        }),
      'unknown_reference',
    );
  });

  it('refuses a negative fine amount in a schedule', () => {
    refuses(
      () =>
        schedule({
          items: [
            { ...simple.params.items[0], charges: [{ to: [violator], outcome: fine(-1) }] },
          ] as FineScheduleParamsInput['items'],
        }),
      'invalid_money',
    );
  });

  it('refuses violations outside the schedule’s dates, corrections before the violation, and a non-array', () => {
    refuses(
      () => ledgerOf([v({ occurredAt: '2023-12-31T10:00:00+08:00' })], simple, ctx),
      'policy_not_in_force',
    );
    refuses(() => ledgerOf([v({ correctedAt: '2024-03-01T10:00:00+08:00' })], simple, ctx), 'out_of_order');
    refuses(() => ledgerOf('nope' as never, simple, ctx), 'invalid_input', ['violations']);
  });

  it('refuses a role no one holds, lateness it cannot count, and a bad loss figure', () => {
    const named = schedule({
      items: [
        item('r', 'R', 'c', { zh: '乙', en: 'B' }, [
          { to: [{ kind: 'role', role: 'boss' }], outcome: fine(100) },
        ]),
        item('l', 'R', 'c', { zh: '丙', en: 'C' }, [
          {
            to: [violator],
            outcome: { kind: 'fine', amount: 100, per: 'lateUnit', lateUnit: 'blocks24h' },
          },
        ]),
        item('m', 'R', 'c', { zh: '丁', en: 'D' }, [
          { to: [violator], outcome: { kind: 'lossBands', lossField: 'lossFen', bands: [] } },
        ]),
      ],
    });
    refuses(() => ledgerOf([v({ code: 'x.r' })], named, ctx), 'unknown_reference', [
      'violations',
      0,
      'data',
      'parties',
      'boss',
    ]);
    refuses(() => ledgerOf([v({ code: 'x.l' })], named, ctx), 'invalid_input', ['violations', 0, 'lateBy']);
    refuses(
      () => ledgerOf([v({ code: 'x.l', lateBy: { unit: 'workingDays', units: 2 } })], named, ctx),
      'invalid_input',
      ['violations', 0, 'lateBy', 'unit'],
    );
    refuses(() => ledgerOf([v({ code: 'x.m', data: { lossFen: -5 } })], named, ctx), 'invalid_money', [
      'violations',
      0,
      'data',
      'lossFen',
    ]);
    // The role found in data.parties or the roster is charged.
    const viaParties = ledgerOf([v({ code: 'x.r', data: { parties: { boss: 'b1' } } })], named, ctx).value;
    expect(viaParties.persons[0]?.personId).toBe('b1');
    const viaRoster = ledgerOf([v({ code: 'x.r' })], named, { ...ctx, roster: { boss: 'b2' } }).value;
    expect(viaRoster.persons[0]?.personId).toBe('b2');
  });
});

describe('ledgerOf: mechanics', () => {
  it('reports violations no item prices, without refusing them', () => {
    const { value, trace } = ledgerOf([v({ code: 'other.code' })], simple, ctx);
    expect(value.unpriced).toEqual([
      { code: 'other.code', personId: 'p1', occurredAt: '2024-03-05T02:00:00.000Z' },
    ]);
    expect(trace[0]?.message.en).toContain('not priced');
  });

  it('files lines by calendar quarter when the schedule says so', () => {
    const q = schedule({ ...simple.params, window: 'calendarQuarter' });
    const { value } = ledgerOf([v(), v({ occurredAt: '2024-04-01T00:30:00+08:00' })], q, ctx);
    expect(value.persons[0]?.periods.map((p) => p.period)).toEqual(['2024-Q1', '2024-Q2']);
  });

  it('files by the schedule’s zone: 23:30 on 31 March in Shanghai is March', () => {
    const { value } = ledgerOf([v({ occurredAt: '2024-03-31T15:30:00Z' })], simple, ctx);
    expect(value.persons[0]?.periods[0]?.period).toBe('2024-03');
  });

  it('caps the money per person and period with a negative line, keeping total = sum of lines', () => {
    const capped = schedule({
      ...simple.params,
      caps: [{ id: 'cap', rule: 'T-09', clause: 'art. 9', scope: 'personPeriod', max: yuan(80) }],
    });
    const { value } = ledgerOf([v(), v({ occurredAt: '2024-03-06T10:00:00+08:00' })], capped, ctx);
    const lines = value.persons[0]?.periods[0]?.lines ?? [];
    expect(lines.map((l) => [l.kind, l.amount])).toEqual([
      ['fine', 5000],
      ['fine', 5000],
      ['cap', -2000],
    ]);
    expect(value.total).toBe(yuan(80));
  });

  it('caps one violation’s charge', () => {
    const capped = schedule({
      ...simple.params,
      caps: [{ id: 'cap', rule: 'T-09', clause: 'art. 9', scope: 'violation', items: ['a'], max: yuan(120) }],
    });
    const { value } = ledgerOf([v({ quantity: 5 })], capped, ctx);
    expect(value.total).toBe(yuan(120));
  });

  it('shares a liability among named roles by weight without losing a fen', () => {
    const shared = schedule({
      items: [
        item('s', 'T-03', 'art. 3', { zh: '分担', en: 'Shared' }, [
          {
            to: [violator, { kind: 'role', role: 'manager' }, { kind: 'role', role: 'director' }],
            weights: [1, 1, 1],
            outcome: fine(10000),
          },
        ]),
      ],
    });
    const { value } = ledgerOf([v({ code: 'x.s' })], shared, {
      ...ctx,
      roster: { manager: 'm', director: 'd' },
    });
    expect(value.persons.map((p) => [p.personId, p.total])).toEqual([
      ['d', 3333],
      ['m', 3333],
      ['p1', 3334],
    ]);
    expect(value.total).toBe(10000);
  });

  it('writes each charge its own text: one item fining per occurrence and per item at the same figures', () => {
    // Two charges of one item, the same amount and one unit each: the texts differ in what they
    // count, so the second may not take the first one's text.
    const perOccurrence = { to: [violator], outcome: fine(5000) };
    const perItem = { to: [{ kind: 'role' as const, role: 'manager' }], outcome: fine(5000, 'item') };
    const texts = (charges: ItemInput['charges']) => {
      const s = schedule({ items: [item('t', 'T-04', 'art. 4', { zh: '迟交', en: 'Late' }, charges)] });
      const { value } = ledgerOf([v({ code: 'x.t' })], s, { ...ctx, roster: { manager: 'm' } });
      return Object.fromEntries(
        value.persons.map((p) => [p.personId, p.periods.flatMap((x) => x.lines.map((l) => l.message.en))]),
      );
    };
    expect(texts([perOccurrence, perItem])).toEqual({
      m: ['Late: 50.00 × 1 = 50.00 CNY (1 item(s))'],
      p1: ['Late: 50.00 × 1 = 50.00 CNY (1)'],
    });
    expect(texts([perItem])).toEqual({ m: ['Late: 50.00 × 1 = 50.00 CNY (1 item(s))'] });
  });

  it('counts started hours by default and whole hours when the schedule says floor', () => {
    const hourly = (rounding: 'ceil' | 'floor') =>
      schedule({
        latenessRounding: rounding,
        items: [
          item('h', 'T-04', 'art. 4', { zh: '每超1小时', en: 'Per hour late' }, [
            { to: [violator], outcome: { kind: 'fine', amount: 1000, per: 'lateUnit', lateUnit: 'hours' } },
          ]),
          item('w', 'T-05', 'art. 5', { zh: '每超1个工作日', en: 'Per working day late' }, [
            {
              to: [violator],
              outcome: { kind: 'fine', amount: 5000, per: 'lateUnit', lateUnit: 'workingDays' },
            },
          ]),
        ],
      });
    const late = v({ code: 'x.h', lateBy: { unit: 'minutes', units: 90, ms: 90 * 60_000 } });
    expect(ledgerOf([late], hourly('ceil'), ctx).value.total).toBe(2000);
    expect(ledgerOf([late], hourly('floor'), ctx).value.total).toBe(1000);
    const days = v({ code: 'x.w', lateBy: { unit: 'workingDays', units: 3 } });
    expect(ledgerOf([days], hourly('ceil'), ctx).value.total).toBe(15000);
    // On time (0 units): no line at all.
    expect(
      ledgerOf([v({ code: 'x.w', lateBy: { unit: 'workingDays', units: 0 } })], hourly('ceil'), ctx).value
        .persons,
    ).toEqual([]);
  });

  it('keeps a summary trace for bulk runs', () => {
    const { trace } = ledgerOf([v(), v()], simple, ctx, { trace: 'summary' });
    expect(trace.map((t) => t.rule)).toEqual(['penalty.ledger']);
  });

  it('exports the schedule as JSON Schema for non-TypeScript ERPs', () => {
    const schema = fineScheduleJsonSchema() as { type?: string; properties?: Record<string, unknown> };
    expect(schema.properties).toHaveProperty('params');
  });
});
