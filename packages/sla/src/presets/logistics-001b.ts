import {
  addMonthsClamped,
  expectObject,
  type LocalDate,
  LocalDateSchema,
  parseInput,
  ZhiduError,
} from '@zhidu/core';
import type { FlagRule } from '../complaint/classify.js';
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { envelope, is, minutes, timer } from './helpers.js';

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
  expectObject(options, ['options']);
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
  expectObject(input, ['input']);
  const incident = parseInput(LocalDateSchema, input.incidentDate, ['incidentDate']);
  const complaint = parseInput(LocalDateSchema, input.complaintDate, ['complaintDate']);
  if (complaint < incident)
    throw new ZhiduError('out_of_order', ['complaintDate'], 'a complaint cannot predate its incident');
  if (!input.isServiceAttitude) return false;
  return complaint > addMonthsClamped(incident, months);
}
