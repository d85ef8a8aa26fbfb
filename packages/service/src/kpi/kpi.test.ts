import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { defineServicePolicy } from '../policy.js';
import {
  s000bSalesInfoPolicy,
  s000CustomerInfoPolicy,
  s002CsProcedurePolicy,
  s002CsSystemPolicy,
  s003ArchivePolicy,
} from '../presets/index.js';
import { assessmentCheck, countByCategory, measureKpi, surveyFollowUp } from './kpi.js';

const items = (n: number, yes: number, flag: string) =>
  Array.from({ length: n }, (_, i) => ({ [flag]: i < yes }));

describe('KPIs and surveys', () => {
  it.each([
    [40, 40, 1, true],
    [40, 39, 0.975, false],
    [0, 0, 1, true],
  ])('measures the revisit handling rate %i/%i against 100 %% (S002-KPI-01)', (n, yes, rate, meets) => {
    expect(
      measureKpi('revisitHandling', items(n, yes, 'handled'), s002CsProcedurePolicy).value,
    ).toMatchObject({ rate, meetsTarget: meets });
  });

  it('computes the complaint handling rate 54/57 and n/a for no complaints (S002-KPI-02)', () => {
    expect(
      measureKpi('complaintHandling', items(57, 54, 'closed'), s002CsSystemPolicy).value.rate,
    ).toBeCloseTo(0.947, 3);
    expect(measureKpi('complaintHandling', [], s002CsSystemPolicy).value.rate).toBeNull();
  });

  it('refuses an assessment record missing customer satisfaction (S002-KPI-02)', () => {
    expect(
      assessmentCheck({ complaintHandlingRate: 0.9, serviceAttitude: 4 }, s002CsSystemPolicy).value,
    ).toEqual(['customerSatisfaction']);
    expect(
      assessmentCheck(
        { customerSatisfaction: 0.9, complaintHandlingRate: 0.9, serviceAttitude: 4 },
        s002CsSystemPolicy,
      ).value,
    ).toEqual([]);
  });

  it('aggregates the revisit satisfaction rate: 34 of 40 satisfied is 0.85 (S002-REVISIT-04)', () => {
    expect(measureKpi('satisfaction', items(40, 34, 'satisfied'), s002CsProcedurePolicy).value.rate).toBe(
      0.85,
    );
  });

  it('computes satisfaction and loyalty indicators from file data, n/a when empty (S003-KPI-01)', () => {
    expect(measureKpi('satisfaction', items(80, 68, 'satisfied'), s003ArchivePolicy).value.rate).toBe(0.85);
    expect(measureKpi('satisfaction', [], s003ArchivePolicy).value.rate).toBeNull();
    expect(measureKpi('repeatBuyers', items(200, 4, 'repeatBuyer'), s003ArchivePolicy).value.rate).toBe(0.02);
  });

  it('requires a configured target, then asks the office for corrective action on the weakest dimensions (S000-FOLLOWUP-05)', () => {
    expect(() => surveyFollowUp({ delivery: 86 }, s000CustomerInfoPolicy)).toThrow(ZhiduError);
    const P = defineServicePolicy({
      ...s000CustomerInfoPolicy,
      params: {
        ...s000CustomerInfoPolicy.params,
        surveys: { ...s000CustomerInfoPolicy.params.surveys, targetScore: 90 },
      },
    });
    expect(surveyFollowUp({ delivery: 86, quality: 95 }, P).value).toEqual({
      capaRequired: true,
      owner: 'office',
      lowDimensions: ['delivery'],
    });
    expect(surveyFollowUp({ delivery: 92 }, P).value.capaRequired).toBe(false);
  });

  it('asks the general office for corrective action below the configured target of 85 (S000B-FOLLOWUP-14)', () => {
    const P = defineServicePolicy({
      ...s000bSalesInfoPolicy,
      params: {
        ...s000bSalesInfoPolicy.params,
        surveys: { ...s000bSalesInfoPolicy.params.surveys, targetScore: 85 },
      },
    });
    expect(surveyFollowUp({ delivery: 78, quality: 90 }, P).value).toEqual({
      capaRequired: true,
      owner: 'generalOffice',
      lowDimensions: ['delivery'],
    });
    expect(surveyFollowUp({ delivery: 88, quality: 90 }, P).value).toEqual({
      capaRequired: false,
      owner: 'generalOffice',
      lowDimensions: [],
    });
  });

  it('counts complaints by category for the analysis report (S002-INFO-02)', () => {
    const list = [...Array(7).fill({ category: 'leak' }), ...Array(5).fill({ category: 'noise' })];
    expect(countByCategory(list).value).toEqual({ leak: 7, noise: 5 });
    expect(countByCategory([]).value).toEqual({});
    expect(() => countByCategory([{ category: '' }])).toThrow(ZhiduError);
  });

  it('refuses an unknown KPI key', () => {
    expect(() => measureKpi('nope', [], s002CsProcedurePolicy)).toThrow(ZhiduError);
  });
});
