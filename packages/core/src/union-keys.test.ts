// A misspelt key inside a union (a condition's `all` / `any` / `not`, a formula's operator, a fact's
// value) was refused with "无效输入 / Invalid input" at the union's object: zod tries every option
// and says only that none took it. The options' own issues tell what was meant: a key every option
// refuses is that unknown key, named with the field most likely meant; else the one option that
// took the object's keys and failed deeper is followed.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhiduError } from '../test/helpers.js';
import { ConditionSchema, FormulaSchema, parseInput } from './index.js';

const refusedAt = (schema: z.ZodType, value: unknown, path: (string | number)[]) =>
  zhiduError(() => parseInput(schema, value, path));

describe('a misspelt key inside a union is named as the unknown key it is', () => {
  it('a condition: `alll` and `nott` are unknown keys, with `all` and `not` suggested', () => {
    const alll = refusedAt(ConditionSchema, { alll: [{ attribute: 'amount', gte: 5 }] }, ['when']);
    expect([alll.code, alll.path]).toEqual(['unknown_key', ['when', 'alll']]);
    expect(alll.message).toBe(
      '`when.alll` 不是可识别的字段；是否应为 `when.all`？ / `when.alll` is not a known field; did you mean `when.all`? (at when.alll)',
    );
    const nott = refusedAt(ConditionSchema, { nott: { attribute: 'amount', gte: 5 } }, ['when']);
    expect([nott.code, nott.path]).toEqual(['unknown_key', ['when', 'nott']]);
    expect(nott.message).toContain('did you mean `when.not`?');
  });

  it('a condition nested in `all` and `any`: the misspelt key deep inside is named, not the outer condition', () => {
    const inner = refusedAt(ConditionSchema, { all: [{ atribute: 'amount', gte: 5 }] }, ['when']);
    expect([inner.code, inner.path]).toEqual(['unknown_key', ['when', 'all', 0, 'atribute']]);
    expect(inner.message).toContain('did you mean `when.all[0].attribute`?');
    const deep = refusedAt(
      ConditionSchema,
      { all: [{ attribute: 'amount', gte: 5 }, { any: [{ not: { attribute: 'x', equalz: 1 } }] }] },
      ['when'],
    );
    expect([deep.code, deep.path]).toEqual(['unknown_key', ['when', 'all', 1, 'any', 0, 'not', 'equalz']]);
    expect(deep.message).toContain('did you mean `when.all[1].any[0].not.equals`?');
  });

  it('a condition whose only matching form has a bad value: that value is named at its path', () => {
    const e = refusedAt(ConditionSchema, { all: 'amount' }, ['when']);
    expect([e.code, e.path]).toEqual(['invalid_input', ['when', 'all']]);
    expect(e.message).toBe(
      '无效输入：期望 数组，实际接收 字符串 / Invalid input: expected array, received string (at when.all)',
    );
  });

  it('a formula: `byy` for `by` is an unknown key; an amount of fen that is not whole is named at `fen`', () => {
    const byy = refusedAt(FormulaSchema, { multiply: { fen: 1500 }, byy: { number: 3 } }, ['amount']);
    expect([byy.code, byy.path]).toEqual(['unknown_key', ['amount', 'byy']]);
    expect(byy.message).toContain('did you mean `amount.by`?');
    const fen = refusedAt(FormulaSchema, { sum: [{ fen: 100 }, { fen: 1.5 }] }, ['amount']);
    expect([fen.code, fen.path]).toEqual(['invalid_money', ['amount', 'sum', 1, 'fen']]);
  });

  it('a value that is not an object, or options that disagree, keep the union-level refusal', () => {
    const text = refusedAt(ConditionSchema, 'amount > 5', ['when']);
    expect([text.code, text.path]).toEqual(['invalid_input', ['when']]);
    // Two options took the object's keys and failed deeper: which was meant is not known.
    const U = z.union([z.strictObject({ a: z.string() }), z.strictObject({ a: z.boolean() })]);
    const both = refusedAt(U, { a: 1 }, ['x']);
    expect([both.code, both.path]).toEqual(['invalid_input', ['x']]);
  });

  it('a key another form at the place takes is not offered as its own correction', () => {
    // `multiply … by` has no `rounding`; `multiply … byBp` and `divide` do.
    const e = refusedAt(FormulaSchema, { multiply: { fen: 1 }, by: { number: 3 }, rounding: 'down' }, [
      'amount',
    ]);
    expect([e.code, e.path]).toEqual(['unknown_key', ['amount', 'rounding']]);
    expect(e.message).toBe(
      '`amount.rounding` 与此处的其他字段不能同用（此处的另一种写法才有该字段） / `amount.rounding` does not go with the other fields here (another form at this place takes it) (at amount.rounding)',
    );
  });

  it('through a module: a misspelt key in a penalty schedule item condition is refused as unknown_key at its path', async () => {
    const { penaltyLedger } = await import('../../penalty/src/modules.js');
    const preset = structuredClone(penaltyLedger.preset('example-jinma-auto-group')) as {
      params: { items: { match: { when?: Record<string, unknown> } }[] };
    };
    const item = preset.params.items[1] as { match: { when?: Record<string, unknown> } };
    const when = item.match.when as { all: Record<string, unknown>[] };
    item.match.when = { alll: when.all };
    const e = zhiduError(() => penaltyLedger.policy(preset));
    expect([e.code, e.path]).toEqual([
      'unknown_key',
      ['policy', 'params', 'items', 1, 'match', 'when', 'alll'],
    ]);
    expect(e.message).toContain('did you mean `policy.params.items[1].match.when.all`?');
  });

  it('a choice whose `kind` is misspelt: the misspelt key is named, not "Invalid discriminator value" at `kind`', () => {
    const Outcome = z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('fine'), fen: z.number() }),
      z.strictObject({ kind: z.literal('demotion') }),
    ]);
    const e = refusedAt(z.strictObject({ outcome: Outcome }), { outcome: { kindd: 'fine', fen: 100 } }, [
      'item',
    ]);
    expect([e.code, e.path]).toEqual(['unknown_key', ['item', 'outcome', 'kindd']]);
    expect(e.message).toContain('did you mean `item.outcome.kind`?');
    // A `kind` that is there but not one of the choices keeps zod's message.
    const other = refusedAt(z.strictObject({ outcome: Outcome }), { outcome: { kind: 'points' } }, ['item']);
    expect([other.code, other.path]).toEqual(['invalid_input', ['item', 'outcome', 'kind']]);
    // The values it takes, in both languages (zod's Chinese said only "无效输入").
    expect(other.message).toBe(
      '无效的 kind：期望以下之一 "fine" | "demotion" / Invalid kind: expected one of "fine" | "demotion" (at item.outcome.kind)',
    );
    // Missing, with no other key: zod's message.
    expect(refusedAt(Outcome, {}, ['o']).path).toEqual(['o', 'kind']);
  });

  it('options of another type beside the object forms are left out of the comparison', () => {
    const Ratio = z.union([
      z.number(),
      z.strictObject({ numerator: z.number(), denominator: z.number() }),
      z.strictObject({ percent: z.number() }),
    ]);
    const e = refusedAt(Ratio, { numeratorr: 1, denominator: 2 }, ['ratio']);
    expect([e.code, e.path]).toEqual(['unknown_key', ['ratio', 'numeratorr']]);
    expect(e.message).toContain('did you mean `ratio.numerator`?');
  });

  it('through a module: a misspelt `kind` of a penalty charge outcome is named, for every preset item', async () => {
    const { penaltyLedger } = await import('../../penalty/src/modules.js');
    const preset = structuredClone(penaltyLedger.preset('example-jinma-auto-group')) as {
      params: { items: { charges: { outcome: Record<string, unknown> }[] }[] };
    };
    const outcome = preset.params.items[0]?.charges[0]?.outcome as Record<string, unknown>;
    outcome.kindd = outcome.kind;
    delete outcome.kind;
    const e = zhiduError(() => penaltyLedger.policy(preset));
    expect([e.code, e.path]).toEqual([
      'unknown_key',
      ['policy', 'params', 'items', 0, 'charges', 0, 'outcome', 'kindd'],
    ]);
  });

  it('a penalty tally window: `rollingDay` is named, a misspelt period gets the periods, a bad count its bound', async () => {
    const { TallyWindowSchema } = await import('../../penalty/src/schedule.js');
    const key = refusedAt(TallyWindowSchema, { rollingDay: 90 }, ['tallyWindow']);
    expect([key.code, key.path]).toEqual(['unknown_key', ['tallyWindow', 'rollingDay']]);
    expect(key.message).toContain('did you mean `tallyWindow.rollingDays`?');
    const period = refusedAt(TallyWindowSchema, 'calendarYeer', ['tallyWindow']);
    expect([period.code, period.path]).toEqual(['invalid_input', ['tallyWindow']]);
    expect(period.message).toContain('"calendarMonth"|"calendarQuarter"|"calendarYear"|"history"');
    const zero = refusedAt(TallyWindowSchema, { rollingDays: 0 }, ['tallyWindow']);
    expect([zero.code, zero.path]).toEqual(['invalid_input', ['tallyWindow', 'rollingDays']]);
    expect(zero.message).toContain('>=1');
  });
});
