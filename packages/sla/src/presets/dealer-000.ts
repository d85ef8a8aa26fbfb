import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { calendarDays, envelope, hours, is, on, timer, workingDays } from './helpers.js';

const MAJOR = [
  ['repeat', 'isRepeat', '重复投诉', 'repeat complaint'],
  ['toManufacturer', 'escalatedToManufacturer', '向厂方投诉', 'complaint to the manufacturer'],
  ['blockedEntrance', 'blockedEntrance', '堵门', 'blocking the entrance'],
  ['disturbance', 'disturbance', '闹事', 'causing a disturbance'],
  ['returnOrExchange', 'returnOrExchangeRequested', '退换车', 'return or exchange of the vehicle'],
  ['negativeMedia', 'negativeMedia', '媒体负面报道', 'negative media coverage'],
  ['dealerJudgedSevere', 'dealerJudgedSevere', '影响面广、性质严重', 'judged wide-impact or serious'],
] as const;

/** Options for the 4S-group complaint regulation (000 L117–135). */
export type DealerGroup000Options = {
  /** 000 L135 权限核决表: the approval matrix for compensation; the seed gives no figures. */
  compensationApprovalMatrix?: { maxYuan: number; role: string }[];
};

/**
 * Complaint handling at a 4S dealer and its group (000 L117–135): intake channels, OMS
 * verification, the call-centre relay with SMS to the CR manager, the 24-hour result report to group
 * customer service, major-complaint triggers with the 24-hour early warning to the brand division
 * and legal, immediate notice to the department head and GM, recusal of the receptionist
 * complained about, liability for a missed manufacturer warning and the compensation approval matrix.
 *
 * @param options - the company's approval matrix
 * @returns the validated policy
 * @example
 * classifyComplaint({ returnOrExchangeRequested: true }, dealerGroup000Preset().params).value.groups.major; //=> ['returnOrExchange']
 */
export function dealerGroup000Preset(options: DealerGroup000Options = {}): SlaPolicy {
  const matrix = [...(options.compensationApprovalMatrix ?? [])].sort((a, b) => a.maxYuan - b.maxYuan);
  return defineSlaPolicy({
    ...envelope('zhidu.sla.dealer-group-000', '客户管理制度(4S店客户投诉)', '000 L117–135'),
    params: {
      timers: [
        timer({
          id: 'groupFeedback24h',
          rule: 'S000-COMPLAINT-05',
          clause: '000 L125',
          zh: '处理完毕后24小时内将结果反馈集团客服部',
          en: 'Result reported to group customer service within 24 h of handling',
          appliesWhen: [is('channel', 'GROUP_CALL_CENTER')],
          start: 'handled',
          stop: 'resultReportedToGroup',
          target: { kind: 'duration', spec: hours(24) },
          escalations: [
            {
              level: 1,
              notify: ['groupCustomerService'],
              when: { kind: 'atDue' },
              rule: 'S000-COMPLAINT-05',
              clause: '000 L125 回访及满意度调查',
            },
          ],
        }),
        timer({
          id: 'majorWarning24h',
          rule: 'S000-COMPLAINT-07',
          clause: '000 L127',
          zh: '重大投诉24小时内向品牌事业部/管理部、法务部预警报备',
          en: 'Major complaint: early warning to the brand division/management dept and legal within 24 h',
          start: [on('received', [is('major', true)]), on('reclassifiedMajor')],
          stop: [
            on('warningFiled', [is('recipient', 'brandDivisionOrMgmtDept')]),
            on('warningFiled', [is('recipient', 'legalDept')]),
          ],
          stopMode: 'all',
          target: { kind: 'duration', spec: hours(24) },
          escalations: [
            {
              level: 1,
              notify: ['deptHead', 'generalManager'],
              when: { kind: 'atStart' },
              rule: 'S000-COMPLAINT-08',
              clause: '000 L129 第一时间',
            },
            {
              level: 2,
              notify: ['opsVicePresident', 'ceo'],
              when: { kind: 'atStart' },
              rule: 'S000-COMPLAINT-07',
              clause: '000 L127 及时上报',
            },
          ],
        }),
      ],
      flagRules: [
        ...MAJOR.map(([code, attribute, zh, en]) => ({
          code,
          group: 'major',
          rule: 'S000-COMPLAINT-06',
          clause: '000 L127',
          label: { zh: `重大投诉:${zh}`, en: `major complaint: ${en}` },
          when: [is(attribute, true)],
        })),
        {
          code: 'manufacturerWarningLiability',
          group: 'liability',
          rule: 'S000-COMPLAINT-09',
          clause: '000 L131',
          label: {
            zh: '未按厂家要求预警造成损失:经办人及4S店管理人员担责',
            en: 'No manufacturer warning and a loss: case handler and dealer managers liable',
          },
          when: [is('warnedPerManufacturer', false), { attribute: 'lossYuan', gt: 0 }],
        },
      ],
      routing: [
        {
          id: 'intakeChannel',
          rule: 'S000-COMPLAINT-01',
          clause: '000 L119',
          routes: [
            {
              when: [{ attribute: 'channel', in: ['PHONE', 'IN_STORE'] }],
              result: { intakeSource: 'direct' },
            },
            {
              when: [
                {
                  attribute: 'channel',
                  in: ['FOLLOWUP_SALES_CONSULTANT', 'FOLLOWUP_CR_SPECIALIST', 'FOLLOWUP_CR_DEPT'],
                },
              ],
              result: { intakeSource: 'followUp' },
            },
            {
              when: [is('channel', 'GROUP_CALL_CENTER')],
              result: { intakeSource: 'groupRelay' },
              rule: 'S000-COMPLAINT-04',
              clause: '000 L125',
            },
          ],
          otherwise: { intakeSource: 'unknown' },
        },
        {
          id: 'majorLevel',
          rule: 'S000-COMPLAINT-06',
          clause: '000 L127',
          routes: [
            {
              when: [is('group.major', true)],
              result: { major: true, notify: ['deptHead', 'generalManager'] },
              rule: 'S000-COMPLAINT-08',
              clause: '000 L129',
            },
          ],
          otherwise: { major: false },
        },
        {
          id: 'compensationApprover',
          rule: 'S000-COMPLAINT-11',
          clause: '000 L135',
          routes: [
            ...matrix.map((m) => ({
              when: [{ attribute: 'compensationYuan', lte: m.maxYuan }],
              result: { approver: m.role },
            })),
            {
              when: [{ attribute: 'compensationYuan', gt: 0 }],
              result: { approver: 'authorityMatrixRequired' },
            },
          ],
        },
        {
          id: 'liableParties',
          rule: 'S000-COMPLAINT-09',
          clause: '000 L131',
          routes: [
            {
              when: [is('group.liability', true)],
              result: { liable: ['caseHandler', 'dealerManagers'], amount: 'manualDecision' },
            },
          ],
        },
      ],
      workflows: [
        {
          id: 'dealerGroupComplaint',
          rule: 'S000-COMPLAINT-03',
          clause: '000 L121–135',
          initial: 'received',
          final: ['closed'],
          recusal: {
            facts: ['respondentId'],
            rule: 'S000-COMPLAINT-02',
            clause: '000 L121 对原接待个人的投诉,原接待员工不得参与',
          },
          transitions: [
            {
              action: 'record',
              from: ['received'],
              to: 'recorded',
              requires: ['complainant', 'content'],
              rule: 'S000-COMPLAINT-03',
              clause: '000 L123',
            },
            {
              action: 'relayFromCallCenter',
              from: ['recorded'],
              to: 'relayed',
              roles: ['groupCallCenter'],
              requires: ['omsTicketId', 'smsSentTo'],
              rule: 'S000-COMPLAINT-04',
              clause: '000 L125',
            },
            {
              action: 'verifyInOms',
              from: ['recorded', 'relayed'],
              to: 'verified',
              requires: ['omsCheckedAt'],
              rule: 'S000-COMPLAINT-03',
              clause: '000 L123 立即在oms中查询',
            },
            {
              action: 'joinHandling',
              from: ['verified', 'handling'],
              to: 'handling',
              rule: 'S000-COMPLAINT-02',
              clause: '000 L121',
            },
            {
              action: 'approveCompensation',
              from: ['handling'],
              to: '*',
              requires: ['approvedBy'],
              rule: 'S000-COMPLAINT-11',
              clause: '000 L135 权限核决表',
            },
            {
              action: 'enterInOms',
              from: ['handling'],
              to: 'entered',
              requires: ['omsEntryId', 'result'],
              rule: 'S000-COMPLAINT-10',
              clause: '000 L133',
            },
            {
              action: 'close',
              from: ['entered'],
              to: 'closed',
              rule: 'S000-COMPLAINT-10',
              clause: '000 L133',
            },
          ],
        },
      ],
    },
  });
}

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
 * runWorkflow(steps, dealer000Preset().params.workflows[0], ctx).value.state; //=> 'closed' when every step is in order
 */
export function dealer000Preset(options: Dealer000Options = {}): SlaPolicy {
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

/**
 * GPS terminal after-sales service (000 L53–115): every call, letter or visit answered, valuable
 * suggestions forwarded to the departments, and the customer told the result before a case closes.
 *
 * @returns the validated policy
 * @example
 * gps000Preset().params.workflows[0]?.id; //=> 'gpsFeedback'
 */
export function gps000Preset(): SlaPolicy {
  const rule = 'S000-COMPLAINT-12';
  return defineSlaPolicy({
    ...envelope('zhidu.sla.gps-000', '客户管理制度(GPS终端安装维修及售后服务)', '000 L53–115'),
    params: {
      workflows: [
        {
          id: 'gpsFeedback',
          rule,
          clause: '000 L93–95',
          initial: 'received',
          final: ['closed'],
          transitions: [
            {
              action: 'reply',
              from: ['received'],
              to: 'replied',
              requires: ['repliedAt'],
              rule,
              clause: '000 L93 给予迅速、满意回复',
            },
            {
              action: 'forward',
              from: ['replied'],
              to: 'forwarded',
              requires: ['forwardedTo'],
              rule,
              clause: '000 L95 整理后转交有关部门',
            },
            {
              action: 'notifyResult',
              from: ['replied'],
              to: 'resultNotified',
              requires: ['resultNotifiedAt'],
              guard: [{ attribute: 'valuable', notIn: [true] }],
              rule,
              clause: '000 L95 及时通报给客户',
            },
            {
              action: 'notifyResult',
              from: ['forwarded'],
              to: 'resultNotified',
              requires: ['resultNotifiedAt'],
              rule,
              clause: '000 L95 及时通报给客户',
            },
            { action: 'close', from: ['resultNotified'], to: 'closed', rule, clause: '000 L95' },
          ],
        },
      ],
    },
  });
}

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
