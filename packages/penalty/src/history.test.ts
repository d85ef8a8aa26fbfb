import { chinaCalendar } from '@zhidu/calendar-cn';
import { PolicyHistory, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { penaltyEnforcement, penaltyLedger } from './modules.js';

// A fine of 50 CNY per occurrence, doubled from the 2nd in a month, raised to 80 CNY on 2024-03-15.
const version = (v: string, from: string, amount: number, tallyAcrossVersions?: 'continue' | 'restart') => ({
  id: 'late-file',
  version: v,
  effectiveFrom: from,
  zone: 'Asia/Shanghai',
  source: { title: '档案管理罚则' },
  params: {
    window: 'calendarMonth',
    latenessRounding: 'ceil',
    caps: [],
    ...(tallyAcrossVersions === undefined ? {} : { tallyAcrossVersions }),
    items: [
      {
        id: 'lateFile',
        rule: 'T-PENALTY-01',
        clause: 'art. 1',
        title: { zh: '档案逾期移交', en: 'Late file handover' },
        match: { code: 'records.handover.late' },
        tally: 'file',
        charges: [{ to: [{ kind: 'violator' }], outcome: { kind: 'fine', amount, per: 'occurrence' } }],
      },
    ],
    escalations: [
      {
        id: 'doubled',
        rule: 'T-PENALTY-02',
        clause: 'art. 2',
        tally: 'file',
        tiers: [{ from: 2, multiplier: 2 }],
      },
    ],
  },
});
const late = (occurredAt: string, personId = 'sc-1') => ({
  code: 'records.handover.late',
  personId,
  occurredAt,
  source: { module: 'records.handover', rule: 'S000-ARCHIVE-07' },
});
const historyOf = (tally?: 'continue' | 'restart') =>
  new PolicyHistory(penaltyLedger.schemas.params as never, [
    version('50', '2024-01-01', 5000),
    version('80', '2024-03-15', 8000, tally),
  ]);
const ctx = { now: '2024-03-31T12:00:00+08:00', calendar: chinaCalendar() };
const first = late('2024-03-08T10:00:00+08:00');
const violations = [first, late('2024-03-20T10:00:00+08:00')];

describe('penalty.ledger under a policy history (S000-PENALTY tally across versions)', () => {
  it('policy history: a violation before a fine change is priced at the old amount, after it at the new, the tally continuing by default', () => {
    const d = penaltyLedger.evaluate({ violations }, historyOf(), ctx);
    const lines = d.value.result.persons[0]?.periods[0]?.lines ?? [];
    expect(lines.map((l) => [l.id, l.amount, l.tallyIndex])).toEqual([
      ['sc-1/2024-03/#1', 5000, 1],
      ['sc-1/2024-03/#2', 16000, 2], // 80 CNY, the 2nd of the month: doubled
    ]);
    expect(d.value.result.total).toBe(21000);
    expect(d.value.result.scheduleVersion).toBe('50+80');
    const versions = d.trace.filter((t) => t.rule === 'zhidu.policy.version');
    expect(versions.map((t) => t.data?.version)).toEqual(['50', '80']);
    expect(versions[1]?.message.en).toContain('tallies continuing');
    // trace entries name the renumbered lines
    expect(d.trace.filter((t) => typeof t.data?.line === 'string').map((t) => t.data?.line)).toEqual([
      'sc-1/2024-03/#1',
      'sc-1/2024-03/#2',
    ]);
    expect(d.provenance.versions?.map((v) => v.version)).toEqual(['50', '80']);
  });

  it("policy history: tallyAcrossVersions 'restart' counts the month again from the change", () => {
    const d = penaltyLedger.evaluate({ violations }, historyOf('restart'), ctx);
    const lines = d.value.result.persons[0]?.periods[0]?.lines ?? [];
    expect(lines.map((l) => [l.amount, l.tallyIndex])).toEqual([
      [5000, 1],
      [8000, 1],
    ]);
    expect(d.value.result.total).toBe(13000);
  });

  it('policy history: one version in force for every violation prices as a plain policy would', () => {
    const one = [late('2024-03-16T10:00:00+08:00'), late('2024-03-20T10:00:00+08:00', 'sc-2')];
    const d = penaltyLedger.evaluate({ violations: one }, historyOf(), ctx);
    const plain = penaltyLedger.evaluate({ violations: one }, version('80', '2024-03-15', 8000), ctx);
    expect(d.value.result).toEqual(plain.value.result);
    expect(d.trace.slice(1)).toEqual(plain.trace);
  });

  it('policy history: a violation before every version is refused with policy_not_in_force at its path', () => {
    let caught: unknown;
    try {
      penaltyLedger.evaluate(
        { violations: [...violations, late('2023-12-01T10:00:00+08:00')] },
        historyOf(),
        ctx,
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ZhiduError);
    expect([(caught as ZhiduError).code, (caught as ZhiduError).path]).toEqual([
      'policy_not_in_force',
      ['input', 'violations', 2, 'occurredAt'],
    ]);
  });

  it('policy history: a refusal inside a later version names the violation index of the input', () => {
    const bad = { ...late('2024-03-20T10:00:00+08:00'), correctedAt: '2024-03-19T10:00:00+08:00' };
    let caught: unknown;
    try {
      penaltyLedger.evaluate({ violations: [first, bad] }, historyOf(), ctx);
    } catch (e) {
      caught = e;
    }
    expect([(caught as ZhiduError).code, (caught as ZhiduError).path]).toEqual([
      'out_of_order',
      ['input', 'violations', 1, 'correctedAt'],
    ]);
  });

  it("policy history: tallyAcrossVersions is refused when it is not 'continue' or 'restart'", () => {
    const bad = version('x', '2024-01-01', 5000);
    (bad.params as Record<string, unknown>).tallyAcrossVersions = 'carry';
    let caught: unknown;
    try {
      penaltyLedger.policy(bad);
    } catch (e) {
      caught = e;
    }
    expect((caught as ZhiduError).path).toEqual(['policy', 'params', 'tallyAcrossVersions']);
    expect(penaltyEnforcement.historyReading).toBe('now');
  });
});
