import { expectObject } from '@zhidu/core';
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { envelope, is, timer, workingDays } from './helpers.js';

/** Options for the dealer complaint regulation (000 L701–770, copy at L1209–1303). */
export type Dealer000Options = {
  /** When the 1-working-day solution clock starts (S000B-COMPLAINT-04): assignment (default) or receipt. */
  solutionClockFrom?: 'assigned' | 'received';
  /** Category → handling department (S000-COMPLAINT-19: not given; defaults are the catalog's reading). */
  categoryToDept?: Record<string, string>;
};

const DEALER_CATEGORIES = [
  'productQuality',
  'newCarSalesContract',
  'repairQuality',
  'serviceQuality',
  'suggestion',
];

/**
 * Complaint handling at a car dealer (000 L701–770; full copy at L1209–1303): scope, intake record,
 * triage by the CR manager, the general procedure (solution within 1 working day, GM approval before
 * the customer is told, satisfaction check, summary) and the major procedure (immediate transmission
 * to the responsible manager and GM, emergency meeting, joint negotiation), role permissions and the
 * responsibility principle.
 *
 * @param options - clock start and routing table
 * @returns the validated policy
 * @example
 * const general = dealer000Preset().params.workflows.find((w) => w.id === 'general')!;
 * const crManager = { personId: 'u-cr', role: 'crManager' };
 * const steps = [
 *   { action: 'record', at: '2024-03-05T09:00:00+08:00', actor: crManager,
 *     facts: { content: '保养后异响', complainant: '王先生' } },
 *   { action: 'triage', at: '2024-03-05T09:30:00+08:00', actor: crManager,
 *     facts: { category: 'repairQuality', groundsSufficient: true, demandReasonable: true,
 *       handlingDept: 'afterSales', handlerId: 'u-svc' } },
 * ];
 * const ctx = makeContext({ now: '2024-03-05T12:00:00+08:00' });
 * runWorkflow(steps, general, ctx).value.state; //=> 'triaged'
 * // the handling department's solution is due within 1 working day of the assignment
 * dealer000Preset().params.timers[0]?.id; //=> 'solution1wd'
 */
export function dealer000Preset(options: Dealer000Options = {}): SlaPolicy {
  expectObject(options, ['options']);
  const routing = options.categoryToDept ?? {
    productQuality: 'afterSales',
    repairQuality: 'afterSales',
    newCarSalesContract: 'sales',
    serviceQuality: 'servingDepartment',
    suggestion: 'crDept',
  };
  const solutionStart = options.solutionClockFrom === 'received' ? 'received' : 'assigned';
  const cr = ['crConsultant', 'crSpecialist', 'crManager'];
  return defineSlaPolicy({
    ...envelope('zhidu.sla.dealer-000', '客户管理制度(汽车4S店客户投诉处理)', '000 L701–770, L1209–1303'),
    params: {
      timers: [
        timer({
          // S000-COMPLAINT-20 (L747) and S000B-COMPLAINT-04 (L1285) are the same clause in the two copies.
          id: 'solution1wd',
          rule: 'S000B-COMPLAINT-04',
          clause: '000 L747 / L1285',
          zh: '一般投诉:一个工作日内提出解决办法',
          en: 'General complaint: solution within 1 working day',
          appliesWhen: [is('level', 'general')],
          start: solutionStart,
          stop: 'solutionProposed',
          target: { kind: 'duration', spec: workingDays(1) },
          breach: {
            code: 'sla.complaint.S000B-COMPLAINT-04.late',
            roles: ['handlingOwner'],
            lateness: { unit: 'workingDays', rounding: 'ceil' },
          },
        }),
      ],
      routing: [
        {
          id: 'scope',
          rule: 'S000B-COMPLAINT-01',
          clause: '000 L1213–1223',
          routes: [{ when: [{ attribute: 'category', in: DEALER_CATEGORIES }], result: { inScope: true } }],
          otherwise: { inScope: false },
        },
        {
          id: 'handlingDept',
          rule: 'S000-COMPLAINT-19',
          clause: '000 L745 / L1283',
          routes: Object.entries(routing).map(([category, dept]) => ({
            when: [is('category', category)],
            result: { handlingDept: dept },
          })),
        },
      ],
      intake: [
        { field: 'receivedAt', rule: 'S000B-COMPLAINT-02', clause: '000 L1281' },
        { field: 'content', rule: 'S000B-COMPLAINT-02', clause: '000 L1281' },
        { field: 'complainant', rule: 'S000B-COMPLAINT-02', clause: '000 L1281' },
        {
          field: 'complainantPlateNo',
          rule: 'S000B-COMPLAINT-02',
          clause: '000 L1281',
          requiredWhen: [{ attribute: 'category', in: ['repairQuality', 'productQuality'] }],
        },
        { field: 'recordedBy', rule: 'S000B-COMPLAINT-02', clause: '000 L1281' },
      ],
      workflows: [
        {
          id: 'general',
          rule: 'S000B-COMPLAINT-06',
          clause: '000 L1279–1291',
          initial: 'new',
          final: ['closed'],
          transitions: [
            {
              action: 'record',
              from: ['new'],
              to: 'recorded',
              roles: ['crConsultant', 'crManager'],
              requires: ['content', 'complainant'],
              rule: 'S000B-COMPLAINT-06',
              clause: '000 L1281',
            },
            {
              action: 'triage',
              from: ['recorded'],
              to: 'triaged',
              roles: cr,
              requires: ['category', 'groundsSufficient', 'demandReasonable', 'handlingDept', 'handlerId'],
              rule: 'S000B-COMPLAINT-03',
              clause: '000 L1283',
            },
            {
              action: 'proposeSolution',
              from: ['triaged'],
              to: 'solutionProposed',
              roles: ['salesManager', 'serviceManager'],
              requires: ['cause', 'solution'],
              rule: 'S000B-COMPLAINT-08',
              clause: '000 L1263–1267',
            },
            {
              action: 'approveSolution',
              from: ['solutionProposed'],
              to: 'gmApproved',
              roles: ['generalManager'],
              rule: 'S000B-COMPLAINT-05',
              clause: '000 L1287 / L749',
            },
            {
              action: 'notifyCustomer',
              from: ['gmApproved'],
              to: 'customerNotified',
              roles: ['crSpecialist', 'crManager'],
              requires: ['customerReaction'],
              rule: 'S000-COMPLAINT-21',
              clause: '000 L749',
            },
            {
              action: 'checkSatisfaction',
              from: ['customerNotified'],
              to: 'satisfactionChecked',
              requires: ['satisfaction'],
              rule: 'S000-COMPLAINT-21',
              clause: '000 L751',
            },
            {
              action: 'summarize',
              from: ['satisfactionChecked'],
              to: 'summarized',
              requires: ['reviewSummary'],
              rule: 'S000B-COMPLAINT-06',
              clause: '000 L1291',
            },
            {
              action: 'close',
              from: ['summarized'],
              to: 'closed',
              requires: ['handlingOwner', 'causingDept'],
              rule: 'S000-COMPLAINT-23',
              clause: '000 L733–735',
            },
          ],
        },
        {
          id: 'major',
          rule: 'S000B-COMPLAINT-07',
          clause: '000 L1293–1303',
          initial: 'new',
          final: ['closed'],
          transitions: [
            {
              action: 'record',
              from: ['new'],
              to: 'recorded',
              roles: ['crConsultant', 'crManager'],
              requires: ['content', 'complainant'],
              rule: 'S000B-COMPLAINT-07',
              clause: '000 L1295',
            },
            {
              action: 'escalate',
              from: ['recorded'],
              to: 'escalated',
              roles: ['crManager'],
              requires: ['notifiedResponsibleDeptManagerAt', 'notifiedGeneralManagerAt'],
              rule: 'S000-COMPLAINT-22',
              clause: '000 L759',
            },
            {
              action: 'holdEmergencyMeeting',
              from: ['escalated'],
              to: 'emergencyMeetingHeld',
              requires: ['meetingAt'],
              rule: 'S000-COMPLAINT-22',
              clause: '000 L759 立即召紧急会议',
            },
            {
              action: 'draftSolution',
              from: ['emergencyMeetingHeld'],
              to: 'solutionDrafted',
              requires: ['solution'],
              rule: 'S000B-COMPLAINT-07',
              clause: '000 L1299',
            },
            {
              action: 'negotiate',
              from: ['solutionDrafted'],
              to: 'negotiated',
              requires: ['businessDeptManagerPresent', 'crManagerPresent'],
              guard: [is('businessDeptManagerPresent', true), is('crManagerPresent', true)],
              rule: 'S000B-COMPLAINT-07',
              clause: '000 L1299',
            },
            {
              action: 'checkSatisfaction',
              from: ['negotiated'],
              to: 'satisfactionChecked',
              requires: ['satisfaction'],
              rule: 'S000B-COMPLAINT-07',
              clause: '000 L1301',
            },
            {
              action: 'summarize',
              from: ['satisfactionChecked'],
              to: 'summarized',
              requires: ['reviewSummary'],
              rule: 'S000B-COMPLAINT-07',
              clause: '000 L1303',
            },
            {
              action: 'close',
              from: ['summarized'],
              to: 'closed',
              requires: ['handlingOwner', 'causingDept'],
              rule: 'S000-COMPLAINT-23',
              clause: '000 L733–735',
            },
          ],
        },
      ],
    },
  });
}
