import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import { firstRepeat, refuseRepeats } from './guards.js';

describe('firstRepeat / refuseRepeats: a list that names each thing once', () => {
  it('finds the second element with a key, by the key the caller gives', () => {
    expect(firstRepeat([], (x: string) => x)).toBe(-1);
    expect(firstRepeat(['a', 'b', 'c'], (x) => x)).toBe(-1);
    expect(firstRepeat(['a', 'b', 'a', 'b'], (x) => x)).toBe(2);
    // One person in two roles is two keys; the same person and role twice is a repeat.
    const staff = [
      { personId: 'li', role: 'salesRep' },
      { personId: 'li', role: 'regionalManager' },
      { personId: 'li', role: 'salesRep' },
    ];
    expect(firstRepeat(staff.slice(0, 2), (s) => `${s.personId}\u0000${s.role}`)).toBe(-1);
    expect(firstRepeat(staff, (s) => `${s.personId}\u0000${s.role}`)).toBe(2);
    // `__proto__` and `constructor` are keys like any other.
    expect(firstRepeat(['__proto__', 'constructor', '__proto__'], (x) => x)).toBe(2);
  });

  it('refuses the repeat with duplicate at the path and message the caller builds', () => {
    const customers = [{ id: 'c1' }, { id: 'c2' }, { id: 'c1' }];
    const e = zhiduError(() =>
      refuseRepeats(
        customers,
        (c) => c.id,
        (i) => ['input', 'customers', i, 'id'],
        (id) => `客户 ${id} 重复列出 / customer ${id} is listed twice`,
      ),
    );
    expect([e.code, e.path]).toEqual(['duplicate', ['input', 'customers', 2, 'id']]);
    expect(e.message).toContain('客户 c1 重复列出 / customer c1 is listed twice');
    expect(() =>
      refuseRepeats(
        customers.slice(0, 2),
        (c) => c.id,
        (i) => ['customers', i],
        () => 'x',
      ),
    ).not.toThrow();
  });

  it('refuses arguments of the wrong kind with invalid_input at the argument (the fuzzer threw them at it)', () => {
    expect(zhiduError(() => firstRepeat(null as never, (x: string) => x)).path).toEqual(['list']);
    expect(zhiduError(() => firstRepeat([], 'id' as never)).path).toEqual(['keyOf']);
    expect(
      zhiduError(() =>
        refuseRepeats(
          [],
          (x: string) => x,
          null as never,
          () => '',
        ),
      ).path,
    ).toEqual(['at']);
    expect(
      zhiduError(() =>
        refuseRepeats(
          [],
          (x: string) => x,
          (i) => [i],
          5 as never,
        ),
      ).path,
    ).toEqual(['message']);
  });
});
