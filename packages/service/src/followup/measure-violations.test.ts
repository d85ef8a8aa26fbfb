import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type Violation, violation } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { s000bPropertyRevisitPolicy as R } from '../presets/index.js';
import { measureProgramme } from './measure.js';

// measureProgramme builds the usual breach's violation directly (issue 21), without core's
// `violation()` checks and spreads: every violation it returns must be exactly what `violation()`
// makes of the same fields — the same keys, in the same order, the same values.
const ctx = makeContext({ now: '2024-04-10T09:00:00+08:00', calendar: chinaCalendar() });
const INSTANTS = [
  '2024-03-01T10:00:00+08:00',
  '2024-03-02T23:59:00+08:00',
  '2024-03-04T08:00:00+08:00',
  '2024-03-08T09:30:00+08:00',
  '2024-04-01T10:00:00+08:00',
  '2024-04-09T10:00:00+08:00',
];
const id = fc.constantFrom('K-1', 'K-2', 'K-3', 'K-4', 'K-5');
const programme = fc
  .record({
    triggers: fc.uniqueArray(
      fc.record(
        {
          id,
          type: fc.constant('complaintHandled'),
          at: fc.constantFrom(...INSTANTS),
          subjectId: fc.constantFrom('room-1'),
          personId: fc.constantFrom('zhang', 'li'),
          flags: fc.constantFrom<string[]>(['anonymous'], []),
        },
        { requiredKeys: ['id', 'type', 'at'] },
      ),
      { selector: (t) => t.id, maxLength: 5 },
    ),
    completions: fc.array(
      fc.record(
        {
          triggerId: id,
          action: fc.constantFrom('revisit', 'call'),
          at: fc.constantFrom(...INSTANTS),
          personId: fc.constantFrom('wang'),
        },
        { requiredKeys: ['triggerId', 'action', 'at'] },
      ),
      { maxLength: 6 },
    ),
  })
  .map(({ triggers, completions }) => ({
    triggers,
    completions: completions.filter((c) => triggers.some((t) => t.id === c.triggerId)),
  }));

/** What core's `violation()` makes of a violation's own fields. */
function rebuilt(v: Violation): Violation {
  const { source, ...fields } = v;
  return violation(source.module, { rule: source.rule, clause: source.clause }, fields);
}

describe('measureProgramme breaches built directly equal core violation() (S000B-FOLLOWUP-04 complaint revisits)', () => {
  it('property: every violation is key for key what violation() builds from its fields', () => {
    let seen = 0;
    fc.assert(
      fc.property(programme, (input) => {
        for (const v of measureProgramme(input, R, ctx).value.violations) {
          seen++;
          expect(JSON.stringify(v)).toBe(JSON.stringify(rebuilt(v)));
        }
      }),
      { seed: 2121, numRuns: 200 },
    );
    expect(seen).toBeGreaterThan(50);
  });

  it('a revisit 5 days after the complaint is late by 2 days, stamped at the revisit, answered by its performer', () => {
    const input = {
      triggers: [{ id: 'K-1', type: 'complaintHandled', at: '2024-03-01T10:00:00+08:00', personId: 'zhang' }],
      completions: [
        { triggerId: 'K-1', action: 'revisit', at: '2024-03-06T15:00:00+08:00', personId: 'wang' },
      ],
    };
    const [v] = measureProgramme(input, R, ctx).value.violations;
    expect(v).toEqual(rebuilt(v as Violation));
    expect(v?.code).toBe('service.complaintRevisit.late');
    expect(v?.source.rule).toBe('S000B-FOLLOWUP-04');
    expect(v?.personId).toBe('wang');
    expect(v?.occurredAt).toBe('2024-03-06T07:00:00.000Z');
    expect(Object.keys(v ?? {})).toEqual([
      'code',
      'personId',
      'role',
      'occurredAt',
      'lateBy',
      'source',
      'data',
    ]);
  });
});
