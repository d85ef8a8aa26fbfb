import { chinaCalendar } from '@zhidu/calendar-cn';
import {
  type Decision,
  makeContext,
  multiplyMoney,
  type RatioInput,
  type ViolationInput,
  yuan,
} from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from './assess.js';
import type { Ledger, Line } from './ledger.js';
import { PRESETS } from './presets/index.js';
import { defineSchedule, type FineSchedule, type FineScheduleParamsInput, type Outcome } from './schedule.js';

// Urgent fix, issue §3: a trace that contradicts the ledger. An escalation tier (两次以上加倍) used to
// be announced in the trace ("第2次违规，罚款 ×2") while a wage deduction (扣一天工资) stayed at one
// day's pay. The tier now multiplies wage deductions of the violator as it multiplies fines, and the
// escalation's trace entry names the ledger lines it multiplied.

const ctx = {
  ...makeContext({ now: '2024-05-15T12:00:00+08:00', calendar: chinaCalendar() }),
  pay: [{ personId: 'p1', component: 'monthlyBasePay', amount: yuan(4350) }],
};
const src = { module: 'attribution', rule: 'S001-ATTR-01' };
const DAY = { numerator: 100, denominator: 2175 };

/** 扣当事人当日基本工资，两次以上加倍: a day's base pay, doubled from the 2nd time in a month. */
function dayPayDoubled(escalates?: boolean) {
  return defineSchedule({
    id: 'day-pay-doubled',
    version: '1',
    effectiveFrom: '2024-01-01',
    zone: 'Asia/Shanghai',
    source: { title: '扣一天工资，两次以上加倍' },
    params: {
      window: 'calendarMonth',
      latenessRounding: 'ceil',
      caps: [],
      items: [
        {
          id: 'neglect',
          rule: 'T-PENALTY-01',
          clause: 'art. 1',
          title: { zh: '怠慢客户，扣当日基本工资', en: 'Neglecting a customer: the day’s base pay' },
          match: { code: 'attribution.reception.neglect' },
          tally: 'misconduct',
          charges: [
            {
              to: [{ kind: 'violator' }],
              outcome: {
                kind: 'payDeduction',
                parts: [{ component: 'monthlyBasePay', ratio: DAY }],
                ...(escalates === undefined ? {} : { escalates }),
              },
            },
          ],
        },
      ],
      escalations: [
        {
          id: 'doubled',
          rule: 'T-PENALTY-02',
          clause: 'art. 2',
          tally: 'misconduct',
          tiers: [{ from: 2, multiplier: 2 }],
        },
      ],
    },
  });
}

const neglect = (day: string, personId = 'p1'): ViolationInput => ({
  code: 'attribution.reception.neglect',
  personId,
  occurredAt: `2024-03-${day}T10:00:00+08:00`,
  source: src,
});

function linesOf(l: Ledger): Line[] {
  return l.persons.flatMap((p) => p.periods.flatMap((x) => x.lines));
}

describe('escalation tiers on wage deductions (issue §3)', () => {
  it('doubles a day’s pay from the 2nd violation, as the trace says (扣一天工资，两次以上加倍)', () => {
    const d = ledgerOf([neglect('05'), neglect('12'), neglect('19')], dayPayDoubled(), ctx);
    const lines = linesOf(d.value);
    expect(lines.map((l) => l.amount)).toEqual([20000, 40000, 40000]);
    expect(lines.map((l) => l.multiplier)).toEqual([undefined, 2, 2]);
    expect(lines.map((l) => l.tallyIndex)).toEqual([1, 2, 3]);
    expect(lines[1]?.arithmetic).toBe('4350.00 × 100/2175 = 200.00 × 2 = 400.00');
    expect(lines[1]?.base).toBe(20000);
    expect(d.value.total).toBe(100000);
    const doubling = d.trace.filter((t) => t.rule === 'T-PENALTY-02');
    expect(doubling.map((t) => t.data?.lines)).toEqual([['p1/2024-03/#2'], ['p1/2024-03/#3']]);
    expect(doubling[0]?.message.zh).toBe('p1 在 2024-03 第2次违规(misconduct),罚款 ×2(p1/2024-03/#2)');
    expect(traceProblems(d, dayPayDoubled())).toEqual([]);
  });

  it('keeps a deduction marked escalates: false at one day’s pay and says so in the trace', () => {
    const schedule = dayPayDoubled(false);
    const d = ledgerOf([neglect('05'), neglect('12')], schedule, ctx);
    expect(linesOf(d.value).map((l) => [l.amount, l.multiplier])).toEqual([
      [20000, undefined],
      [20000, undefined],
    ]);
    const doubling = d.trace.find((t) => t.rule === 'T-PENALTY-02');
    expect(doubling?.data?.lines).toEqual([]);
    expect(doubling?.message.en).toContain('no fine of this item escalates');
    expect(traceProblems(d, schedule)).toEqual([]);
  });

  it('shows the multiplier on a deduction still waiting for the pay figure', () => {
    const d = ledgerOf([neglect('05', 'p2'), neglect('12', 'p2')], dayPayDoubled(), ctx);
    const lines = linesOf(d.value);
    expect(lines.map((l) => [l.status, l.amount, l.arithmetic])).toEqual([
      ['pending', 0, 'needs monthlyBasePay'],
      ['pending', 0, 'needs monthlyBasePay, then × 2'],
    ]);
    expect(traceProblems(d, dayPayDoubled())).toEqual([]);
  });

  it('refuses a schedule whose deduction ratio is a 100-digit percentage with invalid_ratio at its path', () => {
    const input = {
      id: 'x',
      version: '1',
      effectiveFrom: '2024-01-01',
      source: { title: 'x' },
      params: {
        window: 'calendarMonth',
        latenessRounding: 'ceil',
        caps: [],
        escalations: [],
        items: [
          {
            id: 'a',
            rule: 'T',
            clause: 'c',
            title: { zh: '甲', en: 'A' },
            match: { code: 'x.a' },
            charges: [
              {
                to: [{ kind: 'violator' }],
                outcome: { kind: 'payDeduction', parts: [{ component: 'c', ratio: `${'9'.repeat(100)}%` }] },
              },
            ],
          },
        ],
      },
    };
    let code: string | undefined;
    let path: unknown;
    try {
      defineSchedule(input);
    } catch (e) {
      code = (e as { code?: string }).code;
      path = (e as { path?: unknown }).path;
    }
    expect(code).toBe('invalid_ratio');
    expect(path).toEqual(['policy', 'params', 'items', 0, 'charges', 0, 'outcome', 'parts', 0, 'ratio']);
  });
});

// ---------------------------------------------------------------------------------------------------
// The property: every ledger line's amount equals what its trace entries state.

const YUAN = /-?\d+\.\d{2}/g;

function ratioOf(text: string): RatioInput {
  const fraction = /^(\d+)\/(\d+)$/.exec(text);
  if (fraction) return { numerator: Number(fraction[1]), denominator: Number(fraction[2]) };
  if (text.endsWith('%')) return text as `${number}%`;
  return Number(text);
}

/** The amount a line's arithmetic states, re-computed from its own terms where it has them. */
function statedAmount(line: Line): { amount: number; problem?: string } {
  const a = line.arithmetic;
  if (line.kind === 'fine' && line.status !== 'pending') {
    const m =
      /^(-?\d+\.\d{2}) × (\d+)(?: × (\d+))?(?: \+ (\d+\.\d{2}))? = (-?\d+\.\d{2})(?: → [^=]+ = (-?\d+\.\d{2}))?$/.exec(
        a.replace(/^[^:]*: /, ''),
      );
    if (!m) return { amount: Number.NaN, problem: `unreadable fine arithmetic ${a}` };
    const total = yuan(m[5] ?? '');
    const product =
      yuan(m[1] ?? '') * Number(m[2]) * Number(m[3] ?? 1) + (m[4] === undefined ? 0 : yuan(m[4]));
    if (product !== total) return { amount: total, problem: `${a}: the product is ${product}` };
    return { amount: m[6] === undefined ? total : yuan(m[6]) };
  }
  if (line.kind === 'payDeduction' && line.status !== 'pending' && line.escalation?.tier === 'amount') {
    const m = /^fixed (\d+\.\d{2}) = (\d+\.\d{2})$/.exec(a);
    if (!m || m[1] !== m[2]) return { amount: Number.NaN, problem: `unreadable fixed deduction ${a}` };
    return { amount: yuan(m[1] ?? '') };
  }
  if (line.kind === 'payDeduction' && line.status !== 'pending') {
    const [terms = '', subtotalText = '', totalText] = a.split(' = ');
    const sub = /^(-?\d+\.\d{2})(?: × (\d+))?(?: \+ (\d+\.\d{2}))?$/.exec(subtotalText);
    if (!sub) return { amount: Number.NaN, problem: `unreadable deduction arithmetic ${a}` };
    const parts = terms.split(' + ').map((t) => {
      const [fig = '', ratio = ''] = t.split(' × ');
      return multiplyMoney(yuan(fig), ratioOf(ratio));
    });
    const subtotal = yuan(sub[1] ?? '');
    if (parts.reduce((x, y) => x + y, 0) !== subtotal) return { amount: subtotal, problem: `${a}: terms` };
    const total = subtotal * Number(sub[2] ?? 1) + (sub[3] === undefined ? 0 : yuan(sub[3]));
    if (totalText !== undefined && yuan(totalText) !== total)
      return { amount: total, problem: `${a}: the product is ${total}` };
    if ((sub[2] === undefined && sub[3] === undefined) !== (totalText === undefined))
      return { amount: total, problem: `${a}: shape` };
    return { amount: total };
  }
  if (line.status === 'pending' || line.status === 'info') return { amount: 0 };
  const tokens = a.match(YUAN);
  const last = tokens?.[tokens.length - 1];
  if (last === undefined) return { amount: Number.NaN, problem: `no amount in ${a}` };
  return { amount: yuan(last) };
}

/** True when every money charge of the line's item on the violator alone escalates. */
function itemEscalates(schedule: FineSchedule, line: Line): boolean {
  const item = schedule.params.items.find((i) => i.id === line.item);
  if (item === undefined) return false;
  return item.charges.every((c) => {
    const o: Outcome = c.outcome;
    if (o.kind !== 'fine' && o.kind !== 'payDeduction' && o.kind !== 'bands') return true;
    const sole = c.to.length === 1 && c.to[0]?.kind === 'violator';
    return !sole || o.escalates !== false;
  });
}

/** Every way the trace and the ledger disagree (empty when they agree). */
function traceProblems(d: Decision<Ledger>, schedule: FineSchedule): string[] {
  const problems: string[] = [];
  const lines = linesOf(d.value);
  const byId = new Map(lines.map((l) => [l.id, l]));
  const lineEntries = new Map<string, number>();
  const listedBy = new Map<string, Record<string, unknown>[]>();
  const escalationRules = new Set(schedule.params.escalations.map((e) => e.rule));
  const escalationEntries: Record<string, unknown>[] = [];
  for (const t of d.trace) {
    const data = t.data ?? {};
    if (typeof data.line === 'string') {
      lineEntries.set(data.line, (lineEntries.get(data.line) ?? 0) + 1);
      const line = byId.get(data.line);
      if (line === undefined) problems.push(`trace names unknown line ${data.line}`);
      else if (data.amount !== line.amount)
        problems.push(`${line.id}: trace says ${String(data.amount)}, ledger ${line.amount}`);
      else if (t.message.zh !== line.message.zh || t.message.en !== line.message.en)
        problems.push(`${line.id}: trace message differs from the line's`);
    }
    const stepKey = (['multiplier', 'add', 'amount', 'outcome'] as const).find((k) => k in data);
    if (escalationRules.has(t.rule) && stepKey !== undefined && 'tallyIndex' in data) {
      escalationEntries.push(data);
      if (!Array.isArray(data.lines)) problems.push(`escalation entry without lines: ${t.message.en}`);
      for (const id of (data.lines as string[] | undefined) ?? []) {
        const line = byId.get(id);
        if (line === undefined) problems.push(`escalation names unknown line ${id}`);
        else if (stepKey === 'multiplier' && line.multiplier !== data.multiplier)
          problems.push(`${id}: trace says ×${data.multiplier}, line ×${line.multiplier ?? 1}`);
        else if (
          stepKey !== 'multiplier' &&
          (line.escalation?.tier !== stepKey ||
            (stepKey !== 'outcome' && line.escalation.value !== data[stepKey]))
        )
          problems.push(
            `${id}: trace says ${stepKey} ${String(data[stepKey])}, line ${JSON.stringify(line.escalation)}`,
          );
        listedBy.set(id, [...(listedBy.get(id) ?? []), data]);
      }
    }
  }
  for (const line of lines) {
    if (lineEntries.get(line.id) !== 1)
      problems.push(`${line.id}: ${lineEntries.get(line.id) ?? 0} trace entries`);
    const stated = statedAmount(line);
    if (stated.problem !== undefined) problems.push(`${line.id}: ${stated.problem}`);
    else if (stated.amount !== line.amount)
      problems.push(`${line.id}: arithmetic states ${stated.amount}, amount ${line.amount}`);
    if (line.escalation !== undefined && (listedBy.get(line.id) ?? []).length !== 1)
      problems.push(
        `${line.id}: ${line.escalation.tier} step named by ${(listedBy.get(line.id) ?? []).length} escalation entries`,
      );
    if (line.multiplier !== undefined) {
      const by = listedBy.get(line.id) ?? [];
      if (by.length !== 1)
        problems.push(`${line.id}: ×${line.multiplier} named by ${by.length} escalation entries`);
      if (line.status !== 'pending' && !line.arithmetic.includes(` × ${line.multiplier} = `))
        problems.push(`${line.id}: ×${line.multiplier} missing from ${line.arithmetic}`);
    }
  }
  // The defect itself: an escalation announced for the violator's n-th violation must cover every
  // escalating fine and wage deduction of that violation.
  const tallyOfItem = new Map(schedule.params.items.map((i) => [i.id, i.tally]));
  const tallyOfEscalation = new Map(schedule.params.escalations.map((x) => [x.id, x.tally]));
  for (const e of escalationEntries) {
    for (const line of lines) {
      if (
        (line.kind === 'fine' || line.kind === 'payDeduction') &&
        tallyOfItem.get(line.item) === tallyOfEscalation.get(String(e.escalation)) &&
        line.personId === e.personId &&
        line.violatorId === e.personId &&
        line.period === e.period &&
        line.tallyIndex === e.tallyIndex &&
        itemEscalates(schedule, line) &&
        !((e.lines as string[] | undefined) ?? []).includes(line.id)
      ) {
        problems.push(`${line.id}: escalation ×${String(e.multiplier)} announced but not applied`);
      }
    }
  }
  return problems;
}

// Violations for any schedule: each picks an item and fills in what that item reads.
const people = ['p1', 'p2', 'p3'];
const roles = ['salesConsultant', 'serviceAdvisor', 'deptManager', 'supervisingEngineer', 'leasingManager'];
const start = Date.parse('2024-03-01T00:00:00+08:00');

function violationsFor(schedule: FineSchedule): fc.Arbitrary<ViolationInput[]> {
  const items = schedule.params.items;
  // From March 2024, or the schedule's first day when it takes effect later (the example companies).
  const first = Math.max(start, Date.parse(schedule.effectiveFrom));
  const one = fc
    .record({
      item: fc.integer({ min: 0, max: items.length - 1 }),
      person: fc.constantFrom(...people),
      role: fc.constantFrom(...roles),
      minutes: fc.integer({ min: 0, max: 60 * 24 * 70 }),
      quantity: fc.integer({ min: 1, max: 4 }),
      late: fc.integer({ min: 1, max: 5 }),
      money: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
      fixMinutes: fc.option(fc.integer({ min: 0, max: 60 * 24 * 6 }), { nil: undefined }),
    })
    .map(({ item: k, person, role, minutes, quantity, late, money, fixMinutes }): ViolationInput => {
      const item = items[k];
      if (item === undefined) throw new Error('no item');
      const data: Record<string, unknown> = { ...(item.match.data ?? {}) };
      let lateUnit: string | undefined;
      // What every item of the code reads (a condition may send the violation to another item of it).
      const sameCode = items.filter((i) => i.match.code === item.match.code);
      for (const c of sameCode.flatMap((i) => i.charges)) {
        const o = c.outcome;
        if (o.kind === 'lossBands' && money !== undefined) data[o.lossField] = money;
        if (o.kind === 'dataAmount' && money !== undefined) data[o.field] = money;
        if (o.kind === 'notReimbursed' && money !== undefined) data[o.expenseField] = money;
        if (o.kind === 'fine' && o.per === 'lateUnit') lateUnit = o.lateUnit;
        if (o.kind === 'bands' && o.measure === 'lateBy') lateUnit = o.lateUnit;
        if (o.kind === 'bands' && Array.isArray(o.measure) && o.measure[0] === 'data' && money !== undefined)
          data[o.measure[1] ?? ''] = money % 200;
      }
      const at = first + minutes * 60_000;
      return {
        code: item.match.code,
        personId: person,
        role: item.match.role ?? role,
        occurredAt: new Date(at).toISOString(),
        quantity,
        ...(lateUnit === undefined ? {} : { lateBy: { unit: lateUnit as 'hours', units: late } }),
        ...(Object.keys(data).length === 0 ? {} : { data }),
        subject: { kind: 'file', id: `F${k % 3}` },
        source: src,
        ...(fixMinutes === undefined
          ? {}
          : { correctedAt: new Date(at + fixMinutes * 60_000).toISOString() }),
      };
    });
  return fc.array(one, { maxLength: 12 });
}

/** Everyone holds every role, and some people have pay figures (the others get pending lines). */
function contextFor(schedule: FineSchedule) {
  const roster: Record<string, string> = {};
  const components = new Set<string>();
  for (const item of schedule.params.items) {
    for (const c of item.charges) {
      for (const t of c.to) if (t.kind === 'role') roster[t.role] = 'p3';
      if (c.outcome.kind === 'payDeduction') for (const p of c.outcome.parts) components.add(p.component);
      if (c.outcome.kind === 'payRange') components.add(c.outcome.component);
    }
  }
  for (const e of schedule.params.escalations)
    for (const r of e.onReach ?? []) {
      for (const t of r.charge.to) if (t.kind === 'role') roster[t.role] = 'p3';
      if (r.charge.outcome.kind === 'payRange') components.add(r.charge.outcome.component);
    }
  const pay = ['p1', 'p3'].flatMap((personId, i) =>
    [...components].map((component, j) => ({
      personId,
      component,
      amount: 300_000 + 12_345 * (i + 1) * (j + 1),
    })),
  );
  return { ...ctx, roster, pay };
}

/** A preset with every untallied item put on a tally `g` that escalates by the given tiers. */
function withEscalation(schedule: FineSchedule, tiers: { from: number; to?: number; multiplier: number }[]) {
  return defineSchedule({
    ...schedule,
    params: {
      ...schedule.params,
      items: schedule.params.items.map((i) => (i.tally === undefined ? { ...i, tally: 'g' } : i)),
      escalations: [
        ...schedule.params.escalations,
        { id: 'generated', rule: 'GEN-ESC', clause: 'generated', tally: 'g', tiers },
      ],
    },
  });
}

/** Non-overlapping tiers: ascending starts, each ending before the next begins. */
const tiersArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 })
  .chain((starts) => {
    const sorted = [...starts].sort((a, b) => a - b);
    return fc.tuple(...sorted.map(() => fc.integer({ min: 0, max: 4 }))).map((ms) =>
      sorted.map((from, i) => {
        const next = sorted[i + 1];
        return next === undefined
          ? { from, multiplier: ms[i] ?? 1 }
          : { from, to: next - 1, multiplier: ms[i] ?? 1 };
      }),
    );
  });

const ratioArb: fc.Arbitrary<RatioInput> = fc.oneof(
  fc.record({ numerator: fc.integer({ min: 0, max: 200 }), denominator: fc.integer({ min: 1, max: 3000 }) }),
  fc.integer({ min: 0, max: 10_000 }).map((h) => `${h / 100}%` as `${number}%`),
  fc.integer({ min: 0, max: 200 }).map((h) => h / 100),
);

const outcomeArb = fc.oneof(
  fc.record({
    kind: fc.constant('fine' as const),
    amount: fc.integer({ min: 0, max: 1_000_000 }),
    per: fc.constantFrom('occurrence' as const, 'item' as const),
    escalates: fc.option(fc.boolean(), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('payDeduction' as const),
    parts: fc.array(
      fc.record({ component: fc.constantFrom('monthlyBasePay', 'monthBonus'), ratio: ratioArb }),
      { minLength: 1, maxLength: 2 },
    ),
    escalates: fc.option(fc.boolean(), { nil: undefined }),
  }),
  fc.constant({ kind: 'sanction' as const, measures: ['warning'] as string[], select: 'all' as const }),
  fc.record({
    kind: fc.constant('bands' as const),
    measure: fc.constant('quantity'),
    bands: fc.constant<{ gt?: number; lte?: number; amount: number }[]>([
      { lte: 1, amount: 2000 },
      { gt: 1, lte: 3, amount: 5000 },
      { gt: 3, amount: 10000 },
    ]),
    escalates: fc.option(fc.boolean(), { nil: undefined }),
  }),
);

const chargeArb = fc.oneof(
  { weight: 3, arbitrary: outcomeArb.map((outcome) => ({ to: [{ kind: 'violator' as const }], outcome })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(outcomeArb, fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 2 }))
      .map(([outcome, weights]) => ({
        to: [{ kind: 'violator' as const }, { kind: 'role' as const, role: 'deptManager' }],
        ...(outcome.kind === 'fine' ? { weights } : {}),
        outcome,
      })),
  },
);

function strip<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const scheduleArb = fc
  .record({
    items: fc.array(
      fc.record({
        charges: fc.array(chargeArb, { minLength: 1, maxLength: 2 }),
        tallied: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    tiers: tiersArb,
    cap: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
  })
  .map(({ items, tiers, cap }) => {
    const params: FineScheduleParamsInput = {
      window: 'calendarMonth',
      latenessRounding: 'ceil',
      items: items.map((it, i) => ({
        id: `i${i}`,
        rule: `GEN-${i}`,
        clause: `art. ${i}`,
        title: { zh: `项${i}`, en: `item ${i}` },
        match: { code: `gen.i${i}` },
        charges: it.charges.map((c) => ({ ...c, outcome: strip(c.outcome) })),
        ...(it.tallied ? { tally: 't' } : {}),
      })),
      escalations: [{ id: 'esc', rule: 'GEN-ESC', clause: 'art. 9', tally: 't', tiers }],
      caps:
        cap === undefined
          ? []
          : [{ id: 'cap', rule: 'GEN-CAP', clause: 'art. 10', scope: 'personPeriod' as const, max: cap }],
    };
    return defineSchedule({
      id: 'generated',
      version: '1',
      effectiveFrom: '2024-01-01',
      zone: 'Asia/Shanghai',
      source: { title: 'generated' },
      params,
    });
  });

describe('the trace states every ledger amount (property)', () => {
  for (const [name, make] of Object.entries(PRESETS)) {
    it(`${name}: every line's amount equals what its trace entries state, as is and with a generated escalation`, () => {
      const plain = make();
      fc.assert(
        fc.property(violationsFor(plain), tiersArb, (vs, tiers) => {
          const escalated = withEscalation(plain, tiers);
          for (const schedule of [plain, escalated]) {
            const d = ledgerOf(vs, schedule, contextFor(schedule));
            expect(traceProblems(d, schedule)).toEqual([]);
          }
        }),
        { numRuns: 40, seed: 31 },
      );
    });
  }

  it('generated schedules: every line’s amount equals what its trace entries state', () => {
    fc.assert(
      fc.property(
        scheduleArb.chain((s) => fc.tuple(fc.constant(s), violationsFor(s))),
        ([schedule, vs]) => {
          const d = ledgerOf(vs, schedule, contextFor(schedule));
          expect(traceProblems(d, schedule)).toEqual([]);
        },
      ),
      { numRuns: 200, seed: 53 },
    );
  });

  it('generated schedules with +N, fixed-amount and different-sanction tiers: the trace states every amount', () => {
    const stepTiers = fc
      .uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 })
      .chain((starts) => {
        const sorted = [...starts].sort((a, b) => a - b);
        const one = fc.oneof(
          fc.integer({ min: 0, max: 4 }).map((multiplier) => ({ multiplier })),
          fc.integer({ min: 0, max: 100_000 }).map((add) => ({ add })),
          fc.integer({ min: 0, max: 100_000 }).map((amount) => ({ amount })),
          fc.constant({
            outcome: { kind: 'sanction' as const, measures: ['dismissal'], select: 'all' as const },
          }),
        );
        return fc.tuple(...sorted.map(() => one)).map((steps) =>
          sorted.map((from, i) => {
            const next = sorted[i + 1];
            return { from, ...(next === undefined ? {} : { to: next - 1 }), ...steps[i] };
          }),
        );
      });
    fc.assert(
      fc.property(
        scheduleArb.chain((s) => fc.tuple(fc.constant(s), stepTiers)),
        fc.integer({ min: 0, max: 1000 }),
        ([base, tiers], seed) => {
          const schedule = defineSchedule({
            ...base,
            params: { ...base.params, escalations: [{ ...base.params.escalations[0], tiers }] },
          });
          const vs = fc.sample(violationsFor(schedule), { numRuns: 1, seed })[0] ?? [];
          const d = ledgerOf(vs, schedule, contextFor(schedule));
          expect(traceProblems(d, schedule)).toEqual([]);
        },
      ),
      { numRuns: 150, seed: 1616 },
    );
  });

  it('the checker catches the old defect: a deduction left at ×1 under an announced ×2', () => {
    const schedule = dayPayDoubled();
    const d = ledgerOf([neglect('05'), neglect('12')], schedule, ctx);
    // Rewrite the second line as the defective code produced it: one day's pay, no multiplier.
    const bad = structuredClone(d);
    const line = bad.value.persons[0]?.periods[0]?.lines[1];
    if (line === undefined) throw new Error('no second line');
    line.amount = 20000;
    line.arithmetic = '4350.00 × 100/2175 = 200.00';
    delete line.multiplier;
    for (const t of bad.trace) {
      if (t.data?.line === line.id) t.data.amount = 20000;
      if (t.rule === 'T-PENALTY-02' && t.data) t.data.lines = [];
    }
    expect(traceProblems(bad, schedule)).toContain('p1/2024-03/#2: escalation ×2 announced but not applied');
  });
});

describe('ledger sums are exact or refused', () => {
  const big = 2 ** 52; // fen; two of them make 2^53, one past the safe range
  const schedule = defineSchedule({
    id: 'big',
    version: '1',
    effectiveFrom: '2024-01-01',
    zone: 'Asia/Shanghai',
    source: { title: 'big' },
    params: {
      window: 'calendarMonth',
      latenessRounding: 'ceil',
      caps: [],
      escalations: [],
      items: [
        {
          id: 'a',
          rule: 'T',
          clause: 'c',
          title: { zh: '甲', en: 'A' },
          match: { code: 'x.a' },
          charges: [
            { to: [{ kind: 'violator' }], outcome: { kind: 'fine', amount: big, per: 'occurrence' } },
          ],
        },
      ],
    },
  });
  const at = (month: string): ViolationInput => ({
    code: 'x.a',
    personId: 'p1',
    occurredAt: `2024-${month}-05T10:00:00+08:00`,
    source: src,
  });

  it('refuses a person total beyond the safe range across periods with invalid_money', () => {
    let code: string | undefined;
    try {
      ledgerOf([at('03'), at('04')], schedule, ctx);
    } catch (e) {
      code = (e as { code?: string }).code;
    }
    expect(code).toBe('invalid_money');
    expect(ledgerOf([at('03')], schedule, ctx).value.total).toBe(big);
  });
});
