import type { DurationSpec } from '@zhidu/core';
import { expectObject } from '@zhidu/core';
import { defineSlaPolicy, type SlaPolicy, type SlaPolicyParamsInput } from '../policy.js';
import type { Quota } from '../quota.js';
import type { RecurringObligation } from '../recurring.js';
import type { EventMatcher, TimerDefinitionInput } from '../timer/definition.js';
import { envelope, is, minutes, on, timer, workingDays } from './helpers.js';
import { type Anchor, SERVICE_TABLES_004, type ServiceRow } from './service-table-004.js';

/** Options a property company can read differently (each defaults to the catalog's recommendation). */
export type PropertyService004Options = {
  /** 004 T3-04: measure "restore traffic within 10 minutes" from arrival (C6, default) or from the report. */
  carParkRestoreFrom?: 'arrival' | 'request';
  /** Tolerance after a booked appointment (S004-SLA-03: none stated, default 0). */
  appointmentGraceMinutes?: number;
  /** 004 L46 "每月10日前": inclusive of the 10th (default) or strictly before it. */
  paymentNoticesInclusive?: boolean;
  /**
   * S004-SLA-00: whether the minute clocks of the front-desk tables (T1, T2) run only while the desk
   * is open (business minutes on the calendar) instead of around the clock (default false).
   */
  frontDeskBusinessHoursOnly?: boolean;
};

const ANCHOR_EVENTS: Record<Anchor, string[]> = {
  request: ['request'],
  acceptance: ['accept'],
  arrival: ['arrive'],
  discovery: ['discover'],
  alarm: ['alarm'],
  fundsReceived: ['fundsReceived'],
  acceptancePassed: ['acceptancePassed'],
  documentsComplete: ['documentsComplete'],
  orderReceived: ['orderReceived'],
  orderAndSignal: ['orderReceived', 'signalAvailable'],
  outageStart: ['outageStart'],
  rainStart: ['rainStart'],
  agreedTime: ['agreedTime'],
};

const clauseOf = (row: ServiceRow) => `004 L${row.line} ${row.id}`;

function rowTimers(row: ServiceRow, options: Required<PropertyService004Options>): TimerDefinitionInput[] {
  const out: TimerDefinitionInput[] = [];
  for (const p of row.phases) {
    const applies = [
      is('row', row.id),
      ...(p.condition ? [is(p.condition.attribute, p.condition.equals)] : []),
    ];
    const base = {
      id: `${row.id}.${p.phase}`,
      rule: p.rule ?? row.rule,
      clause: clauseOf(row),
      zh: `${row.itemZh}:${p.phase}`,
      en: `${row.item}: ${p.phase}`,
      appliesWhen: applies,
      stop: p.phase,
    };
    const startFrom = (anchor: Anchor) => {
      const types = ANCHOR_EVENTS[anchor];
      return {
        start: types.map((t) => on(t)),
        startMode: types.length > 1 ? ('all' as const) : ('any' as const),
      };
    };
    let spec: DurationSpec | undefined;
    let from: Anchor | undefined;
    if ('minutes' in p) {
      const frontDesk = row.id.startsWith('T1') || row.id.startsWith('T2');
      spec =
        options.frontDeskBusinessHoursOnly && frontDesk
          ? { unit: 'workingMinutes', amount: p.minutes }
          : minutes(p.minutes);
      from =
        row.id === 'T3-04' && p.phase === 'restore' && options.carParkRestoreFrom === 'request'
          ? 'request'
          : p.from;
    } else if ('seconds' in p) {
      spec = minutes(p.seconds / 60);
      from = p.from;
    } else if ('workingDays' in p) {
      spec = workingDays(p.workingDays);
      from = p.from;
    } else if ('onTheSpotOrWorkingDays' in p) {
      // 當面答復或1個工作日內答復: an on-the-spot answer is always inside the working-day limit,
      // so the working-day limit is the binding one.
      spec = workingDays(p.onTheSpotOrWorkingDays);
      from = p.from;
    } else if ('sameDay' in p) {
      spec = { unit: 'sameDay' };
      from = p.from;
    }
    if (spec && from) {
      out.push(timer({ ...base, ...startFrom(from), target: { kind: 'duration', spec } }));
    } else if ('rings' in p) {
      out.push(
        timer({
          ...base,
          start: 'request',
          stop: [on('answer'), on('abandon')],
          target: { kind: 'count', attribute: 'rings', max: p.rings },
        }),
      );
    } else if ('onAppointment' in p) {
      out.push(
        timer({
          ...base,
          start: 'request',
          target: {
            kind: 'relative',
            attribute: 'appointmentAt',
            offset: { minutes: options.appointmentGraceMinutes },
            at: 'sameTime',
            inclusive: true,
          },
        }),
      );
    } else if ('onTheSpot' in p) {
      out.push(
        timer({
          ...base,
          start: 'arrive',
          target: { kind: 'beforeEvent', type: 'visitEnd', inclusive: true },
        }),
      );
    } else if ('minutesBefore' in p) {
      out.push(
        timer({
          ...base,
          start: 'outagePlanned',
          target: {
            kind: 'relative',
            attribute: 'outageStartAt',
            offset: { minutes: -p.minutesBefore },
            at: 'sameTime',
            inclusive: true,
          },
        }),
      );
    }
  }
  return out;
}

function rowRecurring(row: ServiceRow, options: Required<PropertyService004Options>): RecurringObligation[] {
  return row.phases.flatMap((p) =>
    'monthlyByDayOfMonth' in p
      ? [
          {
            id: `${row.id}.${p.phase}`,
            rule: row.rule,
            clause: clauseOf(row),
            title: { zh: row.itemZh, en: row.item },
            due: {
              kind: 'dayOfMonth' as const,
              day: p.monthlyByDayOfMonth,
              inclusive: options.paymentNoticesInclusive,
            },
            done: [on('paymentNoticesDelivered')],
            subjects: ['estate'],
            warnings: [],
            escalations: [],
          },
        ]
      : [],
  );
}

/**
 * The frequency rows of the 004 tables (patrols, cleaning rounds, revisits) as quotas for
 * `evaluateQuota`. Per-floor rows (T6-01) count per subject: use the floor as the event subject.
 *
 * @returns one quota per frequency row
 * @example
 * const patrol = serviceQuotas004().find((q) => q.id === 'T6-02b'); // at least 6 a day
 */
export function serviceQuotas004(): Quota[] {
  return SERVICE_TABLES_004.flatMap((row) =>
    row.phases.flatMap((p) =>
      'atLeast' in p
        ? [
            {
              id: row.id,
              rule: row.rule,
              clause: clauseOf(row),
              type: 'perform',
              atLeast: p.atLeast,
              per: p.per === 'month' ? ('month' as const) : ('day' as const),
              perSubject: p.per === 'floorDay',
              ...(p.window ? { window: p.window } : {}),
            },
          ]
        : [],
    ),
  );
}

/** Events that pin a repair grade's clock: arrival or handling, whichever comes first (004 L21). */
const ARRIVE_OR_HANDLE: EventMatcher[] = [on('arrive'), on('handled')];

/**
 * The in-unit repair grades of 004 L21 (特急 10 min, 急 15 min, 一般 same day or the agreed time).
 * They apply only to repairs no specific table row covers (C9: a row overrides the grade).
 */
function gradeTimers(): TimerDefinitionInput[] {
  const noRow = { attribute: 'row', exists: false };
  return [
    timer({
      id: 'repairGrade',
      rule: 'S004-SLA-01',
      clause: '004 L21',
      zh: '室內報修分級響應(特急/急)',
      en: 'In-unit repair response by grade (critical/urgent)',
      appliesWhen: [noRow, { attribute: 'grade', notIn: ['normal'] }, { attribute: 'grade', exists: true }],
      start: 'request',
      stop: ARRIVE_OR_HANDLE,
      target: {
        kind: 'byAttribute',
        cases: [
          { when: [is('grade', 'critical')], spec: minutes(10) },
          { when: [is('grade', 'urgent')], spec: minutes(15) },
        ],
      },
    }),
    timer({
      id: 'repairGrade.normal',
      rule: 'S004-SLA-01',
      clause: '004 L21',
      zh: '室內報修一般級:當日到場或處理',
      en: 'In-unit repair, normal grade: same day',
      appliesWhen: [noRow, is('grade', 'normal'), { attribute: 'agreedAt', exists: false }],
      start: 'request',
      stop: ARRIVE_OR_HANDLE,
      target: { kind: 'duration', spec: { unit: 'sameDay' } },
    }),
    timer({
      id: 'repairGrade.agreed',
      rule: 'S004-SLA-01',
      clause: '004 L21',
      zh: '室內報修一般級:與客戶約定時間內',
      en: 'In-unit repair, normal grade: by the time agreed with the customer',
      appliesWhen: [noRow, is('grade', 'normal'), { attribute: 'agreedAt', exists: true }],
      start: 'request',
      stop: ARRIVE_OR_HANDLE,
      target: { kind: 'relative', attribute: 'agreedAt', offset: {}, at: 'sameTime', inclusive: true },
    }),
    timer({
      id: 'plannedOutage.notice',
      rule: 'S004-SLA-29',
      clause: '004 L17',
      zh: '計劃停電:提前24小時在各大堂書面公告',
      en: 'Planned outage: written notice in every lobby at least 24 h before',
      appliesWhen: [
        { attribute: 'especiallyUrgent', notIn: [true] },
        { attribute: 'lobby', exists: true },
      ],
      start: 'outagePlanned',
      stop: 'noticePosted',
      target: {
        kind: 'relative',
        attribute: 'outageStartAt',
        offset: { minutes: -24 * 60 },
        at: 'sameTime',
        inclusive: true,
      },
    }),
  ];
}

/**
 * Property-service commitments of seed 004 (物业公司服务时间承诺, 004 L1–126): all six service-time
 * tables (83 rows) compiled to timers on one engine, the three repair grades, planned-outage
 * notices, the monthly payment-notice duty, and the single-intake / respond-resolve-answer closure.
 * Each request is a subject whose `row` attribute names its table row (`T5-03`…); phases are events
 * named after the phase (`arrive`, `complete`…), anchors after the anchor (`request`, `accept`…).
 *
 * @param options - the company's reading of the ambiguous cells
 * @returns the validated policy
 * @example
 * const policy = propertyService004Preset();
 * evaluateTimers([
 *   { type: 'request', subject: 'r1', at: '2024-03-04T10:00:00+08:00', attributes: { row: 'T5-03' } },
 *   { type: 'arrive', subject: 'r1', at: '2024-03-04T10:25:00+08:00' },
 * ], policy, makeContext({ now: '2024-03-04T10:30:00+08:00' })).value; // T5-03.arrive met, T5-03.complete running
 */
export function propertyService004Preset(options: PropertyService004Options = {}): SlaPolicy {
  expectObject(options, ['options']);
  const o: Required<PropertyService004Options> = {
    carParkRestoreFrom: options.carParkRestoreFrom ?? 'arrival',
    appointmentGraceMinutes: options.appointmentGraceMinutes ?? 0,
    paymentNoticesInclusive: options.paymentNoticesInclusive ?? true,
    frontDeskBusinessHoursOnly: options.frontDeskBusinessHoursOnly ?? false,
  };
  const params: SlaPolicyParamsInput = {
    timers: [...SERVICE_TABLES_004.flatMap((r) => rowTimers(r, o)), ...gradeTimers()],
    recurring: SERVICE_TABLES_004.flatMap((r) => rowRecurring(r, o)),
    workflows: [
      {
        id: 'complaint004',
        rule: 'S004-CPL-02',
        clause: '004 L12',
        initial: 'received',
        final: ['closed'],
        transitions: [
          {
            action: 'accept',
            from: ['received'],
            to: 'accepted',
            roles: ['customerServiceDept'],
            rule: 'S004-CPL-01',
            clause: '004 L11',
          },
          {
            action: 'respond',
            from: ['accepted'],
            to: 'responded',
            requires: ['respondedAt'],
            rule: 'S004-CPL-02',
            clause: '004 L12 有求必應',
          },
          {
            action: 'resolve',
            from: ['responded'],
            to: 'resolved',
            requires: ['resolution'],
            rule: 'S004-CPL-02',
            clause: '004 L12 有應必解',
          },
          {
            action: 'close',
            from: ['resolved'],
            to: 'closed',
            requires: ['respondedAt', 'resolution', 'answeredToCustomerAt'],
            rule: 'S004-CPL-02',
            clause: '004 L12 有解必答',
          },
        ],
      },
    ],
    intake: [
      // The record a visit closes with: a failed fit-out inspection needs its rectification notice
      // (004 L95 發整改通知); a special public-TV fault needs the expected repair date (004 L89).
      {
        field: 'rectificationNoticeIssuedAt',
        rule: 'S004-SLA-12',
        clause: '004 L95–96 T5-01',
        requiredWhen: [is('row', 'T5-01'), is('outcome', 'failed')],
      },
      {
        field: 'acceptanceDocumentIssuedAt',
        rule: 'S004-SLA-12',
        clause: '004 L95–96 T5-01',
        requiredWhen: [is('row', 'T5-01'), is('outcome', 'passed')],
      },
      {
        field: 'explanation',
        rule: 'S004-SLA-17',
        clause: '004 L87–90',
        requiredWhen: [{ attribute: 'row', in: ['T4-10', 'T4-11b', 'T4-12'] }, is('fixed', false)],
      },
      {
        field: 'expectedRepairAt',
        rule: 'S004-SLA-17',
        clause: '004 L89 T4-11b 預計修復期限',
        requiredWhen: [is('row', 'T4-11b')],
      },
    ],
    checklists: [
      {
        id: 'T6-07.actions',
        rule: 'S004-SLA-27',
        clause: '004 L122 T6-07',
        title: { zh: '水浸、水管爆裂緊急處理', en: 'Flooding / burst pipe response' },
        items: [
          { field: 'shutOffWater', equals: true },
          { field: 'handleFlooding', equals: true },
          { field: 'repairPipe', equals: true, when: [is('pipeBurst', true)] },
          { field: 'saveDocuments', equals: true, when: [is('documentsAtRisk', true)] },
          { field: 'notifyCleaningCompany', equals: true },
        ],
      },
    ],
    settings: {
      appointmentGraceMinutes: o.appointmentGraceMinutes,
      carParkRestoreFrom: o.carParkRestoreFrom,
      frontDeskBusinessHoursOnly: o.frontDeskBusinessHoursOnly,
    },
  };
  return defineSlaPolicy({
    ...envelope('zhidu.sla.property-service-004', '物业公司客户管理制度:服务时间承诺 (004)', '004 L1–126'),
    params,
  });
}
