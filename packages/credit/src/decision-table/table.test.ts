import { type ValueTest as Condition, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineDecisionTable, runDecisionTable } from './table.js';

const bands = {
  id: 'acme.scoreBand',
  hitPolicy: 'first' as const,
  inputs: [{ name: 'score', type: 'number' as const }],
  outputs: [{ name: 'grade', type: 'string' as const }],
  rules: [
    { id: 'A', when: { score: { gte: 80 } }, result: { grade: 'A' } },
    { id: 'B', when: { score: { gte: 60, lt: 80 } }, result: { grade: 'B' } },
  ],
  defaultOutput: { grade: 'C' },
};

// Core's value tests over a small integer grid: sets, co-sets, inclusive / exclusive bounds (one- or
// two-sided) and mixes of them, so that overlap and coverage meet every boundary case.
const member = fc.integer({ min: 0, max: 5 });
const boundsArb = fc
  .tuple(
    member,
    fc.integer({ min: 1, max: 3 }),
    fc.boolean(),
    fc.boolean(),
    fc.constantFrom('both', 'lo', 'hi'),
  )
  .map(([lo, w, loIn, hiIn, sides]): Condition => {
    const c: Condition = {};
    if (sides !== 'hi') c[loIn ? 'gte' : 'gt'] = lo;
    if (sides !== 'lo') c[hiIn ? 'lte' : 'lt'] = lo + w;
    return c;
  });
const condArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.constant<Condition>({}),
  member.map((v): Condition => ({ equals: v })),
  fc.uniqueArray(member, { minLength: 1, maxLength: 3 }).map((values): Condition => ({ in: values })),
  fc.uniqueArray(member, { minLength: 1, maxLength: 2 }).map((values): Condition => ({ notIn: values })),
  boundsArb,
  fc
    .tuple(boundsArb, fc.uniqueArray(member, { minLength: 1, maxLength: 2 }))
    .map(([b, values]): Condition => ({ ...b, notIn: values })),
  fc
    .tuple(boundsArb, fc.uniqueArray(member, { minLength: 1, maxLength: 3 }))
    .map(([b, values]): Condition => ({ ...b, in: values })),
);
/** An independent reading of a value test on a number. */
const oracle = (c: Condition, v: number): boolean =>
  (c.equals === undefined || c.equals === v) &&
  (c.in === undefined || c.in.includes(v)) &&
  (c.notIn === undefined || !c.notIn.includes(v)) &&
  (c.gte === undefined || v >= c.gte) &&
  (c.gt === undefined || v > c.gt) &&
  (c.lte === undefined || v <= c.lte) &&
  (c.lt === undefined || v < c.lt);
/** Every boundary is an integer in [0, 8], so half-steps over [-1, 9] meet every region. */
const GRID = Array.from({ length: 41 }, (_, i) => -1 + i / 4);

describe('decision tables', () => {
  it('returns the matching band of a first-hit table, and the default output when none matches', () => {
    const t = defineDecisionTable(bands);
    expect(runDecisionTable(t, { score: 80 }).value.output).toEqual({ grade: 'A' });
    expect(runDecisionTable(t, { score: 79.5 }).value.output).toEqual({ grade: 'B' });
    const none = runDecisionTable(t, { score: 12 });
    expect(none.value).toEqual({ matches: [], output: { grade: 'C' }, aggregate: null });
    expect(none.trace[0]?.rule).toBe('acme.scoreBand');
  });

  it('refuses overlapping rows under first-hit, naming both rows', () => {
    const overlapping = {
      ...bands,
      rules: [...bands.rules, { id: 'B2', when: { score: { gte: 70, lt: 90 } }, result: { grade: 'B' } }],
    };
    expect(() => defineDecisionTable(overlapping)).toThrow(ZhiduError);
    expect(() => defineDecisionTable(overlapping)).toThrow(
      expect.objectContaining({ code: 'table_overlap', path: ['rules', 2] }),
    );
    expect(() => defineDecisionTable({ ...overlapping, hitPolicy: 'unique' })).toThrow(
      expect.objectContaining({ code: 'table_overlap' }),
    );
  });

  it('accepts an ordered first-hit table with allowOverlap but refuses a row an earlier row makes unreachable', () => {
    const ordered = {
      ...bands,
      allowOverlap: true,
      rules: [{ id: 'top', when: { score: { gte: 90 } }, result: { grade: 'A+' } }, ...bands.rules],
    };
    expect(runDecisionTable(defineDecisionTable(ordered), { score: 95 }).value.output).toEqual({
      grade: 'A+',
    });
    const shadowed = {
      ...ordered,
      rules: [...ordered.rules, { id: 'dead', when: { score: { gte: 85, lt: 88 } }, result: { grade: 'X' } }],
    };
    expect(() => defineDecisionTable(shadowed)).toThrow(
      expect.objectContaining({ code: 'table_unreachable_row', path: ['rules', 3] }),
    );
  });

  it('collects every matching row and sums a scorecard', () => {
    const scorecard = defineDecisionTable({
      id: 'acme.scorecard',
      hitPolicy: 'collect',
      aggregate: { op: 'sum', output: 'points' },
      inputs: [
        { name: 'hospitalLevel', type: 'string' },
        { name: 'annualBusinessWan', type: 'number' },
        { name: 'defaults', type: 'number' },
        { name: 'longTermIntent', type: 'boolean' },
      ],
      outputs: [{ name: 'points', type: 'number' }],
      rules: [
        {
          id: 'tertiary',
          when: { hospitalLevel: { in: ['3S', '3A', '3B'] } },
          result: { points: 40 },
        },
        { id: 'volume', when: { annualBusinessWan: { gte: 100 } }, result: { points: 30 } },
        { id: 'clean', when: { defaults: { equals: 0 } }, result: { points: 20 } },
        { id: 'intent', when: { longTermIntent: { equals: true } }, result: { points: 10 } },
        { id: 'notOther', when: { hospitalLevel: { notIn: ['none'] } }, result: { points: 0 } },
      ],
    });
    const d = runDecisionTable(scorecard, {
      hospitalLevel: '3A',
      annualBusinessWan: 50,
      defaults: 0,
      longTermIntent: true,
    });
    expect(d.value.aggregate).toBe(70);
    expect(d.value.matches.map((m) => m.rowId)).toEqual(['tertiary', 'clean', 'intent', 'notOther']);
    expect(d.trace).toHaveLength(4);
  });

  it('refuses bad tables and bad inputs', () => {
    expect(() =>
      defineDecisionTable({
        ...bands,
        rules: [{ id: 'x', when: { age: {} }, result: { grade: 'A' } }],
      }),
    ).toThrow(expect.objectContaining({ code: 'unknown_reference' }));
    expect(() =>
      defineDecisionTable({
        ...bands,
        rules: [{ id: 'x', when: { score: { gte: 5, lt: 5 } }, result: { grade: 'A' } }],
      }),
    ).toThrow(/contains no value/);
    expect(() =>
      defineDecisionTable({ ...bands, rules: [{ id: 'x', when: {}, result: { grade: 1 } }] }),
    ).toThrow(/must be a string/);
    expect(() => defineDecisionTable({ ...bands, hitPolicy: 'maybe' } as never)).toThrow(ZhiduError);
    const t = defineDecisionTable(bands);
    expect(() => runDecisionTable(t, {})).toThrow(expect.objectContaining({ path: ['score'] }));
    expect(() => runDecisionTable(t, { score: '80' })).toThrow(ZhiduError);
  });

  it('reads a column named after an Object.prototype method by its own key only', () => {
    // A row that leaves `hasOwnProperty` untested, and a missing `toString` fact: neither is read
    // through the prototype (an inherited function was taken for a condition and for a value).
    const t = defineDecisionTable({
      id: 'example.odd-names',
      hitPolicy: 'first',
      allowOverlap: true,
      inputs: [
        { name: 'a', type: 'number' },
        { name: 'hasOwnProperty', type: 'boolean' },
        { name: 'toString', type: 'string' },
      ],
      outputs: [{ name: 'grade', type: 'string' }],
      rules: [
        { id: 'B', when: { a: { gte: 5 }, hasOwnProperty: { equals: true } }, result: { grade: 'B' } },
        { id: 'A', when: { a: { gte: 1 } }, result: { grade: 'A' } },
      ],
      defaultOutput: { grade: 'C' },
    });
    expect(runDecisionTable(t, { a: 6, hasOwnProperty: true, toString: 'x' }).value.output).toEqual({
      grade: 'B',
    });
    expect(runDecisionTable(t, { a: 6, hasOwnProperty: false, toString: 'x' }).value.output).toEqual({
      grade: 'A',
    });
    expect(() => runDecisionTable(t, { a: 6, hasOwnProperty: true })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        path: ['toString'],
        message: expect.stringContaining('is missing'),
      }),
    );
  });

  it('a first-hit table returns the first matching row, whatever the rows (property)', () => {
    const cond = condArb;
    const matches = oracle;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cond, cond), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.integer({ min: -1, max: 7 }), fc.integer({ min: -1, max: 7 })), {
          minLength: 1,
          maxLength: 20,
        }),
        (rows, probes) => {
          let table: ReturnType<typeof defineDecisionTable>;
          try {
            table = defineDecisionTable({
              id: 't',
              hitPolicy: 'first',
              allowOverlap: true,
              inputs: [
                { name: 'x', type: 'number' },
                { name: 'y', type: 'number' },
              ],
              outputs: [{ name: 'row', type: 'number' }],
              rules: rows.map(([x, y], i) => ({ id: `r${i}`, when: { x, y }, result: { row: i } })),
            });
          } catch (e) {
            // A test that accepts no value may be refused, and it must really accept none.
            if ((e as ZhiduError).code === 'invalid_input') {
              const [, r, , col] = (e as ZhiduError).path as [string, number, string, 'x' | 'y'];
              const c = rows[r]?.[col === 'x' ? 0 : 1] ?? {};
              expect(GRID.some((v) => matches(c, v))).toBe(false);
              return;
            }
            // Otherwise only an unreachable row may be refused, and it must really be unreachable.
            expect((e as ZhiduError).code).toBe('table_unreachable_row');
            const j = (e as ZhiduError).path[1] as number;
            const [jx, jy] = rows[j] ?? [];
            for (const x of GRID) {
              for (const y of GRID) {
                if (jx && jy && matches(jx, x) && matches(jy, y)) {
                  expect(rows.slice(0, j).some(([a, b]) => matches(a, x) && matches(b, y))).toBe(true);
                }
              }
            }
            return;
          }
          for (const [x, y] of probes) {
            const expected = rows.findIndex(([cx, cy]) => matches(cx, x) && matches(cy, y));
            const got = runDecisionTable(table, { x, y }).value;
            expect(got.output === null ? -1 : got.output.row).toBe(expected);
          }
        },
      ),
      { numRuns: 300, seed: 20260411 },
    );
  });
});

// The rows speak core's condition language (issue 11): boundaries are explicit, and the static
// analysis reasons over inclusive / exclusive bounds, sets and co-sets.
describe('decision tables over core value tests', () => {
  const one = (rules: { id: string; when: Record<string, Condition> }[], extra: object = {}) =>
    defineDecisionTable({
      ...bands,
      ...extra,
      rules: rules.map((r) => ({ ...r, result: { grade: r.id } })),
    });

  it('an exclusive bound owns no boundary: gte 60 / lt 80 and gte 80 do not overlap, lte 80 and gte 80 do', () => {
    const t = one([
      { id: 'B', when: { score: { gte: 60, lt: 80 } } },
      { id: 'A', when: { score: { gte: 80 } } },
    ]);
    expect(runDecisionTable(t, { score: 80 }).value.output).toEqual({ grade: 'A' });
    expect(runDecisionTable(t, { score: 60 }).value.output).toEqual({ grade: 'B' });
    expect(() =>
      one([
        { id: 'B', when: { score: { gte: 60, lte: 80 } } },
        { id: 'A', when: { score: { gte: 80 } } },
      ]),
    ).toThrow(expect.objectContaining({ code: 'table_overlap', path: ['rules', 1] }));
    expect(
      runDecisionTable(
        one([
          { id: 'low', when: { score: { lte: 80 } } },
          { id: 'high', when: { score: { gt: 80 } } },
        ]),
        { score: 80.5 },
      ).value.output,
    ).toEqual({ grade: 'high' });
  });

  it('a single shared point that one row excludes (notIn) is no overlap', () => {
    const t = one([
      { id: 'low', when: { score: { lte: 80, notIn: [80] } } },
      { id: 'high', when: { score: { gte: 80 } } },
    ]);
    expect(runDecisionTable(t, { score: 80 }).value.output).toEqual({ grade: 'high' });
    expect(runDecisionTable(t, { score: 79 }).value.output).toEqual({ grade: 'low' });
  });

  it('finds rows made unreachable by sets, points and excluded ends', () => {
    expect(() =>
      one(
        [
          { id: 'set', when: { score: { in: [5, 6] } } },
          { id: 'point', when: { score: { gte: 5, lte: 5 } } },
        ],
        { allowOverlap: true },
      ),
    ).toThrow(expect.objectContaining({ code: 'table_unreachable_row', path: ['rules', 1] }));
    expect(() =>
      one(
        [
          { id: 'open', when: { score: { gt: 0, lte: 10 } } },
          { id: 'closedButNotZero', when: { score: { gte: 0, lte: 10, notIn: [0] } } },
        ],
        { allowOverlap: true },
      ),
    ).toThrow(expect.objectContaining({ code: 'table_unreachable_row', path: ['rules', 1] }));
    // gte 0 is not covered by gt 0: the row still answers 0.
    const t = one(
      [
        { id: 'open', when: { score: { gt: 0, lte: 10 } } },
        { id: 'closed', when: { score: { gte: 0, lte: 10 } } },
      ],
      { allowOverlap: true },
    );
    expect(runDecisionTable(t, { score: 0 }).value.output).toEqual({ grade: 'closed' });
  });

  it('refuses a test that accepts no value, naming the row and column', () => {
    for (const empty of [
      { gt: 5, lt: 5 },
      { gte: 5, lt: 5 },
      { gte: 9, lte: 3 },
      { equals: 3, gt: 4 },
      { in: [1, 2], notIn: [1, 2] },
    ]) {
      expect(() => one([{ id: 'x', when: { score: empty } }])).toThrow(
        expect.objectContaining({ code: 'invalid_input', path: ['rules', 0, 'when', 'score'] }),
      );
    }
    expect(() => one([{ id: 'x', when: { score: { gt: 5, lt: 5 } } }])).toThrow(/contains no value/);
  });

  it('refuses tests that do not fit the column type, at the offending key', () => {
    const flags = (when: Record<string, Condition>) =>
      defineDecisionTable({
        id: 'flags',
        hitPolicy: 'first',
        inputs: [
          { name: 'vip', type: 'boolean' },
          { name: 'level', type: 'string' },
        ],
        outputs: [{ name: 'ok', type: 'boolean' }],
        rules: [{ id: 'r', when, result: { ok: true } }],
      });
    expect(() => flags({ level: { gte: 3 } })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['rules', 0, 'when', 'level', 'gte'] }),
    );
    expect(() => flags({ vip: { in: [true] } })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['rules', 0, 'when', 'vip', 'in'] }),
    );
    expect(() => flags({ level: { in: ['3A', 3] } })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['rules', 0, 'when', 'level', 'in', 1] }),
    );
    expect(() => flags({ level: { equals: ['3A'] } })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['rules', 0, 'when', 'level', 'equals'] }),
    );
    expect(() => flags({ level: { equals: null } })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['rules', 0, 'when', 'level', 'equals'] }),
    );
    for (const key of ['exists', 'includes', 'excludes'] as const) {
      const test: Condition = key === 'exists' ? { exists: true } : { [key]: '3A' };
      expect(() => flags({ level: test })).toThrow(
        expect.objectContaining({ code: 'invalid_input', path: ['rules', 0, 'when', 'level', key] }),
      );
    }
    const t = flags({ vip: { equals: true }, level: { notIn: ['none'] } });
    expect(runDecisionTable(t, { vip: true, level: '3A' }).value.output).toEqual({ ok: true });
    expect(runDecisionTable(t, { vip: true, level: 'none' }).value.output).toBeNull();
  });

  it('refuses the old { op: … } cell shape with a ZhiduError at the cell', () => {
    let caught: unknown;
    try {
      defineDecisionTable({
        ...bands,
        rules: [{ id: 'A', when: { score: { op: 'range', min: 80 } }, result: { grade: 'A' } }],
      } as never);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ZhiduError);
    expect((caught as ZhiduError).path.slice(0, 4)).toEqual(['rules', 0, 'when', 'score']);
  });

  it('a table refused for overlap really has an input two rows match, and an accepted one has none (property)', () => {
    fc.assert(
      fc.property(fc.array(condArb, { minLength: 2, maxLength: 4 }), (conds) => {
        const rules = conds.map((c, i) => ({ id: `r${i}`, when: { score: c }, result: { grade: `r${i}` } }));
        const hits = (v: number) => conds.filter((c) => oracle(c, v)).length;
        let code: string | undefined;
        try {
          defineDecisionTable({ ...bands, defaultOutput: undefined, rules });
        } catch (e) {
          code = (e as ZhiduError).code;
        }
        if (code === 'invalid_input') return; // a test accepting no value (checked above)
        if (code === undefined) expect(GRID.every((v) => hits(v) <= 1)).toBe(true);
        else {
          expect(code).toBe('table_overlap');
          expect(GRID.some((v) => hits(v) >= 2)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 20260412 },
    );
  });
});
