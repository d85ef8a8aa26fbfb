// The facts reader reads a column only when the facts own it (issue 21): `for…in` also shows an
// enumerable key of Object.prototype, and zod's record (the general path) does not read it. Each
// case pollutes Object.prototype for one call and restores it. The wrapper `{ facts }` is given a
// null prototype so that its own `for…in` (which refuses an inherited key, as zod's strict object
// does) lets the facts reach the reader.
import { makeContext, ZhiduError } from '@zhidu/core';
import { afterEach, describe, expect, it } from 'vitest';
import { creditDecisionTableModule } from '../modules.js';
import type { DecisionTableInput } from './schema.js';
import { defineDecisionTable, fastModuleDecision, generatedReaders, hasGeneratedReader } from './table.js';

const ctx = makeContext({ now: '2024-07-01T09:00:00+08:00' });

afterEach(() => {
  generatedReaders.on = true;
});

const table: DecisionTableInput = {
  id: 'example.own-columns',
  hitPolicy: 'first',
  inputs: [
    { name: 'level', type: 'string' },
    { name: 'amount', type: 'number' },
  ],
  outputs: [{ name: 'grade', type: 'string' }],
  rules: [
    { id: 'big', when: { level: { in: ['3A'] }, amount: { gte: 500 } }, result: { grade: 'A' } },
    { id: 'small', when: { level: { in: ['3A'] }, amount: { lt: 500 } }, result: { grade: 'B' } },
  ],
};

/** `{ facts }` with a null prototype: its `for…in` shows its own key only. */
const wrapped = (facts: object): object => Object.assign(Object.create(null), { facts });

/** Runs `f` while Object.prototype has the enumerable key `key` (value `value`). */
const whilePolluted = <T>(key: string, value: unknown, f: () => T): T => {
  Object.defineProperty(Object.prototype, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  });
  try {
    return f();
  } finally {
    delete (Object.prototype as Record<string, unknown>)[key];
  }
};

/** What the module gives: the decision's output, or the refusal's code and path. */
const outcome = (compiled: ReturnType<typeof creditDecisionTableModule.compile>, input: object) => {
  try {
    return { output: creditDecisionTableModule.evaluate(input as never, compiled, ctx).value.result.output };
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
    return { code: e.code, path: e.path };
  }
};

/** The table as a policy; each reader gets its own version (a compiled policy is kept by content). */
const policy = (version: string) => ({
  id: 'p',
  version,
  effectiveFrom: '2024-01-01',
  source: { title: 't' },
  params: table,
});

describe.each([
  ['generated', true],
  ['closure', false],
])('credit.decision-table, %s reader: columns the facts own (issue 21)', (_, generated) => {
  const compile = () => {
    generatedReaders.on = generated;
    const c = creditDecisionTableModule.compile(policy(generated ? 'generated' : 'closure'));
    generatedReaders.on = true;
    return c;
  };

  it('takes the reader it names', () => {
    expect(hasGeneratedReader(compile().compiled)).toBe(generated);
  });

  it('does not read a column Object.prototype lends: the general path refuses it as missing', () => {
    const compiled = compile();
    const facts = { level: '3A' };
    const seen = whilePolluted('amount', 900, () => ({
      fast: fastModuleDecision(compiled.compiled, wrapped(facts)),
      module: outcome(compiled, wrapped(facts)),
    }));
    expect(seen.fast).toBeUndefined();
    expect(seen.module).toEqual({ code: 'invalid_input', path: ['input', 'facts', 'amount'] });
    // Unpolluted, the same facts are refused the same way, and owned columns decide.
    expect(outcome(compiled, wrapped(facts))).toEqual(seen.module);
    expect(outcome(compiled, wrapped({ level: '3A', amount: 900 }))).toEqual({ output: { grade: 'A' } });
  });

  it('reads the facts’ own column, not the one Object.prototype has under the same name', () => {
    const compiled = compile();
    const seen = whilePolluted('amount', 900, () => ({
      fast: fastModuleDecision(compiled.compiled, wrapped({ level: '3A', amount: 100 }))?.value.result.output,
      module: outcome(compiled, wrapped({ level: '3A', amount: 100 })),
    }));
    expect(seen.fast).toEqual({ grade: 'B' });
    expect(seen.module).toEqual({ output: { grade: 'B' } });
  });

  it('leaves facts beside an inherited key of another name to the general path, which decides without it', () => {
    const compiled = compile();
    const facts = { level: '3A', amount: 700 };
    const seen = whilePolluted('region', '华东', () => ({
      fast: fastModuleDecision(compiled.compiled, wrapped(facts)),
      module: outcome(compiled, wrapped(facts)),
      // The plain wrapper shows the inherited key too: zod's strict object refuses it.
      plain: outcome(compiled, { facts }),
    }));
    expect(seen.fast).toBeUndefined();
    expect(seen.module).toEqual({ output: { grade: 'A' } });
    expect(seen.plain).toEqual({ code: 'unknown_key', path: ['input', 'region'] });
  });

  it('answers a wrapper that inherits facts as the general path does (zod reads facts by name)', () => {
    const compiled = compile();
    // Plain facts: their own for…in shows the inherited `facts` too, so the general path decides them.
    const plain = whilePolluted('facts', { level: '3A', amount: 700 }, () => ({
      fast: fastModuleDecision(compiled.compiled, {}),
      module: outcome(compiled, {}),
    }));
    expect(plain.fast).toBeUndefined();
    expect(plain.module).toEqual({ output: { grade: 'A' } });
    // Null-prototype facts: the fast path answers, as the general path does.
    const bare = Object.assign(Object.create(null), { level: '3A', amount: 100 });
    const seen = whilePolluted('facts', bare, () => ({
      fast: fastModuleDecision(compiled.compiled, {})?.value.result.output,
      module: outcome(compiled, {}),
    }));
    expect(seen.fast).toEqual({ grade: 'B' });
    expect(seen.module).toEqual({ output: { grade: 'B' } });
  });

  it('asks Object.prototype whether a key is own, not facts owning a key named hasOwnProperty', () => {
    const compiled = compile();
    const facts = { hasOwnProperty: 'yes', level: '3A', amount: 100 };
    expect(fastModuleDecision(compiled.compiled, { facts })?.value.result.output).toEqual({ grade: 'B' });
    expect(outcome(compiled, { facts })).toEqual({ output: { grade: 'B' } });
    const nullProto = Object.assign(Object.create(null), { level: '3A', amount: 600 });
    expect(fastModuleDecision(compiled.compiled, { facts: nullProto })?.value.result.output).toEqual({
      grade: 'A',
    });
  });
});

describe('defineDecisionTable: one column, inherited (issue 21)', () => {
  it('a one-column table reads its column only when the facts own it', () => {
    for (const on of [true, false]) {
      generatedReaders.on = on;
      const one = defineDecisionTable({
        id: 'example.one-column',
        hitPolicy: 'first',
        inputs: [{ name: 'amount', type: 'number' }],
        outputs: [{ name: 'grade', type: 'string' }],
        rules: [{ id: 'big', when: { amount: { gte: 500 } }, result: { grade: 'A' } }],
        defaultOutput: { grade: 'C' },
      });
      generatedReaders.on = true;
      expect(hasGeneratedReader(one)).toBe(on);
      const seen = whilePolluted('amount', 900, () => fastModuleDecision(one, wrapped({})));
      expect(seen).toBeUndefined();
      expect(fastModuleDecision(one, wrapped({ amount: 900 }))?.value.result.output).toEqual({ grade: 'A' });
    }
  });
});
