import { addDays, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineServicePolicy } from '../policy.js';
import {
  s000GpsServicePolicy,
  s001CreditManagementPolicy,
  s001NewCustomerDevelopmentPolicy,
  s001ServiceSupervisionPolicy,
  s003ArchivePolicy,
} from '../presets/index.js';
import { cadenceSchedule, nextDueDate } from './cadence.js';

describe('recurring follow-up cadences', () => {
  it.each([
    ['A', '2024-01-10', '2024-07-10'],
    ['B', '2024-01-10', '2024-04-10'],
    ['C', '2024-01-31', '2024-02-29'],
    ['D', '2024-03-15', '2024-04-15'],
  ])(
    'makes the next credit report of a grade-%s customer last reported %s due %s (S001-FOLLOW-06)',
    (grade, last, due) => {
      const d = nextDueDate('creditReport', last, s001CreditManagementPolicy, grade);
      expect(d.value).toBe(due);
      expect(d.trace[0]?.rule).toBe('S001-FOLLOW-06');
    },
  );

  it('refuses a credit report cadence without a known grade (S001-FOLLOW-06)', () => {
    expect(() => nextDueDate('creditReport', '2024-01-10', s001CreditManagementPolicy)).toThrow(ZhiduError);
    expect(() => nextDueDate('creditReport', '2024-01-10', s001CreditManagementPolicy, 'E')).toThrow(
      ZhiduError,
    );
  });

  it('makes a project tracking record due every 30 days: approved 03-01 → 03-31; last 04-15 → 05-15 (S001-FOLLOW-07)', () => {
    expect(nextDueDate('projectTracking', '2024-03-01', s001NewCustomerDevelopmentPolicy).value).toBe(
      '2024-03-31',
    );
    expect(nextDueDate('projectTracking', '2024-04-15', s001NewCustomerDevelopmentPolicy).value).toBe(
      '2024-05-15',
    );
  });

  it('calls monthly for 12 months after delivery and quarterly afterwards, anchored on the delivery date (S001-FOLLOW-08)', () => {
    const P = s001ServiceSupervisionPolicy;
    const s = cadenceSchedule('returnVisitCalls', '2024-01-15', '2025-07-15', P).value;
    expect(s.slice(0, 2)).toEqual(['2024-02-15', '2024-03-15']);
    expect(s.filter((d) => d <= '2025-01-15')).toHaveLength(12);
    expect(s.slice(-3)).toEqual(['2025-01-15', '2025-04-15', '2025-07-15']);
    expect(
      cadenceSchedule('returnVisitCalls', '2023-11-30', '2024-07-01', P).value.find((d) => d >= '2024-06-01'),
    ).toBe('2024-06-30');
    expect(
      cadenceSchedule('returnVisitCalls', '2022-05-10', '2024-12-31', P).value.find((d) => d >= '2024-06-01'),
    ).toBe('2024-08-10');
  });

  it('refuses to schedule the proactive services until the company sets a period ("定期") (S001-FOLLOW-11)', () => {
    expect(() => nextDueDate('qualityInspection', '2024-01-01', s001ServiceSupervisionPolicy)).toThrow(
      ZhiduError,
    );
    const configured = defineServicePolicy({
      ...s001ServiceSupervisionPolicy,
      params: {
        ...s001ServiceSupervisionPolicy.params,
        cadences: (s001ServiceSupervisionPolicy.params.cadences ?? []).map((c) =>
          c.key === 'qualityInspection' ? { ...c, phases: [{ step: { days: 90 }, untilMonths: null }] } : c,
        ),
      },
    });
    expect(nextDueDate('qualityInspection', '2024-01-01', configured).value).toBe('2024-03-31');
  });

  it('keeps the feedback-revisit interval as required configuration: 90 days after 01-05 is 04-04 (S003-ARCHIVE-04)', () => {
    expect(() => nextDueDate('feedbackRevisit', '2024-01-05', s003ArchivePolicy)).toThrow(ZhiduError);
    const cfg = defineServicePolicy({
      ...s003ArchivePolicy,
      params: {
        ...s003ArchivePolicy.params,
        cadences: [
          {
            ...(s003ArchivePolicy.params.cadences?.[0] ?? {
              rule: 'x',
              clause: 'x',
              key: 'x',
              zh: '',
              en: '',
            }),
            phases: [{ step: { days: 90 }, untilMonths: null }],
          },
        ],
      },
    });
    expect(nextDueDate('feedbackRevisit', '2024-01-05', cfg).value).toBe('2024-04-04');
  });

  it('opens long-term GPS tracking with no end, but needs the company’s frequency to list dates (S000-FOLLOWUP-01)', () => {
    expect(() => cadenceSchedule('gpsAfterSales', '2024-03-01', '2025-03-01', s000GpsServicePolicy)).toThrow(
      ZhiduError,
    );
    const cfg = defineServicePolicy({
      ...s000GpsServicePolicy,
      params: {
        cadences: [
          {
            ...(s000GpsServicePolicy.params.cadences?.[0] ?? {
              rule: 'x',
              clause: 'x',
              key: 'x',
              zh: '',
              en: '',
            }),
            phases: [{ step: { months: 6 }, untilMonths: null }],
          },
        ],
      },
    });
    expect(cadenceSchedule('gpsAfterSales', '2023-01-10', '2025-02-01', cfg).value).toEqual([
      '2023-07-10',
      '2024-01-10',
      '2024-07-10',
      '2025-01-10',
    ]);
  });

  it('refuses an unknown cadence and a bad date', () => {
    expect(() => nextDueDate('nope', '2024-01-01', s001CreditManagementPolicy)).toThrow(ZhiduError);
    expect(() => nextDueDate('projectTracking', '2024-02-30', s001NewCustomerDevelopmentPolicy)).toThrow(
      ZhiduError,
    );
  });
});

describe('cadence invariants', () => {
  it('property: a phased schedule is strictly increasing, starts after the anchor and ends by `until` (S001-FOLLOW-08)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 1500 }), (offset, length) => {
        const anchor = addDays('2020-01-01', offset);
        const until = addDays(anchor, length);
        const dates = cadenceSchedule('returnVisitCalls', anchor, until, s001ServiceSupervisionPolicy).value;
        for (let i = 1; i < dates.length; i++) expect((dates[i] ?? '') > (dates[i - 1] ?? '')).toBe(true);
        if (dates.length > 0) {
          expect((dates[0] ?? '') > anchor).toBe(true);
          expect((dates.at(-1) ?? '') <= until).toBe(true);
        }
        // 12 monthly calls in the first year, then one per quarter.
        expect(dates.filter((d) => d <= addDays(anchor, 366)).length).toBeLessThanOrEqual(12 + 1);
      }),
      { numRuns: 60 },
    );
  });
});
