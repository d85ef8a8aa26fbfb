import { chinaCalendar } from '@zhidu/calendar-cn';
import { atLocal, makeContext, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  s000PropertyCentrePolicy as PC,
  s000bPartnerPolicy,
  s000bSalesInfoPolicy,
  s000CustomerInfoPolicy,
  s002CsProcedurePolicy,
  s004PropertyPolicy,
} from '../presets/index.js';
import { frequencyCheck, periodOf } from './frequency.js';

const ctx = makeContext({ now: '2025-01-01T00:00:00+08:00', calendar: chinaCalendar() });
const at = (d: string, t = '10:00') => atLocal(d, t, 'Asia/Shanghai');
const act = (activity: string, d: string, extra: object = {}) => ({ activity, at: at(d), ...extra });

describe('minimum frequencies', () => {
  it('labels calendar periods', () => {
    expect(periodOf('2024-08-15', 'halfYear')).toBe('2024-H2');
    expect(periodOf('2024-08-15', 'quarter')).toBe('2024-Q3');
    expect(periodOf('2024-08-15', 'week')).toBe('2024-08-12');
  });

  it('needs two disinfections a month, two tank cleanings with water tests a year, and a disclosure per quarter covered (S000-FOLLOWUP-02)', () => {
    const r = (key: string, acts: object[], from: string, to: string) =>
      frequencyCheck(key, acts as never, { from, to }, PC, ctx).value;
    expect(
      r(
        'disinfection',
        [act('disinfection', '2024-03-05'), act('disinfection', '2024-03-20')],
        '2024-03-01',
        '2024-03-31',
      )[0]?.met,
    ).toBe(true);
    expect(r('disinfection', [act('disinfection', '2024-03-05')], '2024-03-01', '2024-03-31')[0]?.met).toBe(
      false,
    );
    expect(
      r(
        'tankCleaning',
        [act('tankCleaning', '2024-05-01', { tags: ['waterTested'] }), act('tankCleaning', '2024-11-01')],
        '2024-01-01',
        '2024-12-31',
      )[0],
    ).toMatchObject({ count: 1, met: false });
    const disclosures = r(
      'feeDisclosure',
      [act('feeDisclosure', '2024-04-03', { covers: '2024-03-31' })],
      '2024-01-01',
      '2024-06-30',
    );
    expect(disclosures.map((x) => [x.period, x.met])).toEqual([
      ['2024-Q1', true],
      ['2024-Q2', false],
    ]);
    expect(r('opinionSurvey', [act('opinionSurvey', '2024-09-01')], '2024-01-01', '2024-12-31')[0]?.met).toBe(
      true,
    );
  });

  it('needs at least one comprehensive satisfaction survey per calendar year (S000-FOLLOWUP-04)', () => {
    const run = (acts: object[], y: string) =>
      frequencyCheck(
        'comprehensiveSurvey',
        acts as never,
        { from: `${y}-01-01`, to: `${y}-12-31` },
        s000CustomerInfoPolicy,
        ctx,
      ).value[0];
    expect(run([act('satisfactionSurvey', '2024-11-20', { tags: ['comprehensive'] })], '2024')?.met).toBe(
      true,
    );
    expect(run([act('satisfactionSurvey', '2024-06-01', { tags: ['partial'] })], '2024')?.met).toBe(false);
  });

  it('applies the yearly comprehensive survey of the group sales department too (S000B-FOLLOWUP-14)', () => {
    const acts = [
      act('satisfactionSurvey', '2023-06-01', { tags: ['partial'] }),
      act('satisfactionSurvey', '2024-11-20', { tags: ['comprehensive'] }),
    ];
    const r = frequencyCheck(
      'comprehensiveSurvey',
      acts,
      { from: '2023-01-01', to: '2024-12-31' },
      s000bSalesInfoPolicy,
      ctx,
    ).value;
    expect(r.map((x) => [x.period, x.met])).toEqual([
      ['2023', false],
      ['2024', true],
    ]);
  });

  it('visits out-of-town partners at least once each half-year, and reports local minimums as unspecified (S000B-FOLLOWUP-19)', () => {
    const r = frequencyCheck(
      'outOfTownPartnerVisit',
      [act('partnerVisit', '2024-02-10', { scopeId: 'p1' })],
      { from: '2024-01-01', to: '2024-12-31', scopes: ['p1'] },
      s000bPartnerPolicy,
      ctx,
    ).value;
    expect(r.map((x) => [x.period, x.met])).toEqual([
      ['2024-H1', true],
      ['2024-H2', false],
    ]);
    const local = frequencyCheck(
      'localPartnerVisit',
      [],
      { from: '2024-01-01', to: '2024-06-30', scopes: ['pA'] },
      s000bPartnerPolicy,
      ctx,
    ).value;
    expect(local[0]).toMatchObject({ status: 'unspecified', required: null, met: null });
  });

  it('counts only senior-management visits for the yearly A-class partner visit (S000B-FOLLOWUP-20)', () => {
    const range = { from: '2024-01-01', to: '2024-12-31', scopes: ['p1'] };
    expect(
      frequencyCheck(
        'seniorPartnerVisit',
        [act('partnerVisit', '2024-05-06', { scopeId: 'p1', tags: ['senior'] })],
        range,
        s000bPartnerPolicy,
        ctx,
      ).value[0]?.met,
    ).toBe(true);
    expect(
      frequencyCheck(
        'seniorPartnerVisit',
        [act('partnerVisit', '2024-05-06', { scopeId: 'p1' })],
        range,
        s000bPartnerPolicy,
        ctx,
      ).value[0]?.met,
    ).toBe(false);
  });

  it('needs 10 distinct households revisited a month: 9 fails, 12 visits to 8 households fails, 10 meets (S004-FOLLOW-03)', () => {
    const visits = (n: number, households: number) =>
      Array.from({ length: n }, (_, i) => act('revisit', '2024-03-10', { subjectId: `h${i % households}` }));
    const run = (a: object[]) =>
      frequencyCheck(
        'householdRevisits',
        a as never,
        { from: '2024-03-01', to: '2024-03-31' },
        s004PropertyPolicy,
        ctx,
      ).value[0];
    expect(run(visits(9, 9))).toMatchObject({ count: 9, met: false });
    expect(run(visits(12, 8))).toMatchObject({ count: 8, met: false });
    expect(run(visits(10, 10))?.met).toBe(true);
    expect(() => run([act('revisit', '2024-03-10')])).toThrow(ZhiduError);
  });

  it('checks daily cleaning per floor, counts washroom cleans only 08:00–18:00 and skips them on holidays (S004-KPI-01)', () => {
    const corridor = Array.from({ length: 4 }, () =>
      act('corridorCleaning', '2024-03-04', { scopeId: '5F' }),
    );
    expect(
      frequencyCheck(
        'corridorCleaning',
        corridor,
        { from: '2024-03-04', to: '2024-03-04', scopes: ['5F'] },
        s004PropertyPolicy,
        ctx,
      ).value[0],
    ).toMatchObject({
      scope: '5F',
      count: 4,
      required: 5,
      met: false,
    });
    const times = ['08:30', '10:00', '11:30', '13:30', '15:00', '17:30', '19:00'];
    const washroom = times.map((t) => ({ activity: 'washroomFullClean', at: at('2024-03-04', t) }));
    expect(
      frequencyCheck(
        'washroomFullClean',
        washroom,
        { from: '2024-03-04', to: '2024-03-04' },
        s004PropertyPolicy,
        ctx,
      ).value[0],
    ).toMatchObject({ count: 6, met: true });
    expect(
      frequencyCheck(
        'washroomFullClean',
        [],
        { from: '2024-10-01', to: '2024-10-01' },
        s004PropertyPolicy,
        ctx,
      ).value[0]?.status,
    ).toBe('notEvaluated');
    expect(
      frequencyCheck(
        'garbageCollection',
        [],
        { from: '2024-10-01', to: '2024-10-01' },
        s004PropertyPolicy,
        ctx,
      ).value[0],
    ).toMatchObject({ required: 4, met: false });
  });

  it('flags an estate without a revisit campaign in a year (S002-REVISIT-03)', () => {
    const r = frequencyCheck(
      'annualEstateRevisit',
      [act('estateRevisitCampaign', '2023-04-10', { scopeId: 'e1' })],
      { from: '2023-01-01', to: '2024-12-31', scopes: ['e1'] },
      s002CsProcedurePolicy,
      ctx,
    ).value;
    expect(r.map((x) => [x.period, x.met])).toEqual([
      ['2023', true],
      ['2024', false],
    ]);
  });

  it('needs the CS manager’s spot-check once a year; two checks also comply (S002-REVISIT-06)', () => {
    const run = (a: object[]) =>
      frequencyCheck(
        'surveySpotCheck',
        a as never,
        { from: '2024-01-01', to: '2024-12-31' },
        s002CsProcedurePolicy,
        ctx,
      ).value[0]?.met;
    expect(run([act('surveySpotCheck', '2024-06-30')])).toBe(true);
    expect(run([])).toBe(false);
    expect(run([act('surveySpotCheck', '2024-03-01'), act('surveySpotCheck', '2024-09-01')])).toBe(true);
  });

  it('refuses an unknown key or a reversed range', () => {
    expect(() => frequencyCheck('nope', [], { from: '2024-01-01', to: '2024-01-31' }, PC, ctx)).toThrow(
      ZhiduError,
    );
    expect(() =>
      frequencyCheck('disinfection', [], { from: '2024-02-01', to: '2024-01-31' }, PC, ctx),
    ).toThrow(ZhiduError);
  });
});
