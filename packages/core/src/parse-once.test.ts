// Parts of a policy that rule code reads on every call — a recurrence (occurrences), a checklist
// (runChecklist), a workflow (parseWorkflow) — are parsed once when they are frozen through (a
// validated policy's), and on every call when they could still change (issue 21).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import { ChecklistSchema, runChecklist } from './checklist.js';
import { deepFreeze } from './plain.js';
import { occurrences, RecurrenceSchema } from './recurrence.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const window = { from: '2025-01-01', to: '2025-06-30', zone: 'Asia/Shanghai' };
const quarterly = () => ({ every: 'quarter' as const, due: { kind: 'dayOfNextPeriod' as const, day: 15 } });
const intake = () => ({
  id: 'intake',
  rule: 'S001B-SERVICE-04',
  clause: '001b L12',
  title: { zh: '报修登记', en: 'Repair intake' },
  items: [{ field: 'address' }, { field: 'phone' }],
});

describe('a recurrence frozen through is parsed once (occurrences)', () => {
  it('parses a frozen recurrence on its first use only, with the same periods every time', () => {
    const r = deepFreeze(quarterly());
    const spy = vi.spyOn(RecurrenceSchema, 'safeParse');
    const runs = [1, 2, 3].map(() => occurrences(r, window).map((o) => `${o.period} ${o.dueDate}`));
    expect(runs).toEqual([
      ['2025-Q1 2025-04-15', '2025-Q2 2025-07-15'],
      ['2025-Q1 2025-04-15', '2025-Q2 2025-07-15'],
      ['2025-Q1 2025-04-15', '2025-Q2 2025-07-15'],
    ]);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('parses a recurrence that can still change on every call, and reads the change', () => {
    const r = quarterly();
    const spy = vi.spyOn(RecurrenceSchema, 'safeParse');
    expect(occurrences(r, window)[0]?.dueDate).toBe('2025-04-15');
    r.due.day = 20;
    expect(occurrences(r, window)[0]?.dueDate).toBe('2025-04-20');
    expect(spy).toHaveBeenCalledTimes(2);
    // Frozen on the outside only: its due rule could still change, so it is parsed again too.
    const shallow = Object.freeze(quarterly());
    occurrences(shallow, window);
    occurrences(shallow, window);
    expect(spy).toHaveBeenCalledTimes(4);
  });

  it('refuses a malformed frozen recurrence every time, at its path', () => {
    const bad = deepFreeze({ every: 'fortnight' });
    for (let k = 0; k < 2; k++) {
      const e = zhiduError(() => occurrences(bad as never, window));
      expect([e.code, e.path[0]]).toEqual(['invalid_input', 'recurrence']);
    }
  });
});

describe('deepFreeze', () => {
  it('freezes plain data through, calls no accessor, and leaves a typed array as it is', () => {
    let reads = 0;
    const data = { a: [{ b: 1 }], bytes: new Uint8Array(2) };
    Object.defineProperty(data, 'lazy', { enumerable: true, get: () => ++reads });
    expect(deepFreeze(data)).toBe(data);
    expect([Object.isFrozen(data), Object.isFrozen(data.a), Object.isFrozen(data.a[0])]).toEqual([
      true,
      true,
      true,
    ]);
    expect(reads).toBe(0);
    expect(Object.isFrozen(data.bytes)).toBe(false);
    expect(deepFreeze(Buffer.from('ab'))).toBeInstanceOf(Buffer);
  });
});

describe('a checklist frozen through is parsed once (runChecklist)', () => {
  it('parses a frozen checklist on its first use only', () => {
    const list = deepFreeze(intake());
    const spy = vi.spyOn(ChecklistSchema, 'safeParse');
    expect(runChecklist(list, { address: 'A-1' }).value.missing).toEqual(['phone']);
    expect(runChecklist(list, { phone: '1' }).value.missing).toEqual(['address']);
    expect(runChecklist(list, { address: 'A-1', phone: '1' }).value.complete).toBe(true);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('reads a checklist that can still change afresh on every call', () => {
    const list = intake();
    expect(runChecklist(list, { address: 'A-1' }).value.missing).toEqual(['phone']);
    list.items.push({ field: 'name' });
    expect(runChecklist(list, { address: 'A-1' }).value.missing).toEqual(['phone', 'name']);
  });
});
