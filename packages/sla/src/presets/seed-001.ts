import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { calendarDays, envelope, hours, is, on, timer } from './helpers.js';

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
 * evaluateIncidents(log, conferenceMarketing001Preset(), ctx); // the 100 CNY grievance fines
 * evaluateTimers(log, conferenceMarketing001Preset(), ctx);    // the 3-day deadline, 500 CNY each + transfer
 */
export function conferenceMarketing001Preset(options: ConferenceMarketing001Options = {}): SlaPolicy {
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

/** Options for the service-supervision regulation (001 L456–540). */
export type ServiceSupervision001Options = {
  /** Per-site on-site dispatch limits (001 L536 "不一樣時間"): not in the source, so no default. */
  onSiteMinutesBySite?: Record<string, number>;
};

/**
 * Service supervision for IT/project services (001 精選篇6, L456–540): technical service takes all
 * complaints, the monthly service-supervision report at month end, first-inquiry responsibility
 * (首問制), log-and-forward of every customer call, resolve-first-file-after, the hotline → remote →
 * on-site service tiers with per-site dispatch limits, and the major-fault chain with its analysis report.
 *
 * @param options - per-site on-site limits
 * @returns the validated policy
 * @example
 * classifyComplaint({ inRemit: true, oneStepResolvable: true }, serviceSupervision001Preset().params).value.attributes.action; //=> 'resolveNow'
 */
export function serviceSupervision001Preset(options: ServiceSupervision001Options = {}): SlaPolicy {
  const sites = Object.entries(options.onSiteMinutesBySite ?? {});
  return defineSlaPolicy({
    ...envelope('zhidu.sla.service-supervision-001', '企業客戶管理規章制度精選篇6(服務監督)', '001 L456–540'),
    params: {
      timers:
        sites.length === 0
          ? []
          : [
              timer({
                id: 'onSiteArrival',
                rule: 'S001-COMPLAINT-09',
                clause: '001 L536',
                zh: '現場服務:按站點規定時間抵達',
                en: 'On-site service: arrive within the site dispatch time',
                start: 'onSiteDispatched',
                stop: 'arrivedOnSite',
                target: {
                  kind: 'byAttribute',
                  cases: sites.map(([site, m]) => ({
                    when: [is('site', site)],
                    spec: { unit: 'minutes' as const, amount: m },
                  })),
                },
              }),
            ],
      recurring: [
        {
          id: 'supervisionReport',
          rule: 'S001-COMPLAINT-05',
          clause: '001 L462',
          title: { zh: '月底編制《服務監督報告》', en: 'Monthly service-supervision report at month end' },
          due: { kind: 'endOfMonth' },
          done: [on('supervisionReportSubmitted')],
        },
      ],
      routing: [
        {
          id: 'intakeOwner',
          rule: 'S001-COMPLAINT-05',
          clause: '001 L460',
          routes: [{ when: [], result: { intakeOwner: 'technicalService' } }],
        },
        {
          id: 'firstInquiry',
          rule: 'S001-COMPLAINT-06',
          clause: '001 L466–472',
          routes: [
            { when: [is('inRemit', true), is('oneStepResolvable', true)], result: { action: 'resolveNow' } },
            { when: [is('leaderPresent', true)], result: { action: 'handOver', to: 'leaderInCharge' } },
          ],
          otherwise: { action: 'handOver', to: 'colleagueInCharge' },
        },
        {
          id: 'majorMatter',
          rule: 'S001-COMPLAINT-06',
          clause: '001 L474',
          routes: [{ when: [is('major', true)], result: { notifyGM: true } }],
          otherwise: { notifyGM: false },
        },
        {
          id: 'serviceTier',
          rule: 'S001-COMPLAINT-09',
          clause: '001 L528–536',
          routes: [
            { when: [{ attribute: 'hotlineFailed', notIn: [true] }], result: { tier: 'hotline' } },
            {
              when: [is('remoteAuthorized', true), { attribute: 'remoteFailed', notIn: [true] }],
              result: { tier: 'remote' },
            },
          ],
          otherwise: { tier: 'onSite' },
        },
      ],
      intake: ['time', 'location', 'symptoms', 'responsePlan'].map((field) => ({
        field,
        rule: 'S001-COMPLAINT-10',
        clause: '001 L498',
      })),
      workflows: [
        {
          id: 'customerCall',
          rule: 'S001-COMPLAINT-07',
          clause: '001 L476–478',
          initial: 'called',
          final: ['closed'],
          transitions: [
            {
              action: 'log',
              from: ['called'],
              to: 'logged',
              requires: ['details', 'forwardedTo'],
              rule: 'S001-COMPLAINT-07',
              clause: '001 L478 詳細記錄',
            },
            {
              action: 'resolve',
              from: ['logged'],
              to: 'resolved',
              rule: 'S001-COMPLAINT-08',
              clause: '001 L476 先解決客戶問題',
            },
            {
              action: 'fileWorkOrder',
              from: ['logged'],
              to: 'workOrderFiled',
              requires: ['workOrderId'],
              rule: 'S001-COMPLAINT-08',
              clause: '001 L476',
            },
            {
              action: 'fileWorkOrder',
              from: ['resolved'],
              to: 'resolvedAndFiled',
              requires: ['workOrderId'],
              rule: 'S001-COMPLAINT-08',
              clause: '001 L476 后提交工作聯絡單',
            },
            {
              action: 'resolve',
              from: ['workOrderFiled'],
              to: 'resolvedAndFiled',
              rule: 'S001-COMPLAINT-08',
              clause: '001 L476',
            },
            {
              action: 'close',
              from: ['resolvedAndFiled'],
              to: 'closed',
              rule: 'S001-COMPLAINT-08',
              clause: '001 L506',
            },
          ],
        },
        {
          id: 'majorFault',
          rule: 'S001-COMPLAINT-10',
          clause: '001 L498',
          initial: 'occurred',
          final: ['analysed'],
          transitions: [
            {
              action: 'report',
              from: ['occurred'],
              to: 'reported',
              requires: [
                'time',
                'location',
                'symptoms',
                'responsePlan',
                'notifiedSalesperson',
                'notifiedManager',
              ],
              rule: 'S001-COMPLAINT-10',
              clause: '001 L498 第一時間',
            },
            {
              action: 'escalateToLeadership',
              from: ['reported'],
              to: 'tracked',
              roles: ['managerInCharge'],
              rule: 'S001-COMPLAINT-10',
              clause: '001 L498',
            },
            {
              action: 'endFault',
              from: ['tracked'],
              to: 'ended',
              rule: 'S001-COMPLAINT-10',
              clause: '001 L498',
            },
            {
              action: 'fileAnalysisReport',
              from: ['ended'],
              to: 'analysed',
              roles: ['technicalServiceHead'],
              requires: ['impact', 'handling', 'rootCause', 'correctiveActions'],
              rule: 'S001-COMPLAINT-10',
              clause: '001 L498 故障分析報告',
            },
          ],
        },
      ],
    },
  });
}

/**
 * Prosthetics maker's customer rules (001 精選篇7, L542–662): each sales department must define its own
 * complaint procedure with types, scope, responsible department or person and handling time.
 *
 * @returns the validated policy
 * @example
 * validateIntake({ types: ['quality'] }, prosthetics001Preset().params.intake).value.ok; //=> false
 */
export function prosthetics001Preset(): SlaPolicy {
  return defineSlaPolicy({
    ...envelope('zhidu.sla.prosthetics-001', '企業客戶管理規章制度精選篇7(客戶準入與退出)', '001 L542–662'),
    params: {
      intake: ['types', 'scope', 'responsibleDeptOrPerson', 'handlingTime'].map((field) => ({
        field,
        rule: 'S001-COMPLAINT-11',
        clause: '001 L592',
      })),
    },
  });
}

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

/**
 * Real-estate sales office (001 精選篇2, L76–240): a buyer's payment default — a reminder notice
 * at once, and breach-of-contract handling once the default lasts more than 2 months.
 *
 * @returns the validated policy
 * @example
 * salesOffice001Preset().params.timers[0]?.id; //=> 'paymentDefault'
 */
export function salesOffice001Preset(): SlaPolicy {
  return defineSlaPolicy({
    ...envelope('zhidu.sla.sales-office-001', '企業客戶管理規章制度精選篇2(售樓處)', '001 L76–240'),
    params: {
      timers: [
        timer({
          id: 'paymentDefault',
          rule: 'S001-MILE-07',
          clause: '001 L200',
          zh: '違約期超過兩個月按違約責任處理',
          en: 'A default of more than 2 months goes to breach-of-contract terms',
          start: 'paymentOverdue',
          stop: 'paid',
          target: { kind: 'duration', spec: { unit: 'calendarMonths', amount: 2, at: 'endOfDay' } },
          escalations: [
            {
              level: 1,
              notify: ['paymentReminderNotice'],
              when: { kind: 'atStart' },
              rule: 'S001-MILE-07',
              clause: '001 L200 下發催款通知單',
            },
          ],
          consequences: ['breachLiability'],
        }),
      ],
    },
  });
}
