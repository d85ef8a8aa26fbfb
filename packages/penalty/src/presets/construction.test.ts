import { makeContext, type ViolationInput, yuan } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { ledgerOf } from '../assess.js';
import { constructionSchedule } from './construction.js';

const roster = {
  emcDirector: 'emc',
  cengoHead: 'cengo',
  documentClerk: 'clerk',
  supervisingEngineer: 'eng',
  amcDirector: 'amc',
  mpcDirector: 'mpc',
};
const ctx = { ...makeContext({ now: '2024-12-31T12:00:00+08:00' }), roster };
const schedule = constructionSchedule();

function v(code: string, personId: string, extra: Partial<ViolationInput> = {}): ViolationInput {
  return {
    code,
    personId,
    occurredAt: '2024-06-10T10:00:00+08:00',
    source: { module: 'construction', rule: 'inspection' },
    ...extra,
  };
}

/** Per person: money total, demotion grades, line kinds. */
function run(violations: ViolationInput[]) {
  const { value } = ledgerOf(violations, schedule, ctx);
  const money: Record<string, number> = {};
  const grades: Record<string, [number, number]> = {};
  const kinds: Record<string, string[]> = {};
  for (const p of value.persons) {
    money[p.personId] = p.total;
    const g = p.periods.reduce(
      (a, x) => [a[0] + x.demotionGrades.min, a[1] + x.demotionGrades.max] as [number, number],
      [0, 0] as [number, number],
    );
    if (g[1] > 0) grades[p.personId] = g;
    kinds[p.personId] = p.periods.flatMap((x) => x.lines.map((l) => l.kind));
  }
  return { money, grades, kinds, value };
}

describe('construction management fines (seed 000 L349–595)', () => {
  it('fines the EMC director 500 CNY for starting before the plan is approved (S000-PENALTY-12)', () => {
    expect(run([v('construction.plan.startedUnapproved', 'emc', { role: 'emcDirector' })]).money).toEqual({
      emc: yuan(500),
    });
  });

  it('fines the responsible department head 100 CNY per omitted or wrong plan item (S000-PENALTY-13)', () => {
    expect(run([v('construction.plan.omission', 'head-mpc', { quantity: 2 })]).money).toEqual({
      'head-mpc': yuan(200),
    });
  });

  it('demotes the EMC director 1 grade per government notice and 2–3 per stop-work order: {4, 5} for two notices and one stop (S000-PENALTY-14)', () => {
    const r = run([
      v('construction.safety.governmentNotice', 'emc', { role: 'emcDirector', quantity: 2 }),
      v('construction.safety.stopWorkOrder', 'emc', { role: 'emcDirector' }),
    ]);
    expect(r.grades).toEqual({ emc: [4, 5] });
    expect(r.money).toEqual({ emc: 0 });
  });

  it('fines 100 CNY for no sample room or ledger and 100 per lost sample to the person responsible (S000-PENALTY-15)', () => {
    const r = run([
      v('construction.sampleRoom.missing', 'emc'),
      v('construction.sample.lost', 'p', { quantity: 2 }),
    ]);
    expect(r.money).toEqual({ emc: yuan(100), p: yuan(200) });
  });

  it('demotes the EMC director 1 grade for work to an unapproved adjusted sample (S000-PENALTY-16)', () => {
    expect(run([v('construction.sample.unapprovedAdjustment', 'emc')]).grades).toEqual({ emc: [1, 1] });
  });

  it('demotes the AMC director 2 grades per unqualified contractor admitted, and leaves GSC accountability open (S000-PENALTY-17)', () => {
    const r = run([
      v('construction.tender.unqualifiedAdmitted', 'amc', { quantity: 2 }),
      v('construction.contractor.unqualifiedConfirmed', 'pm-1'),
    ]);
    expect(r.grades).toEqual({ amc: [4, 4] });
    expect(r.kinds['pm-1']).toEqual(['unspecified']);
  });

  it('charges each preliminary-design problem over 10 per discipline: head 70, architecture lead 40, MEP lead 100 (S000-PENALTY-18)', () => {
    const r = run([
      v('construction.design.preliminaryProblems', 'lead-arch', { quantity: 12 }),
      v('construction.design.preliminaryProblems', 'lead-struct', { quantity: 9 }),
      v('construction.design.preliminaryProblems', 'lead-mep', { quantity: 15 }),
    ]);
    expect(r.money).toEqual({ cengo: yuan(70), 'lead-arch': yuan(40), 'lead-mep': yuan(100) });
  });

  it('applies the same cap and rates to construction drawings: structure 25 → head 150, lead 300 (S000-PENALTY-19)', () => {
    expect(run([v('construction.design.drawingProblems', 'lead', { quantity: 25 })]).money).toEqual({
      cengo: yuan(150),
      lead: yuan(300),
    });
  });

  it('fines the EMC director 200 CNY for a design change not submitted for approval (S000-PENALTY-20)', () => {
    expect(
      run([v('construction.design.changeUnapproved', 'x', { role: 'emcDirector', personId: 'emc' })]).money,
    ).toEqual({ emc: yuan(200) });
  });

  it('decoration drawings: 13 problems → head 30, responsible 60; not reported → head 200 (S000-PENALTY-21)', () => {
    expect(run([v('construction.decoration.problems', 'r', { quantity: 13 })]).money).toEqual({
      cengo: yuan(30),
      r: yuan(60),
    });
    expect(run([v('construction.decoration.notReported', 'x')]).money).toEqual({ cengo: yuan(200) });
  });

  it('fines the CEngO head 500 CNY for a vertical design not organised as required (S000-PENALTY-22)', () => {
    expect(run([v('construction.design.verticalUnorganised', 'cengo', { role: 'cengoHead' })]).money).toEqual(
      { cengo: yuan(500) },
    );
  });

  it('fines the CEngO head and the document clerk 50 CNY each per unstamped sheet (S000-PENALTY-23)', () => {
    expect(
      run([v('construction.drawing.unstamped', 'clerk', { role: 'documentClerk', quantity: 3 })]).money,
    ).toEqual({
      clerk: yuan(150),
      cengo: yuan(150),
    });
  });

  it('caps review errors at 10 for main disciplines and 5 for others: arch 13 + electrical 7 → 60, 40, head 50 (S000-PENALTY-24)', () => {
    const r = run([
      v('construction.review.errors', 'arch', { quantity: 13, data: { disciplineGroup: 'main' } }),
      v('construction.review.errors', 'elec', { quantity: 7, data: { disciplineGroup: 'other' } }),
    ]);
    expect(r.money).toEqual({ arch: yuan(60), elec: yuan(40), cengo: yuan(50) });
  });

  it('fines each approved design-error change 50 to the responsible person and 20 to the head (S000-PENALTY-25)', () => {
    expect(run([v('construction.design.errorChange', 'd', { quantity: 2 })]).money).toEqual({
      d: yuan(100),
      cengo: yuan(40),
    });
  });

  it('demotes both 1 grade for a major loss and adds a GSC penalty for a serious one (S000-PENALTY-26)', () => {
    const major = run([v('construction.design.changeNotIssued', 'd', { data: { loss: 'major' } })]);
    expect(major.grades).toEqual({ d: [1, 1], cengo: [1, 1] });
    const serious = run([v('construction.design.changeNotIssued', 'd', { data: { loss: 'serious' } })]);
    expect(serious.kinds.d).toEqual(['demotion', 'unspecified']);
  });

  it('fines the EMC director 200 for no arrival ledger and 500 for approved material found non-compliant (S000-PENALTY-27, S000-PENALTY-28)', () => {
    expect(run([v('construction.material.noLedger', 'emc')]).money).toEqual({ emc: yuan(200) });
    expect(run([v('construction.material.nonCompliantAfterPermit', 'emc')]).money).toEqual({
      emc: yuan(500),
    });
  });

  it('fines the director and the engineer 500 each for an acceptance-authority breach and 200 each for a procedure breach (S000-PENALTY-29, S000-PENALTY-30)', () => {
    expect(
      run([v('construction.material.acceptanceAuthority', 'eng', { role: 'supervisingEngineer' })]).money,
    ).toEqual({
      emc: yuan(500),
      eng: yuan(500),
    });
    expect(
      run([v('construction.material.acceptanceProcedure', 'eng', { role: 'supervisingEngineer' })]).money,
    ).toEqual({
      emc: yuan(200),
      eng: yuan(200),
    });
  });

  it('fines the CEngO head 200 for a short spot check (S000-PENALTY-31)', () => {
    expect(run([v('construction.material.spotCheckShort', 'cengo')]).money).toEqual({ cengo: yuan(200) });
  });

  it('fines the MPC director 500 per missed weekly inspection and the EMC director 500 per unrectified issue (S000-PENALTY-32)', () => {
    const r = run([
      v('construction.inspection.weeklyMissed', 'mpc'),
      v('construction.inspection.issueUnrectified', 'emc'),
    ]);
    expect(r.money).toEqual({ mpc: yuan(500), emc: yuan(500) });
  });

  it('fines the signer 100 and the director 50 per failed item: E 200, director 100 (S000-PENALTY-33)', () => {
    expect(run([v('construction.works.spotCheckFailed', 'E', { quantity: 2 })]).money).toEqual({
      E: yuan(200),
      emc: yuan(100),
    });
  });

  it('demotes the responsible person 2 grades and fines the director 1,000 per item not built to drawings (S000-PENALTY-34)', () => {
    const r = run([v('construction.works.notPerDrawing', 'R', { quantity: 2 })]);
    expect(r.grades).toEqual({ R: [4, 4] });
    expect(r.money).toEqual({ R: 0, emc: yuan(2000) });
  });

  it('fines 100 and 50 per defect within 2 months of handover: 3 defects → 300 and 150 (S000-PENALTY-35)', () => {
    expect(run([v('construction.works.postHandoverDefect', 'R', { quantity: 3 })]).money).toEqual({
      R: yuan(300),
      emc: yuan(150),
    });
  });

  it('fines the director and the engineer 500 each per concealed work covered without acceptance (S000-PENALTY-36)', () => {
    expect(
      run([v('construction.works.concealedUnaccepted', 'eng', { role: 'supervisingEngineer', quantity: 2 })])
        .money,
    ).toEqual({
      emc: yuan(1000),
      eng: yuan(1000),
    });
  });

  it('fines geotechnical supervision breaches 100 to the director and 200 to the person: 2 missed signings → 200 and 400 (S000-PENALTY-37)', () => {
    expect(run([v('construction.survey.supervisionBreach', 'R', { quantity: 2 })]).money).toEqual({
      emc: yuan(200),
      R: yuan(400),
    });
  });

  it('fines an absent engineer 200 and each missed weekly CEngO check 100 (S000-PENALTY-38)', () => {
    expect(run([v('construction.survey.engineerAbsent', 'eng')]).money).toEqual({ eng: yuan(200) });
    expect(run([v('construction.survey.weeklyCheckMissed', 'cengo', { quantity: 2 })]).money).toEqual({
      cengo: yuan(200),
    });
  });

  it('fines pile arrival breaches 50 to the director and 100 to the person responsible (S000-PENALTY-39)', () => {
    expect(run([v('construction.pile.arrivalBreach', 'R')]).money).toEqual({ emc: yuan(50), R: yuan(100) });
  });

  it('records a pile-driving breach as a stop-work measure without inventing a fine (S000-PENALTY-40)', () => {
    const r = run([v('construction.pile.drivingBreach', 'eng')]);
    expect(r.money).toEqual({ eng: 0 });
    expect(r.value.persons[0]?.periods[0]?.lines[0]?.measures).toEqual(['stopPileWork']);
  });

  it('prices milestone breaches per started 24 h for each role the timer names (S000-MILESTONE-01)', () => {
    const late = { lateBy: { unit: 'hours' as const, units: 30, ms: 30 * 3_600_000 } };
    const r = run([
      v('sla.milestone.S000-MILESTONE-01', 'emc', { role: 'emcDirector', ...late }),
      v('sla.milestone.S000-MILESTONE-01', 'pdc', { role: 'pdcDirector', ...late }),
    ]);
    expect(r.money).toEqual({ emc: yuan(200), pdc: yuan(200) });
  });

  it('prices the 24 h opinion per started hour and the progress payment per day by role (S000-MILESTONE-41, S000-MILESTONE-34)', () => {
    const r = run([
      v('sla.milestone.S000-MILESTONE-41.opinion', 'cengo', {
        lateBy: { unit: 'hours', units: 3 },
      }),
      v('sla.milestone.S000-MILESTONE-34', 'eng', {
        role: 'supervisingEngineer',
        lateBy: { unit: 'calendarDays', units: 2 },
      }),
      v('sla.milestone.S000-MILESTONE-34', 'emc', {
        role: 'emcDirector',
        lateBy: { unit: 'calendarDays', units: 2 },
      }),
    ]);
    expect(r.money).toEqual({ cengo: yuan(30), eng: yuan(200), emc: yuan(100) });
  });
});
