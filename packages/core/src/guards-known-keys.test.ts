import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../test/helpers.js';
import { expectKnownKeys } from './guards.js';

describe('expectKnownKeys: options with a key nobody reads are refused, not ignored', () => {
  it('returns the options when every key is read', () => {
    const o = { limit: 5 };
    expect(expectKnownKeys(o, ['limit', 'windowMs'], ['rateLimit'])).toBe(o);
    expect(expectKnownKeys({}, [], ['options'])).toEqual({});
  });

  it('refuses a misspelt key at its path, naming the key meant, or listing the known ones', () => {
    const near = refusal(() =>
      expectKnownKeys({ limit: 5, windowMS: 1 }, ['limit', 'windowMs'], ['options', 'rateLimit']),
    );
    expect([near.code, near.path]).toEqual(['unknown_key', ['options', 'rateLimit', 'windowMS']]);
    expect(near.message).toContain('did you mean `windowMs`?');
    expect(near.message).toContain('是否应为 `windowMs`');
    const far = refusal(() => expectKnownKeys({ zzz: 1 }, ['limit', 'windowMs'], ['options']));
    expect(far.message).toContain('(known: limit, windowMs)');
    // Names of Object.prototype members are keys like any other.
    expect(refusal(() => expectKnownKeys(JSON.parse('{"__proto__":1}'), ['limit'], [])).path).toEqual([
      '__proto__',
    ]);
    expect(refusal(() => expectKnownKeys({ constructor: 1 }, ['limit'], [])).path).toEqual(['constructor']);
  });

  it('refuses what is not an object at the path', () => {
    for (const bad of [null, undefined, 'x', 3, [1]]) {
      const e = refusal(() => expectKnownKeys(bad, ['limit'], ['options']));
      expect([e.code, e.path]).toEqual(['invalid_input', ['options']]);
    }
  });

  it('refuses a list of known keys that is not a list of strings (the seeded fuzz sample)', () => {
    for (const bad of [undefined, 'limit', [1], {}]) {
      const e = refusal(() => expectKnownKeys({}, bad as never, ['options']));
      expect([e.code, e.path]).toEqual(['invalid_input', ['known']]);
    }
  });
});
