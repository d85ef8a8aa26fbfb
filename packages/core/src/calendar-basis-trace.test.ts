import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import { defineCalendar, weekdayCalendar } from './calendar.js';
import { Trace } from './decision.js';
import { calendarBasisTrace } from './duration.js';

/** Built-in style data: undated sources for 2025–2026, the weekly pattern beyond. */
const builtIn = defineCalendar(
  { coverage: { from: '2025-01-01', to: '2026-12-31', outside: 'workweek' } },
  { years: [{ year: 2026, kind: 'data', source: '2026 built-in' }] },
);
/** A year loaded from a dated notice file. */
const dated = defineCalendar(
  { coverage: { from: '2025-01-01', to: '2026-12-31' } },
  { years: [{ year: 2026, kind: 'data', source: '2026 notice file', published: '2025-11-04' }] },
);
const provisional = defineCalendar(
  { coverage: { from: '2025-01-01', to: '2027-12-31' } },
  {
    years: [
      { year: 2026, kind: 'data', source: '2026 built-in' },
      { year: 2027, kind: 'provisional', source: 'statutory holidays' },
    ],
  },
);

describe('calendarBasisTrace (the provenance explainDeadline traces, reusable by sla and service)', () => {
  it('always (default) traces every year of the span, naming the source', () => {
    const trace = new Trace();
    const list = calendarBasisTrace(trace, builtIn, '2025-12-30', '2026-01-05');
    expect(list).toEqual([
      { year: 2025, kind: 'data' },
      { year: 2026, kind: 'data', source: '2026 built-in' },
    ]);
    expect(trace.entries.map((e) => [e.rule, e.data?.year])).toEqual([
      ['zhidu.calendar.data', 2025],
      ['zhidu.calendar.data', 2026],
    ]);
  });

  it("'notable' adds nothing for an ordinary span inside undated built-in data, but still returns the basis", () => {
    const trace = new Trace();
    const list = calendarBasisTrace(trace, builtIn, '2026-03-02', '2026-03-05', { when: 'notable' });
    expect(list).toEqual([{ year: 2026, kind: 'data', source: '2026 built-in' }]);
    expect(trace.entries).toEqual([]);
  });

  it("'notable' traces a year beyond the data and names it (workweek and provisional)", () => {
    const t1 = new Trace();
    calendarBasisTrace(t1, builtIn, '2026-12-30', '2027-01-05', { when: 'notable' });
    expect(t1.entries.map((e) => e.rule)).toEqual(['zhidu.calendar.data', 'zhidu.calendar.workweek']);
    expect(t1.entries[1]?.message.zh).toContain('2027年');
    const t2 = new Trace();
    calendarBasisTrace(t2, provisional, '2026-12-30', '2027-01-05', { when: 'notable' });
    expect(t2.entries.map((e) => e.rule)).toEqual(['zhidu.calendar.data', 'zhidu.calendar.provisional']);
    expect(t2.entries[1]?.clause).toBe('statutory holidays');
    expect(t2.entries[1]?.data).toEqual({ year: 2027, kind: 'provisional', source: 'statutory holidays' });
    expect(t2.entries[1]?.message.en).toContain('No holiday notice for 2027 is loaded');
  });

  it("'notable' names a dated notice file, with its publication date", () => {
    const trace = new Trace();
    calendarBasisTrace(trace, dated, '2026-06-01', '2026-06-03', { when: 'notable' });
    expect(trace.entries).toHaveLength(1);
    expect(trace.entries[0]?.message.en).toBe(
      'Working days in 2026 follow 2026 notice file (published 2025-11-04)',
    );
  });

  it('with a shared `seen` set each basis is traced once across many computations', () => {
    const trace = new Trace();
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++)
      calendarBasisTrace(trace, provisional, '2026-12-30', '2027-01-05', { when: 'notable', seen });
    calendarBasisTrace(trace, provisional, '2027-03-01', '2027-03-04', { when: 'notable', seen });
    expect(trace.entries.map((e) => e.data?.year)).toEqual([2026, 2027]);
  });

  it('adds nothing for a calendar without basis()', () => {
    const bare = { ...weekdayCalendar(), basis: undefined };
    const trace = new Trace();
    expect(calendarBasisTrace(trace, bare, '2026-12-30', '2027-01-05')).toEqual([]);
    expect(trace.entries).toEqual([]);
  });

  it('refuses a malformed date with invalid_date naming the argument', () => {
    const e = zhiduError(() => calendarBasisTrace(new Trace(), builtIn, '2026-13-01', '2027-01-05'));
    expect(e.code).toBe('invalid_date');
    expect(e.path).toEqual(['from']);
  });
});
