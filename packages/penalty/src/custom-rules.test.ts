import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type ViolationInput, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from './assess.js';
import {
  dealerFileSchedule,
  LEDGER_STEPS,
  ledgerPipeline,
  type PenaltyCustomRule,
  type PenaltyStage,
  penaltyLedger,
  penaltyLedgerWith,
} from './index.js';

const late = (day: string, data?: Record<string, string | boolean>): ViolationInput => ({
  code: 'records.handover.late',
  personId: 'sc-wang',
  role: 'salesConsultant',
  occurredAt: `${day}T23:59:59+08:00`,
  lateBy: { unit: 'workingDays', units: 2 },
  source: { module: '@zhidu/records', rule: 'S000-ARCHIVE-07' },
  ...(data === undefined ? {} : { data }),
});
const ctx = makeContext({ now: '2024-03-31T18:00:00+08:00', calendar: chinaCalendar() });
const schedule = dealerFileSchedule();
const violations = [late('2024-03-07', { excused: true }), late('2024-03-20')];

/** ACME: a violation the sales manager excused (data.excused) is neither priced nor counted. */
const excused: PenaltyCustomRule = {
  after: LEDGER_STEPS.match,
  step: {
    id: 'acme.excused',
    clause: 'ACME 档案管理补充规定 §1',
    run: (stage: PenaltyStage, step) => {
      const entries = stage.entries.filter((e) => e.v.data?.excused !== true);
      step.note(
        `经理免除 ${stage.entries.length - entries.length} 次违规`,
        `${stage.entries.length - entries.length} violation(s) excused by the manager`,
      );
      return { ...stage, entries };
    },
  },
};

const refusal = (f: () => unknown): ZhiduError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    return e as ZhiduError;
  }
  throw new Error('expected a refusal');
};

describe('penalty ledger as a rule pipeline (custom rules)', () => {
  it('names its steps by catalog id, in procedure order', () => {
    expect(ledgerPipeline().ids).toEqual([
      'S000-PENALTY-01',
      'S000-PENALTY-06',
      'S000-PENALTY-11',
      'S000-PENALTY-07',
    ]);
    expect(Object.values(LEDGER_STEPS)).toEqual(ledgerPipeline().ids);
    expect(refusal(() => ledgerPipeline(null as never)).path).toEqual(['options']);
  });

  it('a custom rule between matching and pricing changes the outcome: the excused first violation is not counted, so no doubling', () => {
    const plain = ledgerOf(violations, schedule, ctx).value;
    expect(plain.total).toBe(15000); // 50, then doubled to 100
    const d = ledgerOf(violations, schedule, ctx, { customRules: [excused] });
    const lines = d.value.persons[0]?.periods[0]?.lines ?? [];
    expect(lines.map((l) => l.arithmetic)).toEqual(['50.00 × 1 = 50.00']);
    expect(lines[0]?.tallyIndex).toBe(1);
    expect(d.value.total).toBe(5000);
    // No escalation entry: nothing was doubled.
    expect(d.trace.some((t) => t.rule === 'S000-PENALTY-06')).toBe(false);
  });

  it('the trace shows the custom step in place: after the match step, before the pricing and ledger entries', () => {
    const d = ledgerOf(violations, schedule, ctx, { customRules: [excused] });
    const rules = d.trace.map((t) => t.rule);
    expect(rules[0]).toBe('acme.excused');
    expect(d.trace[0]).toMatchObject({
      clause: 'ACME 档案管理补充规定 §1',
      message: { en: '1 violation(s) excused by the manager' },
    });
    expect(rules.indexOf('penalty.ledger')).toBeGreaterThan(0);
    // Placed after the pricing step, a note lands after the escalation entry and before the lines.
    const after = ledgerOf(violations, schedule, ctx, {
      customRules: [
        {
          after: LEDGER_STEPS.price,
          step: {
            id: 'acme.audit',
            run: (s: PenaltyStage, step) => {
              step.note('已复核', 'Reviewed');
              return s;
            },
          },
        },
      ],
    }).trace.map((t) => t.rule);
    expect(after.slice(0, 2)).toEqual(['S000-PENALTY-06', 'acme.audit']);
  });

  it('a custom rule between pricing and filing changes the filed totals (half fines for a trainee month)', () => {
    const d = ledgerOf(violations, schedule, ctx, {
      customRules: [
        {
          before: LEDGER_STEPS.file,
          step: {
            id: 'acme.trainee',
            run: (stage: PenaltyStage) => ({
              ...stage,
              lines: stage.lines.map((l) => ({ ...l, amount: Math.floor(l.amount / 2) })),
            }),
          },
        },
      ],
    });
    expect(d.value.persons[0]?.periods[0]?.lines.map((l) => l.amount)).toEqual([2500, 5000]);
    expect(d.value.total).toBe(7500);
    // The escalation entry still names the (copied) line it multiplied, by its ledger id.
    const doubled = d.trace.find((t) => t.rule === 'S000-PENALTY-06');
    expect(doubled?.data?.lines).toEqual(['sc-wang/2024-03/#2']);
  });

  it('replacing the enforcement step puts the company’s own entry in its place', () => {
    const d = ledgerOf(violations, schedule, ctx, {
      customRules: [
        {
          replace: LEDGER_STEPS.enforcement,
          step: {
            id: 'acme.levy',
            clause: 'ACME §9',
            run: (s: PenaltyStage, step) => {
              step.note('由行政部执行', 'Levied by the administration department');
              return s;
            },
          },
        },
      ],
    });
    const rules = d.trace.map((t) => t.rule);
    expect(rules).not.toContain('S000-PENALTY-11');
    expect(rules.indexOf('acme.levy')).toBe(rules.indexOf('S000-PENALTY-06') + 1);
    expect(d.value.total).toBe(15000);
    const plainRules = ledgerOf(violations, schedule, ctx).trace.map((t) => t.rule);
    expect(plainRules[1]).toBe('S000-PENALTY-11');
  });

  it('an unknown step id is refused naming the nearest step id', () => {
    const e = refusal(() =>
      ledgerOf(violations, schedule, ctx, {
        customRules: [{ before: 'S000-PENALTY-6', step: { id: 'x', run: (s: PenaltyStage) => s } }],
      }),
    );
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['options', 'customRules', 0, 'before']);
    expect(e.message).toContain('did you mean "S000-PENALTY-06"');
    expect(refusal(() => ledgerOf(violations, schedule, ctx, null as never)).path).toEqual(['options']);
  });

  it('refuses a custom rule returning a malformed stage; the path names the custom rule', () => {
    const withStep =
      (run: (s: PenaltyStage) => PenaltyStage, place: string = LEDGER_STEPS.price) =>
      () =>
        ledgerOf(violations, schedule, ctx, {
          customRules: [{ after: place, step: { id: 'acme.bad', run } }],
        });
    // An amount that is not integer fen.
    const fen = refusal(withStep((s) => ({ ...s, lines: s.lines.map((l) => ({ ...l, amount: 12.5 })) })));
    expect(fen.path).toEqual(['customRules', 'acme.bad', 'lines', 0, 'amount']);
    // A line kind the ledger does not know.
    expect(
      refusal(withStep((s) => ({ ...s, lines: s.lines.map((l) => ({ ...l, kind: 'bonus' as never })) })))
        .path,
    ).toEqual(['customRules', 'acme.bad', 'lines', 0, 'kind']);
    // A ledger whose total is not fen, after filing.
    expect(
      refusal(
        withStep(
          (s) => ({ ...s, ledger: { ...(s.ledger as NonNullable<PenaltyStage['ledger']>), total: -0.5 } }),
          LEDGER_STEPS.file,
        ),
      ).path,
    ).toEqual(['customRules', 'acme.bad', 'ledger', 'total']);
    // The entries dropped altogether.
    expect(refusal(withStep((s) => ({ ...s, entries: null as never })))).toMatchObject({
      code: 'invalid_state',
      path: ['customRules', 'acme.bad', 'entries'],
    });
    // A crash is the custom rule's failure, not a bare TypeError.
    expect(refusal(withStep((s) => (s as unknown as { x: { y: PenaltyStage } }).x.y))).toMatchObject({
      code: 'invalid_state',
      path: ['customRules', 'acme.bad'],
    });
    // Replacing the filing step without producing a ledger.
    expect(
      refusal(() =>
        ledgerOf(violations, schedule, ctx, {
          customRules: [
            { replace: LEDGER_STEPS.file, step: { id: 'acme.none', run: (s: PenaltyStage) => s } },
          ],
        }),
      ),
    ).toMatchObject({ code: 'invalid_state', path: ['options', 'customRules'] });
  });

  it('penaltyLedgerWith builds the penalty.ledger module with the rules: same effect, rules checked when built', () => {
    const acme = penaltyLedgerWith({ customRules: [excused] });
    expect(acme.id).toBe('penalty.ledger');
    const d = acme.evaluate({ violations }, acme.preset('dealer-file'), ctx);
    expect(d.value.result).toEqual(ledgerOf(violations, schedule, ctx, { customRules: [excused] }).value);
    expect(d.value.result.total).toBe(5000);
    expect(d.trace.some((t) => t.rule === 'acme.excused')).toBe(true);
    expect(
      refusal(() =>
        penaltyLedgerWith({
          customRules: [{ after: 'S000-PENALTY-1', step: { id: 'x', run: (s: PenaltyStage) => s } }],
        }),
      ),
    ).toMatchObject({ code: 'unknown_reference', path: ['customRules', 0, 'after'] });
    expect(refusal(() => penaltyLedgerWith(null as never)).path).toEqual(['options']);
    // A failing custom step is named by its id, as through ledgerOf (not under input).
    const bad = penaltyLedgerWith({
      customRules: [
        {
          after: LEDGER_STEPS.match,
          step: { id: 'acme.bad', run: (s: PenaltyStage) => ({ ...s, unpriced: 'none' as never }) },
        },
      ],
    });
    expect(refusal(() => bad.evaluate({ violations }, bad.preset('dealer-file'), ctx)).path).toEqual([
      'customRules',
      'acme.bad',
      'unpriced',
    ]);
    const none = penaltyLedgerWith({
      customRules: [{ replace: LEDGER_STEPS.file, step: { id: 'acme.none', run: (s: PenaltyStage) => s } }],
    });
    expect(refusal(() => none.evaluate({ violations }, none.preset('dealer-file'), ctx)).path).toEqual([
      'customRules',
    ]);
    // Input errors stay under input.
    expect(
      refusal(() => bad.evaluate({ violations: [{}] } as never, bad.preset('dealer-file'), ctx)).path[0],
    ).toBe('input');
    // The JSON input stays data: a customRules field is an unknown key.
    expect(
      refusal(() =>
        penaltyLedger.evaluate(
          { violations, customRules: [] } as never,
          penaltyLedger.preset('dealer-file'),
          ctx,
        ),
      ).code,
    ).toBe('unknown_key');
  });

  it('an identity custom rule at any place leaves the ledger and the trace unchanged (property)', () => {
    const codes = [
      'records.handover.late',
      'records.item.missing',
      'records.signature.missing',
      'records.file.lost',
    ];
    const violation = fc
      .record({
        code: fc.constantFrom(...codes),
        person: fc.constantFrom(['sc-1', 'salesConsultant'], ['sa-1', 'serviceAdvisor']),
        day: fc.integer({ min: 1, max: 28 }),
        quantity: fc.integer({ min: 1, max: 3 }),
        fixDays: fc.option(fc.integer({ min: 0, max: 6 })),
      })
      .map(({ code, person, day, quantity, fixDays }): ViolationInput => {
        const at = `2024-03-${String(day).padStart(2, '0')}T10:00:00+08:00`;
        return {
          code,
          personId: person[0] ?? '',
          role: person[1] ?? '',
          occurredAt: at,
          quantity,
          lateBy: { unit: 'workingDays', units: 1 },
          source: { module: 'records', rule: 'S000-ARCHIVE-07' },
          ...(fixDays === null
            ? {}
            : { correctedAt: new Date(Date.parse(at) + fixDays * 86_400_000).toISOString() }),
        };
      });
    const payCtx = { ...ctx, pay: [{ personId: 'sa-1', component: 'performancePay', amount: 400_000 }] };
    fc.assert(
      fc.property(
        fc.array(violation, { maxLength: 8 }),
        fc.constantFrom(...ledgerPipeline().ids),
        fc.constantFrom('before', 'after'),
        (vs, id, place) => {
          const base = ledgerOf(vs, schedule, payCtx);
          const rule = { [place]: id, step: { id: 'acme.identity', run: (s: PenaltyStage) => s } };
          const d = ledgerOf(vs, schedule, payCtx, {
            customRules: [rule as unknown as PenaltyCustomRule],
          });
          expect(d.value).toEqual(base.value);
          expect(d.trace).toEqual(base.trace);
        },
      ),
      { seed: 6, numRuns: 40 },
    );
  });
  it('ledgerPipeline().run on a hand-built stage reads a subject without an id as none, as the sort and tallies do', () => {
    // No stage check runs on a pipeline run directly: a company's stage may hold what no schema
    // let through. Two violations of one instant (the tie-break and the walk both read them).
    const compiled = penaltyLedger.compile(schedule).compiled;
    const v = (at: string) =>
      ({
        code: 'records.handover.late',
        personId: 'sc-wang',
        role: 'salesConsultant',
        occurredAt: at,
        subject: { kind: 'file' },
        source: { module: 'records', rule: 'S000-ARCHIVE-07' },
        correctedAt: '2024-03-08T03:00:00.000Z',
      }) as never;
    const stage: PenaltyStage = {
      schedule: compiled,
      violations: [v('2024-03-08T02:00:00.000Z'), v('2024-03-08T02:00:00.000Z')],
      roster: {},
      pay: [],
      entries: [],
      unpriced: [],
      lines: [],
      escalations: [],
      ledger: null,
    };
    const ledger = ledgerPipeline().run(stage, ctx).value.ledger;
    // 50 CNY, then doubled from the second violation of the month.
    expect(ledger?.total).toBe(15000);
    expect(ledger?.persons[0]?.periods[0]?.lines.map((l) => l.tallyIndex)).toEqual([1, 2]);
  });
});
