import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, parseInput, weekdayCalendar } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assessPenalties } from './assess.js';
import { PRESETS, preset } from './presets/index.js';

// Scenario files: packages/penalty/scenarios/<preset>/*.json, each walking clauses of one preset.
const ScenarioSchema = z
  .object({
    name: z.string().min(1),
    rules: z.array(z.string().min(1)).min(1),
    preset: z.string().min(1),
    context: z
      .object({
        now: z.string(),
        calendar: z.enum(['china', 'weekdays']),
        roster: z.record(z.string(), z.string()).optional(),
        pay: z
          .array(
            z.object({
              personId: z.string(),
              period: z.string().optional(),
              component: z.string(),
              amount: z.number(),
            }),
          )
          .optional(),
      })
      .strict(),
    violations: z.array(z.unknown()),
    expected: z
      .object({
        total: z.number().int(),
        persons: z.record(
          z.string(),
          z.object({ total: z.number().int(), periods: z.record(z.string(), z.number().int()).optional() }),
        ),
        lines: z
          .array(
            z.object({ personId: z.string(), rule: z.string(), amount: z.number().int(), kind: z.string() }),
          )
          .optional(),
      })
      .strict(),
  })
  .strict();

const root = fileURLToPath(new URL('../scenarios', import.meta.url));
const files = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(root, d.name))
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ dir: d.name, file: f, path: join(root, d.name, f) })),
  );

describe('scenario files', () => {
  it('cover every preset', () => {
    expect(new Set(files.map((f) => f.dir))).toEqual(new Set(Object.keys(PRESETS)));
  });

  for (const f of files) {
    const s = parseInput(ScenarioSchema, JSON.parse(readFileSync(f.path, 'utf8')), [f.file]);
    it(`${f.dir}/${f.file}: ${s.name} (${s.rules.join(', ')})`, () => {
      expect(s.preset).toBe(f.dir);
      const base = makeContext({
        now: s.context.now,
        calendar: s.context.calendar === 'china' ? chinaCalendar() : weekdayCalendar(),
      });
      const ctx = {
        ...base,
        ...(s.context.roster ? { roster: s.context.roster } : {}),
        ...(s.context.pay ? { pay: s.context.pay } : {}),
      };
      const { value, trace } = assessPenalties(s.violations as never[], preset(s.preset), ctx);
      expect(value.total).toBe(s.expected.total);
      const persons = Object.fromEntries(value.persons.map((p) => [p.personId, p]));
      expect(Object.keys(persons).sort()).toEqual(Object.keys(s.expected.persons).sort());
      for (const [id, want] of Object.entries(s.expected.persons)) {
        expect(persons[id]?.total, id).toBe(want.total);
        for (const [period, total] of Object.entries(want.periods ?? {})) {
          expect(persons[id]?.periods.find((p) => p.period === period)?.total, `${id} ${period}`).toBe(total);
        }
      }
      const lines = value.persons.flatMap((p) => p.periods.flatMap((x) => x.lines));
      for (const want of s.expected.lines ?? []) {
        expect(lines, JSON.stringify(want)).toContainEqual(expect.objectContaining(want));
      }
      for (const rule of s.rules)
        expect(
          trace.some((t) => t.rule === rule),
          rule,
        ).toBe(true);
    });
  }
});
