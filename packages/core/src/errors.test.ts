import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatPath, parseInput, ZhiduError, zodIssuesToError } from './errors.js';
import { LocalDateSchema } from './time.js';

describe('ZhiduError', () => {
  it('carries code, path and message, and prints the path', () => {
    const e = new ZhiduError('invalid_money', ['fines', 2, 'amount'], 'money must be a whole number of fen');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ZhiduError');
    expect(e.message).toBe('money must be a whole number of fen (at fines[2].amount)');
    expect(e.toJSON()).toEqual({ code: 'invalid_money', path: ['fines', 2, 'amount'], message: e.message });
    const scalar = new ZhiduError('invalid_zone', [], 'unknown time zone', { zone: 'x' });
    expect(scalar.message).toBe('unknown time zone');
    expect(scalar.toJSON().details).toEqual({ zone: 'x' });
  });

  it('formats JSON paths the way messages print them', () => {
    expect(formatPath(['events', 3, 'at'])).toBe('events[3].at');
    expect(formatPath([0, 'x'])).toBe('[0].x');
    expect(formatPath([])).toBe('(root)');
  });
});

describe('zod issues → ZhiduError bridge', () => {
  const Schema = z.object({
    name: z.string(),
    visits: z.array(z.object({ on: LocalDateSchema })),
  });

  it('takes code, path and message from the first issue, prefixed by the base path', () => {
    const r = Schema.safeParse({ name: 1, visits: [{ on: '2025-01-01' }] });
    expect(r.success).toBe(false);
    if (r.success) return;
    const e = zodIssuesToError(r.error.issues, ['input']);
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['input', 'name']);
    expect(e.details).toBeUndefined();
  });

  it('keeps a core refinement code (zhiduCode) and every issue in details', () => {
    const r = Schema.safeParse({ name: 1, visits: [{ on: '2025-01-01' }, { on: '2025-02-30' }] });
    if (r.success) throw new Error('should fail');
    const e = zodIssuesToError(r.error.issues);
    expect(e.details).toEqual([
      { code: 'invalid_input', path: ['name'], message: expect.any(String) },
      {
        code: 'invalid_date',
        path: ['visits', 1, 'on'],
        message: '日期须为 YYYY-MM-DD / expected a date as YYYY-MM-DD',
      },
    ]);
    const only = parseInputError(() =>
      parseInput(Schema, { name: 'a', visits: [{ on: '2025-02-30' }] }, ['policy']),
    );
    expect(only.code).toBe('invalid_date');
    expect(only.path).toEqual(['policy', 'visits', 0, 'on']);
  });

  it('returns a generic error for an empty issue list and parses good input through', () => {
    expect(zodIssuesToError([], ['x'])).toMatchObject({ code: 'invalid_input', path: ['x'] });
    expect(parseInput(Schema, { name: 'a', visits: [] })).toEqual({ name: 'a', visits: [] });
  });
});

function parseInputError(fn: () => unknown): ZhiduError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ZhiduError) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError');
}

describe('errorAt: the same refusal at another path', () => {
  it('keeps code and details, drops the old (at …) suffix, adds the new one and a prefix', async () => {
    const { errorAt } = await import('./errors.js');
    const e = new ZhiduError('invalid_date', ['events', 3, 'at'], '日期不存在 / no such date', {
      value: 'x',
    });
    const moved = errorAt(e, ['body', 'input', 'events', 3, 'at']);
    expect(moved.code).toBe('invalid_date');
    expect(moved.details).toEqual({ value: 'x' });
    expect(moved.message).toBe('日期不存在 / no such date (at body.input.events[3].at)');
    expect(errorAt(e, [], 'a.json: ').message).toBe('a.json: 日期不存在 / no such date');
    const rootless = new ZhiduError('invalid_input', [], 'bad (at nothing)');
    expect(errorAt(rootless, ['x']).message).toBe('bad (at nothing) (at x)');
  });

  it('refuses what is not a ZhiduError, or a prefix that is not a string, as a ZhiduError', async () => {
    const { errorAt } = await import('./errors.js');
    expect(() => errorAt(new Error('x') as never, ['a'])).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['error'] }),
    );
    expect(() => errorAt(null as never, ['a'])).toThrow(expect.objectContaining({ path: ['error'] }));
    const e = new ZhiduError('invalid_input', [], 'x');
    expect(() => errorAt(e, ['a'], 5 as never)).toThrow(expect.objectContaining({ path: ['prefix'] }));
    expect(errorAt(e, { not: 'a path' } as never).path).toEqual([]);
  });
});
