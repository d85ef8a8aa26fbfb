import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, PolicyHistory, weekdayCalendar, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from './assess.js';
import { mayLevyFine, mayOrderCorrection } from './enforcement.js';
import * as pkg from './index.js';
import { penaltyEnforcement, penaltyLedger, penaltyModules } from './modules.js';
import { dealerFileSchedule } from './presets/dealer-file.js';
import { PRESETS, type PresetName } from './presets/index.js';
import { salesOfficeSchedule } from './presets/sales-office.js';
import { defineSchedule } from './schedule.js';
import type { ViolationInput } from './violation-input.js';

const calendar = chinaCalendar();
const ctx = makeContext({ now: '2024-03-31T18:00:00+08:00', calendar });

const late = (day: string, personId = 'sc-wang', extra: Partial<ViolationInput> = {}): ViolationInput => ({
  code: 'records.handover.late',
  personId,
  role: 'salesConsultant',
  occurredAt: `${day}T23:59:59+08:00`,
  lateBy: { unit: 'workingDays', units: 2 },
  source: { module: '@zhidu/records', rule: 'S000-ARCHIVE-07' },
  ...extra,
});
const march = [late('2024-03-20'), late('2024-03-07'), late('2024-03-11', 'sc-li')];

/** Runs `f`, returning what it threw (or undefined). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

const camel = (kebab: string): PresetName =>
  kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as PresetName;

describe('penalty modules: registry shape', () => {
  it('exports penaltyModules from the package index: penalty.ledger, penalty.enforcement and penalty.exchange-membership', () => {
    expect(pkg.penaltyModules).toBe(penaltyModules);
    expect(penaltyModules.map((m) => m.id)).toEqual([
      'penalty.ledger',
      'penalty.enforcement',
      'penalty.exchange-membership',
    ]);
    expect(penaltyLedger.needsCalendar).toBe(true);
    expect(penaltyEnforcement.needsCalendar).toBe(false);
  });

  it('holds every preset as policy JSON under its kebab-case name, equal to the preset function', () => {
    const names = Object.keys(PRESETS).map((n) => n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
    for (const m of penaltyModules) {
      expect(m.presetNames).toEqual(names);
      for (const name of m.presetNames) {
        expect(JSON.parse(JSON.stringify(m.preset(name)))).toEqual(
          JSON.parse(JSON.stringify(PRESETS[camel(name)]())),
        );
      }
    }
    expect(penaltyLedger.presetNames).toContain('dealer-file');
    expect(penaltyLedger.presetNames).toContain('customer-filing');
  });

  it('publishes JSON Schemas whose violation objects refuse extra keys', () => {
    const input = penaltyLedger.jsonSchema.input as {
      additionalProperties?: unknown;
      properties: { violations: { items: { additionalProperties?: unknown; properties: object } } };
    };
    expect(input.additionalProperties).toBe(false);
    expect(input.properties.violations.items.additionalProperties).toBe(false);
    expect(Object.keys(input.properties.violations.items.properties)).toContain('data');
    expect((penaltyLedger.jsonSchema.policy as { properties: object }).properties).toHaveProperty('params');
  });
});

describe('penalty.ledger', () => {
  it('prices the README example exactly as ledgerOf: 50 then doubled to 100, violations empty', () => {
    const d = penaltyLedger.evaluate({ violations: march }, penaltyLedger.preset('dealer-file'), ctx);
    const old = ledgerOf(march, dealerFileSchedule(), ctx);
    expect(d.value.result).toEqual(old.value);
    expect(d.trace).toEqual(old.trace);
    expect(d.value.result.total).toBe(20000);
    const wang = d.value.result.persons.find((p) => p.personId === 'sc-wang');
    expect(wang?.periods[0]?.lines.map((l) => l.arithmetic)).toEqual([
      '50.00 × 1 = 50.00',
      '50.00 × 1 × 2 = 100.00',
    ]);
    expect(d.value.violations).toEqual([]);
  });

  it('states its provenance: module id, policy id and version, and the content hash of the policy', () => {
    const policy = penaltyLedger.preset('dealer-file');
    const d = penaltyLedger.evaluate({ violations: march }, policy, ctx);
    expect(d.provenance.module).toBe('penalty.ledger');
    expect(d.provenance.policy).toEqual({
      id: 'dealer-customer-file-fines',
      version: policy.version,
      hash: penaltyLedger.compile(policy).hash,
    });
    expect(d.provenance.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The same schedule as JSON hashes the same.
    expect(penaltyLedger.compile(JSON.parse(JSON.stringify(dealerFileSchedule()))).hash).toBe(
      d.provenance.policy.hash,
    );
  });

  // Every scenario file (each preset walked end to end) gives the same ledger through the module.
  const root = fileURLToPath(new URL('../scenarios', import.meta.url));
  const scenarios = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(root, d.name))
        .filter((f) => f.endsWith('.scenario.json'))
        .map((f) => join(root, d.name, f)),
    )
    // The ledger's scenarios (the exchange-membership module's own run through the registry's tests).
    .filter((f) => (JSON.parse(readFileSync(f, 'utf8')) as { module: string }).module === 'penalty.ledger');
  it('finds the scenario files (*.scenario.json, one directory per preset)', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(Object.keys(PRESETS).length);
  });
  it.each(scenarios)('evaluates scenario %s exactly as ledgerOf (behaviour preserved)', (path) => {
    // The one scenario format: the ledger's input, the preset's kebab-case name, the context.
    const s = JSON.parse(readFileSync(path, 'utf8')) as {
      preset: string;
      context: { now: string; calendar?: 'prc' | 'weekdays' };
      input: { violations: ViolationInput[]; roster?: Record<string, string>; pay?: [] };
      expected: { result?: { total: number }; error?: { code: string } };
    };
    const c = makeContext({
      now: s.context.now,
      calendar: s.context.calendar === 'weekdays' ? weekdayCalendar() : calendar,
    });
    const input = s.input;
    if (s.expected.error !== undefined) {
      // A refusal: the module and the entry point refuse alike.
      const code = (f: () => unknown) => {
        try {
          f();
        } catch (e) {
          return (e as ZhiduError).code;
        }
        return 'accepted';
      };
      expect(code(() => penaltyLedger.evaluate(input, penaltyLedger.preset(s.preset), c))).toBe(
        s.expected.error.code,
      );
      expect(code(() => ledgerOf(input.violations, PRESETS[camel(s.preset)](), c))).toBe(
        s.expected.error.code,
      );
      return;
    }
    const d = penaltyLedger.evaluate(input, penaltyLedger.preset(s.preset), c);
    const old = ledgerOf(input.violations, PRESETS[camel(s.preset)](), {
      ...c,
      ...(input.roster ? { roster: input.roster } : {}),
      ...(input.pay ? { pay: input.pay } : {}),
    });
    expect(d.value.result).toEqual(old.value);
    expect(d.value.result.total).toBe(s.expected.result?.total);
    expect(d.value.violations).toEqual([]);
  });

  it('keeps trace: summary as an input option (one trace entry per person and period)', () => {
    const d = penaltyLedger.evaluate({ violations: march, trace: 'summary' }, dealerFileSchedule(), ctx);
    expect(d.trace.filter((t) => t.rule === 'penalty.ledger')).toHaveLength(2);
    expect(d.trace.some((t) => t.rule === 'S000-PENALTY-01')).toBe(false);
    expect(d.value.result.total).toBe(20000);
  });

  it('takes roster and pay from its input (construction: named roles; sales office: a day of base pay)', () => {
    const pay = [{ personId: 'A', component: 'monthlyBasePay', amount: 435000 }];
    const grab = {
      code: 'attribution.reception.grabbing',
      personId: 'A',
      occurredAt: '2024-06-03T10:00:00+08:00',
      source: { module: 'attribution', rule: 'S001-RECEP-04' },
    };
    const c = makeContext({ now: '2024-06-30T12:00:00+08:00', calendar });
    const d = penaltyLedger.evaluate({ violations: [grab], pay }, salesOfficeSchedule(), c);
    expect(d.value.result).toEqual(ledgerOf([grab], salesOfficeSchedule(), { ...c, pay }).value);
    expect(d.value.result.total).toBe(20000);
  });

  it('refuses a context without an explicit calendar (re-charges count working days), naming ctx.calendar', () => {
    expect(
      thrown(() =>
        penaltyLedger.evaluate({ violations: march }, dealerFileSchedule(), {
          now: '2024-03-31T18:00:00+08:00',
        }),
      ),
    ).toMatchObject({ code: 'calendar_required', path: ['ctx', 'calendar'] });
  });

  it('judges under the PolicyHistory version in force at ctx.now and names it in the trace', () => {
    const v1 = {
      ...dealerFileSchedule(),
      version: '2023',
      effectiveFrom: '2023-01-01',
      effectiveTo: '2024-03-01',
    };
    const base = dealerFileSchedule();
    const v2 = {
      ...base,
      version: '2024',
      effectiveFrom: '2024-03-01',
      params: { ...base.params, escalations: [] },
    };
    const history = new PolicyHistory(penaltyLedger.schemas.params as never, [v1, v2]);
    const d = penaltyLedger.evaluate({ violations: [late('2024-03-07'), late('2024-03-20')] }, history, ctx);
    expect(d.trace[0]?.rule).toBe('zhidu.policy.version');
    expect(d.provenance.policy.version).toBe('2024');
    expect(d.value.result.total).toBe(10000); // no doubling in version 2024
  });
});

describe('penalty.ledger: strict at the boundary', () => {
  const schedule = JSON.parse(JSON.stringify(dealerFileSchedule()));

  it('refuses a misspelt policy key with unknown_key, naming the field meant (params.latenessRoundng, efectiveTo)', () => {
    const typo = { ...schedule, params: { ...schedule.params, latenessRoundng: 'ceil' } };
    const e = thrown(() => penaltyLedger.evaluate({ violations: march }, typo, ctx)) as ZhiduError;
    expect(e).toBeInstanceOf(ZhiduError);
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['policy', 'params', 'latenessRoundng']);
    expect(e.message).toContain('did you mean `policy.params.latenessRounding`?');
    const top = thrown(() => penaltyLedger.policy({ ...schedule, efectiveTo: '2030-01-01' })) as ZhiduError;
    expect(top).toMatchObject({ code: 'unknown_key', path: ['policy', 'efectiveTo'] });
    expect(top.message).toContain('did you mean `policy.effectiveTo`?');
  });

  it('refuses a misspelt key deep in an item (charges[0].outcome.amout) with the suggestion', () => {
    const items = structuredClone(schedule.params.items);
    items[0].charges[0].outcome.amout = items[0].charges[0].outcome.amount;
    const e = thrown(() =>
      defineSchedule({ ...schedule, params: { ...schedule.params, items } }),
    ) as ZhiduError;
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['policy', 'params', 'items', 0, 'charges', 0, 'outcome', 'amout']);
    expect(e.message).toContain('did you mean');
  });

  it('refuses a misspelt violation field (occuredAt, personID) instead of dropping it', () => {
    const bad = { ...late('2024-03-07'), personID: 'x' } as never;
    const e = thrown(() => penaltyLedger.evaluate({ violations: [bad] }, schedule, ctx)) as ZhiduError;
    expect(e).toMatchObject({ code: 'unknown_key', path: ['input', 'violations', 0, 'personID'] });
    expect(e.message).toContain('did you mean `input.violations[0].personId`?');
    const { occurredAt, ...rest } = late('2024-03-07');
    const old = thrown(() => ledgerOf([{ ...rest, occuredAt: occurredAt } as never], schedule, ctx));
    expect(old).toMatchObject({ code: 'unknown_key', path: ['violations', 0, 'occuredAt'] });
    expect((old as Error).message).toContain('did you mean `violations[0].occurredAt`?');
  });

  it('refuses a stray top-level severity, which was silently dropped and priced at the normal rate', () => {
    const grab = {
      code: 'attribution.reception.grabbing',
      personId: 'A',
      occurredAt: '2024-06-03T10:00:00+08:00',
      source: { module: 'attribution', rule: 'S001-RECEP-04' },
    };
    const e = thrown(() => ledgerOf([{ ...grab, severity: 'serious' } as never], salesOfficeSchedule(), ctx));
    expect(e).toMatchObject({ code: 'unknown_key', path: ['violations', 0, 'severity'] });
    // The documented place: data.severity, which the serious item matches.
    const c = makeContext({ now: '2024-06-30T12:00:00+08:00', calendar });
    const pay = [
      { personId: 'A', component: 'monthlyBasePay', amount: 435000 },
      { personId: 'A', component: 'monthBonus', amount: 100000 },
    ];
    const d = penaltyLedger.evaluate(
      { violations: [{ ...grab, data: { severity: 'serious' } }], pay },
      salesOfficeSchedule(),
      c,
    );
    expect(d.value.result.total).toBe(435000 + 50000);
  });

  it('refuses a misspelt input field (rooster) and a misspelt nested violation field (lateBy.unist)', () => {
    expect(
      thrown(() => penaltyLedger.evaluate({ violations: march, rooster: {} } as never, schedule, ctx)),
    ).toMatchObject({ code: 'unknown_key', path: ['input', 'rooster'] });
    const bad = { ...late('2024-03-07'), lateBy: { unit: 'workingDays', unist: 2 } } as never;
    const e = thrown(() => penaltyLedger.evaluate({ violations: [bad] }, schedule, ctx)) as ZhiduError;
    expect(e.path.slice(0, 4)).toEqual(['input', 'violations', 0, 'lateBy']);
    expect(e).toBeInstanceOf(ZhiduError);
  });

  it('refuses an unvalidated raw schedule with a wrong type with a ZhiduError, never a TypeError', () => {
    const wrongWindow = { ...schedule, params: { ...schedule.params, window: 5 } };
    for (const run of [
      () => ledgerOf(march, wrongWindow, ctx),
      () => penaltyLedger.evaluate({ violations: march }, wrongWindow, ctx),
    ]) {
      const e = thrown(run);
      expect(e).toBeInstanceOf(ZhiduError);
      expect(e).toMatchObject({ code: 'invalid_input', path: ['policy', 'params', 'window'] });
    }
    // The issue's own case: `0` for enforcement, and a policy that is not one at all.
    const zero = { ...schedule, params: { ...schedule.params, enforcement: 0 } };
    expect(thrown(() => ledgerOf(march, zero as never, ctx))).toMatchObject({
      code: 'invalid_input',
      path: ['policy', 'params', 'enforcement'],
    });
    expect(thrown(() => ledgerOf(march, {} as never, ctx))).toBeInstanceOf(ZhiduError);
    expect(thrown(() => ledgerOf(march, null as never, ctx))).toBeInstanceOf(ZhiduError);
  });

  it('checks schedule consistency on evaluate (two escalations for one tally and role: policy_overlap)', () => {
    // Another escalation, under an id of its own, for the same tally and role.
    const first = schedule.params.escalations[0] as (typeof schedule.params.escalations)[number];
    const twice = {
      ...schedule,
      params: {
        ...schedule.params,
        escalations: [...schedule.params.escalations, { ...first, id: `${first.id}-again` }],
      },
    };
    const e = thrown(() => penaltyLedger.evaluate({ violations: march }, twice, ctx));
    expect(e).toMatchObject({ code: 'policy_overlap' });
    expect((e as ZhiduError).path.slice(0, 3)).toEqual(['policy', 'params', 'escalations']);
    // The same escalation copied, id and all: its id is named twice in one list.
    const copied = {
      ...schedule,
      params: { ...schedule.params, escalations: [...schedule.params.escalations, first] },
    };
    const n = schedule.params.escalations.length;
    expect(thrown(() => penaltyLedger.evaluate({ violations: march }, copied, ctx))).toMatchObject({
      code: 'duplicate',
      path: ['policy', 'params', 'escalations', n, 'id'],
    });
  });

  it('refuses an unknown lateness unit, and names engine refusals under input (policy_not_in_force)', () => {
    const weeks = { ...late('2024-03-07'), lateBy: { unit: 'weeks', units: 1 } } as never;
    expect(thrown(() => penaltyLedger.evaluate({ violations: [weeks] }, schedule, ctx))).toMatchObject({
      code: 'invalid_input',
      path: ['input', 'violations', 0, 'lateBy', 'unit'],
    });
    const before = late('1999-03-07');
    const e = thrown(() => penaltyLedger.evaluate({ violations: [before] }, schedule, ctx)) as ZhiduError;
    expect(e).toMatchObject({
      code: 'policy_not_in_force',
      path: ['input', 'violations', 0, 'occurredAt'],
    });
    expect(e.message.match(/\(at /g)).toHaveLength(1);
  });

  it('refuses a violation code no item prices under unpriced: refuse, naming the code meant; reports it by default', () => {
    const typo = late('2024-03-07', 'sc-wang', { code: 'records.handover.lat' });
    const strict = { ...schedule, params: { ...schedule.params, unpriced: 'refuse' } };
    const e = thrown(() => penaltyLedger.evaluate({ violations: [typo] }, strict, ctx)) as ZhiduError;
    expect(e).toMatchObject({ code: 'unknown_reference', path: ['input', 'violations', 0, 'code'] });
    expect(e.message).toContain('did you mean records.handover.late?');
    // A priced code for a role no item names is refused too, at the violation.
    const advisor = late('2024-03-07', 'x', { role: 'cashier' });
    expect(thrown(() => penaltyLedger.evaluate({ violations: [advisor] }, strict, ctx))).toMatchObject({
      code: 'unknown_reference',
      path: ['input', 'violations', 0],
    });
    // Default (report): listed in unpriced and traced, never silently dropped.
    const d = penaltyLedger.evaluate({ violations: [typo] }, schedule, ctx);
    expect(d.value.result.unpriced).toEqual([
      {
        code: 'records.handover.lat',
        personId: 'sc-wang',
        occurredAt: '2024-03-07T15:59:59.000Z',
        role: 'salesConsultant',
      },
    ]);
    expect(d.trace.some((t) => t.message.en.includes('records.handover.lat: not priced'))).toBe(true);
  });

  it('has no ordering rule: violations are a set, the same ledger for any order, even within one person', () => {
    const reversed = [...march].reverse();
    expect(penaltyLedger.evaluate({ violations: reversed }, schedule, ctx).value.result).toEqual(
      penaltyLedger.evaluate({ violations: march }, schedule, ctx).value.result,
    );
  });

  it('gives the ledger ledgerOf gives for any subset and order of violations (fast-check, seeded)', () => {
    const pool = [
      late('2024-03-01'),
      late('2024-03-05', 'sc-li'),
      late('2024-03-12'),
      late('2024-03-19', 'sc-wang', { role: 'serviceAdvisor', lateBy: { unit: 'workingDays', units: 4 } }),
      late('2024-03-26', 'sc-li', { code: 'records.signature.missing', quantity: 2 }),
      late('2024-03-28', 'sc-wang', { code: 'records.file.lost', correctedAt: '2024-03-29T10:00:00+08:00' }),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(pool), (violations) => {
        const d = penaltyLedger.evaluate({ violations }, schedule, ctx);
        expect(d.value.result).toEqual(ledgerOf(violations, schedule, ctx).value);
        expect(d.value.violations).toEqual([]);
      }),
      { seed: 20240331, numRuns: 40 },
    );
  });
});

describe('penalty.enforcement', () => {
  it('decides who levies and who orders corrections exactly as mayLevyFine / mayOrderCorrection (S000-PENALTY-11)', () => {
    const schedule = dealerFileSchedule();
    for (const role of ['customerDirector', 'archiveAdmin', 'salesManager', 'salesConsultant']) {
      const d = penaltyEnforcement.evaluate({ role }, penaltyEnforcement.preset('dealer-file'), ctx);
      expect(d.value.result).toEqual({
        role,
        mayLevyFine: mayLevyFine(schedule, role),
        mayOrderCorrection: mayOrderCorrection(schedule, role),
      });
      expect(d.value.violations).toEqual([]);
      expect(d.trace[0]?.rule).toBe('S000-PENALTY-11');
    }
    const admin = penaltyEnforcement.evaluate({ role: 'archiveAdmin' }, schedule, ctx);
    expect(admin.value.result).toEqual({
      role: 'archiveAdmin',
      mayLevyFine: false,
      mayOrderCorrection: true,
    });
    expect(admin.provenance.module).toBe('penalty.enforcement');
    expect(admin.provenance.policy.hash).toBe(penaltyEnforcement.compile(schedule).hash);
  });

  it('refuses no one under a schedule without an enforcement section, and needs no calendar', () => {
    const d = penaltyEnforcement.evaluate({ role: 'anyone' }, penaltyEnforcement.preset('exchange-member'), {
      now: '2024-03-31T18:00:00+08:00',
    });
    expect(d.value.result).toEqual({ role: 'anyone', mayLevyFine: true, mayOrderCorrection: true });
  });

  it('refuses a raw schedule whose enforcement is a string or 0 with a ZhiduError, never a TypeError', () => {
    const base = JSON.parse(JSON.stringify(dealerFileSchedule()));
    const stringy = {
      ...base,
      params: { ...base.params, enforcement: { ...base.params.enforcement, levyBy: 'customerDirector' } },
    };
    expect(thrown(() => mayLevyFine(stringy, 'customerDirector'))).toMatchObject({
      code: 'invalid_input',
      path: ['schedule', 'params', 'enforcement', 'levyBy'],
    });
    expect(
      thrown(() => mayOrderCorrection({ ...base, params: { ...base.params, enforcement: 0 } }, 'x')),
    ).toBeInstanceOf(ZhiduError);
    expect(thrown(() => mayLevyFine({} as never, 'x'))).toBeInstanceOf(ZhiduError);
    expect(
      thrown(() =>
        penaltyEnforcement.evaluate(
          { role: 'x' },
          { ...base, params: { ...base.params, enforcement: 0 } },
          ctx,
        ),
      ),
    ).toMatchObject({ code: 'invalid_input', path: ['policy', 'params', 'enforcement'] });
  });

  it('refuses a misspelt input field (rol) with the suggestion', () => {
    const e = thrown(() => penaltyEnforcement.evaluate({ rol: 'x' } as never, dealerFileSchedule(), ctx));
    expect(e).toMatchObject({ code: 'unknown_key', path: ['input', 'rol'] });
    expect((e as Error).message).toContain('did you mean `input.role`?');
  });
});
