import { expectObject } from '@zhidu/core';
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { envelope, hours, is, on, timer } from './helpers.js';

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
  expectObject(options, ['options']);
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
