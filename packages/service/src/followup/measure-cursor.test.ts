import { isDeepStrictEqual } from 'node:util';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outcome } from '../../../core/test/helpers.js';
import { s000bPropertyRevisitPolicy as R } from '../presets/index.js';
import { measureProgramme } from './measure.js';
import { measureProgrammeOracle } from './oracle/measure.js';

// measureProgramme finds a trigger's first completion by comparing it with the completion a cursor
// expects next (completions usually follow their triggers' order), asking the trigger-id index only
// when that is not it. These programmes put completions in their triggers' order, then disturb it:
// swaps, completions moved far away, repeated trigger ids, several completions per trigger, triggers
// with none, equal ids held in distinct strings. The decision must be the previous loop's (the oracle),
// deep-equal and JSON-equal, and a refusal the same (code, path, message).

const ctx = makeContext({ now: '2024-04-10T09:00:00+08:00', calendar: chinaCalendar() });
const DAYS = ['2024-03-01', '2024-03-04', '2024-03-05', '2024-03-08', '2024-03-29', '2024-04-08'];

const plan = fc.record({
  triggers: fc.array(
    fc.record({
      /** An id shared with an earlier trigger (index into the ids so far), or a new one. */
      repeat: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(40) }),
      day: fc.constantFrom(...DAYS),
      anonymous: fc.boolean(),
      /** Completions of this trigger: how many, and after how many days. */
      done: fc.array(fc.record({ after: fc.nat(6), action: fc.constantFrom('revisit', 'call') }), {
        maxLength: 3,
      }),
    }),
    { maxLength: 40 },
  ),
  /** Swaps of two completions (indices modulo the count). */
  swaps: fc.array(fc.tuple(fc.nat(200), fc.nat(200)), { maxLength: 4 }),
  /** A completion of an id no trigger has, at this position (modulo the count), or none. */
  stray: fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(200) }),
});

type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never;
type Input = {
  triggers: { id: string; type: string; at: string; personId: string; flags?: string[] }[];
  completions: { triggerId: string; action: string; at: string }[];
};

function build(p: Plan): Input {
  const ids: string[] = [];
  const triggers: Input['triggers'] = [];
  const completions: Input['completions'] = [];
  p.triggers.forEach((t, i) => {
    const id =
      t.repeat !== null && ids.length > 0
        ? // The same id in a distinct string: equal, not identical.
          `K-${(ids[t.repeat % ids.length] as string).slice(2)}`
        : `K-${i}`;
    ids.push(id);
    triggers.push({
      id,
      type: 'complaintHandled',
      at: `${t.day}T10:00:00+08:00`,
      personId: `p${i % 3}`,
      ...(t.anonymous ? { flags: ['anonymous'] } : {}),
    });
    const day = Date.parse(`${t.day}T00:00:00Z`);
    for (const d of t.done) {
      const on = new Date(day + d.after * 86_400_000).toISOString().slice(0, 10);
      completions.push({ triggerId: id, action: d.action, at: `${on}T15:00:00+08:00` });
    }
  });
  const n = completions.length;
  if (n > 0)
    for (const [a, b] of p.swaps) {
      const i = a % n;
      const j = b % n;
      [completions[i], completions[j]] = [
        completions[j] as Input['completions'][number],
        completions[i] as Input['completions'][number],
      ];
    }
  if (p.stray !== null)
    completions.splice(p.stray % (n + 1), 0, {
      triggerId: 'K-none',
      action: 'revisit',
      at: '2024-03-05T15:00:00+08:00',
    });
  return { triggers, completions };
}

describe('measureProgramme: completions matched by a cursor in their triggers’ order', () => {
  it('property: decisions and refusals equal the previous loop’s, in order and disturbed (seeded)', () => {
    let decisions = 0;
    let refusals = 0;
    fc.assert(
      fc.property(plan, fc.constantFrom({}, { accountable: { personId: 'boss' } }), (p, opts) => {
        const input = build(p);
        const now = outcome(() => measureProgramme(input, R, ctx, opts));
        const before = outcome(() => measureProgrammeOracle(input, R, ctx, opts));
        expect(now).toEqual(before);
        if ('value' in now && 'value' in before) {
          expect(isDeepStrictEqual(now.value, before.value)).toBe(true);
          decisions++;
        } else refusals++;
      }),
      { seed: 2151, numRuns: 400 },
    );
    expect(decisions).toBeGreaterThan(200);
    expect(refusals).toBeGreaterThan(20);
  });

  it('a trigger whose completion comes before an earlier trigger’s still finds it; a repeated id is refused', () => {
    const at = (d: string) => `2024-03-${d}T10:00:00+08:00`;
    const input: Input = {
      triggers: [
        { id: 'K-1', type: 'complaintHandled', at: at('04'), personId: 'zhang' },
        { id: 'K-2', type: 'complaintHandled', at: at('04'), personId: 'zhang' },
        { id: 'K-3', type: 'complaintHandled', at: at('04'), personId: 'zhang' },
      ],
      completions: [
        { triggerId: 'K-3', action: 'revisit', at: at('05') },
        { triggerId: 'K-1', action: 'revisit', at: at('06') },
        { triggerId: 'K-2', action: 'revisit', at: at('12') },
      ],
    };
    const m = measureProgramme(input, R, ctx, { ruleKeys: ['complaintRevisit'] }).value;
    expect(m.tasks.map((t) => [t.triggerId, t.status])).toEqual([
      ['K-1', 'done'],
      ['K-2', 'doneLate'],
      ['K-3', 'done'],
    ]);
    expect(JSON.stringify(m)).toBe(
      JSON.stringify(measureProgrammeOracle(input, R, ctx, { ruleKeys: ['complaintRevisit'] }).value),
    );
    // K-2 again (it read K-2's completions, and gave a second task `complaintRevisit:K-2`): refused.
    const repeated: Input = {
      ...input,
      triggers: [...input.triggers, { id: 'K-2', type: 'complaintHandled', at: at('05'), personId: 'li' }],
    };
    expect(() => measureProgramme(repeated, R, ctx, { ruleKeys: ['complaintRevisit'] })).toThrow(
      expect.objectContaining({ code: 'duplicate', path: ['input', 'triggers', 3, 'id'] }),
    );
  });
});
