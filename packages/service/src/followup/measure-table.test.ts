import { isDeepStrictEqual } from 'node:util';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outcome } from '../../../core/test/helpers.js';
import { defineServicePolicy } from '../policy.js';
import { s000bPropertyRevisitPolicy as R } from '../presets/index.js';
import { measureProgramme } from './measure.js';
import { measureProgrammeOracle } from './oracle/measure.js';
import { readCompletions } from './programme-fast.js';

// measureProgramme reads the completions into one array per field (no object per completion); an
// optional field (personId, role, channel) gets its array at its first value, so a field given by
// some completions only — the first of them anywhere in the list — reads as undefined elsewhere.
// These programmes give the optional fields to a scattered few completions, as strings, as keys set
// to undefined (zod's path) or as non-strings (refused). The decision must be the previous loop's
// (the oracle), deep-equal and JSON-equal, and a refusal the same (code, path, message).

const base = R.params.followUps?.[0] as NonNullable<typeof R.params.followUps>[number];
/** The complaint revisit, plus a call only a property assistant may make by phone. */
const policy = defineServicePolicy({
  ...R,
  params: {
    ...R.params,
    followUps: [
      base,
      {
        ...base,
        key: 'phoneRevisit',
        action: 'call',
        channels: ['phone'],
        allowedRoles: ['propertyAssistant'],
        violationCode: 'service.phoneRevisit',
      },
    ],
  },
});
const ctx = makeContext({ now: '2024-04-10T09:00:00+08:00', calendar: chinaCalendar() });
const DAYS = ['2024-03-01', '2024-03-04', '2024-03-05', '2024-03-08', '2024-03-29', '2024-04-08'];

/** An optional field of a completion: absent (mostly), a string, a key set to undefined, or a non-string. */
const optional = (values: readonly string[]) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant({ kind: 'absent' as const }) },
    { weight: 6, arbitrary: fc.constantFrom(...values).map((v) => ({ kind: 'value' as const, v })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'undefined' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'number' as const }) },
  );
type Optional = { kind: 'absent' | 'undefined' | 'number' } | { kind: 'value'; v: string };

const plan = fc.array(
  fc.record({
    day: fc.constantFrom(...DAYS),
    done: fc.array(
      fc.record({
        after: fc.nat(6),
        action: fc.constantFrom('revisit', 'call'),
        personId: optional(['wang', 'li', '']),
        role: optional(['propertyAssistant', 'guard']),
        channel: optional(['phone', 'visit']),
      }),
      { maxLength: 3 },
    ),
  }),
  { maxLength: 30 },
);

function put(o: Record<string, unknown>, key: string, f: Optional): void {
  if (f.kind === 'value') o[key] = f.v;
  else if (f.kind === 'undefined') o[key] = undefined;
  else if (f.kind === 'number') o[key] = 7;
}

function build(p: typeof plan extends fc.Arbitrary<infer T> ? T : never) {
  const triggers: Record<string, unknown>[] = [];
  const completions: Record<string, unknown>[] = [];
  p.forEach((t, i) => {
    triggers.push({
      id: `K-${i}`,
      type: 'complaintHandled',
      at: `${t.day}T10:00:00+08:00`,
      personId: `p${i % 3}`,
    });
    const day = Date.parse(`${t.day}T00:00:00Z`);
    for (const d of t.done) {
      const on = new Date(day + d.after * 86_400_000).toISOString().slice(0, 10);
      const c: Record<string, unknown> = {
        triggerId: `K-${i}`,
        action: d.action,
        at: `${on}T15:00:00+08:00`,
      };
      put(c, 'personId', d.personId);
      put(c, 'role', d.role);
      put(c, 'channel', d.channel);
      completions.push(c);
    }
  });
  return { triggers, completions };
}

describe('measureProgramme: completions read into one array per field', () => {
  it('property: optional fields on a scattered few completions decide as the previous loop (seeded)', () => {
    let decisions = 0;
    let refusals = 0;
    fc.assert(
      fc.property(plan, fc.constantFrom({}, { accountable: { personId: 'boss' } }), (p, opts) => {
        const input = build(p) as never;
        const now = outcome(() => measureProgramme(input, policy, ctx, opts));
        const before = outcome(() => measureProgrammeOracle(input, policy, ctx, opts));
        expect(now).toEqual(before);
        if ('value' in now && 'value' in before) {
          expect(isDeepStrictEqual(now.value, before.value)).toBe(true);
          decisions++;
        } else refusals++;
      }),
      { seed: 2153, numRuns: 400 },
    );
    expect(decisions).toBeGreaterThan(150);
    expect(refusals).toBeGreaterThan(20);
  });

  it('a field no completion gives has no array; one given late reads undefined before it', () => {
    const at = '2024-03-05T15:00:00+08:00';
    const none = readCompletions([{ triggerId: 'K-1', action: 'revisit', at }]);
    expect(none?.personId).toBeUndefined();
    expect(none?.role).toBeUndefined();
    expect(none?.channel).toBeUndefined();
    const late = readCompletions([
      { triggerId: 'K-1', action: 'revisit', at },
      { triggerId: 'K-2', action: 'call', at, role: 'propertyAssistant', channel: 'phone' },
    ]);
    expect(late?.ids).toEqual(['K-1', 'K-2']);
    expect(late?.role?.[0]).toBeUndefined();
    expect(late?.role?.[1]).toBe('propertyAssistant');
    expect(late?.channel?.[1]).toBe('phone');
    expect(late?.personId).toBeUndefined();
    expect(late?.ms[0]).toBe(Date.parse(at));
    // Anything zod must judge is left to it.
    expect(readCompletions([{ triggerId: 'K-1', action: 'revisit', at, role: undefined }])).toBeUndefined();
    expect(readCompletions([{ triggerId: 'K-1', action: 'revisit', at, channel: 7 }])).toBeUndefined();
  });
});
