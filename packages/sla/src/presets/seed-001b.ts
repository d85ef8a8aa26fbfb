import {
  addMonthsClamped,
  allocate,
  type Fen,
  type LocalDate,
  LocalDateSchema,
  multiplyMoney,
  parseInput,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import type { FlagRule } from '../complaint/classify.js';
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { envelope, is, minutes, on, timer, workingDays } from './helpers.js';

/** Options for the law-firm complaint procedure (001 L822–876). */
export type LawFirm001bOptions = {
  /** "應及時與投訴人…聯系" (001 L852) is not quantified; give a number of days to time it. */
  informWithinDays?: number;
};

/**
 * Complaint and feedback handling at a law firm (001 精選篇10, L822–876): intake routing by channel,
 * register-ledger-originals-forward before handling, the decision chain (designated officer's written
 * opinion → supervising partner → director or another partner → partners' meeting for major
 * matters), investigation before any decision or promise, keeping the complainant informed, a signed
 * opinion implemented by the designated officer, written replies by default, and the satisfaction
 * survey of both sides.
 *
 * @param options - an optional time limit for informing the complainant
 * @returns the validated policy
 * @example
 * classifyComplaint({ channel: 'PHONE' }, lawFirm001bPreset().params).value.attributes; //=> { receiver: 'frontDesk', acceptor: 'designatedOfficer', … }
 */
export function lawFirm001bPreset(options: LawFirm001bOptions = {}): SlaPolicy {
  return defineSlaPolicy({
    ...envelope(
      'zhidu.sla.law-firm-001b',
      '企業客戶管理規章制度精選篇10(律師事務所投訴及意見反饋)',
      '001 L822–876',
    ),
    params: {
      timers:
        options.informWithinDays === undefined
          ? []
          : [
              timer({
                id: 'informComplainant',
                rule: 'S001B-COMPLAINT-05',
                clause: '001 L852',
                zh: '及時告知投訴人處理的工作安排',
                en: 'Complainant told of the handling arrangement',
                start: 'accepted',
                stop: [on('contact', [is('contactType', 'ARRANGEMENT_NOTICE')])],
                target: {
                  kind: 'duration',
                  spec: { unit: 'calendarDays', amount: options.informWithinDays, at: 'endOfDay' },
                },
              }),
            ],
      routing: [
        {
          id: 'intakeRouting',
          rule: 'S001B-COMPLAINT-01',
          clause: '001 L828–832',
          routes: [
            {
              when: [{ attribute: 'channel', in: ['PHONE', 'IN_PERSON'] }],
              result: { receiver: 'frontDesk', acceptor: 'designatedOfficer' },
            },
            {
              when: [{ attribute: 'channel', in: ['WRITTEN', 'EMAIL', 'ONLINE'] }],
              result: { receiver: 'adminFrontDesk', acceptor: 'adminFrontDesk' },
            },
            {
              when: [{ attribute: 'channel', in: ['REFERRAL_JUDICIAL_ADMIN', 'REFERRAL_BAR_ASSOCIATION'] }],
              result: { receiver: 'designatedOfficer', acceptor: 'designatedOfficer' },
            },
          ],
        },
        {
          id: 'decider',
          rule: 'S001B-COMPLAINT-03',
          clause: '001 L846',
          routes: [
            {
              when: [is('isMajor', true)],
              result: { decider: 'MEETING', mustDecideRegulatorNotification: true },
            },
            {
              when: [is('supervisingPartnerAvailable', true)],
              result: { decider: 'SUPERVISING_PARTNER', mustDecideRegulatorNotification: false },
            },
            {
              when: [is('directorAvailable', true)],
              result: { decider: 'DIRECTOR', mustDecideRegulatorNotification: false },
            },
            {
              when: [is('otherPartnerAvailable', true)],
              result: { decider: 'OTHER_PARTNER', mustDecideRegulatorNotification: false },
            },
          ],
        },
        {
          id: 'satisfaction',
          rule: 'S001B-COMPLAINT-08',
          clause: '001 L872–876',
          routes: [
            {
              when: [is('complainant', 'DISSATISFIED')],
              result: { followUpRequired: true, notify: ['handler', 'designatedOfficer'] },
            },
            {
              when: [is('respondent', 'DISSATISFIED')],
              result: { followUpRequired: true, notify: ['handler', 'designatedOfficer'] },
            },
          ],
          otherwise: { followUpRequired: false, notify: ['designatedOfficer'] },
        },
      ],
      workflows: [
        {
          id: 'lawFirmComplaint',
          rule: 'S001B-COMPLAINT-06',
          clause: '001 L836–866',
          initial: 'received',
          final: ['closed'],
          recusal: {
            facts: ['respondentIds'],
            rule: 'S001B-COMPLAINT-03',
            clause: '001 L846 (with the recusal rule of 篇10)',
          },
          transitions: [
            {
              action: 'register',
              from: ['received'],
              to: 'registered',
              requires: ['registerFilled', 'ledgerEntryId', 'originalsRetained', 'forwardedTo'],
              guard: [is('registerFilled', true), is('originalsRetained', true)],
              rule: 'S001B-COMPLAINT-02',
              clause: '001 L836–840',
            },
            {
              action: 'startHandling',
              from: ['registered'],
              to: 'handling',
              rule: 'S001B-COMPLAINT-02',
              clause: '001 L840',
            },
            {
              action: 'writtenOpinion',
              from: ['handling'],
              to: 'opinionIssued',
              roles: ['designatedOfficer'],
              requires: ['writtenOpinion'],
              rule: 'S001B-COMPLAINT-03',
              clause: '001 L846 先由專門負責人出具書面意見',
            },
            {
              action: 'investigate',
              from: ['opinionIssued'],
              to: 'investigated',
              requires: ['investigationCompleted'],
              guard: [is('investigationCompleted', true)],
              rule: 'S001B-COMPLAINT-04',
              clause: '001 L848',
            },
            {
              action: 'decide',
              from: ['investigated'],
              to: 'decided',
              roles: ['supervisingPartner', 'director', 'partner', 'meeting'],
              requires: ['opinion', 'signedBy', 'outcomeCode'],
              rule: 'S001B-COMPLAINT-06',
              clause: '001 L854 簽署明確處理意見',
            },
            {
              action: 'sendCommitment',
              from: ['decided', 'implementing', 'closed'],
              to: '*',
              requires: ['commitment'],
              rule: 'S001B-COMPLAINT-04',
              clause: '001 L862 在作出處理決定前不得做任何承諾',
            },
            {
              action: 'sendProgressUpdate',
              from: ['*'],
              to: '*',
              rule: 'S001B-COMPLAINT-05',
              clause: '001 L852',
            },
            {
              action: 'startImplementation',
              from: ['decided'],
              to: 'implementing',
              roles: ['designatedOfficer'],
              rule: 'S001B-COMPLAINT-06',
              clause: '001 L854 由專門負責人組織實施',
            },
            {
              action: 'reply',
              from: ['implementing'],
              to: 'replied',
              guard: [is('replyForm', 'WRITTEN')],
              rule: 'S001B-COMPLAINT-07',
              clause: '001 L866 原則上要求采用書面形式',
            },
            {
              action: 'reply',
              from: ['implementing'],
              to: 'replied',
              requires: ['exceptionReason'],
              rule: 'S001B-COMPLAINT-07',
              clause: '001 L866 原則上',
            },
            {
              action: 'close',
              from: ['replied'],
              to: 'closed',
              requires: ['implementationComplete'],
              rule: 'S001B-COMPLAINT-06',
              clause: '001 L854',
            },
          ],
        },
      ],
    },
  });
}

/**
 * GPS-terminal after-sales service (001 精選篇11, L878–954): every call, letter and visit gets a
 * prompt reply; service centres forward every customer opinion to the company department and tell
 * the customer the handling result.
 *
 * @returns the validated policy
 * @example
 * evaluateChecklist({ reply: true, fromServiceCentre: true }, gpsAfterSales001bPreset().params.checklists[0], at).value.missing;
 * //=> ['forwardToCompanyDept', 'customerNotifiedOfResult']
 */
export function gpsAfterSales001bPreset(): SlaPolicy {
  const centre = [is('fromServiceCentre', true)];
  return defineSlaPolicy({
    ...envelope(
      'zhidu.sla.gps-after-sales-001b',
      '企業客戶管理規章制度精選篇11(GPS售後服務)',
      '001 L878–954',
    ),
    params: {
      checklists: [
        {
          id: 'afterSalesObligations',
          rule: 'S001B-COMPLAINT-09',
          clause: '001 L926–932',
          title: { zh: '售後意見與投訴的處理義務', en: 'After-sales opinion and complaint obligations' },
          items: [
            { item: 'reply' },
            { item: 'forwardToCompanyDept', requiredWhen: centre },
            { item: 'customerNotifiedOfResult', requiredWhen: centre },
          ],
        },
      ],
    },
  });
}

const INVALID_GROUNDS: [string, string, string, FlagRule['when'], FlagRule['anyOf']?][] = [
  [
    'INV_FACTS_MISMATCH_COMPLAINANT_AT_FAULT',
    '事實嚴重不符且責任在投訴方',
    'facts seriously inconsistent and the complainant at fault',
    [is('factsSeriouslyInconsistent', true), is('complainantAtFault', true)],
  ],
  [
    'INV_UNCOMMITTED_OR_PROHIBITED_SERVICE',
    '要求未承諾或禁止的服務',
    'demand for an uncommitted or prohibited service',
    [is('unmetDemandOutsideCommitmentOrProhibited', true)],
  ],
  ['INV_PROVOCATION_OR_THREAT', '挑釁或威脅', 'provocation or threat', [is('provocationOrThreat', true)]],
  [
    'INV_ANONYMOUS_UNFOUNDED',
    '匿名且無具體事實或主要事實不成立',
    'anonymous, with no specific facts or main facts not established',
    [is('anonymous', true)],
    [[is('hasSpecificFacts', false)], [is('mainFactsEstablished', false)]],
  ],
  [
    'INV_UNVERIFIABLE',
    '事實不完整無法核實',
    'facts incomplete and unverifiable',
    [is('factsIncompleteUnverifiable', true)],
  ],
  [
    'INV_LATE_ATTITUDE_COMPLAINT',
    '服務態度投訴超過一個月',
    'service-attitude complaint filed more than a month later',
    [is('lateAttitudeComplaint', true)],
  ],
];

/**
 * Complaint-handling rules of a logistics company (001 精選篇12, L956–1064): the full taxonomy
 * (service/business with subtypes, phone/chat channel, the six invalidity grounds, vicious/general
 * severity, general-invalid/malicious motive), the one-month limit on service-attitude complaints,
 * intake fields and register, investigation rules, the 30-minute handling plan with escalation to the
 * direct leader, and the monthly analysis report.
 *
 * @param options - `autoEscalateAtPlanDeadline` (default true): tell the direct leader when no plan exists at 30 minutes
 * @returns the validated policy
 * @example
 * evaluateTimers([{ type: 'received', subject: 'c7', at: '2024-05-10T09:45:00+08:00' }], logistics001bPreset(),
 *   makeContext({ now: '2024-05-10T10:05:00+08:00' })).value[0]?.remainingMs; //=> 600000 (10 minutes)
 */
export function logistics001bPreset(
  options: { autoEscalateAtPlanDeadline?: boolean; attitudeLimitMonths?: number } = {},
): SlaPolicy {
  return defineSlaPolicy({
    ...envelope('zhidu.sla.logistics-001b', '客戶投訴處理細則(精選篇12,物流)', '001 L956–1064'),
    params: {
      timers: [
        timer({
          id: 'plan30min',
          rule: 'S001B-SLA-01',
          clause: '001 L1058',
          zh: '接到投訴30分鐘內提出處理方案',
          en: 'Handling plan within 30 minutes of receipt',
          start: 'received',
          stop: 'planProposed',
          target: { kind: 'duration', spec: minutes(30) },
          warnings: [{ minutesBeforeDue: 10 }],
          escalations:
            (options.autoEscalateAtPlanDeadline ?? true)
              ? [
                  {
                    level: 1,
                    notify: ['directLeader'],
                    when: { kind: 'atDue' },
                    rule: 'S001B-SLA-02',
                    clause: '001 L1060 及早上報直接領導',
                  },
                ]
              : [],
        }),
      ],
      flagRules: [
        ...INVALID_GROUNDS.map(([code, zh, en, when, anyOf]) => ({
          code,
          group: 'invalid',
          rule: code === 'INV_LATE_ATTITUDE_COMPLAINT' ? 'S001B-CCLASS-04' : 'S001B-CCLASS-03',
          clause: '001 L1002–1014',
          label: { zh: `無效投訴:${zh}`, en: `invalid complaint: ${en}` },
          when,
          ...(anyOf ? { anyOf } : {}),
        })),
        {
          code: 'RESPONDENT_SIDE_NOT_INFORMED',
          group: 'investigationDefect',
          rule: 'S001B-COMPLAINT-12',
          clause: '001 L1048',
          label: { zh: '未與被投訴方或其直接領導溝通', en: 'respondent side not informed' },
          when: [
            { attribute: 'communicatedTo', excludes: 'respondent' },
            { attribute: 'communicatedTo', excludes: 'respondentLeader' },
          ],
        },
        {
          code: 'COMPLAINANT_NOT_INFORMED',
          group: 'investigationDefect',
          rule: 'S001B-COMPLAINT-12',
          clause: '001 L1048',
          label: { zh: '未與投訴人溝通', en: 'complainant not informed' },
          when: [{ attribute: 'communicatedTo', excludes: 'complainant' }],
        },
        {
          code: 'INVESTIGATOR_MAY_NOT_COMMIT',
          group: 'investigationDefect',
          rule: 'S001B-COMPLAINT-12',
          clause: '001 L1046',
          label: { zh: '調查人員不得做任何承諾', en: 'the investigator may make no commitment' },
          when: [{ attribute: 'commitmentsMade', gt: 0 }],
        },
        {
          code: 'MANAGEMENT_GAPS_NOT_RECORDED',
          group: 'investigationDefect',
          rule: 'S001B-COMPLAINT-12',
          clause: '001 L1052',
          label: { zh: '未記錄管理漏洞', en: 'management gaps not recorded' },
          when: [{ attribute: 'managementGaps', exists: false }],
        },
        {
          code: 'NOT_ASSIGNED_BY_CS',
          group: 'investigationDefect',
          rule: 'S001B-COMPLAINT-12',
          clause: '001 L1042',
          label: { zh: '調查人員非客戶服務部安排', en: 'investigator not assigned by customer service' },
          when: [{ attribute: 'assignedByDept', notIn: ['customerService'] }],
        },
      ],
      routing: [
        {
          id: 'contentType',
          rule: 'S001B-CCLASS-01',
          clause: '001 L982–1000',
          routes: [
            {
              when: [
                {
                  attribute: 'businessSubtype',
                  in: ['CARGO_DISCREPANCY', 'TIMELINESS', 'INFORMATION', 'INSURANCE_CLAIM', 'OTHER'],
                },
              ],
              result: { contentType: 'BUSINESS' },
            },
            { when: [{ attribute: 'serviceFeatures', exists: true }], result: { contentType: 'SERVICE' } },
          ],
          otherwise: { contentType: 'UNCLASSIFIED' },
        },
        {
          id: 'channel',
          rule: 'S001B-CCLASS-02',
          clause: '001 L984',
          routes: [
            {
              when: [{ attribute: 'rawChannel', in: ['phone', 'hotline', 'telephone', '電話'] }],
              result: { channel: 'PHONE', channelFlagged: false },
            },
            {
              when: [{ attribute: 'rawChannel', in: ['chat', 'WeChat', 'wechat', 'QQ', 'qq', '聊天工具'] }],
              result: { channel: 'CHAT_TOOL', channelFlagged: false },
            },
          ],
          otherwise: { channel: 'OTHER', channelFlagged: true },
        },
        {
          id: 'validity',
          rule: 'S001B-CCLASS-03',
          clause: '001 L1002–1014',
          routes: [
            { when: [is('group.invalid', true)], result: { validity: 'INVALID' } },
            { when: [is('investigated', true)], result: { validity: 'VALID' } },
          ],
          otherwise: { validity: 'PENDING_INVESTIGATION' },
        },
        {
          id: 'severity',
          rule: 'S001B-CCLASS-05',
          clause: '001 L1016–1022',
          routes: [
            { when: [is('validity', 'VALID'), is('wideMediaImpact', true)], result: { severity: 'VICIOUS' } },
            {
              when: [is('validity', 'VALID'), is('conflictWithCustomer', true)],
              result: { severity: 'VICIOUS' },
            },
            {
              when: [is('validity', 'VALID'), is('largeSocialImpact', true)],
              result: { severity: 'VICIOUS' },
            },
            { when: [is('validity', 'VALID')], result: { severity: 'GENERAL' } },
          ],
          otherwise: { severity: null },
        },
        {
          id: 'invalidMotive',
          rule: 'S001B-CCLASS-06',
          clause: '001 L1024–1030',
          routes: [
            {
              when: [is('validity', 'INVALID'), is('improperDemandUnmet', true)],
              result: { invalidMotive: 'MALICIOUS' },
            },
            {
              when: [is('validity', 'INVALID'), is('anonymous', true), is('basicFactsEstablished', false)],
              result: { invalidMotive: 'MALICIOUS' },
            },
            {
              when: [is('validity', 'INVALID'), is('misunderstanding', true)],
              result: { invalidMotive: 'GENERAL_INVALID' },
            },
            { when: [is('validity', 'INVALID')], result: { invalidMotive: 'UNSPECIFIED' } },
          ],
          otherwise: { invalidMotive: null },
        },
      ],
      intake: [
        {
          field: 'complainantName',
          rule: 'S001B-COMPLAINT-11',
          clause: '001 L1034',
          unlessWhen: [is('anonymous', true)],
        },
        {
          field: 'phone',
          rule: 'S001B-COMPLAINT-11',
          clause: '001 L1034',
          unlessWhen: [is('anonymous', true)],
        },
        { field: 'target', rule: 'S001B-COMPLAINT-11', clause: '001 L1034' },
        { field: 'narrative', rule: 'S001B-COMPLAINT-11', clause: '001 L1034' },
      ],
      workflows: [
        {
          id: 'logisticsComplaint',
          rule: 'S001B-COMPLAINT-10',
          clause: '001 L966–978',
          initial: 'received',
          final: ['closed'],
          transitions: [
            {
              action: 'register',
              from: ['received'],
              to: 'registered',
              roles: ['customerService'],
              requires: ['registerEntryId'],
              rule: 'S001B-COMPLAINT-11',
              clause: '001 L1038 客戶投訴管理登記表',
            },
            {
              action: 'assignInvestigator',
              from: ['registered'],
              to: 'investigating',
              roles: ['customerService'],
              requires: ['investigatorId'],
              rule: 'S001B-COMPLAINT-12',
              clause: '001 L1042',
            },
            {
              action: 'assistInvestigation',
              from: ['investigating'],
              to: '*',
              rule: 'S001B-COMPLAINT-10',
              clause: '001 L978 任何部門及個人有職責和義務協助',
            },
            {
              action: 'proposePlan',
              from: ['registered', 'investigating'],
              to: 'planned',
              requires: ['plan'],
              rule: 'S001B-SLA-01',
              clause: '001 L1058',
            },
            {
              action: 'markUnresolvable',
              from: ['planned', 'investigating'],
              to: 'escalated',
              requires: ['escalatedTo', 'holdingReplySentAt'],
              rule: 'S001B-SLA-02',
              clause: '001 L1060 上報直接領導,并回復客戶耐心等待',
            },
            {
              action: 'resolve',
              from: ['planned', 'escalated'],
              to: 'resolved',
              requires: ['resolution'],
              rule: 'S001B-COMPLAINT-10',
              clause: '001 L968',
            },
            {
              action: 'close',
              from: ['resolved'],
              to: 'closed',
              roles: ['customerService'],
              rule: 'S001B-COMPLAINT-10',
              clause: '001 L968 客戶服務部負責客戶投訴的統一管理',
            },
          ],
        },
      ],
      settings: { attitudeLimitMonths: options.attitudeLimitMonths ?? 1 },
    },
  });
}

/**
 * Whether a service-attitude complaint came too late (001 L1014: "在一個月以后提出來的"): filed after
 * the incident date plus the limit in months (clamped to month end). Filing on the limit date itself
 * is in time ("以后" read as strictly after). Business complaints are never time-barred by this rule.
 *
 * @param input - `isServiceAttitude`, `incidentDate`, `complaintDate` (local dates)
 * @param months - the limit (policy setting `attitudeLimitMonths`, 1 in the seed)
 * @returns true when the complaint is invalid for lateness
 * @example
 * isLateAttitudeComplaint({ isServiceAttitude: true, incidentDate: '2024-01-31', complaintDate: '2024-03-01' }, 1); //=> true
 */
export function isLateAttitudeComplaint(
  input: { isServiceAttitude: boolean; incidentDate: LocalDate; complaintDate: LocalDate },
  months: number,
): boolean {
  const incident = parseInput(LocalDateSchema, input.incidentDate, ['incidentDate']);
  const complaint = parseInput(LocalDateSchema, input.complaintDate, ['complaintDate']);
  if (complaint < incident)
    throw new ZhiduError('out_of_order', ['complaintDate'], 'a complaint cannot predate its incident');
  if (!input.isServiceAttitude) return false;
  return complaint > addMonthsClamped(incident, months);
}

/**
 * Member rules of a commodity exchange (001 精選篇13, L1066–1322): the trading-qualification gate,
 * the annual inspection window (1 July – 31 August), the 10-working-day change report (litigation of
 * RMB 50,000 or more) and the margin refund of the risk reserve.
 *
 * @returns the validated policy (`settings` hold the window and refund parameters)
 * @example
 * marginRefundSchedule({ peakMarginFen: 200_000_000, currentBalanceFen: 150_000_000, announcementDate: '2024-01-31' }, exchangeMembership001bPreset());
 */
export function exchangeMembership001bPreset(): SlaPolicy {
  const rule = 'S001B-MILESTONE-03';
  const reportTimer = (id: string, when: Parameters<typeof timer>[0]['appliesWhen']) =>
    timer({
      id,
      rule,
      clause: '001 L1132–1152',
      zh: '變更事項10個工作日內書面報告',
      en: 'Written change report within 10 working days',
      appliesWhen: when,
      start: 'memberChangeOccurred',
      stop: 'changeReported',
      target: { kind: 'duration', spec: workingDays(10) },
    });
  return defineSlaPolicy({
    ...envelope(
      'zhidu.sla.exchange-membership-001b',
      '南寧大宗商品交易所會員管理辦法(精選篇13)',
      '001 L1066–1322',
    ),
    params: {
      timers: [
        reportTimer('changeReport', [
          { attribute: 'changeType', notIn: ['LITIGATION'] },
          { attribute: 'changeType', exists: true },
        ]),
        reportTimer('litigationReport', [
          is('changeType', 'LITIGATION'),
          { attribute: 'amountYuan', gte: 50_000 },
        ]),
        timer({
          id: 'reserveRefund40',
          rule: 'S001B-MILESTONE-04',
          clause: '001 L1174',
          zh: '四個月后退還風險保障金的40%',
          en: '40 % of the risk reserve refunded 4 months after the announcement',
          start: 'terminationAnnounced',
          stop: 'reserveRefund40Paid',
          target: { kind: 'duration', spec: { unit: 'calendarMonths', amount: 4, at: 'endOfDay' } },
        }),
        timer({
          id: 'reserveRefund60',
          rule: 'S001B-MILESTONE-04',
          clause: '001 L1174',
          zh: '六個月后退還剩余的60%',
          en: 'The remaining 60 % refunded 6 months after the announcement',
          start: 'terminationAnnounced',
          stop: 'reserveRefund60Paid',
          target: { kind: 'duration', spec: { unit: 'calendarMonths', amount: 6, at: 'endOfDay' } },
        }),
      ],
      checklists: [
        {
          id: 'onSiteReviewPrerequisites',
          rule: 'S001B-MILESTONE-01',
          clause: '001 L1124',
          title: { zh: '申請現場實地復審的前提', en: 'Prerequisites for the on-site review' },
          items: [
            { item: 'feesPaidInFull' },
            { item: 'dedicatedAccountOpenedAtDesignatedBank' },
            { item: 'tripartiteAgreementSigned' },
          ],
        },
      ],
      routing: [
        {
          id: 'tradingQualification',
          rule: 'S001B-MILESTONE-01',
          clause: '001 L1124 現場實地復審通過后方可取得交易資格',
          routes: [{ when: [is('onSiteReview', 'PASSED')], result: { tradingQualification: true } }],
          otherwise: { tradingQualification: false },
        },
        {
          id: 'annualInspectionResult',
          rule: 'S001B-MILESTONE-02',
          clause: '001 L1126',
          routes: [
            { when: [is('annualInspection', 'PASS')], result: { memberStatus: 'ACTIVE', announce: true } },
            {
              when: [is('annualInspection', 'FAIL')],
              result: { memberStatus: 'TERMINATED', announce: true },
            },
          ],
          otherwise: { memberStatus: 'UNDECIDED', flag: 'ANNUAL_INSPECTION_NOT_REGISTERED' },
        },
      ],
      settings: {
        annualWindowFrom: '07-01',
        annualWindowTo: '08-31',
        reservePercent: 20,
        firstRefundPercent: 40,
        firstRefundMonths: 4,
        secondRefundMonths: 6,
      },
    },
  });
}

/**
 * Whether a date falls inside the annual inspection registration window (001 L1126, inclusive).
 *
 * @param date - a local date
 * @param policy - the exchange preset (window in `settings`)
 * @returns true from 1 July to 31 August inclusive
 * @example
 * isInAnnualInspectionWindow('2024-08-31', exchangeMembership001bPreset()); //=> true
 */
export function isInAnnualInspectionWindow(date: LocalDate, policy: SlaPolicy): boolean {
  const d = parseInput(LocalDateSchema, date, ['date']);
  const from = String(policy.params.settings.annualWindowFrom ?? '07-01');
  const to = String(policy.params.settings.annualWindowTo ?? '08-31');
  const md = d.slice(5);
  return md >= from && md <= to;
}

const RefundInputSchema = z
  .object({
    peakMarginFen: z.number().int().nonnegative(),
    currentBalanceFen: z.number().int().nonnegative(),
    announcementDate: LocalDateSchema,
  })
  .strict();

/**
 * The margin refund schedule after membership ends (001 L1174): a risk reserve of 20 % of the peak
 * margin (capped at the balance) is kept; the rest is refunded at the announcement (an
 * interpretation), 40 % of the reserve after 4 months and the remaining 60 % after 6 months. Amounts
 * are fen, rounded half-up, and the instalments sum exactly to the balance.
 *
 * @param input - peak margin, current balance (fen) and the announcement date
 * @param policy - the exchange preset (percentages and months in `settings`)
 * @returns the reserve and the dated instalments
 * @throws ZhiduError `invalid_input` for negative or fractional amounts
 * @example
 * marginRefundSchedule({ peakMarginFen: 200_000_000, currentBalanceFen: 150_000_000, announcementDate: '2024-01-31' }, exchangeMembership001bPreset())
 *   .instalments.map((i) => i.amountFen); //=> [110_000_000, 16_000_000, 24_000_000]
 */
export function marginRefundSchedule(
  input: { peakMarginFen: Fen; currentBalanceFen: Fen; announcementDate: LocalDate },
  policy: SlaPolicy,
): {
  riskReserveFen: Fen;
  instalments: { dueDate: LocalDate; amountFen: Fen; kind: 'NON_RESERVED' | 'RESERVE_40' | 'RESERVE_60' }[];
} {
  const i = parseInput(RefundInputSchema, input, ['input']);
  const s = policy.params.settings;
  const reserve = Math.min(
    multiplyMoney(i.peakMarginFen, `${Number(s.reservePercent ?? 20)}%`),
    i.currentBalanceFen,
  );
  const first = Number(s.firstRefundPercent ?? 40);
  const [r40 = 0, r60 = 0] = allocate(reserve, [first, 100 - first]);
  return {
    riskReserveFen: reserve,
    instalments: [
      { dueDate: i.announcementDate, amountFen: i.currentBalanceFen - reserve, kind: 'NON_RESERVED' },
      {
        dueDate: addMonthsClamped(i.announcementDate, Number(s.firstRefundMonths ?? 4)),
        amountFen: r40,
        kind: 'RESERVE_40',
      },
      {
        dueDate: addMonthsClamped(i.announcementDate, Number(s.secondRefundMonths ?? 6)),
        amountFen: r60,
        kind: 'RESERVE_60',
      },
    ],
  };
}
