import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZhiduError } from './errors.js';
import { knownKeyCount, plainConstructor, recordShaped } from './plain.js';

describe('plainConstructor', () => {
  it('builds plain objects: prototype Object.prototype, constructor Object, keys in assignment order, JSON and structuredClone as the literal', () => {
    const Point = plainConstructor(function Point(this: { x: number; y?: number }, x: number, y?: number) {
      this.x = x;
      if (y !== undefined) this.y = y;
    });
    const p = new Point(1, 2);
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(p.constructor).toBe(Object);
    expect(Object.keys(p)).toEqual(['x', 'y']);
    expect(JSON.stringify(p)).toBe(JSON.stringify({ x: 1, y: 2 }));
    expect(p).toStrictEqual({ x: 1, y: 2 });
    expect(structuredClone(p)).toStrictEqual({ x: 1, y: 2 });
    expect(Object.keys(new Point(3))).toEqual(['x']);
  });

  it('refuses anything but a function with a writable prototype with a ZhiduError at ctor', () => {
    const bad: unknown[] = [
      undefined,
      null,
      1,
      'f',
      {},
      () => {},
      class A {},
      function f() {}.bind(null),
      { m() {} }.m,
    ];
    for (const b of bad) {
      let caught: unknown;
      try {
        plainConstructor(b as never);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ZhiduError);
      expect((caught as ZhiduError).code).toBe('invalid_input');
      expect((caught as ZhiduError).path).toEqual(['ctor']);
      expect((caught as ZhiduError).message).toMatch(/prototype/);
    }
  });
});

describe('knownKeyCount', () => {
  it('counts the keys for…in shows, or -1 for one not named', () => {
    expect(knownKeyCount({}, ['id'])).toBe(0);
    expect(knownKeyCount({ id: 'F1', kind: 'file' }, ['kind', 'id'])).toBe(2);
    expect(knownKeyCount({ id: 'F1', extra: 1 }, ['id', 'kind'])).toBe(-1);
    // A hidden known key is not counted, so it cannot make room for an unknown one.
    const hidden = Object.defineProperty({ extra: 1 }, 'kind', { value: 'file', enumerable: false });
    expect(knownKeyCount(hidden, ['id', 'kind'])).toBe(-1);
    const onlyHidden = Object.defineProperty({ id: 'F1' }, 'kind', { value: 'file', enumerable: false });
    expect(knownKeyCount(onlyHidden, ['id', 'kind'])).toBe(1);
    // Inherited enumerable keys are shown by for…in, so they count (or refuse) too.
    expect(knownKeyCount(Object.create({ id: 'F1' }), ['id'])).toBe(1);
    expect(knownKeyCount(Object.create({ other: 1 }), ['id'])).toBe(-1);
    expect(knownKeyCount({ [Symbol('s')]: 1 }, ['id'])).toBe(0);
  });

  it('refuses names that are not a list (pnpm fuzz seed 2612: a TypeError)', () => {
    for (const names of [undefined, null, 'id', { 0: 'id', length: 1 }]) {
      expect(() => knownKeyCount({ id: 'F1' }, names as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input', path: ['names'] }),
      );
    }
  });
});

describe('recordShaped', () => {
  const record = z.record(z.string(), z.unknown());
  const hide = (o: object, k: string, v: unknown) =>
    Object.defineProperty(o, k, { value: v, enumerable: false });
  class Row {
    row = 'T5-03';
  }
  const cases: [string, unknown, boolean][] = [
    ['a literal', { row: 'T5-03' }, true],
    ['an empty literal', {}, true],
    ['a null-prototype object', Object.assign(Object.create(null), { row: 'T5-03' }), true],
    ['JSON with an own constructor of Object', JSON.parse('{"row":"T5-03"}'), true],
    ['an own constructor Object', { constructor: Object }, true],
    ['an array', ['T5-03'], false],
    ['null', null, false],
    ['a string', 'T5-03', false],
    ['a class instance', new Row(), false],
    ['a Map', new Map([['row', 'T5-03']]), false],
    ['a Date', new Date(0), false],
    ['a hidden own constructor naming a class', hide({ row: 'T5-03' }, 'constructor', class X {}), false],
    ['an own constructor naming a function', { row: 'T5-03', constructor: () => 0 }, false],
    ['a prototype inheriting from a plain object', Object.create({ row: 'T5-03' }), false],
  ];
  it.each(cases)('%s: %s', (_, v, expected) => {
    expect(recordShaped(v)).toBe(expected);
  });
  it('every value it accepts, zod reads as a record with the same own keys; of the ones zod refuses, it accepts none', () => {
    for (const [name, v] of cases) {
      const parsed = record.safeParse(v);
      if (recordShaped(v)) {
        expect(parsed.success, name).toBe(true);
        expect(Object.keys(parsed.data ?? {}).sort(), name).toEqual(
          Object.keys(v as object)
            .filter((k) => k !== '__proto__')
            .sort(),
        );
      }
      if (!parsed.success) expect(recordShaped(v), name).toBe(false);
    }
  });
});
