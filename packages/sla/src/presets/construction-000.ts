import { expectObject } from '@zhidu/core';
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { constructionTimers } from './construction-000.timers.js';
import { envelope, is, on } from './helpers.js';

const CLAUSE = (line: string) => `000 L${line}`;

/** Readings of the construction regulation a company may choose differently. */
export type Construction000Options = {
  /** Subjects of the monthly duties (projects for 000 L373, departments for L387/L437). */
  projects?: string[];
  departments?: string[];
  /** 000 L427 fines the EMC director for a PDC duty, as written (default); set 'pdcDirector' to fine the owner. */
  milestone23Role?: 'emcDirector' | 'pdcDirector';
  /** 000 L433/L437 "5日前": by the end of the 5th (default, inclusive) or before the 5th begins. */
  fifthInclusive?: boolean;
  /** 000 L451: whether the 50 CNY/24 h of L459 also covers the 10-day re-check implementation (default true). */
  recheckImplementationFined?: boolean;
};

/**
 * Construction and settlement milestones of 000 §8 (房地产客户管理制度 = engineering management,
 * 000 L349–595): completion and handover standards, meetings, drawing and design review, settlement
 * and progress-payment limits, each with the fine the regulation attaches. Subjects are projects,
 * phases, works types or settlement packages; the events are named after the facts (`mainStructureCompleted`,
 * `completionStandardMet`…). Breaches emit `sla.milestone.<id>` violations to the named directors.
 *
 * @param options - readings the company may choose differently
 * @returns the validated policy
 * @example
 * const ctx = makeContext({ now: '2024-06-01T00:00:00+08:00', calendar: chinaCalendar() });
 * const { value } = evaluateTimers([
 *   { type: 'mainStructureCompleted', subject: 'b1', at: '2024-01-10T12:00:00+08:00',
 *     assignees: { emcDirector: 'e1', pdcDirector: 'p1' } },
 *   { type: 'completionStandardMet', subject: 'b1', at: '2024-04-12T10:00:00+08:00' },
 * ], construction000Preset(), ctx);
 * const completion = value.find((t) => t.timerId === 'M01.completionStandard');
 * completion?.lateness?.units; //=> 3 (3 started 24 h blocks: 300 + 300 CNY with @zhidu/penalty)
 * completion?.violations.map((v) => v.personId); //=> ['e1', 'p1']
 */
export function construction000Preset(options: Construction000Options = {}): SlaPolicy {
  expectObject(options, ['options']);
  const projects = options.projects ?? ['project'];
  const departments = options.departments ?? ['department'];
  const fifthInclusive = options.fifthInclusive ?? true;
  const timers = constructionTimers(options);
  const fifth = { kind: 'dayOfMonth' as const, day: 5, inclusive: fifthInclusive };
  return defineSlaPolicy({
    ...envelope('zhidu.sla.construction-000', '房地产客户管理制度(工程管理)', '000 L349–595'),
    params: {
      timers,
      recurring: [
        {
          id: 'M04.exchangeMeeting',
          rule: 'S000-MILESTONE-04',
          clause: CLAUSE('373'),
          title: {
            zh: '每月至少一次工程建设交流例会',
            en: 'At least one engineering exchange meeting a month',
          },
          due: { kind: 'endOfMonth' },
          done: [on('exchangeMeetingHeld')],
          subjects: projects,
          breach: {
            code: 'sla.milestone.S000-MILESTONE-04',
            roles: ['emcDirector'],
            lateness: { unit: 'calendarDays', rounding: 'ceil' },
          },
        },
        {
          id: 'M09.workPlan',
          rule: 'S000-MILESTONE-09',
          clause: CLAUSE('387'),
          title: { zh: '每月28日17:00前报下月工作计划', en: "Next month's plan by 17:00 on the 28th" },
          due: { kind: 'dayOfMonth', day: 28, time: '17:00', inclusive: true },
          done: [on('workPlanSubmitted', [is('deptHeadApproved', true)])],
          subjects: departments,
          breach: {
            code: 'sla.milestone.S000-MILESTONE-09',
            roles: ['deptHead'],
            lateness: { unit: 'calendarDays', rounding: 'ceil' },
          },
        },
        {
          id: 'M26.salesFeedbackMeeting',
          rule: 'S000-MILESTONE-26',
          clause: CLAUSE('433'),
          title: { zh: '每月5日前召开销售问题反馈会议', en: 'Sales-feedback meeting by the 5th' },
          due: fifth,
          done: [on('salesFeedbackMeetingHeld', [is('feedbackSent', true)])],
          subjects: projects,
          breach: {
            code: 'sla.milestone.S000-MILESTONE-26',
            roles: ['mpcDirector'],
            lateness: { unit: 'calendarDays', rounding: 'ceil' },
          },
        },
        {
          id: 'M27.rectification',
          rule: 'S000-MILESTONE-27',
          clause: CLAUSE('437'),
          title: {
            zh: '每月5日前整改上月问题并书面报告',
            en: "Last month's issues rectified and reported by the 5th",
          },
          due: fifth,
          done: [on('mpcIssuesRectified', [is('reportSent', true)])],
          subjects: departments,
          breach: {
            code: 'sla.milestone.S000-MILESTONE-27',
            roles: ['departmentDirector'],
            lateness: { unit: 'calendarDays', rounding: 'ceil' },
          },
        },
      ],
      checklists: [
        {
          id: 'M03.attendance',
          rule: 'S000-MILESTONE-03',
          clause: CLAUSE('363'),
          title: { zh: '综合开发计划评审会签到会签表', en: 'Countersigned forms of the plan review meeting' },
          // Flag only: the seed fines a late meeting, not a missing form.
          items: ['cengo', 'designInstitute', 'pmc', 'ccc', 'pdc', 'amc', 'mpc', 'propertyCompany'].map(
            (field) => ({ field, equals: true }),
          ),
        },
        {
          id: 'M02.handoverCertificates',
          rule: 'S000-MILESTONE-02',
          clause: CLAUSE('357'),
          title: { zh: '交楼标准证照', en: 'Handover certificates' },
          items: [
            { field: 'planningAcceptanceCertificate', equals: true },
            { field: 'qualitySupervisionOpinion', equals: true },
            {
              field: 'civilAirDefenceFiling',
              equals: true,
              when: [{ attribute: 'civilAirDefenceRequired', notIn: [false] }],
            },
            { field: 'fireAcceptanceOpinion', equals: true },
            { field: 'environmentalAcceptanceOpinion', equals: true },
            { field: 'completionAcceptanceFiling', equals: true },
            { field: 'handoverPermit', equals: true },
          ],
        },
        {
          id: 'M20.preCompletion',
          rule: 'S000-MILESTONE-20',
          clause: CLAUSE('415'),
          title: { zh: '竣工前水电气等十三项', en: 'The 13 pre-completion items' },
          items: [
            { field: 'water', equals: true },
            { field: 'power', equals: true },
            { field: 'gas', equals: true, when: [{ attribute: 'gasSupply', notIn: [false] }] },
            { field: 'tv', equals: true },
            { field: 'telecom', equals: true },
            { field: 'smartSystems', equals: true },
            { field: 'emergencyBackupPower', equals: true },
            { field: 'roadsAndEnvironment', equals: true },
            { field: 'elevatorCertificate', equals: true },
            { field: 'fireCertificate', equals: true },
            { field: 'gasCertificate', equals: true, when: [{ attribute: 'gasSupply', notIn: [false] }] },
            { field: 'unitQualityAcceptanceRecord', equals: true },
            { field: 'starHygiene', equals: true },
          ],
          breach: { code: 'sla.milestone.S000-MILESTONE-20', roles: ['emcDirector'] },
        },
      ],
      routing: [
        {
          id: 'M41.designIssueRoute',
          rule: 'S000-MILESTONE-41',
          clause: CLAUSE('519'),
          routes: [
            { when: [is('affectsCost', true)], result: { route: 'FAX_TO_CENGO' } },
            { when: [is('affectsAppearance', true)], result: { route: 'FAX_TO_CENGO' } },
            { when: [is('affectsFunction', true)], result: { route: 'FAX_TO_CENGO' } },
          ],
          otherwise: { route: 'EMC_ONSITE' },
        },
      ],
    },
  });
}
