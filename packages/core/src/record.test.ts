import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhiduError as refusal } from '../test/helpers.js';
import { parseInput } from './errors.js';
import { fastParser, NOT_PARSED } from './parse-fast.js';
import { partialRecordOf, recordOf } from './record.js';

const withProto = (): Record<string, unknown> => JSON.parse('{"a":1,"__proto__":2,"b":3}');

describe('recordOf: z.record that refuses a __proto__ key instead of dropping it', () => {
  it("zod's record drops an own __proto__ key without a word; recordOf refuses it at the key's path", () => {
    const input = withProto();
    expect(Object.keys(input)).toEqual(['a', '__proto__', 'b']);
    // What recordOf is for: zod keeps the other keys and loses this one silently.
    expect(z.record(z.string(), z.number()).parse(input)).toEqual({ a: 1, b: 3 });
    const e = refusal(() => parseInput(recordOf(z.string(), z.number()), input, ['policy', 'quotas']));
    expect([e.code, e.path]).toEqual(['invalid_input', ['policy', 'quotas', '__proto__']]);
    expect(e.message).toContain('`__proto__` 不能用作键');
    expect(e.message).toContain('`__proto__` cannot be used as a key');
  });

  it("reports the record's other problems beside it, and reads every other record as zod does", () => {
    const R = recordOf(z.string(), z.number());
    const bad = JSON.parse('{"a":"x","__proto__":2}');
    const e = refusal(() => parseInput(R, bad, ['q']));
    expect((e.details as { code: string; path: unknown }[]).map((d) => [d.code, d.path])).toEqual([
      ['invalid_input', ['q', '__proto__']],
      ['invalid_input', ['q', 'a']],
    ]);
    const plain = z.record(z.string(), z.number());
    for (const v of [{ a: 1 }, {}, { constructor: 2 }, [], null, 'x', { a: 'x' }, Object.create(null)]) {
      const ours = R.safeParse(v);
      const zods = plain.safeParse(v);
      expect(ours.success).toBe(zods.success);
      expect(ours.data).toEqual(zods.data);
      expect(ours.error?.issues).toEqual(zods.error?.issues);
    }
  });

  it('a non-enumerable own __proto__ is no key to zod and none to recordOf; a throwing Proxy is zod’s to refuse', () => {
    const hidden = Object.defineProperty({ a: 1 }, '__proto__', { value: 2, enumerable: false });
    expect(recordOf(z.string(), z.number()).parse(hidden)).toEqual({ a: 1 });
    const trap = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
      },
    );
    // The refusal's own look at the key swallows the trap: the outcome is zod's record's, whatever it is.
    const outcome = (s: z.ZodType) => {
      try {
        return s.safeParse(trap);
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(outcome(recordOf(z.string(), z.number()))).toEqual(outcome(z.record(z.string(), z.number())));
  });

  it('keeps the refusal in every schema made from it: wrappers, and the copies zod makes for checks and metadata', () => {
    const R = recordOf(z.string(), z.number());
    expect(R).toBeInstanceOf(z.ZodRecord);
    const made = [
      R.optional(),
      R.default({}),
      R.nullable(),
      R.readonly(),
      R.check(z.refine(() => true)),
      R.refine(() => true),
      R.superRefine(() => {}),
      R.describe('quotas'),
      R.meta({ title: 'quotas' }),
      R.describe('quotas').optional().describe('x'),
    ];
    for (const s of made) {
      expect(s.safeParse(withProto()).success).toBe(false);
      expect(s.safeParse({ a: 1 }).success).toBe(true);
    }
    const e = refusal(() => parseInput(z.strictObject({ q: R.default({}) }), { q: withProto() }));
    expect(e.path).toEqual(['q', '__proto__']);
  });

  it("partialRecordOf: zod's partial record drops the key before reading it; ours refuses it", () => {
    const keys = z.enum(['walkIn', 'phone']);
    const input = JSON.parse('{"phone":10,"__proto__":1}');
    expect(z.partialRecord(keys, z.number()).parse(input)).toEqual({ phone: 10 });
    const P = partialRecordOf(keys, z.number());
    expect(P.parse({ phone: 10 })).toEqual({ phone: 10 });
    const e = refusal(() => parseInput(P.default({}), input, ['byChannel']));
    expect([e.code, e.path]).toEqual(['invalid_input', ['byChannel', '__proto__']]);
    expect(refusal(() => parseInput(P, { fax: 1 })).path).toEqual(['fax']);
    expect(z.toJSONSchema(P, { io: 'input' })).toEqual(
      z.toJSONSchema(z.partialRecord(keys, z.number()), { io: 'input' }),
    );
  });

  it("refuses under zod's compiler too (z.compile, the code of import 'zod/compile'), alone and inside an object", () => {
    const R = recordOf(z.string(), z.number());
    // zod's own record, compiled, drops the key as its parser does.
    expect(z.compile(z.record(z.string(), z.number())).safeParse(withProto()).success).toBe(true);
    expect(z.compile(R).safeParse(withProto()).success).toBe(false);
    expect(z.compile(R).parse({ a: 1 })).toEqual({ a: 1 });
    const O = z.strictObject({ q: R, n: z.number() });
    expect(z.compile(O).safeParse({ q: withProto(), n: 1 }).success).toBe(false);
    expect(z.compile(O).parse({ q: { a: 1 }, n: 1 })).toEqual({ q: { a: 1 }, n: 1 });
    // The guard that keeps the compiler away is one check, however often zod copies the schema.
    expect(R.describe('a').meta({ title: 'b' }).optional().unwrap()._zod.def.checks).toHaveLength(1);
  });

  it('refuses arguments that are not zod schemas at key or value, not with a TypeError', () => {
    for (const f of [recordOf, partialRecordOf]) {
      expect(refusal(() => f(undefined as never, z.number())).path).toEqual(['key']);
      expect(refusal(() => f(z.string(), {} as never)).path).toEqual(['value']);
    }
  });

  it('an enumerated key schema (an exhaustive record) refuses it once, as the unknown key zod already calls it', () => {
    const R = recordOf(z.enum(['walkIn', 'phone']), z.boolean());
    const e = refusal(() => parseInput(R, JSON.parse('{"walkIn":true,"phone":false,"__proto__":true}')));
    expect([e.code, e.path, e.details]).toEqual(['unknown_key', ['__proto__'], undefined]);
  });

  it("has zod's record's JSON Schema and definition, and core's fast parser leaves a __proto__ key to it", () => {
    const ours = recordOf(z.string().min(1), z.union([z.string(), z.number(), z.boolean()]));
    const zods = z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()]));
    expect(z.toJSONSchema(ours, { io: 'input' })).toEqual(z.toJSONSchema(zods, { io: 'input' }));
    expect(ours._zod.def.type).toBe('record');
    const fast = fastParser(z.strictObject({ facts: ours }));
    expect(fast?.({ facts: { a: 1, b: 'x' } })).toEqual({ facts: { a: 1, b: 'x' } });
    expect(fast?.({ facts: withProto() })).toBe(NOT_PARSED);
    expect(() => parseInput(z.strictObject({ facts: ours }), { facts: withProto() })).toThrow(/__proto__/);
  });
});

describe('recordOf: symbol keys are not data, as in every strict object', () => {
  const tag = Symbol('crm.brand');
  const marked = (): Record<string | symbol, unknown> => ({ a: 1, [tag]: { proxy: true }, b: 2 });

  it("ignores an enumerable symbol key that zod's record refuses, as zod's strict object ignores one", () => {
    // zod: a strict object ignores the symbol, its record refuses it — the inconsistency recordOf ends.
    expect(z.strictObject({ a: z.number(), b: z.number() }).parse(marked())).toEqual({ a: 1, b: 2 });
    expect(z.record(z.string(), z.number()).safeParse(marked()).success).toBe(false);
    const out = recordOf(z.string(), z.number()).parse(marked());
    expect(out).toEqual({ a: 1, b: 2 });
    expect(Object.getOwnPropertySymbols(out)).toEqual([]);
    expect(partialRecordOf(z.enum(['a', 'b']), z.number()).parse(marked())).toEqual({ a: 1, b: 2 });
    expect(recordOf(z.enum(['a', 'b']), z.number()).parse(marked())).toEqual({ a: 1, b: 2 });
  });

  it("still refuses the record's own problems at their keys, and keeps the __proto__ refusal beside a symbol", () => {
    const R = recordOf(z.string(), z.number());
    const e = refusal(() => parseInput(R, { a: 'x', [tag]: 1 }, ['q']));
    expect([e.code, e.path]).toEqual(['invalid_input', ['q', 'a']]);
    const proto = Object.assign(JSON.parse('{"a":1,"__proto__":2}'), { [tag]: 1 });
    expect(refusal(() => parseInput(R, proto, ['q'])).path).toEqual(['q', '__proto__']);
    // A value that is no record is refused as before, symbol or not.
    expect(refusal(() => parseInput(R, Object.assign([1], { [tag]: 1 }), ['q'])).path).toEqual(['q']);
    class Row {
      a = 1;
    }
    expect(R.safeParse(Object.assign(new Row(), { [tag]: 1 })).success).toBe(
      z.record(z.string(), z.number()).safeParse(new Row()).success,
    );
  });

  it('reads each value once (a getter is called once), under wrappers, zod’s compiler and core’s fast parser', () => {
    let reads = 0;
    const withGetter = {
      get a() {
        reads++;
        return 1;
      },
      [tag]: 'x',
    };
    expect(recordOf(z.string(), z.number()).optional().parse(withGetter)).toEqual({ a: 1 });
    expect(reads).toBe(1);
    const O = z.strictObject({ q: recordOf(z.string(), z.number()), n: z.number() });
    expect(z.compile(O).parse({ q: marked(), n: 1 })).toEqual({ q: { a: 1, b: 2 }, n: 1 });
    expect(parseInput(O, { q: marked(), n: 1 })).toEqual({ q: { a: 1, b: 2 }, n: 1 });
    const fast = fastParser(O);
    const got = fast?.({ q: marked(), n: 1 });
    expect(got === NOT_PARSED ? parseInput(O, { q: marked(), n: 1 }) : got).toEqual({
      q: { a: 1, b: 2 },
      n: 1,
    });
  });

  it('keeps the non-enumerable keys a record keyed by a fixed list reads by name, symbol or not', () => {
    const R = recordOf(z.enum(['a', 'b']), z.number());
    const hiddenB = () => Object.defineProperty({ a: 1 }, 'b', { value: 2, enumerable: false });
    // zod reads each listed key by name, enumerable or not: the same with a symbol beside them.
    expect(z.record(z.enum(['a', 'b']), z.number()).parse(hiddenB())).toEqual({ a: 1, b: 2 });
    expect(R.parse(hiddenB())).toEqual({ a: 1, b: 2 });
    expect(R.parse(Object.assign(hiddenB(), { [tag]: 1 }))).toEqual({ a: 1, b: 2 });
    const hiddenGetter = Object.defineProperty({ a: 1, [tag]: 1 }, 'b', { get: () => 3, enumerable: false });
    expect(R.parse(hiddenGetter)).toEqual({ a: 1, b: 3 });
  });

  it('leaves a record whose symbol-key read throws (a Proxy) to zod, which reports it', () => {
    const hostile = new Proxy(
      { a: 1 },
      {
        ownKeys() {
          throw new Error('ownKeys refused');
        },
      },
    );
    expect(() => recordOf(z.string(), z.number()).parse(hostile)).toThrow('ownKeys refused');
  });
});

describe('every record schema of the packages is a recordOf', () => {
  it('no package source (tests apart) calls z.record, z.partialRecord or z.looseRecord itself', () => {
    const packages = fileURLToPath(new URL('../../', import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, d.name);
        if (d.isDirectory()) walk(p);
        else if (/\.ts$/.test(d.name) && !/\.test\.ts$/.test(d.name)) {
          const code = readFileSync(p, 'utf8')
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\/\/.*$/gm, '');
          if (
            /\bz\s*\.\s*(record|partialRecord|looseRecord)\s*\(/.test(code) &&
            !p.endsWith(join('core', 'src', 'record.ts'))
          )
            offenders.push(p);
        }
      }
    };
    const dirs = readdirSync(packages, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(dirs.length).toBeGreaterThan(5);
    for (const d of dirs) {
      try {
        walk(join(packages, d.name, 'src'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    expect(offenders).toEqual([]);
  });
});
