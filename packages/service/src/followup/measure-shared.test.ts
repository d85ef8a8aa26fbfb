// Issue 21, measureProgramme's answer made cheaper to build and keep: a usual breach's `lateBy` is
// frozen and shared by the rule's breaches of one day with the same lateness, each task id starts
// with one string per rule, a task's completions are gathered in one buffer for the call (no array
// per task), and the exemption is read without a closure. The answer stays the previous loop's
// (followup/oracle/measure.ts), compared here on programmes crowded onto a few days, where many
// breaches share a due time and more than eight lateness values occur in a day.
import { isDeepStrictEqual } from 'node:util';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { type EvalContext, makeContext, type Violation, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineServicePolicy, type ServicePolicy } from '../policy.js';
import { s000bPropertyRevisitPolicy as R } from '../presets/index.js';
import { measureProgramme } from './measure.js';
import { measureProgrammeOracle } from './oracle/measure.js';

const base = R.params.followUps?.[0] as NonNullable<typeof R.params.followUps>[number];
const rule = (over: Record<string, unknown>) => ({ ...base, ...over });

/** Rules of every lateness unit the usual breach counts, two of them on one key, one without due days. */
const units = defineServicePolicy({
  ...R,
  params: {
    ...R.params,
    followUps: [
      base,
      rule({ key: 'hourly', action: 'call', latenessUnit: 'hours', violationCode: 'service.hourly' }),
      rule({
        key: 'minutes',
        action: 'note',
        due: { unit: 'hours', amount: 30 },
        latenessUnit: 'minutes',
        violationCode: 'service.minutes',
      }),
      rule({ key: 'blocks', action: 'visit', latenessUnit: 'blocks24h', violationCode: 'service.blocks' }),
      rule({ key: 'blocks', action: 'revisit', exemptFlags: ['vip'], violationCode: 'service.blocks2' }),
      rule({
        key: 'phone',
        action: 'revisit',
        channels: ['phone'],
        latenessUnit: 'workingDays',
        violationCode: 'service.phone',
      }),
    ],
  },
});

const shanghai = makeContext({ now: '2024-04-10T09:00:00+08:00', calendar: chinaCalendar() });
const newYork = makeContext({
  now: '2024-03-20T09:00:00-04:00',
  zone: 'America/New_York',
  calendar: chinaCalendar(),
});

/** An instant on one of a few days around the New York summer-time change, at a random minute. */
const instant = fc
  .record({ day: fc.integer({ min: 8, max: 12 }), minute: fc.integer({ min: 0, max: 24 * 60 - 1 }) })
  .map(({ day, minute }) => new Date(Date.UTC(2024, 2, day, 0, minute)).toISOString());

const programme = fc
  .array(
    fc.record({
      at: instant,
      personId: fc.constantFrom('zhang', 'li', ''),
      flags: fc.constantFrom<string[] | undefined>(undefined, [], ['vip'], ['anonymous', 'vip']),
      done: fc.array(
        fc.record({
          action: fc.constantFrom('revisit', 'call', 'note', 'visit'),
          at: instant,
          channel: fc.constantFrom<string | undefined>(undefined, 'phone'),
        }),
        { maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((rows) => ({
    triggers: rows.map((r, i) => ({
      id: `K-${i}`,
      type: 'complaintHandled',
      at: r.at,
      ...(r.personId === '' ? {} : { personId: r.personId }),
      ...(r.flags === undefined ? {} : { flags: r.flags }),
    })),
    completions: rows.flatMap((r, i) =>
      r.done.map((c) => ({
        triggerId: `K-${i}`,
        action: c.action,
        at: c.at,
        ...(c.channel === undefined ? {} : { channel: c.channel }),
      })),
    ),
  }));

type Outcome = { json: string; value: unknown } | { code: string; path: unknown; message: string };
function outcome(f: () => { value: unknown; trace: unknown }): Outcome {
  try {
    const d = f();
    return { json: JSON.stringify(d), value: d };
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
    return { code: e.code, path: e.path, message: e.message };
  }
}

describe('measureProgramme answer cheaper to keep (issue 21)', () => {
  it('property: crowded programmes give the previous loop’s decision, deep-equal and JSON-equal (seeded)', () => {
    let shared = 0;
    fc.assert(
      fc.property(
        programme,
        fc.constantFrom<EvalContext>(shanghai, newYork),
        fc.constantFrom<ServicePolicy>(units, R),
        (x, ctx, policy) => {
          const now = outcome(() => measureProgramme(x, policy, ctx));
          const before = outcome(() => measureProgrammeOracle(x, policy, ctx));
          expect(now).toEqual(before);
          expect(isDeepStrictEqual(now, before)).toBe(true);
          if (!('value' in now)) return;
          const violations = (now.value as { value: { violations: Violation[] } }).value.violations;
          const lateBys = new Set(violations.map((v) => v.lateBy));
          if (lateBys.size < violations.length) shared++;
        },
      ),
      { seed: 2151, numRuns: 250 },
    );
    // Breaches did share their lateness.
    expect(shared).toBeGreaterThan(50);
  });

  it('a rule’s breaches of one day missed by now share one frozen lateBy; late ones share theirs by value', () => {
    const ctx = makeContext({ now: '2024-05-01T00:00:00+08:00', calendar: chinaCalendar() });
    const triggers = Array.from({ length: 12 }, (_, i) => ({
      id: `K-${i}`,
      type: 'complaintHandled',
      at: `2024-03-04T${String(8 + i).padStart(2, '0')}:00:00+08:00`,
      personId: 'zhang',
    }));
    // K-0 … K-9 done late, on ten different hours of 03-09 (ten lateness values: eight are kept);
    // K-10 and K-11 never done.
    const completions = triggers.slice(0, 10).map((t, i) => ({
      triggerId: t.id,
      action: 'revisit',
      at: `2024-03-09T${String(8 + i).padStart(2, '0')}:30:00+08:00`,
    }));
    const x = { triggers, completions };
    const v = measureProgramme(x, R, ctx).value.violations;
    expect(v.map((b) => b.code.split('.').pop())).toEqual([...Array(10).fill('late'), 'missing', 'missing']);
    expect(v[10]?.lateBy).toBe(v[11]?.lateBy);
    expect(v.every((b) => Object.isFrozen(b.lateBy))).toBe(true);
    expect(new Set(v.slice(0, 10).map((b) => b.lateBy?.ms)).size).toBe(10);
    expect(JSON.stringify(measureProgrammeOracle(x, R, ctx))).toBe(
      JSON.stringify(measureProgramme(x, R, ctx)),
    );
    // The same completions again (a second programme of the same day): the eight kept are shared.
    const again = measureProgramme(
      {
        triggers: [...triggers, ...triggers.map((t) => ({ ...t, id: `${t.id}b` }))],
        completions: [...completions, ...completions.map((c) => ({ ...c, triggerId: `${c.triggerId}b` }))],
      },
      R,
      ctx,
    ).value.violations;
    const late = again.filter((b) => b.code.endsWith('.late'));
    expect(new Set(late.map((b) => b.lateBy)).size).toBe(12); // 8 kept and shared, 2 × 2 built anew
  });

  it('a task’s completions are taken earliest first, in input order on equal instants (as a stable sort)', () => {
    const ctx = makeContext({ now: '2024-05-01T00:00:00+08:00', calendar: chinaCalendar() });
    const at = ['2024-03-06T15:00:00+08:00', '2024-03-05T15:00:00+08:00', '2024-03-05T07:00:00.000Z'];
    const x = {
      // Due at the end of 03-04: every completion is late, and the breach names its performer.
      triggers: [{ id: 'K-1', type: 'complaintHandled', at: '2024-03-01T10:00:00+08:00', personId: 'zhang' }],
      // Nine completions of the trigger (the buffer grows past eight), three instants, two performers.
      completions: Array.from({ length: 9 }, (_, i) => ({
        triggerId: 'K-1',
        action: 'revisit',
        at: at[i % 3] as string,
        personId: `p${i}`,
      })),
    };
    const d = measureProgramme(x, R, ctx);
    expect(d.value.tasks[0]?.completedAt).toBe('2024-03-05T07:00:00.000Z');
    expect(d.value.violations.map((v) => [v.code, v.personId])).toEqual([
      ['service.complaintRevisit.late', 'p1'],
    ]);
    expect(JSON.stringify(d)).toBe(JSON.stringify(measureProgrammeOracle(x, R, ctx)));
  });
});
