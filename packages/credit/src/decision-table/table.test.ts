import { ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TableCondition as Condition } from './schema.js';
import { defineDecisionTable, evaluateDecisionTable } from './table.js';

const bands = {
  id: 'acme.scoreBand',
  hitPolicy: 'first' as const,
  inputs: [{ name: 'score', type: 'number' as const }],
  outputs: [{ name: 'grade', type: 'string' as const }],
  rules: [
    { id: 'A', when: { score: { op: 'range' as const, min: 80 } }, result: { grade: 'A' } },
    { id: 'B', when: { score: { op: 'range' as const, min: 60, max: 80 } }, result: { grade: 'B' } },
  ],
  defaultOutput: { grade: 'C' },
};

describe('decision tables', () => {
  it('returns the matching band of a first-hit table, and the default output when none matches', () => {
    const t = defineDecisionTable(bands);
    expect(evaluateDecisionTable(t, { score: 80 }).value.output).toEqual({ grade: 'A' });
    expect(evaluateDecisionTable(t, { score: 79.5 }).value.output).toEqual({ grade: 'B' });
    const none = evaluateDecisionTable(t, { score: 12 });
    expect(none.value).toEqual({ matches: [], output: { grade: 'C' }, aggregate: null });
    expect(none.trace[0]?.rule).toBe('acme.scoreBand');
  });

  it('refuses overlapping rows under first-hit, naming both rows', () => {
    const overlapping = {
      ...bands,
      rules: [
        ...bands.rules,
        { id: 'B2', when: { score: { op: 'range' as const, min: 70, max: 90 } }, result: { grade: 'B' } },
      ],
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
      rules: [
        { id: 'top', when: { score: { op: 'range' as const, min: 90 } }, result: { grade: 'A+' } },
        ...bands.rules,
      ],
    };
    expect(evaluateDecisionTable(defineDecisionTable(ordered), { score: 95 }).value.output).toEqual({
      grade: 'A+',
    });
    const shadowed = {
      ...ordered,
      rules: [
        ...ordered.rules,
        { id: 'dead', when: { score: { op: 'range' as const, min: 85, max: 88 } }, result: { grade: 'X' } },
      ],
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
          when: { hospitalLevel: { op: 'in', values: ['3S', '3A', '3B'] } },
          result: { points: 40 },
        },
        { id: 'volume', when: { annualBusinessWan: { op: 'range', min: 100 } }, result: { points: 30 } },
        { id: 'clean', when: { defaults: { op: 'eq', value: 0 } }, result: { points: 20 } },
        { id: 'intent', when: { longTermIntent: { op: 'eq', value: true } }, result: { points: 10 } },
        { id: 'notOther', when: { hospitalLevel: { op: 'notIn', values: ['none'] } }, result: { points: 0 } },
      ],
    });
    const d = evaluateDecisionTable(scorecard, {
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
        rules: [{ id: 'x', when: { age: { op: 'any' } }, result: { grade: 'A' } }],
      }),
    ).toThrow(expect.objectContaining({ code: 'unknown_reference' }));
    expect(() =>
      defineDecisionTable({
        ...bands,
        rules: [{ id: 'x', when: { score: { op: 'range', min: 5, max: 5 } }, result: { grade: 'A' } }],
      }),
    ).toThrow(/contains no value/);
    expect(() =>
      defineDecisionTable({ ...bands, rules: [{ id: 'x', when: {}, result: { grade: 1 } }] }),
    ).toThrow(/must be a string/);
    expect(() => defineDecisionTable({ ...bands, hitPolicy: 'maybe' } as never)).toThrow(ZhiduError);
    const t = defineDecisionTable(bands);
    expect(() => evaluateDecisionTable(t, {})).toThrow(expect.objectContaining({ path: ['score'] }));
    expect(() => evaluateDecisionTable(t, { score: '80' })).toThrow(ZhiduError);
  });

  it('a first-hit table returns the first matching row, whatever the rows (property)', () => {
    const cond: fc.Arbitrary<Condition> = fc.oneof(
      fc.constant<Condition>({ op: 'any' }),
      fc.integer({ min: 0, max: 5 }).map((v): Condition => ({ op: 'eq', value: v })),
      fc
        .uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 })
        .map((values): Condition => ({ op: 'in', values })),
      fc
        .uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 2 })
        .map((values): Condition => ({ op: 'notIn', values })),
      fc
        .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.boolean())
        .map(
          ([min, w, minInclusive, maxInclusive]): Condition => ({
            op: 'range',
            min,
            max: min + w,
            minInclusive,
            maxInclusive,
          }),
        ),
    );
    const matches = (c: Condition, v: number) =>
      c.op === 'any' ||
      (c.op === 'eq' && c.value === v) ||
      (c.op === 'in' && c.values.includes(v)) ||
      (c.op === 'notIn' && !c.values.includes(v)) ||
      (c.op === 'range' &&
        (c.min === undefined || (c.minInclusive ? v >= c.min : v > c.min)) &&
        (c.max === undefined || (c.maxInclusive ? v <= c.max : v < c.max)));
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
            // Only an unreachable row may be refused, and it must really be unreachable.
            expect((e as ZhiduError).code).toBe('table_unreachable_row');
            const j = (e as ZhiduError).path[1] as number;
            const [jx, jy] = rows[j] ?? [];
            for (let x = -1; x <= 7; x += 0.5) {
              for (let y = -1; y <= 7; y += 0.5) {
                if (jx && jy && matches(jx, x) && matches(jy, y)) {
                  expect(rows.slice(0, j).some(([a, b]) => matches(a, x) && matches(b, y))).toBe(true);
                }
              }
            }
            return;
          }
          for (const [x, y] of probes) {
            const expected = rows.findIndex(([cx, cy]) => matches(cx, x) && matches(cy, y));
            const got = evaluateDecisionTable(table, { x, y }).value;
            expect(got.output === null ? -1 : got.output.row).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
