import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { calendarDays, envelope, on, timer } from './helpers.js';

/**
 * Retail/franchise complaint procedure (000 L597–629): validation and acceptance by the supervisor,
 * admin-HR designating the handling department, the eight-step approval chain, operations customer
 * service owning the case with admin-HR supervising, closing within 7 days and the monthly
 * statistics by the 10th.
 *
 * @returns the validated policy
 * @example
 * retail000Preset().params.timers[0]?.id; //=> 'close7d'
 */
export function retail000Preset(): SlaPolicy {
  const t = (
    action: string,
    from: string[],
    to: string,
    roles: string[],
    rule: string,
    clause: string,
    requires: string[] = [],
  ) => ({
    action,
    from,
    to,
    roles,
    requires,
    rule,
    clause,
  });
  return defineSlaPolicy({
    ...envelope('zhidu.sla.retail-000', '客户管理制度(零售投诉处理程序)', '000 L597–629'),
    params: {
      timers: [
        timer({
          id: 'close7d',
          rule: 'S000-COMPLAINT-17',
          clause: '000 L625',
          zh: '接到投诉7天内结案',
          en: 'Closed within 7 days of receipt',
          start: 'received',
          stop: 'closed',
          cancel: [on('rejectedCustomerCause')],
          target: { kind: 'duration', spec: calendarDays(7) },
          breach: {
            code: 'sla.complaint.S000-COMPLAINT-17',
            roles: ['opsCustomerService'],
            lateness: { unit: 'calendarDays', rounding: 'ceil' },
          },
        }),
      ],
      recurring: [
        {
          id: 'monthlyStats',
          rule: 'S000-COMPLAINT-18',
          clause: '000 L627',
          title: {
            zh: '每月初10日内填报投诉统计表',
            en: 'Monthly complaint statistics within the first 10 days',
          },
          due: { kind: 'dayOfMonth', day: 10, inclusive: true },
          done: [on('complaintStatsSubmitted')],
        },
      ],
      workflows: [
        {
          id: 'retailComplaint',
          rule: 'S000-COMPLAINT-15',
          clause: '000 L605–615',
          initial: 'received',
          final: ['closed', 'rejectedCustomerCause'],
          transitions: [
            t('accept', ['received'], 'accepted', ['supervisor'], 'S000-COMPLAINT-13', '000 L605', [
              'groundsChecked',
            ]),
            t(
              'reject',
              ['received'],
              'rejectedCustomerCause',
              ['supervisor'],
              'S000-COMPLAINT-13',
              '000 L605',
              ['explanationSentAt'],
            ),
            t(
              'assignHandlingDept',
              ['accepted'],
              'investigating',
              ['adminHr'],
              'S000-COMPLAINT-14',
              '000 L607',
              ['handlingDept'],
            ),
            t(
              'submitReport',
              ['investigating'],
              'supervisorReview1',
              ['handlingDept'],
              'S000-COMPLAINT-15',
              '000 L609',
              ['investigationReport'],
            ),
            t(
              'supervisorApprove',
              ['supervisorReview1'],
              'adminHrReview',
              ['deptSupervisor'],
              'S000-COMPLAINT-15',
              '000 L609',
            ),
            t('adminHrSubmit', ['adminHrReview'], 'gmReview', ['adminHr'], 'S000-COMPLAINT-15', '000 L611', [
              'adminHrOpinion',
            ]),
            t(
              'gmReply',
              ['gmReview'],
              'handlingOpinion',
              ['generalManager'],
              'S000-COMPLAINT-15',
              '000 L611',
            ),
            t(
              'formOpinion',
              ['handlingOpinion'],
              'supervisorReview2',
              ['handlingDept'],
              'S000-COMPLAINT-15',
              '000 L613',
              ['handlingOpinionText'],
            ),
            t(
              'supervisorApproveOpinion',
              ['supervisorReview2'],
              'opsCsReply',
              ['deptSupervisor'],
              'S000-COMPLAINT-15',
              '000 L613',
            ),
            t(
              'replyCustomer',
              ['opsCsReply'],
              'replied',
              ['opsCustomerService'],
              'S000-COMPLAINT-15',
              '000 L615',
              ['replyMode'],
            ),
            t(
              'close',
              ['replied'],
              'closed',
              ['opsCustomerService'],
              'S000-COMPLAINT-16',
              '000 L623 以营运部客服为主',
            ),
            {
              action: 'superviseNote',
              from: ['*'],
              to: '*',
              roles: ['adminHr'],
              requires: ['note'],
              rule: 'S000-COMPLAINT-16',
              clause: '000 L623 检查、监督',
            },
          ],
        },
      ],
    },
  });
}
