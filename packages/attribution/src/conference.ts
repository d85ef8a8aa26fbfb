/**
 * Department-level attribution for conference marketing (会议营销, seed 001 篇1, lines 16–64):
 * even allocation of outreach files, the daily shared-box lists before a joint event, the 18:00
 * cut-off, event-day deadlines, forfeiture to the other division, the coordinator's duplicate check,
 * borrowed employees at the event, and the 3-month inadequate-service window.
 */
import { type Instant, policyJsonSchema, refuseRepeats, toEpochMs, violation } from '@zhidu/core';
import { z } from 'zod';
import conferenceMarketing001Json from '../presets/conference-marketing-001.json' with { type: 'json' };
import { expectFlag, expectId, expectIdList, expectObject } from './boundary.js';
import {
  addDays,
  addMonthsClamped,
  atLocal,
  type Decision,
  InstantSchema,
  LocalDateSchema,
  LocalTimeSchema,
  localDateOf,
  localTimeOf,
  parseInput,
  type Rng,
  Trace,
  type Violation,
  ZhiduError,
} from './kernel.js';

/** The module whose violations {@link auditSharedBox} emits (`joint-event` reads only its statuses). */
const SHARED_BOX = 'attribution.shared-box';
/**
 * The module of a joint event: {@link attributeEventSale}'s violations are its violations;
 * {@link jointEventConflict} (S001-ATTR-07, no module of its own) is the same joint-event procedure.
 */
const JOINT_EVENT = 'attribution.joint-event';

/** Parameters of the conference-marketing procedure (Procedure I). */
export const ConferenceParamsSchema = z.strictObject({
  /** invitations after this local time count for the next day (S001-ATTR-03) */
  cutoff: LocalTimeSchema,
  /**
   * the day of an invitation made exactly at the cut-off: `nextDay` (at or after the cut-off counts for
   * the next day, the catalog's reading of "18:00以後") or `sameDay` (only after it) (S001-ATTR-03)
   */
  atCutoff: z.enum(['nextDay', 'sameDay']).default('nextDay'),
  /** days before the event with daily lists (前一周 = 7) */
  windowDays: z.number().int().min(1),
  /** the division that plans one day ahead and wins same-day ties (第一事业部) */
  priorityDivision: z.string().min(1),
  /** event-day deadlines by event start (S001-ATTR-04); morning events have none unless configured */
  eventDay: z.strictObject({
    afternoonFrom: LocalTimeSchema,
    afternoonDeadline: LocalTimeSchema,
    eveningFrom: LocalTimeSchema,
    eveningDeadline: LocalTimeSchema,
    morningDeadline: LocalTimeSchema.nullable(),
  }),
  /** whether a late event-day list is a violation like a daily list (S001-PENALTY-01 reading) */
  flagEventDayList: z.boolean(),
  /** same-day confirmations by two divisions: priority division wins, or escalate to the GM (S001-ATTR-07) */
  tieBreak: z.enum(['priorityDivision', 'escalate']),
  inadequacy: z.strictObject({
    windowMonths: z.number().int().min(1),
    /** `any` missing service makes it inadequate (literal), or only when all are missing */
    mode: z.enum(['any', 'allMissing']),
  }),
  /** who receives the remainder when files do not divide evenly (S001-ATTR-01) */
  allocationRemainder: z.enum(['ordered', 'seededRandom']),
});
/** Parameters of the conference-marketing procedure. */
export type ConferenceParams = z.output<typeof ConferenceParamsSchema>;

const checkedParams = new WeakMap<object, ConferenceParams>();

/** Conference parameters validated once per object identity: a raw object with a wrong type is refused with a ZhiduError. */
function paramsOf(params: unknown): ConferenceParams {
  if (params === null || typeof params !== 'object')
    return parseInput(ConferenceParamsSchema, params, ['params']);
  const cached = checkedParams.get(params);
  if (cached) return cached;
  const parsed = parseInput(ConferenceParamsSchema, params, ['params']);
  checkedParams.set(params, parsed);
  checkedParams.set(parsed, parsed);
  return parsed;
}

/**
 * Seed 001 篇1 with the catalog's readings: the params of the shipped preset
 * `presets/conference-marketing-001.json` (the values live in that file).
 */
export const conferenceMarketing001: ConferenceParams = paramsOf(conferenceMarketing001Json.params);

/**
 * Splits a department's outreach files evenly among the employees who took part (S001-ATTR-01).
 * Counts differ by at most one; the remainder goes in participant order or by seeded draw.
 *
 * @param files - file ids after CRM processing
 * @param participants - employees who attended the outreach event, in order
 * @param params - policy parameters
 * @param rng - required for `seededRandom`
 * @returns employee → file ids
 * @example
 * allocateOutreachFiles(['f1', 'f2', 'f3', 'f4'], ['E1', 'E2', 'E3'], conferenceMarketing001).value
 * //=> { E1: ['f1', 'f4'], E2: ['f2'], E3: ['f3'] }
 */
export function allocateOutreachFiles(
  files: readonly string[],
  participants: readonly string[],
  params: ConferenceParams,
  rng?: Rng,
): Decision<Record<string, string[]>> {
  params = paramsOf(params);
  if (participants.length === 0)
    throw new ZhiduError(
      'invalid_input',
      ['participants'],
      '没有可分配的参与人 / no participants to allocate to',
    );
  if (new Set(participants).size !== participants.length) {
    throw new ZhiduError('duplicate', ['participants'], '参与人重复列出 / a participant is listed twice');
  }
  let order = [...participants];
  if (params.allocationRemainder === 'seededRandom') {
    if (!rng)
      throw new ZhiduError(
        'invalid_input',
        ['rng'],
        '随机分配（seededRandom）须提供带种子的随机数发生器 / seededRandom allocation needs a seeded rng',
      );
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const a = order[i];
      const b = order[j];
      if (a !== undefined && b !== undefined) {
        order[i] = b;
        order[j] = a;
      }
    }
  }
  order = order.length > 0 ? order : [...participants];
  const out: Record<string, string[]> = Object.fromEntries(participants.map((p) => [p, [] as string[]]));
  files.forEach((f, i) => {
    const p = order[i % order.length];
    if (p !== undefined) out[p]?.push(f);
  });
  return new Trace()
    .add(
      'S001-ATTR-01',
      '001 L24 平均分配给该部参加科普的员工',
      `${files.length}份档案平均分配给${participants.length}名参加科普的员工`,
      `${files.length} files split evenly among ${participants.length} participants`,
      { order },
    )
    .decide(out);
}

/**
 * The day an invitation counts for: after the cut-off it counts for the next day (S001-ATTR-03); one
 * made exactly at the cut-off counts for the next day unless the policy says `atCutoff: 'sameDay'`.
 *
 * @param at - invitation instant
 * @param params - policy parameters
 * @param zone - IANA zone
 * @returns local date
 * @example
 * effectiveInvitationDate('2024-06-10T18:00+08:00', conferenceMarketing001, 'Asia/Shanghai'); //=> '2024-06-11'
 * effectiveInvitationDate('2024-06-10T18:00+08:00', { ...conferenceMarketing001, atCutoff: 'sameDay' }, 'Asia/Shanghai'); //=> '2024-06-10'
 */
export function effectiveInvitationDate(at: string, params: ConferenceParams, zone: string): string {
  params = paramsOf(params);
  return invitationDateOf(parseInput(InstantSchema, at, ['at']), params, zone);
}

/**
 * {@link effectiveInvitationDate} on an instant its module has parsed and checked params (one parse,
 * not two; issue 21). @internal
 */
export function invitationDateOf(instant: Instant, params: ConferenceParams, zone: string): string {
  const d = localDateOf(instant, zone);
  if (params.atCutoff === 'nextDay') return localTimeOf(instant, zone) >= params.cutoff ? addDays(d, 1) : d;
  // `sameDay`: only an instant strictly after the cut-off (18:00:30 is after 18:00) counts for the next day
  return toEpochMs(instant) > toEpochMs(atLocal(d, params.cutoff, zone)) ? addDays(d, 1) : d;
}

/** A joint event (联合会议). */
export const JointEventSchema = z.strictObject({
  id: z.string().min(1),
  date: LocalDateSchema,
  start: LocalTimeSchema,
});
/** A joint event. */
export type JointEvent = z.output<typeof JointEventSchema>;

/** A list each division owes the shared box (资源共享箱). */
export type RequiredSubmission = {
  divisionId: string;
  day: string;
  kind: 'confirmed' | 'plannedNextDay' | 'eventDay';
  deadline: string;
};

/**
 * Event-day deadline by start time (S001-ATTR-04): afternoon → 10:00, evening → 16:00, morning → none.
 *
 * @param event - the joint event
 * @param params - policy parameters
 * @param zone - IANA zone
 * @returns the deadline instant (exclusive), or null
 * @example
 * eventDayDeadline({ id: 'e', date: '2024-06-15', start: '14:00' }, conferenceMarketing001, 'Asia/Shanghai')
 * //=> '2024-06-15T02:00:00.000Z' (10:00 for an afternoon event)
 */
export function eventDayDeadline(
  event: z.input<typeof JointEventSchema>,
  params: ConferenceParams,
  zone: string,
): string | null {
  const e = parseInput(JointEventSchema, event, ['event']);
  return eventDayDeadlineParsed(e, paramsOf(params), zone);
}

/**
 * {@link eventDayDeadline} on an event already parsed by `JointEventSchema` and checked params (one
 * parse, not two; issue 21). @internal
 */
function eventDayDeadlineParsed(e: JointEvent, params: ConferenceParams, zone: string): string | null {
  const p = params.eventDay;
  const time =
    e.start >= p.eveningFrom
      ? p.eveningDeadline
      : e.start >= p.afternoonFrom
        ? p.afternoonDeadline
        : p.morningDeadline;
  return time === null ? null : atLocal(e.date, time, zone);
}

/**
 * Every list owed to the shared box for an event (S001-ATTR-02, S001-ATTR-04): each day of the week
 * before, each division's confirmed list before the cut-off, the non-priority divisions' plan for the
 * next day, and the event-day list.
 *
 * @param event - the joint event
 * @param divisions - division ids
 * @param params - policy parameters
 * @param zone - IANA zone
 * @returns the required submissions
 * @example
 * const event = { id: 'expo-0615', date: '2024-06-15', start: '14:00' };
 * const owed = requiredSubmissions(event, ['division1', 'division2'], conferenceMarketing001, 'Asia/Shanghai');
 * owed.length; //=> 23 — 7 days of 1 + 2 lists, then each division's event-day list
 * owed[0]; //=> { divisionId: 'division1', day: '2024-06-08', kind: 'confirmed', deadline: '2024-06-08T10:00:00.000Z' }
 */
export function requiredSubmissions(
  event: z.input<typeof JointEventSchema>,
  divisions: readonly string[],
  params: ConferenceParams,
  zone: string,
): RequiredSubmission[] {
  params = paramsOf(params);
  return requiredParsed(parseInput(JointEventSchema, event, ['event']), divisions, params, zone);
}

/**
 * {@link requiredSubmissions} on an event already parsed by `JointEventSchema` and checked params
 * (one parse, not two; issue 21). @internal
 */
function requiredParsed(
  e: JointEvent,
  divisions: readonly string[],
  params: ConferenceParams,
  zone: string,
): RequiredSubmission[] {
  const out: RequiredSubmission[] = [];
  for (let k = params.windowDays; k >= 1; k--) {
    const day = addDays(e.date, -k);
    const deadline = atLocal(day, params.cutoff, zone);
    for (const d of divisions) {
      out.push({ divisionId: d, day, kind: 'confirmed', deadline });
      if (d !== params.priorityDivision) out.push({ divisionId: d, day, kind: 'plannedNextDay', deadline });
    }
  }
  const ed = eventDayDeadlineParsed(e, params, zone);
  if (ed !== null)
    for (const d of divisions) out.push({ divisionId: d, day: e.date, kind: 'eventDay', deadline: ed });
  return out;
}

/** A list dropped in the shared box. */
export const SubmissionSchema = z.strictObject({
  divisionId: z.string().min(1),
  headId: z.string().min(1),
  day: LocalDateSchema,
  kind: z.enum(['confirmed', 'plannedNextDay', 'eventDay']),
  submittedAt: InstantSchema,
  entries: z.array(
    z.strictObject({
      customerId: z.string().min(1),
      employeeId: z.string().min(1),
      confirmedAt: InstantSchema.optional(),
      role: z.enum(['invitee', 'speaker', 'mobilizer']).default('invitee'),
      /** fields filled in for the row (全面、清晰、整洁) */
      phone: z.string().optional(),
    }),
  ),
});
/** A list dropped in the shared box. */
export type Submission = z.output<typeof SubmissionSchema>;

/** Status of one required list. */
export type ListStatus = RequiredSubmission & {
  status: 'onTime' | 'late' | 'missing';
  headId: string | null;
};

/** A division taking part in a joint event, with its head (who answers for its lists). */
export const DivisionSchema = z.strictObject({ id: z.string().min(1), headId: z.string().min(1) });
const DivisionListSchema = z.array(DivisionSchema).min(1);

/**
 * Refuses a division listed twice (`duplicate` at `path[i].id`): its lists would be owed, audited
 * and flagged once per mention, and its head taken from the last one. @internal
 */
export function refuseRepeatedDivisions(
  divisions: readonly { id: string }[],
  path: readonly (string | number)[],
): void {
  refuseRepeats(
    divisions,
    (d) => d.id,
    (i) => [...path, i, 'id'],
    (id) => `部门 ${id} 重复列出 / division ${id} is listed twice`,
  );
}

/**
 * Checks every required list against what was submitted (S001-ATTR-02, -04) and emits
 * `attribution.sharedBox.late` / `attribution.sharedBox.missing` for the division head
 * (S001-PENALTY-01: 10 CNY each, priced by the penalty package). Planned lists are checked but, as
 * the fine clause names only the confirmed list, not flagged.
 *
 * @param input - event, divisions with their heads (each division once), submissions
 * @param params - policy parameters
 * @param zone - IANA zone
 * @returns statuses and violations
 * @throws ZhiduError `invalid_input` / `unknown_key` for a malformed event, division or submission (at
 *   `event…`, `divisions[i]…`, `submissions[i]…`); `duplicate` for a division listed twice (at
 *   `divisions[i].id`)
 * @example
 * const event = { id: 'expo-0615', date: '2024-06-15', start: '14:00' };
 * const d = auditSharedBox(
 *   { event, divisions: [{ id: 'division1', headId: 'H1' }], submissions: [] },
 *   conferenceMarketing001,
 *   'Asia/Shanghai',
 * );
 * d.value.statuses.filter((s) => s.status === 'missing').length; //=> 8 (7 daily lists and the event-day list)
 * d.value.violations.length; //=> 8 (10 CNY each for H1, priced by @zhidu/penalty)
 * d.value.violations[0]?.code; //=> 'attribution.sharedBox.missing'
 */
export function auditSharedBox(
  input: {
    event: z.input<typeof JointEventSchema>;
    divisions: readonly { id: string; headId: string }[];
    submissions: readonly z.input<typeof SubmissionSchema>[];
  },
  params: ConferenceParams,
  zone: string,
): Decision<{ statuses: ListStatus[]; violations: Violation[] }> {
  params = paramsOf(params);
  const subs = input.submissions.map((s, i) => parseInput(SubmissionSchema, s, ['submissions', i]));
  const event = parseInput(JointEventSchema, input.event, ['event']);
  const divisions = parseInput(DivisionListSchema, input.divisions, ['divisions']);
  refuseRepeatedDivisions(divisions, ['divisions']);
  return auditParsedSharedBox({ event, divisions }, subs, params, zone);
}

/**
 * {@link auditSharedBox} on an event already parsed by `JointEventSchema`, lists already parsed by
 * `SubmissionSchema` and checked params (what `attribution.shared-box` and `attribution.joint-event`
 * have parsed with their whole input): nothing is parsed again (issue 21). @internal
 */
export function auditParsedSharedBox(
  input: {
    event: JointEvent;
    divisions: readonly { id: string; headId: string }[];
  },
  subs: readonly Submission[],
  params: ConferenceParams,
  zone: string,
): Decision<{ statuses: ListStatus[]; violations: Violation[] }> {
  const trace = new Trace();
  const statuses: ListStatus[] = [];
  const violations: Violation[] = [];
  const heads = new Map(input.divisions.map((d) => [d.id, d.headId]));
  const ids = input.divisions.map((d) => d.id);
  for (const req of requiredParsed(input.event, ids, params, zone)) {
    const sub = subs
      .filter((s) => s.divisionId === req.divisionId && s.day === req.day && s.kind === req.kind)
      .sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1))[0];
    const status = !sub ? 'missing' : sub.submittedAt < req.deadline ? 'onTime' : 'late';
    const headId = sub?.headId ?? heads.get(req.divisionId) ?? null;
    statuses.push({ ...req, status, headId });
    const flagged = req.kind === 'confirmed' || (req.kind === 'eventDay' && params.flagEventDayList);
    const rule = req.kind === 'eventDay' ? 'S001-ATTR-04' : 'S001-ATTR-02';
    if (status !== 'onTime' && flagged && headId !== null) {
      violations.push(
        violation(
          SHARED_BOX,
          { rule, clause: req.kind === 'eventDay' ? '001 L40' : '001 L36, L40' },
          {
            code: status === 'late' ? 'attribution.sharedBox.late' : 'attribution.sharedBox.missing',
            personId: headId,
            role: 'divisionHead',
            departmentId: req.divisionId,
            occurredAt: req.deadline,
            subject: { kind: 'sharedBoxList', id: `${req.divisionId}/${req.day}/${req.kind}` },
          },
        ),
      );
      trace.add(
        rule,
        req.kind === 'eventDay' ? '001 L40' : '001 L36',
        `${req.divisionId} ${req.day}的${req.kind === 'eventDay' ? '会议当天' : '已敲定'}名单${status === 'late' ? '迟交' : '未交'}`,
        `${req.divisionId}'s ${req.kind} list for ${req.day} is ${status}`,
      );
    }
    if (sub) {
      const incomplete = sub.entries.filter((e) => !e.phone);
      if (incomplete.length > 0) {
        trace.add(
          'S001-ATTR-02',
          '001 L36 档案要求:全面、清晰、整洁',
          `${req.divisionId} ${req.day}名单有${incomplete.length}行缺少电话,退回补正`,
          `${req.divisionId}'s list for ${req.day} has ${incomplete.length} incomplete rows; returned for correction`,
          { customers: incomplete.map((e) => e.customerId) },
        );
      }
    }
  }
  return trace.decide({ statuses, violations });
}

/** A division's claim on a customer for the event. */
export const ClaimSchema = z.strictObject({
  divisionId: z.string().min(1),
  employeeId: z.string().min(1),
  effectiveDate: LocalDateSchema,
  /** on an on-time list submitted before any competing invitation */
  listed: z.boolean(),
  role: z.enum(['invitee', 'speaker', 'mobilizer']),
  confirmed: z.boolean(),
});
/** A division's claim on a customer for the event. */
export type Claim = z.output<typeof ClaimSchema>;
const ClaimListSchema = z.array(ClaimSchema);

/** Ruling on a customer claimed by several divisions. */
export type ClaimRuling =
  | {
      winner: Claim;
      reason:
        | 'onlyValidClaim'
        | 'earliest'
        | 'priorityDivision'
        | 'inadequateService'
        | 'confirmedBeatsPlanned';
    }
  | { escalate: 'generalManager' };

/**
 * Rules between divisions' claims on one customer (S001-ATTR-05, -06, -07): a claim on an on-time
 * list blocks the other division; a late or missing list forfeits to the division that did list it;
 * confirmed beats planned; earliest effective date wins; a same-day tie goes to the priority
 * division or to the General Manager.
 *
 * @param claims - the divisions' claims
 * @param params - policy parameters
 * @returns the ruling and its trace
 * @example
 * claimsRuling([{ divisionId: 'division1', employeeId: 'E1', effectiveDate: '2024-06-10', listed: false, role: 'invitee', confirmed: true }], conferenceMarketing001);
 */
export function claimsRuling(
  claims: readonly Claim[],
  params: ConferenceParams,
): Decision<ClaimRuling | null> {
  return claimsRulingParsed(claims, paramsOf(params));
}

/** {@link claimsRuling} with checked params (the policy's, validated once; issue 21). @internal */
export function claimsRulingParsed(
  claims: readonly Claim[],
  params: ConferenceParams,
): Decision<ClaimRuling | null> {
  const trace = new Trace();
  if (claims.length === 0) return trace.decide(null);
  const confirmed = claims.filter((c) => c.confirmed);
  const pool0 = confirmed.length > 0 ? confirmed : [...claims];
  if (confirmed.length > 0 && confirmed.length < claims.length) {
    trace.add('S001-ATTR-07', '001 L42', '已敲定优先于计划邀约', 'A confirmed entry beats a planned one');
  }
  const listed = pool0.filter((c) => c.listed);
  let pool = pool0;
  if (listed.length > 0 && listed.length < pool0.length) {
    trace.add(
      'S001-ATTR-05',
      '001 L38 遲交或不交…判為另一部門邀約',
      '未按时上交名单的部门失去该顾客',
      'The division whose list was late or missing loses the customer',
      { forfeited: pool0.filter((c) => !c.listed).map((c) => c.divisionId) },
    );
    pool = listed;
  }
  const sorted = [...pool].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
  );
  const first = sorted[0];
  if (!first) return trace.decide(null);
  const ties = sorted.filter(
    (c) => c.effectiveDate === first.effectiveDate && c.divisionId !== first.divisionId,
  );
  if (ties.length > 0) {
    if (params.tieBreak === 'escalate') {
      trace.add(
        'S001-ATTR-07',
        '001 L46',
        '协调助理无法判定,上报总经理裁决',
        'The coordinator cannot decide: escalated to the GM',
      );
      return trace.decide({ escalate: 'generalManager' });
    }
    const pri = [first, ...ties].find((c) => c.divisionId === params.priorityDivision);
    if (pri) {
      trace.add(
        'S001-ATTR-02',
        '001 L36',
        '同日敲定,第一事业部优先',
        'Same-day confirmations: the priority division wins',
      );
      return trace.decide({ winner: pri, reason: 'priorityDivision' });
    }
    trace.add(
      'S001-ATTR-07',
      '001 L46',
      '协调助理无法判定,上报总经理裁决',
      'The coordinator cannot decide: escalated to the GM',
    );
    return trace.decide({ escalate: 'generalManager' });
  }
  const reason = pool.length === 1 ? 'onlyValidClaim' : 'earliest';
  trace.add(
    'S001-ATTR-06',
    '001 L42 已有部門邀約敲定的顧客,另一門不允許再邀約',
    `${first.divisionId}的有效敲定在先`,
    `${first.divisionId} holds the earlier valid confirmation`,
  );
  return trace.decide({ winner: first, reason });
}

/**
 * Whether a division may invite a customer (S001-ATTR-06), unless the customer is in the
 * inadequate-service window, when other departments may invite (S001-ATTR-09, K-I1).
 *
 * @param divisionId - the division that wants to invite
 * @param claims - existing claims
 * @param inadequatelyServed - result of `isServiceInadequate`
 * @returns allowed, or blocked by a division
 * @throws ZhiduError `invalid_input` for a division that is not an id, a claim that is not a `Claim`
 *   (at `['claims', i, …]`), or a flag that is not a boolean
 * @example
 * const claims = [
 *   { divisionId: 'division1', employeeId: 'E1', effectiveDate: '2024-06-10', listed: true, role: 'invitee' as const, confirmed: true },
 * ];
 * canInvite('division2', claims, false); //=> { allowed: false, blockedBy: 'division1' }
 * canInvite('division2', claims, true); //=> { allowed: true } (the customer was inadequately served)
 * canInvite('division2', claims, 'no' as never); // throws ZhiduError invalid_input
 */
export function canInvite(
  divisionId: string,
  claims: readonly Claim[],
  inadequatelyServed: boolean,
): { allowed: boolean; blockedBy?: string } {
  expectId(divisionId, ['divisionId']);
  const list = parseInput(ClaimListSchema, claims, ['claims']);
  if (expectFlag(inadequatelyServed, ['inadequatelyServed'])) return { allowed: true };
  const blocking = list.find((c) => c.divisionId !== divisionId && c.confirmed && c.listed);
  return blocking ? { allowed: false, blockedBy: blocking.divisionId } : { allowed: true };
}

/**
 * Customers on the lists of two or more divisions for the same evening (S001-ATTR-07).
 *
 * @param submissions - lists of the evening
 * @param params - policy parameters
 * @param zone - zone
 * @returns duplicates with each division's entry
 * @example
 * const list = (divisionId: string, headId: string, confirmedAt: string) => ({
 *   divisionId, headId, day: '2024-06-14', kind: 'confirmed' as const, submittedAt: '2024-06-14T17:30+08:00',
 *   entries: [{ customerId: 'c9', employeeId: `${divisionId}-E1`, confirmedAt }],
 * });
 * const dup = detectDuplicates(
 *   [list('division1', 'H1', '2024-06-14T15:00+08:00'), list('division2', 'H2', '2024-06-14T16:00+08:00')],
 *   conferenceMarketing001,
 *   'Asia/Shanghai',
 * );
 * dup.map((d) => `${d.customerId}: ${d.entries.map((e) => e.divisionId).join(' + ')}`) //=> ['c9: division1 + division2']
 */
export function detectDuplicates(
  submissions: readonly z.input<typeof SubmissionSchema>[],
  params: ConferenceParams,
  zone: string,
): {
  customerId: string;
  entries: { divisionId: string; kind: Submission['kind']; effectiveDate: string }[];
}[] {
  params = paramsOf(params);
  const subs = submissions.map((s, i) => parseInput(SubmissionSchema, s, ['submissions', i]));
  return duplicatesParsed(subs, params, zone);
}

/**
 * {@link detectDuplicates} on lists already parsed by `SubmissionSchema` and checked params (what
 * `attribution.duplicates` has parsed with its input): the lists are not parsed again (issue 21). @internal
 */
export function duplicatesParsed(
  subs: readonly Submission[],
  params: ConferenceParams,
  zone: string,
): {
  customerId: string;
  entries: { divisionId: string; kind: Submission['kind']; effectiveDate: string }[];
}[] {
  const byCustomer = new Map<
    string,
    { divisionId: string; kind: Submission['kind']; effectiveDate: string }[]
  >();
  for (const s of subs) {
    for (const e of s.entries) {
      const list = byCustomer.get(e.customerId) ?? [];
      const eff = e.confirmedAt
        ? invitationDateOf(e.confirmedAt, params, zone)
        : s.kind === 'plannedNextDay'
          ? addDays(s.day, 1)
          : s.day;
      list.push({ divisionId: s.divisionId, kind: s.kind, effectiveDate: eff });
      byCustomer.set(e.customerId, list);
    }
  }
  return [...byCustomer]
    .filter(([, entries]) => new Set(entries.map((e) => e.divisionId)).size > 1)
    .map(([customerId, entries]) => ({ customerId, entries }));
}

/** Service activity over the inadequacy window. */
export const ServiceActivitySchema = z.strictObject({
  kind: z.enum(['invitation', 'attendance', 'homeVisit']),
  at: InstantSchema,
});

/** The service activities of `isServiceInadequate` (the `activities` of its input). */
const ServiceActivityListSchema = z.array(ServiceActivitySchema);

/** Input of `isServiceInadequate` / `canCompanyReassign`: owner since, as-of instant, service activities. */
export const ServiceAdequacyInputSchema = z.strictObject({
  ownerSince: InstantSchema,
  asOf: InstantSchema,
  activities: ServiceActivityListSchema,
});
/** Input of `isServiceInadequate` before parsing. */
export type ServiceAdequacyInput = z.input<typeof ServiceAdequacyInputSchema>;

/**
 * Inadequate service over the trailing window (服务不到位, S001-ATTR-09): no invitation, invited but
 * never came, or no home visit. Only evaluable once the owner has held the customer for the window.
 *
 * @param input - owner since, activities, as-of instant
 * @param params - policy parameters
 * @param zone - zone
 * @returns inadequate flag and reasons
 * @throws ZhiduError `invalid_input` for an input that is not a `ServiceAdequacyInput`
 * @example
 * isServiceInadequate({ ownerSince: '2023-12-01T00:00+08:00', asOf: '2024-04-01T00:00+08:00', activities: [] }, conferenceMarketing001, 'Asia/Shanghai').value
 * //=> { inadequate: true, reasons: ['noInvitation', 'noHomeVisit'] }
 */
export function isServiceInadequate(
  input: ServiceAdequacyInput,
  params: ConferenceParams,
  zone: string,
): Decision<{ inadequate: boolean; reasons: ('noInvitation' | 'noAttendance' | 'noHomeVisit')[] }> {
  params = paramsOf(params);
  expectObject(input, ['input']);
  const since = parseInput(InstantSchema, input.ownerSince, ['ownerSince']);
  const asOf = parseInput(InstantSchema, input.asOf, ['asOf']);
  const acts = parseInput(ServiceActivityListSchema, input.activities, ['activities']);
  return serviceInadequacyOf(since, asOf, acts, params, zone);
}

/**
 * {@link isServiceInadequate} on instants and activities already parsed (what
 * `attribution.joint-event` has parsed with its whole input) and checked params. @internal
 */
export function serviceInadequacyOf(
  since: Instant,
  asOf: Instant,
  acts: readonly z.output<typeof ServiceActivitySchema>[],
  params: ConferenceParams,
  zone: string,
): Decision<{ inadequate: boolean; reasons: ('noInvitation' | 'noAttendance' | 'noHomeVisit')[] }> {
  const trace = new Trace();
  const asOfDate = localDateOf(asOf, zone);
  const windowStart = addMonthsClamped(asOfDate, -params.inadequacy.windowMonths);
  if (localDateOf(since, zone) > windowStart) {
    trace.add(
      'S001-ATTR-09',
      '001 L64 三個月內',
      `归属不满${params.inadequacy.windowMonths}个月,尚不评估`,
      `Owned for less than ${params.inadequacy.windowMonths} months: not yet evaluable`,
    );
    return trace.decide({ inadequate: false, reasons: [] });
  }
  const inWindow = acts.filter((a) => {
    const d = localDateOf(a.at, zone);
    return d >= windowStart && d <= asOfDate;
  });
  const has = (k: string): boolean => inWindow.some((a) => a.kind === k);
  const reasons: ('noInvitation' | 'noAttendance' | 'noHomeVisit')[] = [];
  if (!has('invitation')) reasons.push('noInvitation');
  else if (!has('attendance')) reasons.push('noAttendance');
  if (!has('homeVisit')) reasons.push('noHomeVisit');
  const inadequate =
    params.inadequacy.mode === 'any'
      ? reasons.length > 0
      : !has('invitation') && !has('attendance') && !has('homeVisit');
  trace.add(
    'S001-ATTR-09',
    '001 L64 服務不到位',
    inadequate ? `服务不到位:${reasons.map((r) => INADEQUACY_ZH[r]).join('、')}` : '服务到位',
    inadequate ? `Inadequate service: ${reasons.join(', ')}` : 'Service adequate',
    { windowStart, asOf: asOfDate },
  );
  return trace.decide({ inadequate, reasons });
}

/**
 * Whether the company may reassign a customer at its discretion (S001-ATTR-10): exactly when the
 * service was inadequate.
 *
 * @param input - as for `isServiceInadequate`
 * @param params - policy parameters
 * @param zone - zone
 * @returns decision
 * @example
 * const input = {
 *   ownerSince: '2023-12-01T00:00+08:00',
 *   asOf: '2024-04-01T00:00+08:00',
 *   activities: [{ kind: 'invitation' as const, at: '2024-02-10T10:00+08:00' }], // invited, never came, no home visit
 * };
 * canCompanyReassign(input, conferenceMarketing001, 'Asia/Shanghai').value; //=> true
 * canCompanyReassign({ ...input, ownerSince: '2024-03-01T00:00+08:00' }, conferenceMarketing001, 'Asia/Shanghai').value
 * //=> false (owned for less than 3 months: not yet evaluable)
 */
export function canCompanyReassign(
  input: ServiceAdequacyInput,
  params: ConferenceParams,
  zone: string,
): Decision<boolean> {
  return reassignmentOf(isServiceInadequate(input, params, zone));
}

/**
 * {@link canCompanyReassign} from the inadequacy already judged (`attribution.service-adequacy` judges
 * it once for both answers; issue 21). @internal
 */
export function reassignmentOf(
  d: Decision<{ inadequate: boolean; reasons: ('noInvitation' | 'noAttendance' | 'noHomeVisit')[] }>,
): Decision<boolean> {
  const t = new Trace();
  t.entries.push(...d.trace);
  t.add(
    'S001-ATTR-10',
    '001 L64 公司有權將該顧客檔案分配給其他部門或員工',
    d.value.inadequate ? '公司可重新分配该顾客' : '服务到位,公司不得据此重新分配',
    d.value.inadequate
      ? 'The company may reassign the customer'
      : 'Service adequate: no reassignment on this ground',
  );
  return t.decide(d.value.inadequate);
}

/**
 * Sale at a joint event (S001-ATTR-08): 100 % to the current inviter; a borrowed earlier server
 * needs the inviter's consent, and two employees may not pitch at once.
 *
 * @param input - the sale
 * @returns performance holder and violations
 * @throws ZhiduError `invalid_input` for a malformed sale (ids, helper list, flags) or `at`
 * @example
 * attributeEventSale({ customerId: 'X', at: '2024-06-15T20:00+08:00', currentInviter: 'E2', helpers: ['E1'], consentGiven: true, simultaneousPitch: false }).value;
 */
export function attributeEventSale(input: {
  customerId: string;
  at: string;
  currentInviter: string;
  helpers: readonly string[];
  consentGiven: boolean;
  simultaneousPitch: boolean;
}): Decision<{ performance: Record<string, number>; violations: Violation[] }> {
  expectObject(input, ['input']);
  expectId(input.customerId, ['customerId']);
  expectId(input.currentInviter, ['currentInviter']);
  const helpers = expectIdList(input.helpers, ['helpers']);
  expectFlag(input.consentGiven, ['consentGiven']);
  expectFlag(input.simultaneousPitch, ['simultaneousPitch']);
  const at = parseInput(InstantSchema, input.at, ['at']);
  return eventSaleParsed({
    customerId: input.customerId,
    at,
    currentInviter: input.currentInviter,
    helpers,
    consentGiven: input.consentGiven,
    simultaneousPitch: input.simultaneousPitch,
  });
}

/**
 * {@link attributeEventSale} on a sale whose instant, ids and flags its module has parsed already
 * (one parse, not two; issue 21). @internal
 */
export function eventSaleParsed(input: {
  customerId: string;
  at: Instant;
  currentInviter: string;
  helpers: readonly string[];
  consentGiven: boolean;
  simultaneousPitch: boolean;
}): Decision<{ performance: Record<string, number>; violations: Violation[] }> {
  const { at, helpers } = input;
  const t = new Trace();
  const violations: Violation[] = [];
  const flag = (code: string, personId: string): void => {
    violations.push(
      violation(
        JOINT_EVENT,
        { rule: 'S001-ATTR-08', clause: '001 L44' },
        { code, personId, occurredAt: at, subject: { kind: 'customer', id: input.customerId } },
      ),
    );
  };
  for (const h of helpers) {
    if (!input.consentGiven) flag('attribution.jointEvent.noConsent', h);
    if (input.simultaneousPitch) flag('attribution.jointEvent.simultaneousPitch', h);
  }
  t.add(
    'S001-ATTR-08',
    '001 L44 如有銷售,算做該顧客現邀約員工的業績',
    `销售算作现邀约员工${input.currentInviter}的业绩`,
    `The sale counts 100 % for the current inviter ${input.currentInviter}`,
  );
  return t.decide({ performance: { [input.currentInviter]: 100 }, violations });
}

/**
 * Arguing in front of customers at a joint event, or settling without both heads and the
 * coordinator (S001-PENALTY-02): one `attribution.jointEvent.quarrel` per party (100 CNY each).
 *
 * @param input - parties and what happened
 * @returns violations
 * @throws ZhiduError `invalid_input` for malformed parties, flags or `at`
 * @example
 * jointEventConflict({ at: '2024-06-15T20:00+08:00', parties: ['E1', 'E2'], arguedBeforeCustomer: true, resolvedViaProcedure: false }).value.length; //=> 2
 */
export function jointEventConflict(input: {
  at: string;
  parties: readonly string[];
  arguedBeforeCustomer: boolean;
  resolvedViaProcedure: boolean;
}): Decision<Violation[]> {
  expectObject(input, ['input']);
  const at = parseInput(InstantSchema, input.at, ['at']);
  const parties = expectIdList(input.parties, ['parties']);
  expectFlag(input.arguedBeforeCustomer, ['arguedBeforeCustomer']);
  expectFlag(input.resolvedViaProcedure, ['resolvedViaProcedure']);
  const t = new Trace();
  if (!input.arguedBeforeCustomer && input.resolvedViaProcedure) {
    t.add(
      'S001-ATTR-07',
      '001 L46',
      '会后由两部负责人与协调助理协商处理',
      'Settled after the event by both heads and the coordinator',
    );
    return t.decide([]);
  }
  t.add(
    'S001-ATTR-07',
    '001 L46 否則當事人每人罰款100元',
    '在顾客面前争议或未经协调程序处理:当事人每人罚款',
    'Argued before customers or bypassed the coordination: each party is fined',
  );
  return t.decide(
    parties.map((p) =>
      violation(
        JOINT_EVENT,
        { rule: 'S001-PENALTY-02', clause: '001 L46' },
        { code: 'attribution.jointEvent.quarrel', personId: p, occurredAt: at },
      ),
    ),
  );
}

/**
 * JSON Schema of a conference-marketing policy (core policy envelope around `ConferenceParamsSchema`).
 *
 * @returns a JSON Schema object
 * @example
 * const schema = conferencePolicyJsonSchema();
 */
export function conferencePolicyJsonSchema(): Record<string, unknown> {
  return policyJsonSchema(ConferenceParamsSchema);
}

/** Why service was inadequate, as the Chinese trace says it. */
const INADEQUACY_ZH: Record<'noInvitation' | 'noAttendance' | 'noHomeVisit', string> = {
  noInvitation: '未邀约',
  noAttendance: '邀约未到场',
  noHomeVisit: '未家访',
};
