import { expectArray, expectObject, ZhiduError } from '@zhidu/core';
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { calendarDays, envelope, is, timer, workingDays } from './helpers.js';

/** Options for the real-estate customer-service regulation of seed 002. */
export type PropertyRepair002Options = {
  /** 002 §3.4.5 "(元以下工程,施工单位无须到场)": the amount is blank in the source, so there is no default. */
  contractorExemptBelowYuan?: number;
};

const CS = 'customerServiceDept';

/**
 * Complaint and warranty-repair handling of seed 002 (客户服务部, 002 L1–344): the generic flow
 * (respond, verify, classify, assign, track, feed back, review), central intake and registration,
 * routing of responsibility by cause and phase, department feedback within 3 working days, weekly
 * office reports, the joint site survey within 1 working day, repairs in 3 / 7 working days by trade
 * count with customer-agreed extensions, the soft one-week target for other complaints, escalation of
 * large claims and major complaints, early warnings, and completion sign-off.
 *
 * @param options - the contractor-exemption amount left blank in the source
 * @returns the validated policy
 * @example
 * const ctx = makeContext({ now: '2024-03-20T00:00:00+08:00', calendar: chinaCalendar() });
 * const { value } = evaluateTimers([
 *   { type: 'accepted', subject: 'r1', at: '2024-03-01T15:00:00+08:00', attributes: { kind: 'repair' } },
 *   { type: 'siteSurveyHeld', subject: 'r1', at: '2024-03-04T10:00:00+08:00', attributes: { tradeCount: 3 } },
 *   { type: 'repairCompleted', subject: 'r1', at: '2024-03-12T17:00:00+08:00' },
 * ], propertyRepair002Preset(), ctx);
 * const repair = value.find((t) => t.timerId === 'repairCompletion');
 * repair?.dueAt; //=> '2024-03-13T15:59:59.999Z' (3 trades: 7 working days, to Wed 13 March 24:00)
 * repair?.status; //=> 'met'
 * value.find((t) => t.timerId === 'siteSurvey1wd')?.status; //=> 'met' (surveyed the next working day)
 */
export function propertyRepair002Preset(options: PropertyRepair002Options = {}): SlaPolicy {
  expectObject(options, ['options']);
  const exempt = options.contractorExemptBelowYuan;
  return defineSlaPolicy({
    ...envelope('zhidu.sla.property-repair-002', '客户服务部管理制度(投诉与保修)(002)', '002 L1–344'),
    params: {
      timers: [
        timer({
          id: 'deptFeedback3wd',
          rule: 'S002-SLA-01',
          clause: '002 L336 §3.4.2.2',
          zh: '责任部门3个工作日内向客户服务部反馈',
          en: 'Responsible department feeds back to CS within 3 working days',
          start: 'receivedByDept',
          stop: 'feedbackToCs',
          target: { kind: 'duration', spec: workingDays(3) },
        }),
        timer({
          id: 'officeWeeklyReport',
          rule: 'S002-SLA-02',
          clause: '002 L336 §3.4.4',
          zh: '客户服务处一周内以周报上报处理结果',
          en: 'Estate office reports the result within a week',
          start: 'distributedToOffice',
          stop: 'resultReported',
          target: { kind: 'duration', spec: calendarDays(7) },
        }),
        timer({
          id: 'siteSurvey1wd',
          rule: 'S002-SLA-03',
          clause: '002 L336 §3.4.5',
          zh: '维修类投诉1个工作日内现场勘察',
          en: 'Joint site survey within 1 working day',
          appliesWhen: [is('kind', 'repair')],
          start: 'accepted',
          stop: 'siteSurveyHeld',
          target: { kind: 'duration', spec: workingDays(1) },
        }),
        timer({
          id: 'repairCompletion',
          rule: 'S002-SLA-04',
          clause: '002 L336 §3.4.5–3.4.6',
          zh: '维修完成:单工种3个工作日,多工种7个工作日',
          en: 'Repair done: one trade 3 working days, several trades 7',
          start: 'siteSurveyHeld',
          stop: 'repairCompleted',
          // S002-SLA-05: an extension counts only when the customer agreed before the original due time.
          extend: [{ type: 'extensionAgreed', attribute: 'newDueAt', mustPrecedeDue: true }],
          target: {
            kind: 'byAttribute',
            cases: [
              { when: [is('tradeCount', 1)], spec: workingDays(3) },
              { when: [{ attribute: 'tradeCount', gte: 2 }], spec: workingDays(7) },
            ],
          },
        }),
        timer({
          id: 'otherComplaintWeek',
          rule: 'S002-SLA-06',
          clause: '002 L336 §3.4.5 宜在一周内解决',
          zh: '其他投诉宜在一周内解决',
          en: 'Other complaints should be resolved within a week',
          appliesWhen: [{ attribute: 'kind', notIn: ['repair'] }],
          start: 'accepted',
          stop: 'resolved',
          target: { kind: 'duration', spec: calendarDays(7) },
          severity: 'soft',
        }),
      ],
      routing: [
        {
          id: 'acceptor',
          rule: 'S002-CPL-02',
          clause: '002 L322 §2.2.2',
          routes: [
            { when: [{ attribute: 'phase', in: ['preSale', 'inSale'] }], result: { acceptor: 'salesDept' } },
          ],
          otherwise: { acceptor: CS },
        },
        {
          id: 'lead',
          rule: 'S002-ROUTE-01',
          clause: '002 L321–329',
          routes: [
            { when: [{ attribute: 'phase', in: ['preSale', 'inSale'] }], result: { lead: 'salesDept' } },
          ],
          otherwise: { lead: CS },
        },
        {
          id: 'handlerLevel',
          rule: 'S002-ESC-01',
          clause: '002 L27 §(8)',
          routes: [
            { when: [{ attribute: 'claimYuan', gte: 10_000 }], result: { handlerLevel: 'crManager' } },
            { when: [is('isSudden', true), is('isMajor', true)], result: { handlerLevel: 'crManager' } },
            { when: [is('isMajor', true)], result: { handlerLevel: 'crManager' } },
            { when: [is('isGroup', true)], result: { handlerLevel: 'crManager' } },
          ],
          otherwise: { handlerLevel: 'standard' },
        },
        {
          id: 'majorEscalation',
          rule: 'S002-ESC-02',
          clause: '002 L321 §2.1.2, L336 §3.4.7',
          routes: [
            {
              when: [is('group.major', true)],
              result: { major: true, notify: ['generalManager', 'deputyGeneralManager'] },
            },
          ],
          otherwise: { major: false },
        },
        {
          id: 'emergencyReport',
          rule: 'S002-ESC-03',
          clause: '002 L28 §6(5), §7(5)',
          routes: [
            {
              when: [{ attribute: 'tag', in: ['emergency', 'seriousComplaint'] }],
              result: { reportTo: ['complaintSupervisor', 'crManager'], taskFor: 'complaintOfficer' },
            },
          ],
          otherwise: { reportTo: [] },
        },
        {
          id: 'earlyWarning',
          rule: 'S002-ESC-04',
          clause: '002 L344 §3.7.4',
          routes: [
            {
              when: [is('likelyMajor', true)],
              result: { warningRequired: true, warningTo: 'csDeptManager' },
            },
          ],
          otherwise: { warningRequired: false },
        },
        {
          id: 'executor',
          rule: 'S002-REPAIR-01',
          clause: '002 L336 §3.4.6',
          routes: [
            {
              when: [is('teamCanHandle', false)],
              result: { executor: 'contractor', urgedBy: 'engineeringMaterialsDept' },
            },
          ],
          otherwise: { executor: 'csRepairTeam' },
        },
        {
          id: 'surveyAttendees',
          rule: 'S002-SLA-03',
          clause: '002 L336 §3.4.5',
          routes:
            exempt === undefined
              ? [{ when: [], result: { contractorRequired: true } }]
              : [
                  {
                    when: [{ attribute: 'estimatedWorksYuan', lte: exempt }],
                    result: { contractorRequired: false },
                  },
                ],
          otherwise: { contractorRequired: true },
        },
      ],
      flagRules: [
        {
          code: 'major',
          group: 'major',
          rule: 'S002-ESC-02',
          clause: '002 L321 §2.1.2',
          label: {
            zh: '客服或销售无法处理且可能对公司利益造成极大损害',
            en: 'beyond CS/sales and may greatly damage the company',
          },
          when: [is('unresolvableByCsOrSales', true), is('potentialGreatDamage', true)],
        },
        ...(
          [
            ['design', 'designDept'],
            ['constructionQuality', 'engineeringMaterialsDept'],
            ['legal', 'legalCentre'],
            ['pricing', 'deputyChiefEngineerQuality'],
            ['payment', 'financeDept'],
          ] as const
        ).map(([cause, dept]) => ({
          code: dept,
          group: 'assist',
          rule: 'S002-ROUTE-01',
          clause: '002 L323–329',
          label: { zh: `协助部门:${dept}`, en: `assisting unit: ${dept}` },
          when: [{ attribute: 'causes', includes: cause }],
        })),
        {
          code: 'PROCESS_NOTE_MISSING',
          group: 'reportDefect',
          rule: 'S002-SLA-02',
          clause: '002 L336 §3.4.4',
          label: { zh: '未能处理的问题未在登记表注明处理过程', en: 'unresolved item without a process note' },
          when: [is('resolved', false), { attribute: 'processNote', exists: false }],
        },
      ],
      intake: [{ field: 'responsibleParty', rule: 'S002-SLA-03', clause: '002 L336 《现场勘察会签表》' }],
      checklists: [
        {
          id: 'repairAcceptance',
          rule: 'S002-REPAIR-01',
          clause: '002 L336 §3.4.6',
          title: { zh: '维修验收会签', en: 'Repair acceptance signatures' },
          items: [
            { field: 'customerServiceDept', equals: true },
            { field: 'engineeringMaterialsDeptOrPropertyCompany', equals: true },
            { field: 'repairTeamLeader', equals: true },
          ],
        },
        {
          id: 'completionSignOff',
          rule: 'S002-REPAIR-03',
          clause: '002 L338 §3.5.2–3.5.3',
          title: { zh: '竣工检查与客户签认', en: 'Completion inspection and customer sign-off' },
          items: [
            { field: 'inspectedByCsOrProperty', equals: true },
            { field: 'inspectedByLeader', equals: true },
            { field: 'customerSigned', equals: true },
          ],
        },
      ],
      workflows: [
        {
          id: 'complaint002',
          rule: 'S002-FLOW-06',
          clause: '002 L124–127, L199',
          initial: 'collected',
          final: ['closed'],
          transitions: [
            {
              action: 'accept',
              from: ['collected'],
              to: 'accepted',
              roles: [CS, 'estateServiceOffice'],
              rule: 'S002-CPL-03',
              clause: '002 L336 §3.4.1 统一交由客户服务部受理',
            },
            {
              action: 'register',
              from: ['accepted'],
              to: 'registered',
              requires: ['registerNo', 'distributedTo'],
              rule: 'S002-CPL-04',
              clause: '002 L336 §3.4.3',
            },
            {
              action: 'verify',
              from: ['registered'],
              to: 'verified',
              rule: 'S002-FLOW-06',
              clause: '002 L124 初步核实',
            },
            {
              action: 'classify',
              from: ['verified'],
              to: 'classified',
              requires: ['category'],
              rule: 'S002-FLOW-06',
              clause: '002 L124 分类',
            },
            {
              action: 'assign',
              from: ['classified'],
              to: 'assigned',
              requires: ['responsibleDept'],
              rule: 'S002-FLOW-06',
              clause: '002 L124 安排相应的部门或人员',
            },
            {
              action: 'startWork',
              from: ['assigned'],
              to: 'inProgress',
              requires: ['category', 'responsibleDept', 'csTracker', 'deptHandler'],
              rule: 'S002-CPL-05',
              clause: '002 L336 §3.4.2 派专人负责,全程跟踪',
            },
            {
              action: 'resolve',
              from: ['inProgress'],
              to: 'resolved',
              rule: 'S002-FLOW-06',
              clause: '002 L199',
            },
            {
              action: 'close',
              from: ['resolved'],
              to: 'closed',
              requires: ['resultFedBackAt', 'reviewNote'],
              rule: 'S002-FLOW-06',
              clause: '002 L127 及时反馈, L199 (2)(4)',
            },
          ],
        },
      ],
    },
  });
}

/**
 * Assigns unified register numbers (统一编号, 002 §3.4.3) to complaints in the order given,
 * company-wide per year: `2024-0001`, `2024-0002`…
 *
 * @param complaints - ids and receipt years, in registration order
 * @param existing - numbers already used (a duplicate is refused)
 * @returns the numbers by complaint id
 * @example
 * assignRegisterNumbers([{ id: 'a', year: 2024 }, { id: 'b', year: 2024 }]); //=> { a: '2024-0001', b: '2024-0002' }
 */
export function assignRegisterNumbers(
  complaints: readonly { id: string; year: number; registerNo?: string }[],
  existing: readonly string[] = [],
): Record<string, string> {
  expectArray(complaints, ['complaints'], 'object');
  expectArray(existing, ['existing']);
  const used = new Set(existing);
  const seq = new Map<number, number>();
  for (const n of existing) {
    const [y, s] = n.split('-');
    if (y && s) seq.set(Number(y), Math.max(seq.get(Number(y)) ?? 0, Number(s)));
  }
  const out: Record<string, string> = {};
  complaints.forEach((c, i) => {
    let no = c.registerNo;
    if (no === undefined) {
      const next = (seq.get(c.year) ?? 0) + 1;
      seq.set(c.year, next);
      no = `${c.year}-${String(next).padStart(4, '0')}`;
    }
    if (used.has(no))
      throw new ZhiduError(
        'duplicate',
        ['complaints', i, 'registerNo'],
        `register number ${no} is already used (DUPLICATE_REGISTER_NO)`,
      );
    used.add(no);
    out[c.id] = no;
  });
  return out;
}
