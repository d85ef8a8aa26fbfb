import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../test/helpers.js';
import { ownValue, setOwn } from './own.js';

describe('ownValue / setOwn: records keyed by caller-chosen names, own keys only', () => {
  it('reads own keys only: names of Object.prototype members read undefined unless own', () => {
    const r: Record<string, number> = { a: 1 };
    for (const k of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'])
      expect(ownValue(r, k)).toBeUndefined();
    expect(ownValue(r, 'a')).toBe(1);
    expect(ownValue(undefined, 'a')).toBeUndefined();
    expect(ownValue(Object.create(null) as Record<string, number>, 'a')).toBeUndefined();
  });

  it('writes every key as an own, enumerable member — __proto__ too — and Object.prototype stays as it was', () => {
    const r: Record<string, number> = {};
    for (const [i, k] of ['constructor', 'toString', '__proto__', 'b'].entries()) setOwn(r, k, i);
    expect(Object.keys(r)).toEqual(['constructor', 'toString', '__proto__', 'b']);
    expect(JSON.stringify(r)).toBe('{"constructor":0,"toString":1,"__proto__":2,"b":3}');
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(ownValue(r, '__proto__')).toBe(2);
    expect(({} as Record<string, unknown>).b).toBeUndefined();
    setOwn(r, '__proto__', 5);
    expect(ownValue(r, '__proto__')).toBe(5);
  });

  it('refuses what is not a record or a key, and a record that cannot take the value, bilingual', () => {
    for (const bad of [null, 'text', 3, [1]]) {
      const e = refusal(() => ownValue(bad as never, 'a'));
      expect([e.code, e.path]).toEqual(['invalid_input', ['record']]);
      expect(refusal(() => setOwn(bad as never, 'a', 1)).path).toEqual(['record']);
    }
    for (const bad of [undefined, 1, Symbol('k'), {}]) {
      expect(refusal(() => ownValue({}, bad as never)).path).toEqual(['key']);
      expect(refusal(() => setOwn({}, bad as never, 1)).path).toEqual(['key']);
    }
    const frozen = Object.freeze({ a: 1 }) as Record<string, number>;
    const e = refusal(() => setOwn(frozen, 'b', 2));
    expect([e.code, e.path]).toEqual(['invalid_input', ['record']]);
    expect(e.message).toMatch(/无法写入键 "b".* \/ cannot write the key "b"/);
    expect(refusal(() => setOwn(frozen, '__proto__', 2)).path).toEqual(['record']);
    expect(frozen).toEqual({ a: 1 });
  });
});
