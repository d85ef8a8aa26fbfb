import { describe, expect, it } from 'vitest';
import { refusalsAt, ZhiduError } from './errors.js';

function outcome(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    return e instanceof ZhiduError ? { code: e.code, path: e.path, message: e.message } : { raw: String(e) };
  }
}

describe('refusalsAt: a refusal of one argument at the caller’s path', () => {
  const tooLong = () => {
    throw new ZhiduError('invalid_input', ['range', 'to'], '区间过长 / the range is too long');
  };

  it('moves a refusal whose path begins with the key under at, message suffix rewritten', () => {
    expect(outcome(() => refusalsAt('range', ['input'], tooLong))).toEqual({
      code: 'invalid_input',
      path: ['input', 'range', 'to'],
      message: '区间过长 / the range is too long (at input.range.to)',
    });
  });

  it('returns what run returns, and leaves other refusals and other errors as they are', () => {
    expect(refusalsAt('range', ['input'], () => 42)).toBe(42);
    expect(outcome(() => refusalsAt('events', ['input'], tooLong))).toEqual({
      code: 'invalid_input',
      path: ['range', 'to'],
      message: '区间过长 / the range is too long (at range.to)',
    });
    expect(outcome(() => refusalsAt('range', ['input'], () => JSON.parse('{')))).toMatchObject({
      raw: expect.stringMatching(/^SyntaxError/),
    });
  });

  it('refuses a bad key, path or run with invalid_input naming the argument', () => {
    const bad = (f: () => unknown) => outcome(f) as { code: string; path: unknown[]; message: string };
    expect(bad(() => refusalsAt({} as never, ['input'], () => 1))).toMatchObject({
      code: 'invalid_input',
      path: ['key'],
    });
    expect(bad(() => refusalsAt('range', 'input' as never, () => 1))).toMatchObject({
      code: 'invalid_input',
      path: ['at'],
    });
    expect(bad(() => refusalsAt('range', [null] as never, () => 1))).toMatchObject({ path: ['at'] });
    // The same reading of a path as ZhiduError's own: finite indexes only.
    expect(bad(() => refusalsAt('range', [Number.NaN], () => 1))).toMatchObject({ path: ['at'] });
    const noRun = bad(() => refusalsAt('range', ['input'], 7 as never));
    expect([noRun.code, noRun.path, noRun.message]).toEqual([
      'invalid_input',
      ['run'],
      '须为函数 / expected a function, got 7 (at run)',
    ]);
  });
});
