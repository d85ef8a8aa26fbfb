import { expectObject } from '@zhidu/core';
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { envelope, is, on, timer } from './helpers.js';

/** Options for new-customer development projects (001 L338–412). */
export type NewCustomerDevelopment001Options = {
  /** "連續三個月累計供應:" — blank in the source; no default. */
  threeMonthSupplyThreshold?: number;
  /** "月度批量供應:" — blank in the source; no default. */
  monthlySupplyThreshold?: number;
  /** Whether checkpoint clocks stop while a project is paused (001 L382: not stated; default true). */
  pauseStopsClocks?: boolean;
};

/**
 * New-customer development projects (001 精選篇4, L338–412): the bar for opening a project
 * (≥ 3,000,000 cast balls or ≥ 1,000,000 equipment a year, not already a customer), the approval chain,
 * checkpoints at 3, 6 and 12 months, termination with cost reconciliation, pausing and resuming, and
 * hand-over to the sales company once monthly supply reaches the (blank) threshold.
 *
 * @param options - the blank thresholds, and whether pauses stop the checkpoint clocks
 * @returns the validated policy
 * @example
 * classifyComplaint({ inDirectory: false, castBallYuan: 3_000_000 }, newCustomerDevelopment001Preset().params).value.attributes.qualifies; //=> true
 */
export function newCustomerDevelopment001Preset(options: NewCustomerDevelopment001Options = {}): SlaPolicy {
  expectObject(options, ['options']);
  const pauses = options.pauseStopsClocks ?? true;
  const checkpoint = (
    id: string,
    months: number,
    stop: string,
    zh: string,
    en: string,
    consequence: string,
  ) =>
    timer({
      id,
      rule: 'S001-MILE-03',
      clause: '001 L378',
      zh,
      en,
      start: 'projectApproved',
      stop,
      cancel: [on('projectTerminated'), on('projectCompleted')],
      ...(pauses ? { pause: [on('projectPaused')], resume: [on('projectResumed')] } : {}),
      target: { kind: 'duration', spec: { unit: 'calendarMonths', amount: months, at: 'sameTime' } },
      consequences: [consequence],
    });
  return defineSlaPolicy({
    ...envelope(
      'zhidu.sla.new-customer-development-001',
      '銷售部門新客戶開發管理辦法(精選篇4)',
      '001 L338–412',
    ),
    params: {
      timers: [
        checkpoint(
          'checkpoint3m',
          3,
          'obviousProgress',
          '立項后三個月內應有明顯進展',
          'Obvious progress within 3 months',
          'specialAttention',
        ),
        checkpoint(
          'checkpoint6m',
          6,
          'substantiveBreakthrough',
          '立項后六個月內應有實質性突破',
          'Substantive breakthrough within 6 months',
          'specialStudy',
        ),
        checkpoint(
          'checkpoint12m',
          12,
          'developmentStandardMet',
          '立項后一年內達到新項目開發標準',
          'Development standard within 12 months',
          'writtenReportRequired',
        ),
      ],
      routing: [
        {
          id: 'qualification',
          rule: 'S001-MILE-01',
          clause: '001 L368',
          routes: [
            {
              when: [is('inDirectory', false), { attribute: 'castBallYuan', gte: 3_000_000 }],
              result: { qualifies: true },
            },
            {
              when: [is('inDirectory', false), { attribute: 'equipmentYuan', gte: 1_000_000 }],
              result: { qualifies: true },
            },
          ],
          otherwise: { qualifies: false },
        },
        ...(options.monthlySupplyThreshold === undefined
          ? []
          : [
              {
                id: 'completion',
                rule: 'S001-MILE-06',
                clause: '001 L384',
                routes: [
                  {
                    when: [{ attribute: 'monthlySupply', gte: options.monthlySupplyThreshold }],
                    result: { complete: true, handoverTo: 'salesCompany' },
                  },
                ],
                otherwise: { complete: false },
              },
            ]),
        ...(options.threeMonthSupplyThreshold === undefined
          ? []
          : [
              {
                id: 'developmentStandard',
                rule: 'S001-MILE-03',
                clause: '001 L378',
                routes: [
                  {
                    when: [{ attribute: 'threeMonthSupply', gte: options.threeMonthSupplyThreshold }],
                    result: { developmentStandardMet: true },
                  },
                ],
                otherwise: { developmentStandardMet: false },
              },
            ]),
      ],
      workflows: [
        {
          id: 'project',
          rule: 'S001-MILE-02',
          clause: '001 L372–384',
          initial: 'draft',
          final: ['closed', 'terminated', 'rejected'],
          transitions: [
            {
              action: 'submit',
              from: ['draft'],
              to: 'submitted',
              requires: ['applicationForm'],
              rule: 'S001-MILE-02',
              clause: '001 L372',
            },
            {
              action: 'evaluate',
              from: ['submitted'],
              to: 'groupEvaluated',
              roles: ['reviewGroup'],
              requires: ['feasibility'],
              rule: 'S001-MILE-02',
              clause: '001 L372',
            },
            {
              action: 'deputyReview',
              from: ['groupEvaluated'],
              to: 'deputyReviewed',
              roles: ['deputyLeader'],
              rule: 'S001-MILE-02',
              clause: '001 L372',
            },
            {
              action: 'approve',
              from: ['deputyReviewed'],
              to: 'active',
              roles: ['leader'],
              rule: 'S001-MILE-02',
              clause: '001 L372 由組長批準執行',
            },
            {
              action: 'reject',
              from: ['submitted', 'groupEvaluated', 'deputyReviewed'],
              to: 'rejected',
              roles: ['reviewGroup', 'deputyLeader', 'leader'],
              rule: 'S001-MILE-02',
              clause: '001 L372',
            },
            {
              action: 'pause',
              from: ['active'],
              to: 'paused',
              requires: ['pauseReason'],
              rule: 'S001-MILE-05',
              clause: '001 L382',
            },
            { action: 'resume', from: ['paused'], to: 'active', rule: 'S001-MILE-05', clause: '001 L382' },
            {
              action: 'terminate',
              from: ['active', 'paused'],
              to: 'terminated',
              requires: ['writtenApplication', 'reviewGroupApproval', 'costReconciliation'],
              rule: 'S001-MILE-04',
              clause: '001 L380 應對費用進行核算',
            },
            {
              action: 'terminate',
              from: ['active', 'paused'],
              to: 'terminated',
              requires: ['writtenApplication', 'reviewGroupApproval'],
              guard: [{ attribute: 'spentYuan', lte: 0 }],
              rule: 'S001-MILE-04',
              clause: '001 L380',
            },
            {
              action: 'complete',
              from: ['active'],
              to: 'closed',
              requires: ['handedOverToSalesCompany'],
              rule: 'S001-MILE-06',
              clause: '001 L384',
            },
          ],
        },
      ],
    },
  });
}
