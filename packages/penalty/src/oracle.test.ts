import { chinaCalendar } from '@zhidu/calendar-cn';
import { localDateOf, makeContext, type Violation, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inFilingOrderFrom } from './filing.js';
import { canonicalMs, compareEntries, compareEntriesByKey, type Entry, sortEntries } from './matching.js';
import { penaltyLedger } from './modules.js';
import { priceViolations as oraclePrice } from './oracle/pipeline.js';
import type { DraftLine } from './outcomes.js';
import { localDayNamer, localDayNamers, quarterHourKey, quarterHourKeyOfMs } from './period.js';
import { LEDGER_STEPS, type PenaltyStage, priceViolations } from './pipeline.js';
import { PRESET_JSON } from './presets/index.js';
import type { FineSchedule } from './schedule.js';
import { fastViolation, ViolationInputSchema } from './violation-input.js';

// Issue 21, the second bulk pass: the pricing walk (countAs events and escalation notes found by
// field, the shared day namer, fine lines and violations built as one literal) against the code it
// replaced, kept in ./oracle. Every bundled preset, seeded violation lists built from each schedule's
// own codes, roles, data fields and dates, crowded instants and subjects (a list of countAs events
// past the 32 a scan covers), and U+0000 fields: the ledger, the trace and any refusal must be the
// same, JSON-identical.

/** Every string a schedule's params hold under `key` (codes, roles, data fields, pay components). */
function valuesOf(json: unknown, key: string, out = new Set<string>()): Set<string> {
  if (Array.isArray(json)) for (const x of json) valuesOf(x, key, out);
  else if (json !== null && typeof json === 'object') {
    for (const [k, v] of Object.entries(json)) {
      if (k === key && typeof v === 'string') out.add(v);
      else valuesOf(v, key, out);
    }
  }
  return out;
}

/** The data keys items match on (`match.data`). */
function matchDataKeys(json: unknown): string[] {
  const keys = new Set<string>();
  const items = (json as { params: { items: { match: { data?: Record<string, unknown> } }[] } }).params.items;
  for (const item of items) for (const k of Object.keys(item.match.data ?? {})) keys.add(k);
  return [...keys];
}

type Outcome = { ok: string } | { refused: [string, readonly (string | number)[], string] };

function outcome(run: () => unknown): Outcome {
  try {
    return { ok: JSON.stringify(run()) };
  } catch (e) {
    if (e instanceof ZhiduError) return { refused: [e.code, e.path, e.message] };
    throw e;
  }
}

interface Case {
  name: string;
  schedule: FineSchedule;
  violation: fc.Arbitrary<Record<string, unknown>>;
  roster: Record<string, string>;
  pay: { personId: string; component: string; amount: number }[];
  now: string;
}

function caseOf(name: string, json: unknown): Case {
  const schedule = penaltyLedger.compile(json as never).compiled as FineSchedule;
  const from = Date.parse(schedule.effectiveFrom);
  const codes = [
    ...valuesOf(
      schedule.params.items.map((i) => i.match),
      'code',
    ),
    'unknown.code',
  ];
  const roles = [...valuesOf(schedule.params, 'role')];
  const fields = [
    ...valuesOf(schedule.params, 'field'),
    ...valuesOf(schedule.params, 'lossField'),
    ...valuesOf(schedule.params, 'expenseField'),
    ...matchDataKeys(json),
  ];
  const components = [...valuesOf(schedule.params, 'component')];
  // A few instants (ties are the rule), across a month's end, some with an offset to convert.
  const hours = [0, 1, 9, 30, 24 * 29 + 20, 24 * 33, 24 * 62];
  const instant = fc
    .tuple(fc.constantFrom(...hours), fc.boolean())
    .map(([h, offset]) =>
      offset
        ? new Date(from + h * 3_600_000 + 8 * 3_600_000).toISOString().replace('Z', '+08:00')
        : new Date(from + h * 3_600_000).toISOString(),
    );
  const violation = fc
    .record(
      {
        code: fc.constantFrom(...codes),
        personId: fc.constantFrom('p1', 'p2', 'p3'),
        role: fc.constantFrom(...roles, 'other'),
        occurredAt: instant,
        quantity: fc.integer({ min: 1, max: 4 }),
        lateBy: fc.record(
          {
            unit: fc.constantFrom('minutes', 'hours', 'workingDays', 'calendarDays', 'blocks24h'),
            units: fc.integer({ min: 0, max: 5 }),
            ms: fc.integer({ min: 0, max: 5 * 86_400_000 }),
          },
          { requiredKeys: ['unit', 'units'] },
        ),
        subject: fc.record({
          kind: fc.constantFrom('file', 'doc', 'f\u0000'),
          id: fc.constantFrom('1', '2', '1\u0000'),
        }),
        correctedAfterHours: fc.constantFrom(1, 20, 24 * 5, 24 * 40),
        data: fc.dictionary(
          fc.constantFrom(...fields, 'correctionOrderedAt', 'note'),
          fc.oneof(fc.integer({ min: 0, max: 300_000 }), fc.constantFrom('yes', 'no', true)),
          { maxKeys: 3 },
        ),
      },
      { requiredKeys: ['code', 'personId', 'occurredAt'] },
    )
    .map((r) => {
      const v: Record<string, unknown> = {
        code: r.code,
        personId: r.personId,
        occurredAt: r.occurredAt,
        source: { module: 'm', rule: 'R-1' },
      };
      if (r.role !== undefined) v.role = r.role;
      if (r.quantity !== undefined) v.quantity = r.quantity;
      if (r.lateBy !== undefined) v.lateBy = r.lateBy;
      if (r.subject !== undefined) v.subject = r.subject;
      if (r.correctedAfterHours !== undefined)
        v.correctedAt = new Date(Date.parse(r.occurredAt) + r.correctedAfterHours * 3_600_000).toISOString();
      if (r.data !== undefined) {
        const data: Record<string, unknown> = { ...r.data };
        // An order instant, when asked for, a few hours after the violation.
        if ('correctionOrderedAt' in data)
          data.correctionOrderedAt = new Date(Date.parse(r.occurredAt) + 5 * 3_600_000).toISOString();
        v.data = data;
      }
      return v;
    });
  const roster = Object.fromEntries(roles.map((r) => [r, `holder-${r}`]));
  const pay = components.flatMap((component) =>
    ['p1', 'p2'].map((personId) => ({ personId, component, amount: 500_000 })),
  );
  return {
    name,
    schedule,
    violation,
    roster,
    pay,
    now: new Date(from + 70 * 86_400_000).toISOString(),
  };
}

const cases = Object.entries(PRESET_JSON).map(([name, json]) => caseOf(name, json));

/** Both pricings of one list (validated by zod first, as the module's input schema does). */
function both(c: Case, list: readonly Record<string, unknown>[], trace: 'lines' | 'summary') {
  const ctx = makeContext({ now: c.now, calendar: chinaCalendar() });
  const extra = { roster: c.roster, pay: c.pay };
  let parsed: Violation[];
  try {
    parsed = list.map((v) => ViolationInputSchema.parse(v) as Violation);
  } catch {
    parsed = [];
  }
  return {
    fresh: outcome(() => priceViolations(list, c.schedule, ctx, extra, { trace })),
    parsedFresh: outcome(() => priceViolations(parsed, c.schedule, ctx, extra, { trace }, true)),
    old: outcome(() => oraclePrice(parsed, c.schedule, ctx, extra, { trace }, true)),
  };
}

describe('penalty pricing against the code it replaced (issue 21, oracle)', () => {
  for (const c of cases) {
    it(`prices seeded violation lists under ${c.name} exactly as before (ledger, trace, refusals)`, () => {
      let priced = 0;
      fc.assert(
        fc.property(
          fc.array(c.violation, { minLength: 1, maxLength: 25 }),
          fc.constantFrom('lines' as const, 'summary' as const),
          (list, trace) => {
            const r = both(c, list, trace);
            expect(r.parsedFresh).toStrictEqual(r.old);
            expect(r.fresh).toStrictEqual(r.old);
            if ('ok' in r.old) priced++;
          },
        ),
        { seed: 2121, numRuns: 60 },
      );
      // The lists are not all refused: most are priced, so the ledgers themselves are compared.
      expect(priced).toBeGreaterThan(10);
    });
  }

  it('counts a countAs event (instant, subject kind and id) once across its items, as before (seeded)', () => {
    const dealer = cases.find((c) => c.name === 'dealer-file') as Case;
    const violation = fc
      .record({
        code: fc.constantFrom(
          'records.item.missing',
          'records.item.defective',
          'records.signature.missing',
          'records.signature.staffMissing',
          'records.handover.late',
        ),
        personId: fc.constantFrom('sa-1', 'sa-2'),
        at: fc.constantFrom(
          '2024-03-04T02:00:00.000Z',
          '2024-03-04T10:00:00+08:00',
          '2024-03-05T02:00:00.000Z',
        ),
        kind: fc.constantFrom('file', 'doc', 'f\u0000'),
        id: fc.constantFrom('1', '2', '1\u0000', '\u00001'),
        quantity: fc.integer({ min: 1, max: 3 }),
      })
      .map((r) => ({
        code: r.code,
        personId: r.personId,
        role: 'serviceAdvisor',
        occurredAt: r.at,
        quantity: r.quantity,
        subject: { kind: r.kind, id: r.id },
        source: { module: 'records', rule: 'S000-ARCHIVE-07' },
        correctedAt: '2024-03-05T03:00:00.000Z',
      }));
    fc.assert(
      fc.property(fc.array(violation, { minLength: 2, maxLength: 30 }), (list) => {
        const r = both(dealer, list, 'lines');
        expect('ok' in r.old).toBe(true);
        expect(r.fresh).toStrictEqual(r.old);
      }),
      { seed: 2122, numRuns: 200 },
    );
  });

  it('an instant with the events of many files counts each event once, as before', () => {
    const dealer = cases.find((c) => c.name === 'dealer-file') as Case;
    const at = '2024-03-04T02:00:00.000Z';
    const codes = ['records.item.missing', 'records.item.defective', 'records.signature.missing'];
    // 90 violations at one instant, 40 files, three codes sharing `countAs: sa-file-check`.
    const list = Array.from({ length: 90 }, (_, i) => ({
      code: codes[i % 3],
      personId: 'sa-9',
      role: 'serviceAdvisor',
      occurredAt: at,
      quantity: 1,
      subject: { kind: 'file', id: `F${i % 40}` },
      source: { module: 'records', rule: 'S000-ARCHIVE-07' },
      correctedAt: '2024-03-04T03:00:00.000Z',
    }));
    const r = both(dealer, list, 'lines');
    expect(r.fresh).toStrictEqual(r.old);
    const ledger = JSON.parse((r.fresh as { ok: string }).ok).value;
    // 40 files, each one tally event however many of its items are missing: the 40th is its 40th.
    const counts: number[] = ledger.persons[0].periods[0].lines
      .filter((l: { kind: string }) => l.kind === 'fine')
      .map((l: { tallyIndex: number }) => l.tallyIndex);
    expect(counts).toHaveLength(90);
    expect(new Set(counts).size).toBe(40);
    expect(Math.max(...counts)).toBe(40);
  });

  it('a crowded subject (one file priced at more instants than a scan covers) counts each event once, as before', () => {
    const dealer = cases.find((c) => c.name === 'dealer-file') as Case;
    const from = Date.parse('2024-03-04T02:00:00.000Z');
    const codes = ['records.item.missing', 'records.item.defective', 'records.signature.missing'];
    // 120 violations of one file at 40 instants (three codes sharing `countAs: sa-file-check` at each).
    const list = Array.from({ length: 120 }, (_, i) => ({
      code: codes[i % 3],
      personId: 'sa-9',
      role: 'serviceAdvisor',
      occurredAt: new Date(from + Math.floor(i / 3) * 60_000).toISOString(),
      quantity: 1,
      subject: { kind: 'file', id: 'F1' },
      source: { module: 'records', rule: 'S000-ARCHIVE-07' },
      correctedAt: '2024-03-05T03:00:00.000Z',
    }));
    const r = both(dealer, list, 'lines');
    expect(r.fresh).toStrictEqual(r.old);
    const lines = JSON.parse((r.fresh as { ok: string }).ok).value.persons[0].periods[0].lines;
    const counts: number[] = lines
      .filter((l: { kind: string }) => l.kind === 'fine')
      .map((l: { tallyIndex: number }) => l.tallyIndex);
    // One event an instant: 40 events, each counted once for its three items, in time order.
    expect(counts).toStrictEqual(Array.from({ length: 120 }, (_, i) => Math.floor(i / 3) + 1));
  });

  it('countAs events without a subject are one event an instant, as before', () => {
    const dealer = cases.find((c) => c.name === 'dealer-file') as Case;
    const codes = ['records.item.missing', 'records.item.defective'];
    // 80 subject-less violations at two instants: each instant is one tally event for every item.
    const list = Array.from({ length: 80 }, (_, i) => ({
      code: codes[i % 2],
      personId: 'sa-9',
      role: 'serviceAdvisor',
      occurredAt: i < 40 ? '2024-03-04T02:00:00.000Z' : '2024-03-04T03:00:00.000Z',
      source: { module: 'records', rule: 'S000-ARCHIVE-07' },
      correctedAt: '2024-03-04T04:00:00.000Z',
    }));
    const r = both(dealer, list, 'lines');
    expect(r.fresh).toStrictEqual(r.old);
    const lines = JSON.parse((r.fresh as { ok: string }).ok).value.persons[0].periods[0].lines;
    const counts = lines
      .filter((l: { kind: string }) => l.kind === 'fine')
      .map((l: { tallyIndex: number }) => l.tallyIndex);
    expect(counts).toStrictEqual([...Array(40).fill(1), ...Array(40).fill(2)]);
  });

  it('a subject id spelt as an instant shares a list with the subject-less events of that instant, and each is counted apart', () => {
    const dealer = cases.find((c) => c.name === 'dealer-file') as Case;
    const at = '2024-03-04T02:00:00.000Z';
    const base = {
      personId: 'sa-9',
      role: 'serviceAdvisor',
      occurredAt: at,
      source: { module: 'records', rule: 'S000-ARCHIVE-07' },
      correctedAt: '2024-03-04T04:00:00.000Z',
    };
    const list = [
      { ...base, code: 'records.item.missing' },
      { ...base, code: 'records.item.missing', subject: { kind: 'file', id: at } },
      { ...base, code: 'records.item.defective' },
      { ...base, code: 'records.item.defective', subject: { kind: 'file', id: at } },
    ];
    const r = both(dealer, list, 'lines');
    expect(r.fresh).toStrictEqual(r.old);
    const lines = JSON.parse((r.fresh as { ok: string }).ok).value.persons[0].periods[0].lines;
    // Canonical order: code (defective, then missing), the subject-less one first; two events (the
    // instant's, then the file's), each counted once for its two items.
    expect(
      lines.map((l: { subject?: { id: string }; tallyIndex: number }) => [
        l.subject?.id ?? '-',
        l.tallyIndex,
      ]),
    ).toStrictEqual([
      ['-', 1],
      [at, 2],
      ['-', 1],
      [at, 2],
    ]);
  });

  it("an event listed before its subject's list moved to joined keys is found after the move, at the same instant, as before", () => {
    const dealer = cases.find((c) => c.name === 'dealer-file') as Case;
    const from = Date.parse('2024-03-04T02:00:00.000Z');
    const base = {
      personId: 'sa-9',
      role: 'serviceAdvisor',
      source: { module: 'records', rule: 'S000-ARCHIVE-07' },
      correctedAt: '2024-03-06T03:00:00.000Z',
    };
    // 31 events of file F1, then at one instant a `doc` F1 and a `file` F1 event, each priced by two
    // items: the 33rd event moves the list to joined keys after the `doc` event was listed, and the
    // second item of that `doc` event must find it there.
    const list: Record<string, unknown>[] = [];
    for (let k = 0; k < 31; k++)
      list.push({
        ...base,
        code: 'records.item.missing',
        occurredAt: new Date(from + k * 60_000).toISOString(),
        subject: { kind: 'file', id: 'F1' },
      });
    const at = new Date(from + 31 * 60_000).toISOString();
    for (const code of ['records.item.defective', 'records.item.missing'])
      for (const kind of ['doc', 'file'])
        list.push({ ...base, code, occurredAt: at, subject: { kind, id: 'F1' } });
    const r = both(dealer, list, 'lines');
    expect(r.fresh).toStrictEqual(r.old);
    const lines = JSON.parse((r.fresh as { ok: string }).ok).value.persons[0].periods[0].lines;
    const last = lines
      .filter((l: { kind: string }) => l.kind === 'fine')
      .slice(-4)
      .map((l: { code: string; subject: { kind: string }; tallyIndex: number }) => [
        l.code,
        l.subject.kind,
        l.tallyIndex,
      ]);
    expect(last).toStrictEqual([
      ['records.item.defective', 'doc', 32],
      ['records.item.defective', 'file', 33],
      ['records.item.missing', 'doc', 32],
      ['records.item.missing', 'file', 33],
    ]);
  });

  it("entries a company rule reordered find their subject's events recorded at other instants, as before", () => {
    const dealer = cases.find((c) => c.name === 'dealer-file') as Case;
    const ctx = makeContext({ now: dealer.now, calendar: chinaCalendar() });
    const extra = { roster: dealer.roster, pay: dealer.pay };
    const from = Date.parse('2024-03-04T02:00:00.000Z');
    // 40 instants of file F1, each priced by two items sharing `countAs`; a company's rule walks the
    // entries by code, so every `missing` entry is priced after the list moved to joined keys and must
    // find its instant's event there (keyed by that event's own instant, not the current one).
    const list: Record<string, unknown>[] = [];
    for (let k = 0; k < 40; k++)
      for (const code of ['records.item.defective', 'records.item.missing'])
        list.push({
          code,
          personId: 'sa-9',
          role: 'serviceAdvisor',
          occurredAt: new Date(from + k * 60_000).toISOString(),
          subject: { kind: 'file', id: 'F1' },
          source: { module: 'records', rule: 'S000-ARCHIVE-07' },
          correctedAt: '2024-03-06T03:00:00.000Z',
        });
    const byCode = {
      after: LEDGER_STEPS.match,
      step: {
        id: 'acme.byCode',
        run: (stage: PenaltyStage) => ({
          ...stage,
          entries: [...stage.entries].sort((a, b) =>
            a.v.code < b.v.code ? -1 : a.v.code > b.v.code ? 1 : 0,
          ),
        }),
      },
    };
    const options = { trace: 'lines' as const, customRules: [byCode] };
    const fresh = outcome(() => priceViolations(list, dealer.schedule, ctx, extra, options));
    const old = outcome(() => oraclePrice(list, dealer.schedule, ctx, extra, options));
    expect(fresh).toStrictEqual(old);
    const lines = JSON.parse((fresh as { ok: string }).ok).value.persons[0].periods[0].lines;
    const counts = (code: string) =>
      lines
        .filter((l: { kind: string; code: string }) => l.kind === 'fine' && l.code === code)
        .map((l: { tallyIndex: number }) => l.tallyIndex);
    const first40 = Array.from({ length: 40 }, (_, k) => k + 1);
    expect(counts('records.item.defective')).toStrictEqual(first40);
    expect(counts('records.item.missing')).toStrictEqual(first40);
  });

  it('U+0000 in a subject keeps the joined key identity of a countAs event, as before', () => {
    const dealer = cases.find((c) => c.name === 'dealer-file') as Case;
    const at = '2024-03-04T02:00:00.000Z';
    const v = (code: string, kind: string, id: string) => ({
      code,
      personId: 'sa-9',
      role: 'serviceAdvisor',
      occurredAt: at,
      subject: { kind, id },
      source: { module: 'records', rule: 'S000-ARCHIVE-07' },
      correctedAt: '2024-03-04T03:00:00.000Z',
    });
    // `f␀1` + `` and `f` + `1␀`… join to different keys; `a␀b` + `c` and `a` + `b␀c` join to the same.
    const list = [
      v('records.item.missing', 'a\u0000b', 'c'),
      v('records.item.defective', 'a', 'b\u0000c'),
      v('records.signature.missing', 'file', '7'),
      v('records.signature.staffMissing', 'file', '7'),
    ];
    const r = both(dealer, list, 'lines');
    expect(r.fresh).toStrictEqual(r.old);
    const lines = JSON.parse((r.fresh as { ok: string }).ok).value.persons[0].periods[0].lines;
    expect(lines.map((l: { tallyIndex?: number }) => l.tallyIndex)).toStrictEqual([1, 1, 2, 2]);
  });

  it('escalation messages share their count part across violators and past the kept counts, as before', () => {
    // Two violators escalated in the same month (the middle of a message, `<n>次违规(…` and
    // `<n> of <period> in tally …`, is one string for both), one of them past the 4,096 counts whose
    // middles are kept, and a service advisor whose countAs events each price two items (one note
    // naming two lines).
    const dealer = cases.find((c) => c.name === 'dealer-file') as Case;
    const from = Date.parse(dealer.schedule.effectiveFrom);
    const list: Record<string, unknown>[] = [];
    for (let i = 0; i < 4_110; i++) {
      const at = new Date(from + 86_400_000 + (i % 600) * 1000).toISOString();
      for (const personId of i < 40 ? ['p1', 'p2'] : ['p1']) {
        list.push({
          code: 'records.handover.late',
          personId,
          role: 'salesConsultant',
          occurredAt: at,
          quantity: 1 + (i % 3),
          subject: { kind: 'file', id: `f${i}` },
          correctedAt: at,
          source: { module: 'records', rule: 'S000-ARCHIVE-07' },
        });
      }
    }
    for (let i = 0; i < 6; i++) {
      const at = new Date(from + 2 * 86_400_000 + i * 60_000).toISOString();
      for (const code of ['records.item.missing', 'records.item.defective'])
        list.push({
          code,
          personId: 'p3',
          role: 'serviceAdvisor',
          occurredAt: at,
          subject: { kind: 'file', id: `g${i}` },
          correctedAt: at,
          source: { module: 'records', rule: 'S000-ARCHIVE-07' },
        });
    }
    for (const trace of ['lines', 'summary'] as const) {
      const r = both(dealer, list, trace);
      expect(r.fresh).toStrictEqual(r.old);
      expect(r.parsedFresh).toStrictEqual(r.old);
      const d = JSON.parse((r.fresh as { ok: string }).ok) as {
        trace: { message: { zh: string }; data?: { tallyIndex?: number; personId?: string } }[];
      };
      expect(d.trace.some((e) => e.data?.personId === 'p3' && e.message.zh.includes('、'))).toBe(true);
      const counts = d.trace
        .filter((e) => e.data?.personId === 'p1' && e.data.tallyIndex !== undefined)
        .map((e) => e.data?.tallyIndex as number);
      expect(Math.max(...counts)).toBe(4_110);
    }
  });
});

describe('the canonical sort by instant numbers (issue 21)', () => {
  const instants = [
    '2024-03-01T00:00:00.000Z',
    '2024-03-01T00:00:00.001Z',
    '2024-02-29T23:59:59.999Z',
    '2024-03-01T00:00:01.000Z',
    '1999-12-31T16:00:00.000Z',
    '0099-01-01T00:00:00.000Z',
    '0100-01-01T00:00:00.000Z',
    '+010000-01-01T00:00:00.000Z',
    '-000001-01-01T00:00:00.000Z',
    // 24 characters ending in Z, not canonical: the instant of another string above (or none).
    '2024-03-01 00:00:00.000Z',
    '2024-03-01t00:00:00.000Z',
    '2024-02-29T23:59:60.000Z',
    '2024-02-30T00:00:00.000Z',
    '2024-03-01T00:00:00,001Z',
  ];
  const entry = fc
    .record({
      at: fc.constantFrom(...instants),
      code: fc.constantFrom('a', 'b', 'a\u0000'),
      id: fc.constantFrom('1', '10', '9'),
    })
    .map(
      ({ at, code, id }): Omit<Entry, 'index'> => ({
        v: {
          code,
          personId: 'p',
          occurredAt: at,
          subject: { kind: 'f', id },
          source: { module: 'm', rule: 'r' },
        },
        item: undefined,
      }),
    );

  it('orders every list as compareEntries does, canonical or not (seeded)', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (drafts) => {
        const list: Entry[] = drafts.map((d, index) => ({ ...d, index }));
        const ms = new Float64Array(list.length);
        for (const e of list) ms[e.index] = canonicalMs(e.v.occurredAt);
        const expected = [...list].sort(compareEntries).map((e) => e.index);
        // Identical violations are interchangeable: compare what each position holds.
        const got = sortEntries([...list], ms);
        expect(got.map((e) => JSON.stringify(e.v))).toStrictEqual(
          expected.map((i) => JSON.stringify((list[i] as Entry).v)),
        );
      }),
      { seed: 2123, numRuns: 500 },
    );
  });

  it('reads a canonical instant as its epoch milliseconds, and any other form as NaN', () => {
    expect(canonicalMs('2024-03-01T00:00:00.001Z')).toBe(Date.parse('2024-03-01T00:00:00.001Z'));
    expect(canonicalMs('0100-01-01T00:00:00.000Z')).toBe(Date.parse('0100-01-01T00:00:00.000Z'));
    expect(canonicalMs('0099-12-31T23:59:59.999Z')).toBeNaN();
    expect(canonicalMs('+010000-01-01T00:00:00.000Z')).toBeNaN();
    expect(canonicalMs('2024-03-01T08:00:00.000+08:00')).toBeNaN();
    // Forms Date.UTC would read as another string's instant: NaN, so equal numbers mean equal strings.
    for (const other of [
      '2024-03-01 00:00:00.000Z',
      '2024-03-01t00:00:00.000Z',
      '2024-02-29T23:59:60.000Z',
      '2024-02-30T00:00:00.000Z',
      '2024-03-01T24:00:00.000Z',
      '2024-03-01T00:00:00,000Z',
      '2024-03-01T00:00:00.0a0Z',
    ])
      expect(canonicalMs(other)).toBeNaN();
  });

  it('gives equal numbers only to equal strings (seeded: canonical instants and one-character changes)', () => {
    const canonical = fc
      .date({
        min: new Date('0100-01-01T00:00:00Z'),
        max: new Date('9999-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
    const changed = fc
      .tuple(canonical, fc.nat({ max: 23 }), fc.constantFrom(' ', 't', '0', '6', '9', ',', ':', '-', 'a'))
      .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));
    const instant = fc.oneof(canonical, changed);
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const x = canonicalMs(a);
        const y = canonicalMs(b);
        if (!Number.isNaN(x)) expect(x).toBe(Date.parse(a));
        if (!Number.isNaN(x) && x === y) expect(a).toBe(b);
      }),
      { seed: 2124, numRuns: 3000 },
    );
  });
});

describe('the canonical instant shape read char by char (issue 21)', () => {
  const plain = { code: 'c', personId: 'p', source: { module: 'm', rule: 'r' } };
  it('accepts exactly the strings the canonical pattern accepts (seeded)', () => {
    const pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const base = '2024-03-07T15:59:59.999Z';
    // One character changed anywhere (a digit, a separator, a full-width digit, a letter), or cut.
    const mutated = fc
      .tuple(
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom('0', '9', '-', ':', 'T', 'Z', '.', '/', 'a', '\uFF11', '\u0660', ' '),
        fc.boolean(),
      )
      .map(([i, c, cut]) => (cut ? base.slice(0, i) : base.slice(0, i) + c + base.slice(i + 1)));
    fc.assert(
      fc.property(mutated, (s) => {
        const raw = { ...plain, occurredAt: s };
        const fast = fastViolation(raw);
        const zod = ViolationInputSchema.safeParse(raw);
        // What the fast check accepts is zod's value; a canonical string zod accepts is accepted.
        if (fast !== undefined) expect(fast).toStrictEqual(zod.data);
        if (pattern.test(s) && zod.success) expect(fast?.occurredAt).toBe(s);
        if (!zod.success) expect(fast).toBeUndefined();
      }),
      { seed: 2124, numRuns: 600 },
    );
  });
});

// Issue 21, the third pass: the pricing step checks a violator's lines for filing order right after
// writing them, and the filing step (no company rules) skips its own pass over the list and writes
// each line's trace entry while numbering it. The oracle filing (./oracle/filing.ts) checks the whole
// list and writes the trace after; the properties above compare both on every preset. These pin the
// order check itself and that out-of-order pricing (a charge on a role holder, whose lines come among
// the violator's) takes the regrouping path and still equals the oracle.
describe('the filing order checked while pricing (issue 21, third pass)', () => {
  type Drafted = { personId: string; period: string; at: string; n: number };
  /** The filing order by its definition: stable sort by person, then period, then time. */
  function sortedAsFiled(list: readonly Drafted[]): boolean {
    const sorted = [...list].sort((a, b) =>
      a.personId !== b.personId
        ? a.personId < b.personId
          ? -1
          : 1
        : a.period !== b.period
          ? a.period < b.period
            ? -1
            : 1
          : a.at !== b.at
            ? a.at < b.at
              ? -1
              : 1
            : 0,
    );
    return sorted.every((d, i) => d === list[i]);
  }

  it('a list checked part by part is in filing order exactly when the whole is (seeded)', () => {
    const draft = fc.record({
      personId: fc.constantFrom('a', 'b', 'b2', 'c'),
      period: fc.constantFrom('2024-03', '2024-04', '2024-Q1'),
      at: fc.constantFrom('2024-03-01T00:00:00.000Z', '2024-03-02T00:00:00.000Z', '2024-04-01T00:00:00.000Z'),
      n: fc.nat(),
    });
    // Lists in filing order half of the time (sorted), else as generated.
    const list = fc
      .tuple(fc.array(draft, { maxLength: 12 }), fc.boolean())
      .map(([l, sort]) => (sort ? [...l].sort((a, b) => (sortedAsFiled([a, b]) ? -1 : 1)) : l));
    let ordered = 0;
    let unordered = 0;
    fc.assert(
      fc.property(list, fc.array(fc.nat({ max: 12 }), { maxLength: 4 }), (l, cuts) => {
        const drafts = l as unknown as DraftLine[];
        const expected = sortedAsFiled(l);
        if (expected) ordered++;
        else unordered++;
        // Checked from each cut on, as the pricing step checks a violator at a time.
        const ends = [...new Set(cuts.map((c) => Math.min(c, l.length)))].sort((a, b) => a - b);
        let from = 0;
        let all = true;
        for (const end of [...ends, l.length]) {
          all = all && inFilingOrderFrom(drafts.slice(0, end), from);
          from = end;
        }
        expect(all).toBe(expected);
        expect(inFilingOrderFrom(drafts, 0)).toBe(expected);
        expect(inFilingOrderFrom(drafts, 1)).toBe(expected);
      }),
      { seed: 2131, numRuns: 2000 },
    );
    expect(ordered).toBeGreaterThan(300);
    expect(unordered).toBeGreaterThan(300);
  });

  it('prices lists whose charges fall on role holders (lines out of filing order) as the oracle does, both trace modes', () => {
    const c = cases.find((x) => x.name === 'construction') as Case;
    let holders = 0;
    fc.assert(
      fc.property(
        fc.array(c.violation, { minLength: 2, maxLength: 25 }),
        fc.constantFrom('lines' as const, 'summary' as const),
        (list, trace) => {
          const r = both(c, list, trace);
          expect(r.fresh).toStrictEqual(r.old);
          expect(r.parsedFresh).toStrictEqual(r.old);
          // A holder's id sorts before the violators' (p1…p3): its lines, written among theirs, are
          // out of filing order, so the filing regroups them.
          if ('ok' in r.fresh && r.fresh.ok.includes('"personId":"holder-')) holders++;
        },
      ),
      { seed: 2132, numRuns: 150 },
    );
    expect(holders).toBeGreaterThan(10);
  });
});

// Issue 21, the third pass: without company rules the pricing walk names a violation's day from the
// instant number the match step read (`localDayNamers(zone).ofMs`), sharing one quarter-hour cache
// with the string namer. The number must find the very key the string's digits give, so that any
// mix of calls names every day as the string namer alone does — also where a zone's offset is not a
// multiple of 15 minutes (local mean time before 1901): there a quarter hour holding a local midnight
// is not cached, and each instant in it is named on its own (period-day.test.ts).
describe('a day named from its instant number (issue 21, third pass)', () => {
  // Instants of the years core converts (1000–9999): a day number and a time of day (fc.integer is
  // 32-bit), and instants crowded around local midnights of a few eras.
  const anyInstant = fc
    .tuple(
      fc.integer({ min: Date.UTC(1001, 0, 1) / 86_400_000, max: Date.UTC(9998, 11, 31) / 86_400_000 }),
      fc.integer({ min: 0, max: 86_399_999 }),
    )
    .map(([day, inDay]) => day * 86_400_000 + inDay)
    .map((ms) => ({ ms, iso: new Date(ms).toISOString() }));
  // Local midnights of 1890-06-02 in local mean time (Shanghai +8:05:43, Amsterdam +0:19:32,
  // St John's −3:30:52: each inside a UTC quarter hour) and of modern days, give or take 10 minutes.
  const nearMidnight = fc
    .tuple(
      fc.constantFrom(
        Date.UTC(1890, 5, 1, 15, 54, 17),
        Date.UTC(1890, 5, 1, 23, 40, 28),
        Date.UTC(1890, 5, 2, 3, 30, 52),
        Date.UTC(1970, 0, 1, 16),
        Date.UTC(2024, 2, 31, 16),
      ),
      fc.integer({ min: -600_000, max: 600_000 }),
    )
    .map(([m, d]) => ({ ms: m + d, iso: new Date(m + d).toISOString() }));
  const instant = fc.oneof({ arbitrary: anyInstant, weight: 1 }, { arbitrary: nearMidnight, weight: 4 });

  it('names every day as the string namer alone, in any mix of calls (seeded, zones with odd offsets)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Asia/Shanghai', 'UTC', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/Amsterdam'),
        fc.array(fc.tuple(instant, fc.boolean()), { minLength: 1, maxLength: 40 }),
        (zone, calls) => {
          const mixed = localDayNamers(zone);
          const plain = localDayNamer(zone);
          for (const [{ ms, iso }, byMs] of calls) {
            expect(canonicalMs(iso)).toBe(ms);
            expect(byMs ? mixed.ofMs(ms) : mixed.ofInstant(iso)).toBe(plain(iso));
          }
        },
      ),
      { seed: 2141, numRuns: 1500 },
    );
  });

  it("finds the string's quarter-hour key from the number, years 0100–9999 (seeded)", () => {
    const wide = fc
      .tuple(
        fc.integer({ min: Date.UTC(100, 0, 1) / 86_400_000, max: Date.UTC(9999, 11, 31) / 86_400_000 }),
        fc.integer({ min: 0, max: 86_399_999 }),
      )
      .map(([day, inDay]) => day * 86_400_000 + inDay);
    fc.assert(
      fc.property(wide, (ms) => {
        const iso = new Date(ms).toISOString();
        expect(canonicalMs(iso)).toBe(ms);
        expect(quarterHourKeyOfMs(ms)).toBe(quarterHourKey(iso));
      }),
      { seed: 2143, numRuns: 20_000 },
    );
    // Leap days, century years, the first and last quarter hours of a day and of the range.
    for (const iso of [
      '0100-01-01T00:00:00.000Z',
      '0400-02-29T23:59:59.999Z',
      '1900-02-28T23:45:00.000Z',
      '1900-03-01T00:14:59.999Z',
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
      '2000-02-29T12:30:00.000Z',
      '2024-12-31T23:59:59.999Z',
      '9999-12-31T23:59:59.999Z',
    ])
      expect(quarterHourKeyOfMs(canonicalMs(iso))).toBe(quarterHourKey(iso));
  });

  it('gives the zone date of a canonical instant where offsets are quarter hours (seeded)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Asia/Shanghai', 'UTC', 'Asia/Kathmandu'),
        anyInstant,
        (zone, { ms, iso }) => {
          fc.pre(Number(iso.slice(0, 4)) >= 1901);
          expect(localDayNamers(zone).ofMs(ms)).toBe(localDateOf(iso, zone));
        },
      ),
      { seed: 2142, numRuns: 1000 },
    );
  });
});

// Issue 21, the third pass: a tie-break field is compared as its joined key orders it without
// scanning both fields for U+0000 — only a field that is a prefix of the other, followed there by a
// U+0000, leaves the order to the whole keys. Checked against the joined key itself
// (compareEntriesByKey) over fields made of `a`, `b` and U+0000, where prefixes are the rule.
describe('the tie-break field order without a U+0000 scan (issue 21, third pass)', () => {
  const field = fc.array(fc.constantFrom('a', 'b', '\u0000'), { maxLength: 3 }).map((cs) => cs.join(''));
  const violation = fc
    .record({
      code: field,
      role: fc.option(field, { nil: undefined }),
      subject: fc.option(fc.record({ kind: field, id: field }), { nil: undefined }),
      quantity: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    })
    .map(({ code, role, subject, quantity }): Entry => {
      const v: Violation = {
        code,
        personId: 'p',
        occurredAt: '2024-03-01T00:00:00.000Z',
        source: { module: 'm', rule: 'r' },
      };
      if (role !== undefined) v.role = role;
      if (subject !== undefined) v.subject = subject;
      if (quantity !== undefined) v.quantity = quantity;
      return { v, index: 0, item: undefined };
    });

  it('orders every pair of tied violations as the joined key does (seeded)', () => {
    fc.assert(
      fc.property(violation, violation, (a, b) => {
        expect(Math.sign(compareEntries(a, b))).toBe(Math.sign(compareEntriesByKey(a, b)));
        expect(Math.sign(compareEntries(b, a))).toBe(Math.sign(compareEntriesByKey(b, a)));
      }),
      { seed: 2151, numRuns: 20_000 },
    );
  });
});
