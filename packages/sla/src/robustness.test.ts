// Regressions found by `pnpm fuzz` (issue 12): sla's public helpers refuse bad arguments with a
// ZhiduError naming the argument, never a raw ZodError or a TypeError.
import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { periodDue, RecurringObligationSchema } from './index.js';

const statsBy10th = RecurringObligationSchema.parse({
  id: 'stats',
  rule: 'S000-COMPLAINT-18',
  clause: 'L1',
  title: { zh: '统计', en: 'statistics' },
  due: { kind: 'dayOfMonth', day: 10 },
  done: [{ type: 'complaintStatsSubmitted' }],
});

function refusal(f: () => unknown): { code: string; path: (string | number)[] } {
  try {
    f();
  } catch (e) {
    if (e instanceof ZhiduError) return { code: e.code, path: e.path };
    throw new Error(`expected a ZhiduError, got ${e instanceof Error ? e.constructor.name : typeof e}`);
  }
  throw new Error('expected a refusal');
}

describe('periodDue refuses bad arguments (fuzz regressions)', () => {
  it('periodDue(false, date) → invalid_input at obligation, not a raw ZodError', () => {
    expect(refusal(() => periodDue(false as never, '2024-04', 'Asia/Shanghai'))).toEqual({
      code: 'invalid_input',
      path: ['obligation'],
    });
  });

  it('periodDue(obligation, "2024-04-01") → invalid_input at period; a bad zone → invalid_zone', () => {
    expect(refusal(() => periodDue(statsBy10th, '2024-04-01', 'Asia/Shanghai')).path).toEqual(['period']);
    expect(refusal(() => periodDue(statsBy10th, '2024-13', 'Asia/Shanghai')).path[0]).toBe('period');
    expect(refusal(() => periodDue(statsBy10th, '2024-04', 'Mars/Olympus'))).toEqual({
      code: 'invalid_zone',
      path: ['zone'],
    });
  });

  it('a valid obligation still gets its due instant', () => {
    expect(periodDue(statsBy10th, '2024-04', 'Asia/Shanghai')).toEqual({
      at: '2024-04-10T15:59:59.999Z',
      inclusive: true,
    });
  });
});
