import { expectObject } from '@zhidu/core';
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { calendarDays, envelope, hours, on, timer } from './helpers.js';

const GRIEVANCE_CAUSES = [
  ['inadequateService', '服務不到位', 'inadequate service'],
  ['employeeSelfishness', '員工自私自利', 'employee selfishness'],
  ['employeeAttitude', '員工工作態度', 'employee attitude'],
  ['interDepartmentDispute', '部門之間的爭執', 'dispute between departments'],
  ['other', '其他方面', 'other'],
] as const;

/** Options for the conference-marketing grievance rules (001 L68–74). */
export type ConferenceMarketing001Options = {
  /** How "三日之內" is counted: 72 hours from discovery (default) or to the end of the 2nd calendar day after it. */
  resolutionClock?: '72h' | 'calendarDays';
};

/**
 * Conference-marketing (會議營銷) grievance rules (001 精選篇1, L68–74): grievance causes; 100 CNY to
 * the employee for each grievance found without a formal complaint, 100 CNY each to the department
 * manager and the employee for a complaint to the senior executive (姜總); and when a grievance is
 * not resolved within 3 days, 500 CNY each and the customer moves to another department.
 *
 * @param options - how the 3 days are counted
 * @returns the validated policy
 * @example
 * const log = [
 *   { type: 'grievanceFound', subject: 'g1', at: '2024-05-01T09:00:00+08:00',
 *     assignees: { employee: 'e1', deptManager: 'm1' } },
 *   { type: 'grievanceResolved', subject: 'g1', at: '2024-05-05T09:00:00+08:00' },
 * ];
 * const ctx = makeContext({ now: '2024-05-06T00:00:00+08:00', calendar: chinaCalendar() });
 * // the 100 CNY fine for a grievance found without a formal complaint
 * evaluateIncidents(log, conferenceMarketing001Preset(), ctx).value.map((v) => v.personId); //=> ['e1']
 * // the 3-day deadline: 500 CNY each and the customer moves to another department
 * const [timer] = evaluateTimers(log, conferenceMarketing001Preset(), ctx).value;
 * timer?.status; //=> 'breached'
 * timer?.violations.map((v) => v.personId); //=> ['m1', 'e1']
 */
export function conferenceMarketing001Preset(options: ConferenceMarketing001Options = {}): SlaPolicy {
  expectObject(options, ['options']);
  const complained = { attribute: 'formalComplaintToExecutive', equals: true };
  const notComplained = { attribute: 'formalComplaintToExecutive', notIn: [true] };
  return defineSlaPolicy({
    ...envelope('zhidu.sla.conference-marketing-001', '企業客戶管理規章制度精選篇1(會議營銷)', '001 L12–74'),
    params: {
      timers: [
        timer({
          id: 'grievance3d',
          rule: 'S001-COMPLAINT-04',
          clause: '001 L74',
          zh: '三日之內處理好顧客抱怨',
          en: 'Grievance resolved within 3 days',
          start: 'grievanceFound',
          stop: 'grievanceResolved',
          target: {
            kind: 'duration',
            spec: options.resolutionClock === 'calendarDays' ? calendarDays(2) : hours(72),
          },
          breach: {
            code: 'sla.grievance.S001-COMPLAINT-04',
            roles: ['deptManager', 'employee'],
            lateness: { unit: 'blocks24h', rounding: 'ceil' },
          },
          consequences: ['transferCustomerToOtherDepartment'],
        }),
      ],
      incidents: [
        {
          id: 'grievanceWithoutComplaint',
          rule: 'S001-COMPLAINT-02',
          clause: '001 L72',
          title: { zh: '顧客未投訴而發現抱怨', en: 'Grievance found without a formal complaint' },
          on: on('grievanceFound', [notComplained]),
          breach: { code: 'sla.grievance.S001-COMPLAINT-02', roles: ['employee'] },
        },
        {
          id: 'complaintToExecutive',
          rule: 'S001-COMPLAINT-03',
          clause: '001 L72',
          title: { zh: '顧客向姜總投訴', en: 'Formal complaint to the senior executive' },
          on: on('grievanceFound', [complained]),
          breach: { code: 'sla.grievance.S001-COMPLAINT-03', roles: ['deptManager', 'employee'] },
        },
      ],
      flagRules: GRIEVANCE_CAUSES.map(([code, zh, en]) => ({
        code,
        group: 'cause',
        rule: 'S001-COMPLAINT-01',
        clause: '001 L68',
        label: { zh: `抱怨原因:${zh}`, en: `grievance cause: ${en}` },
        when: [{ attribute: 'causes', includes: code }],
      })),
      intake: [{ field: 'causes', rule: 'S001-COMPLAINT-01', clause: '001 L68' }],
    },
  });
}
