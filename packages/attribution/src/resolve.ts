/**
 * `resolveOwnership`: who owns a customer at a sales office, who gets each deal and how the
 * performance credit and bonus split, following the catalog's Procedure II for seed 001 篇2
 * (客户的分配确认, lines 152–192) with every ambiguity behind a policy switch.
 */
import { drawHeirs } from './draw.js';
import {
  type CustomerEvent,
  type DealEvent,
  type DepartureEvent,
  type RegistrationEvent,
  type SalesEvent,
  type SalesHistory,
  type SalesHistoryInput,
  SalesHistorySchema,
  type SalesLogInput,
  SalesLogSchema,
  type VisitEvent,
} from './events.js';
import {
  atLocal,
  type Decision,
  type EvalContext,
  localDateOf,
  parseInput,
  Trace,
  type Violation,
  ZhiduError,
} from './kernel.js';
import type { ClaimBasis, DealAttribution, Ownership, VisitCase, VisitOutcome } from './ownership.js';
import { defineSalesOfficePolicy, type SalesOfficeParams, type SalesOfficePolicy } from './policy.js';
import { type RegistrationClaim as Claim, checkRegistration, claimOf, isProtected } from './protection.js';
import { type Share, sharesOf } from './shares.js';

const C = {
  firstVisit: '001 L154 客户首访原则',
  validity: '001 L158 建档有效期2个月',
  deal: '001 L160 以成交为准',
  wishes: '001 L162 以客户意愿为主',
  c1: '001 L166 criterion (1)',
  c2: '001 L168 criterion (2)',
  c3: '001 L170 criterion (3)',
  c4: '001 L172 criterion (4)',
  c5: '001 L174 criterion (5)',
  c6: '001 L176 criterion (6)',
  c7: '001 L178 criterion (7)',
  c8: '001 L180 criterion (8)',
  c9: '001 L182 criterion (9)',
  c10: '001 L184 criterion (10)',
  c11: '001 L186 criterion (11)',
  c12: '001 L188 criterion (12)',
  c13: '001 L190 criterion (13)',
  crossover: '001 L192 客户交叉',
  l108: '001 L108 returning customer',
  l110: '001 L110 first-visit designation',
  b1119: '000 L1119 登记时间判断归属',
  b1121: '000 L1121 不能说出客户经理视为新客户',
  b1123: '000 L1123 指定原招商经理',
} as const;

type Prior = {
  id: string | null;
  basis: ClaimBasis | null;
  expiresOn: string | null;
  needsManagerReview: boolean;
};

type State = {
  history: SalesHistory;
  params: SalesOfficeParams;
  zone: string;
  departures: DepartureEvent[];
  byCustomer: Map<string, CustomerEvent[]>;
  drawBase: number | null;
  staffIds: Set<string>;
  eligible: string[];
  memo: Map<string, Evaluation>;
  visiting: Set<string>;
  /** household links indexed both ways, so a batch never scans the log per customer */
  households: Map<string, Set<string>>;
};

type Evaluation = {
  prior: Prior;
  visits: (VisitOutcome & { event: VisitEvent })[];
  deals: DealAttribution[];
  firstContactAt: string | null;
  followUp: string | null;
};

const NONE: Prior = { id: null, basis: null, expiresOn: null, needsManagerReview: false };

/**
 * Resolves who owns a customer at `ctx.now`, classifies each visit and attributes each deal.
 *
 * @param history - the customer id, the staff roster and the event log (may hold other customers' events)
 * @param policy - a sales-office policy (e.g. the `salesOffice001` preset)
 * @param ctx - evaluation context: `now`, `zone`, and a seeded `rng` when a random draw may be needed
 * @returns the ownership decision with a trace naming each rule applied
 * @example
 * const d = resolveOwnership(
 *   { customerId: 'c1', staff: [{ id: 'A' }, { id: 'B' }], events: [
 *     { type: 'registration', at: '2024-03-01T10:05+08:00', customerId: 'c1', salespersonId: 'B', channel: 'walkIn', fields: { name: '王', phone: '13800000000' } },
 *   ] },
 *   salesOffice001,
 *   makeContext({ now: '2024-03-10T00:00+08:00' }),
 * );
 * d.value.owner; //=> 'B'
 */
export function resolveOwnership(
  history: SalesHistoryInput,
  policy: SalesOfficePolicy | unknown,
  ctx: EvalContext,
): Decision<Ownership> {
  const pol = defineSalesOfficePolicy(policy);
  const h = parseInput(SalesHistorySchema, history, ['history']);
  validateLog(h);
  return finish(prepare(h, pol, ctx), h.customerId, ctx);
}

/**
 * Resolves every customer of an event log in one pass (a nightly batch over the whole sales office):
 * the log is validated and indexed once, and each customer is resolved exactly as
 * `resolveOwnership` would.
 *
 * @param log - staff roster and the shared event log
 * @param policy - a sales-office policy
 * @param ctx - evaluation context (seeded `rng` when departures need a draw)
 * @returns customer id → ownership decision
 * @example
 * const all = resolveAllOwnership({ staff, events }, salesOffice001, makeContext({ now: '2024-04-01T00:00+08:00' }));
 * all.get('c1')?.value.owner;
 */
export function resolveAllOwnership(
  log: SalesLogInput,
  policy: SalesOfficePolicy | unknown,
  ctx: EvalContext,
): Map<string, Decision<Ownership>> {
  const pol = defineSalesOfficePolicy(policy);
  const parsed = parseInput(SalesLogSchema, log, ['history']);
  const h: SalesHistory = { ...parsed, customerId: '*' };
  validateLog(h);
  const state = prepare(h, pol, ctx);
  const out = new Map<string, Decision<Ownership>>();
  for (const customerId of state.byCustomer.keys()) out.set(customerId, finish(state, customerId, ctx));
  return out;
}

function prepare(h: SalesHistory, pol: SalesOfficePolicy, ctx: EvalContext): State {
  const zone = ctx.zone || pol.zone;
  const byCustomer = new Map<string, CustomerEvent[]>();
  const departures: DepartureEvent[] = [];
  const households = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    const set = households.get(a);
    if (set) set.add(b);
    else households.set(a, new Set([b]));
  };
  for (const e of h.events) {
    if (e.at > ctx.now) continue;
    if (
      e.type === 'link' &&
      e.kind === 'household' &&
      (!e.relation || pol.params.household.relations.includes(e.relation))
    ) {
      link(e.customerId, e.otherCustomerId);
      link(e.otherCustomerId, e.customerId);
    }
    if (e.type === 'departure') departures.push(e);
    else {
      const list = byCustomer.get(e.customerId);
      if (list) list.push(e);
      else byCustomer.set(e.customerId, [e]);
    }
  }
  return {
    history: h,
    params: pol.params,
    zone,
    departures,
    byCustomer,
    drawBase: ctx.rng ? ctx.rng.int(2 ** 31) : null,
    staffIds: new Set(h.staff.map((s) => s.id)),
    eligible: h.staff.filter((s) => s.roles.includes(pol.params.departure.eligibleRole)).map((s) => s.id),
    memo: new Map(),
    visiting: new Set(),
    households,
  };
}

function finish(state: State, customerId: string, ctx: EvalContext): Decision<Ownership> {
  const trace = new Trace();
  const ev = evaluate(state, customerId, ctx.now, trace);
  const violations = collectViolations(state, customerId, trace);
  const invalidRegistrations = (state.byCustomer.get(customerId) ?? []).flatMap((e) => {
    if (e.type !== 'registration') return [];
    const chk = checkRegistration(e, state.params);
    return chk.valid
      ? []
      : [{ at: e.at, salespersonId: e.salespersonId, missing: chk.missing, badChannel: chk.badChannel }];
  });
  const lastDeal = [...ev.deals].reverse().find((d) => d.status !== 'forfeitedToDepartment');
  let owner = ev.prior.id;
  let basis = ev.prior.basis;
  let protectedUntil =
    ev.prior.id !== null && ev.prior.expiresOn !== null
      ? atLocal(ev.prior.expiresOn, '00:00', state.zone)
      : null;
  if (
    lastDeal &&
    lastDeal.status === 'final' &&
    lastDeal.followUp !== null &&
    ev.prior.basis !== 'reassignment'
  ) {
    owner = lastDeal.followUp;
    basis = 'deal';
    protectedUntil = null;
  }
  if (owner !== null && protectedUntil !== null) {
    trace.add(
      'S001-ATTR-12',
      C.validity,
      `${owner}的建档保护至${protectedUntil}(不含)`,
      `${owner}'s file is protected until ${protectedUntil} (exclusive)`,
      { protectedUntil },
    );
  }
  trace.add(
    'S001-ATTR-25',
    C.c9,
    `当前归属:${owner ?? '无'};后续跟进:${ev.followUp ?? owner ?? '无'}`,
    `Owner now: ${owner ?? 'none'}; follow-up by ${ev.followUp ?? owner ?? 'nobody'}`,
    { owner, basis, protectedUntil },
  );
  return trace.decide({
    customerId: customerId,
    owner,
    basis,
    protectedUntil,
    needsManagerReview: ev.prior.needsManagerReview,
    followUp: ev.followUp ?? owner,
    visits: ev.visits.map(({ event: _e, ...v }) => v),
    deals: ev.deals,
    invalidRegistrations,
    violations,
  });
}

function validateLog(h: SalesHistory): void {
  const ids = new Set(h.staff.map((s) => s.id));
  const seen = new Set<string>();
  h.staff.forEach((s, i) => {
    if (seen.has(s.id))
      throw new ZhiduError('duplicate', ['history', 'staff', i, 'id'], `staff id ${s.id} is listed twice`);
    seen.add(s.id);
  });
  const check = (id: string | undefined | null, path: (string | number)[]): void => {
    if (id !== undefined && id !== null && !ids.has(id)) {
      throw new ZhiduError('unknown_reference', ['history', ...path], `unknown salesperson "${id}"`);
    }
  };
  const contacted = new Set<string>();
  h.events.forEach((e, i) => {
    const prev = h.events[i - 1];
    if (prev && e.at < prev.at) {
      throw new ZhiduError('out_of_order', ['history', 'events', i, 'at'], 'events must be in time order');
    }
    const p = ['events', i];
    switch (e.type) {
      case 'registration':
      case 'followUp':
        check(e.salespersonId, [...p, 'salespersonId']);
        contacted.add(e.customerId);
        break;
      case 'visit':
        check(e.onTurnId, [...p, 'onTurnId']);
        check(e.designatedOnEntry, [...p, 'designatedOnEntry']);
        e.intake.named.forEach((n, j) => {
          check(n, [...p, 'intake', 'named', j]);
        });
        e.presentIds.forEach((n, j) => {
          check(n, [...p, 'presentIds', j]);
        });
        e.neglectedBy.forEach((n, j) => {
          check(n, [...p, 'neglectedBy', j]);
        });
        check(e.discountApproachTo, [...p, 'discountApproachTo']);
        contacted.add(e.customerId);
        break;
      case 'lookup':
        check(e.foundSalespersonId, [...p, 'foundSalespersonId']);
        break;
      case 'complaintVerification':
        check(e.againstId, [...p, 'againstId']);
        break;
      case 'deal':
        check(e.closerId, [...p, 'closerId']);
        if (!contacted.has(e.customerId)) {
          throw new ZhiduError(
            'invalid_state',
            ['history', ...p],
            `deal for customer ${e.customerId} before any registration or visit`,
          );
        }
        break;
      case 'dispute':
        e.parties.forEach((n, j) => {
          check(n, [...p, 'parties', j]);
        });
        check(e.winnerId, [...p, 'winnerId']);
        check(e.refusedBy, [...p, 'refusedBy']);
        break;
      case 'managerDecision': {
        check(e.ownerId, [...p, 'ownerId']);
        for (const k of ['performance', 'bonus'] as const) {
          const sum = Object.values(e[k]).reduce((s, x) => s + Math.round(x * 100), 0);
          if (sum !== 10_000)
            throw new ZhiduError('invalid_ratio', ['history', ...p, k], `${k} shares must sum to 100 %`);
          for (const id of Object.keys(e[k])) check(id, [...p, k, id]);
        }
        break;
      }
      case 'reassignment':
        check(e.toId, [...p, 'toId']);
        break;
      case 'departure':
        check(e.salespersonId, [...p, 'salespersonId']);
        for (const [c, to] of Object.entries(e.assignments ?? {})) check(to, [...p, 'assignments', c]);
        break;
      case 'link':
        break;
    }
  });
}

function qualifies(d: DepartureEvent, params: SalesOfficeParams): boolean {
  if (d.kind !== 'longLeave') return true;
  const min = params.departure.longLeaveDays;
  return min === null || (d.leaveDays !== undefined && d.leaveDays >= min);
}

/** Replaces a departed owner by the heir the manager drew (S001-ATTR-28, S000B-ATTR-05, K11). */
function heirOf(state: State, customerId: string, owner: string, at: string, trace: Trace | null): string {
  let current = owner;
  const seen = new Set<string>();
  for (;;) {
    if (seen.has(current)) return current;
    seen.add(current);
    const dep = state.departures.find(
      (d) => d.salespersonId === current && d.at <= at && qualifies(d, state.params),
    );
    if (!dep) return current;
    const gone = new Set(
      state.departures.filter((d) => d.at <= at && qualifies(d, state.params)).map((d) => d.salespersonId),
    );
    const eligible = state.eligible.filter((s) => !gone.has(s));
    let heir = dep.assignments?.[customerId];
    if (heir === undefined) {
      if (state.drawBase === null) {
        throw new ZhiduError(
          'invalid_input',
          ['ctx', 'rng'],
          `salesperson ${current} left on ${dep.at}: reassigning their customers by random draw needs a seeded rng in the context`,
        );
      }
      const drawn = drawHeirs(
        [customerId],
        eligible,
        `${state.drawBase}|${current}|${dep.at}`,
        'independent',
      );
      heir = drawn[customerId];
      if (heir === undefined) return current;
    }
    trace?.add(
      dep.kind === 'resignation' ? 'S000B-ATTR-05' : 'S001-ATTR-28',
      dep.kind === 'resignation' ? '000 L1483 员工调离' : C.c12,
      `${current}${dep.kind === 'longLeave' ? '请长假' : '调离'},客户${customerId}由经理随机抽数分配给${heir}`,
      `${current} ${dep.kind === 'longLeave' ? 'is on long leave' : 'left'}; customer ${customerId} drawn for ${heir}`,
      { from: current, to: heir, drawnFrom: eligible, recorded: dep.assignments?.[customerId] !== undefined },
    );
    current = heir;
  }
}

function evaluate(state: State, customerId: string, asOf: string, trace: Trace | null): Evaluation {
  const key = `${customerId}@${asOf}`;
  const cached = state.memo.get(key);
  if (cached && trace === null) return cached;
  if (state.visiting.has(customerId)) {
    return { prior: NONE, visits: [], deals: [], firstContactAt: null, followUp: null };
  }
  state.visiting.add(customerId);
  try {
    const result = evaluateUncached(state, customerId, asOf, trace);
    state.memo.set(key, result);
    return result;
  } finally {
    state.visiting.delete(customerId);
  }
}

function evaluateUncached(state: State, customerId: string, asOf: string, trace: Trace | null): Evaluation {
  const { params, zone } = state;
  const all = (state.byCustomer.get(customerId) ?? []).filter((e) => e.at <= asOf);
  const firstContact = all.find((e) => e.type === 'registration' || e.type === 'visit');
  const firstContactAt = firstContact?.at ?? null;
  const visits: (VisitOutcome & { event: VisitEvent })[] = [];
  const deals: DealAttribution[] = [];
  let claimsResetAt: string | null = null;
  const reported = new Set<string>();
  const note = (
    rule: string,
    clause: string,
    zh: string,
    en: string,
    data?: Record<string, unknown>,
  ): void => {
    if (!trace) return;
    const k = `${rule}|${en}`;
    if (reported.has(k)) return;
    reported.add(k);
    trace.add(rule, clause, zh, en, data);
  };

  const registrationPrior = (t: string, inclusive: boolean): Prior => {
    const date = localDateOf(t, zone);
    const before = (x: string): boolean => (inclusive ? x <= t : x < t);
    const regs = all.filter(
      (e): e is RegistrationEvent =>
        e.type === 'registration' && before(e.at) && (claimsResetAt === null || e.at >= claimsResetAt),
    );
    const firstBySalesperson = new Map<string, RegistrationEvent>();
    for (const r of regs) {
      const chk = checkRegistration(r, params);
      if (!chk.valid) {
        note(
          'S000B-ATTR-01',
          '000 L1115 客户信息登记表',
          `${r.salespersonId}的登记无效:缺少${chk.missing.join('、') || '—'}${chk.badChannel ? ',渠道不符' : ''}`,
          `Registration by ${r.salespersonId} is invalid: missing ${chk.missing.join(', ') || '—'}${chk.badChannel ? '; channel not allowed' : ''}`,
        );
        continue;
      }
      if (!firstBySalesperson.has(r.salespersonId)) firstBySalesperson.set(r.salespersonId, r);
    }
    const claims: Claim[] = [];
    for (const r of firstBySalesperson.values()) {
      const later = all.filter((e) => e.at > r.at && before(e.at));
      const claim = claimOf(r, later, params, zone);
      if (isProtected(claim, date)) claims.push(claim);
      else
        note(
          'S001-ATTR-12',
          C.validity,
          `${r.salespersonId}的建档已于${claim.expiresOn}失效,与其无关`,
          `${r.salespersonId}'s file expired on ${claim.expiresOn}; no claim`,
          { salespersonId: r.salespersonId, expiresOn: claim.expiresOn },
        );
    }
    if (claims.length === 0) return NONE;
    let pool = claims;
    if (params.registration.corroboration === 'preferred') {
      const corroborated = claims.filter((c) => c.corroborated);
      if (corroborated.length === 0) {
        note(
          'S001-ATTR-11',
          C.firstVisit,
          '登记未见于经理晚会记录,由部门经理裁定',
          'No registration is corroborated by the evening-meeting record; the department manager decides',
        );
        return { ...NONE, needsManagerReview: true };
      }
      pool = corroborated;
    }
    pool = [...pool].sort((a, b) =>
      a.registeredAt < b.registeredAt ? -1 : a.registeredAt > b.registeredAt ? 1 : 0,
    );
    const [first, second] = pool;
    if (!first) return NONE;
    if (second && second.registeredAt === first.registeredAt) {
      note(
        'S000B-ATTR-02',
        C.b1119,
        `${first.salespersonId}与${second.salespersonId}登记时间相同,由管理层裁定`,
        `${first.salespersonId} and ${second.salespersonId} registered at the same time; management decides`,
      );
      return { ...NONE, needsManagerReview: true };
    }
    note(
      params.registration.corroboration === 'preferred' ? 'S001-ATTR-11' : 'S000B-ATTR-02',
      params.registration.corroboration === 'preferred' ? C.firstVisit : C.b1119,
      `${first.salespersonId}登记最早(${first.registeredAt}),为其客户`,
      `${first.salespersonId} registered first (${first.registeredAt}) and owns the customer`,
      { claims: pool.map((c) => c.salespersonId) },
    );
    return {
      id: first.salespersonId,
      basis: 'registration',
      expiresOn: first.expiresOn,
      needsManagerReview: false,
    };
  };

  /** Step 1: the prior owner B at instant `t`. */
  const priorAt = (t: string, visit?: VisitEvent, inclusive = false): Prior => {
    let p: Prior = NONE;
    const before = (x: string): boolean => (inclusive ? x <= t : x < t);
    const lastDeal = [...deals]
      .reverse()
      .find((d) => before(d.at) && d.status === 'final' && d.followUp !== null);
    const lastReassign = [...all].reverse().find((e) => e.type === 'reassignment' && before(e.at));
    if (lastReassign?.type === 'reassignment' && (!lastDeal || lastReassign.at > lastDeal.at)) {
      p = { id: lastReassign.toId, basis: 'reassignment', expiresOn: null, needsManagerReview: false };
    } else if (lastDeal?.followUp) {
      note(
        'S001-ATTR-13',
        C.deal,
        `已成交,客户归${lastDeal.followUp}且不再过期`,
        `A deal closed; the customer stays with ${lastDeal.followUp} with no expiry`,
      );
      p = { id: lastDeal.followUp, basis: 'deal', expiresOn: null, needsManagerReview: false };
    }
    if (p.id === null) {
      const referral = all.find((e) => e.type === 'link' && e.kind === 'referral' && e.at <= t);
      if (referral?.type === 'link' && params.referral.mode !== 'off') {
        const ref = evaluate(state, referral.otherCustomerId, t, null);
        const r = ref.prior.id ?? [...ref.deals].reverse().find((d) => d.followUp)?.followUp ?? null;
        const designatedR = visit?.designatedOnEntry !== undefined && visit.designatedOnEntry === r;
        if (r !== null && (params.referral.mode === 'originalReceiver' || designatedR)) {
          note(
            params.referral.mode === 'originalReceiver' ? 'S001-ATTR-26' : 'S000B-ATTR-04',
            params.referral.mode === 'originalReceiver' ? C.c10 : C.b1123,
            `老客户${referral.otherCustomerId}带来的新客户,属原始接待者${r}`,
            `Brought by existing customer ${referral.otherCustomerId}: belongs to the original receiver ${r}`,
          );
          p = { id: r, basis: 'referral', expiresOn: ref.prior.expiresOn, needsManagerReview: false };
        } else if (r !== null) {
          note(
            'S000B-ATTR-04',
            C.b1123,
            `未指定原招商经理${r},由当班人员接待`,
            `The new customer did not ask for ${r}; the manager on duty receives them`,
          );
        }
      }
    }
    if (p.id === null && params.household.enabled && firstContactAt !== null) {
      const hh = householdFirst(state, customerId, firstContactAt);
      if (hh) {
        note(
          'S001-ATTR-27',
          C.c11,
          `家庭成员${hh.member}先由${hh.owner}接待,以先接待者为准`,
          `Household member ${hh.member} was received first by ${hh.owner}; the first receiver prevails`,
        );
        p = { id: hh.owner, basis: 'household', expiresOn: hh.expiresOn, needsManagerReview: false };
      }
    }
    if (p.id === null) p = registrationPrior(t, inclusive);
    if (p.id !== null) {
      const heir = heirOf(state, customerId, p.id, t, trace);
      if (heir !== p.id) p = { ...p, id: heir, basis: p.basis === 'deal' ? 'deal' : 'heir' };
    }
    if (p.id !== null) {
      const excluded = complaintExclusion(p.id, t, inclusive);
      if (excluded) p = NONE;
    }
    return p;
  };

  const complaintExclusion = (b: string, t: string, inclusive: boolean): boolean =>
    all.some(
      (e) =>
        e.type === 'complaintVerification' &&
        e.againstId === b &&
        (inclusive ? e.at <= t : e.at < t) &&
        e.upheld &&
        (e.notifiedSupervisorAndSalesperson || !params.complaint.exclusionRequiresNotification),
    );

  let visitNo = 0;
  for (const e of all) {
    if (e.type === 'visit') {
      visitNo += 1;
      const prior = priorAt(e.at, e);
      const outcome = classifyVisit(state, e, visitNo, prior, note);
      if (outcome.case === 'NEW_UNNAMED') claimsResetAt = e.at;
      visits.push({ ...outcome, event: e });
    } else if (e.type === 'deal') {
      deals.push(attributeDeal(state, e, all, visits, priorAt(e.at), asOf, note));
    }
  }
  // Verifications and disputes after a deal still settle it (S001-ATTR-20 example 2, S001-ATTR-30).
  const finalDeals = deals.map((d, i) => {
    const e = all.filter((x): x is DealEvent => x.type === 'deal')[i];
    if (!e) return d;
    const before = visits.filter((v) => v.at < e.at);
    return attributeDeal(state, e, all, before, priorAt(e.at), asOf, note);
  });
  deals.splice(0, deals.length, ...finalDeals);
  const prior = priorAt(asOf, undefined, true);
  let followUp: string | null = null;
  const lastCase = [...visits]
    .reverse()
    .find((v) => v.case !== 'OWNER' && v.case !== 'HANDBACK' && v.case !== 'DISCOUNT');
  if (
    lastCase &&
    (lastCase.case === 'REFUSED' || lastCase.case === 'NTH_DESIGNATED' || lastCase.case === 'COMPLAINT')
  ) {
    followUp = lastCase.receiver;
  }
  const lastFinal = [...deals].reverse().find((d) => d.status === 'final');
  if (lastFinal) followUp = lastFinal.followUp;
  return { prior, visits, deals, firstContactAt, followUp };
}

function householdFirst(
  state: State,
  customerId: string,
  firstContactAt: string,
): { member: string; owner: string; expiresOn: string | null } | null {
  const members = state.households.get(customerId) ?? new Set<string>();
  let best: { member: string; owner: string; expiresOn: string | null; at: string } | null = null;
  for (const m of members) {
    const ev = state.byCustomer.get(m) ?? [];
    const first = ev.find((e) => e.type === 'registration' || e.type === 'visit');
    if (!first || first.at >= firstContactAt) continue;
    const res = evaluate(state, m, firstContactAt, null);
    if (res.prior.id === null) continue;
    if (
      !state.params.household.requireValidFile ||
      isProtected(res.prior, localDateOf(firstContactAt, state.zone))
    ) {
      if (!best || first.at < best.at)
        best = { member: m, owner: res.prior.id, expiresOn: res.prior.expiresOn, at: first.at };
    }
  }
  return best ? { member: best.member, owner: best.owner, expiresOn: best.expiresOn } : null;
}

type Note = (rule: string, clause: string, zh: string, en: string, data?: Record<string, unknown>) => void;

/** Step 2: classify a visit (who receives, whether a rotation turn is used). */
function classifyVisit(state: State, v: VisitEvent, visitNo: number, prior: Prior, note: Note): VisitOutcome {
  const { params } = state;
  const T = v.onTurnId;
  const B = prior.id;
  const base = { at: v.at, visitNo, previous: B, previousExpiresOn: B === null ? null : prior.expiresOn };
  const out = (c: VisitCase, receiver: string, rotationConsumed: boolean): VisitOutcome => ({
    ...base,
    case: c,
    receiver,
    rotationConsumed,
  });
  const present = new Set(v.presentIds);
  if (v.context !== 'normal' && params.managerDecidedContexts.includes(v.context)) {
    note(
      'S001-ATTR-29',
      C.c13,
      '房展会/开盘等活动,客户归属由经理确定',
      'Expo or launch visit: the manager decides attribution',
    );
    return out('MANAGER', T, false);
  }
  if (v.discountApproachTo !== undefined && B !== null && v.discountApproachTo !== B) {
    note(
      'S001-ATTR-22',
      C.c6,
      `客户为争取折扣找${v.discountApproachTo},业绩奖金全部属${B}`,
      `The customer approached ${v.discountApproachTo} for a discount; everything stays with ${B}`,
    );
    return out('DISCOUNT', v.discountApproachTo, false);
  }
  if (v.intake.visitedBefore === 'forgot') {
    if (params.unnamedPrevious === 'treatAsNew') {
      note(
        'S000B-ATTR-03',
        C.b1121,
        `客户说不出原客户经理,视为新客户,由当班${T}接待`,
        `The customer cannot name the earlier manager: treated as new, received by ${T} on duty`,
      );
      return out('NEW_UNNAMED', T, true);
    }
    note(
      'S001-ATTR-23',
      C.c7,
      `客户忘记谁接待过,列入前台轮值,由${T}接待`,
      `The customer forgot who served them: a rotation reception by ${T}`,
    );
    return out('FORGOT', T, true);
  }
  const householdOnly = prior.basis === 'household' && v.intake.visitedBefore === 'no';
  const D = v.designatedOnEntry;
  if (B === null || householdOnly) {
    if (D !== undefined) {
      note(
        'S001-ATTR-16',
        C.l110,
        `首次来访即指定${D}接待,为${D}的客户,不按排序表`,
        `First visit designating ${D} on entering: ${D}'s customer, outside the rotation`,
      );
      return out('DESIGNATED', D, false);
    }
    note(
      'S001-RECEP-01',
      '001 L106 按顺序表循环接待',
      `新客户按排序表由${T}接待并登记`,
      `New customer received by ${T} on turn, who registers them`,
    );
    return out('NEW', T, true);
  }
  if (D === B || (D === undefined && T === B)) {
    note('S001-ATTR-17', C.c1, `由原销售员${B}接待`, `Received by the previous salesperson ${B}`);
    return out('OWNER', B, false);
  }
  if (D !== undefined) {
    if (visitNo === 1 && (prior.basis === 'referral' || prior.basis === 'household')) {
      if (params.firstVisitDesignationVsLink === 'managerDecision') {
        note(
          'S001-ATTR-30',
          '001 L110 vs L184/186 (K7)',
          `首次来访指定${D},但依转介/家庭规则应属${B}:由经理裁定`,
          `First-visit designation of ${D} conflicts with ${B}'s referral/household claim: the manager decides`,
        );
        return out('MANAGER', D, false);
      }
    }
    note(
      'S001-ATTR-24',
      C.c8,
      `第${visitNo}次来访指定${D}接待,成交后${D}与${B}各占一半`,
      `Visit ${visitNo} designates ${D}: ${D} receives; ${D} and ${B} split 50/50`,
    );
    return out('NTH_DESIGNATED', D, false);
  }
  if (v.intake.refusesPrevious && v.intake.complaintAgainstPrevious) {
    note(
      'S001-ATTR-20',
      C.c4,
      `客户投诉${B},${T}须告知销售主任及${B},待落实后成交与${B}无关`,
      `The customer complains about ${B}; ${T} informs the supervisor and ${B}; once verified ${B} is excluded`,
    );
    return out('COMPLAINT', T, false);
  }
  if (v.intake.refusesPrevious) {
    note('S001-ATTR-18', C.c2, `客户不愿找${B},要求${T}接待`, `The customer declines ${B} and asks for ${T}`);
    return out('REFUSED', T, false);
  }
  if (v.intake.named.length >= 2) {
    const firstPresent = v.intake.named.find((n) => present.has(n));
    const receiver = firstPresent ?? T;
    note(
      'S001-ATTR-21',
      C.c5,
      `客户说出多名销售员:由第一位在场的${receiver}接待`,
      `The customer named several salespeople: the first one present, ${receiver}, receives`,
      { named: v.intake.named },
    );
    return out('MULTI_NAMED', receiver, false);
  }
  if (present.has(B)) {
    note('S001-ATTR-17', C.c1, `${B}在现场,原则上交回${B}接待`, `${B} is on site: handed back to ${B}`);
    return out('HANDBACK', B, false);
  }
  note(
    'S001-ATTR-19',
    C.c3,
    `${B}不在现场,由${T}协助接待,不列入前台轮值指标`,
    `${B} is absent: ${T} assists outside the rotation`,
  );
  return out('ASSIST', T, false);
}

/** Step 3: attribute one deal. */
function attributeDeal(
  state: State,
  deal: DealEvent,
  all: readonly CustomerEvent[],
  visits: readonly (VisitOutcome & { event: VisitEvent })[],
  prior: Prior,
  asOf: string,
  note: Note,
): DealAttribution {
  const { params, zone, history } = state;
  const dealDate = localDateOf(deal.at, zone);
  const dept = history.departmentId;
  const baseOut = {
    at: deal.at,
    stage: deal.stage,
    ...(deal.unitId !== undefined ? { unitId: deal.unitId } : {}),
  };
  const mk = (
    status: DealAttribution['status'],
    governingCase: string,
    performance: Share[],
    bonus: Share[],
    followUp: string | null,
  ): DealAttribution => ({ ...baseOut, status, governingCase, performance, bonus, followUp });
  const single = (id: string): Share[] => sharesOf([[id, 100]]);

  // Step 0.2: crossover disputes on this unit (S001-ATTR-30, K12).
  const disputes = all.filter(
    (e) => e.type === 'dispute' && e.at <= asOf && (e.unitId === undefined || e.unitId === deal.unitId),
  );
  for (const d of disputes) {
    if (d.type !== 'dispute') continue;
    const forfeits =
      (d.outcome === 'quarrel' && params.crossover.quarrelForfeitsToDepartment) ||
      (d.outcome === 'refusedRuling' && params.crossover.refusedRulingForfeitsToDepartment);
    if (forfeits) {
      note(
        'S001-ATTR-30',
        C.crossover,
        d.outcome === 'quarrel'
          ? '客户交叉发生争吵,该交叉楼宇的业绩、奖金归部门'
          : '销售员不服从部门经理界定,业绩、奖金归部门',
        d.outcome === 'quarrel'
          ? 'The crossover turned into a quarrel: performance and bonus of the unit go to the department'
          : 'A salesperson refused the manager’s ruling: performance and bonus of the unit go to the department',
        { parties: d.parties },
      );
      const dep = sharesOf([[dept, 100]], 'department');
      return mk('forfeitedToDepartment', 'CROSSOVER', dep, dep, null);
    }
  }
  const resolved = [...disputes].reverse().find((d) => d.type === 'dispute' && d.winnerId !== undefined);
  if (resolved?.type === 'dispute' && resolved.winnerId !== undefined) {
    note(
      'S001-ATTR-30',
      C.crossover,
      `客户交叉经${resolved.outcome === 'agreed' ? '协商' : resolved.outcome === 'mediated' ? '部门调解' : '经理界定'}归${resolved.winnerId}`,
      `Crossover settled (${resolved.outcome}) for ${resolved.winnerId}`,
    );
    return mk('final', 'CROSSOVER', single(resolved.winnerId), single(resolved.winnerId), resolved.winnerId);
  }
  const decision = [...all].reverse().find((e) => e.type === 'managerDecision' && e.at <= asOf);
  const governing = [...visits]
    .reverse()
    .find((v) => v.at < deal.at && v.case !== 'OWNER' && v.case !== 'HANDBACK' && v.case !== 'DISCOUNT');
  if (decision?.type === 'managerDecision' && (!governing || decision.at >= governing.at)) {
    note(
      'S001-ATTR-29',
      C.c13,
      `由经理确定归属:${decision.ownerId}`,
      `The manager decided: ${decision.ownerId}`,
    );
    return mk(
      'final',
      'MANAGER',
      sharesOf(Object.entries(decision.performance)),
      sharesOf(Object.entries(decision.bonus)),
      decision.ownerId,
    );
  }
  // Household override (S001-ATTR-27): the first receiver prevails over the later member's case.
  if (prior.basis === 'household' && prior.id !== null) {
    return mk('final', 'HOUSEHOLD', single(prior.id), single(prior.id), prior.id);
  }
  const validAtDeal = (v: VisitOutcome): boolean =>
    params.protection.checkedAt === 'visit' ||
    v.previousExpiresOn === null ||
    prior.basis === 'deal' ||
    dealDate < v.previousExpiresOn;
  if (!governing) {
    const owner = prior.id ?? deal.closerId;
    if (prior.id === null) {
      note(
        'S001-ATTR-13',
        C.deal,
        `无有效在先归属,以成交为准,归成交人${owner}`,
        `No valid earlier claim: the deal decides, ${owner} owns`,
      );
    }
    return mk('final', prior.id === null ? 'DEAL' : 'OWNER', single(owner), single(owner), owner);
  }
  const A = governing.receiver;
  const B = governing.previous;
  const s = params.splits;
  switch (governing.case) {
    case 'MANAGER':
      return mk('requiresManagerDecision', 'MANAGER', [], [], null);
    case 'NEW':
    case 'NEW_UNNAMED':
    case 'DESIGNATED':
      return mk('final', governing.case, single(A), single(A), A);
    case 'REFUSED': {
      if (B === null || !validAtDeal(governing)) return mk('final', 'REFUSED', single(A), single(A), A);
      note(
        'S001-ATTR-18',
        C.c2,
        `${B}建档有效,提成${A}:80%,${B}:20%`,
        `${B}'s file was valid: bonus ${A} 80 % / ${B} 20 %`,
      );
      return mk(
        'final',
        'REFUSED',
        single(A),
        sharesOf([
          [A, s.refused.receiver],
          [B, s.refused.previous],
        ]),
        A,
      );
    }
    case 'COMPLAINT': {
      const ver = [...all]
        .reverse()
        .find(
          (e) =>
            e.type === 'complaintVerification' && e.againstId === B && e.at > governing.at && e.at <= asOf,
        );
      if (ver?.type !== 'complaintVerification') {
        note(
          'S001-ATTR-20',
          C.c4,
          '投诉尚待销售主任落实,提成暂缓',
          'Complaint not yet verified: the split is pending',
        );
        return mk('pendingVerification', 'COMPLAINT', single(A), [], A);
      }
      const excluded =
        ver.upheld &&
        (ver.notifiedSupervisorAndSalesperson || !params.complaint.exclusionRequiresNotification);
      if (excluded || B === null) {
        note(
          'S001-ATTR-20',
          C.c4,
          `投诉经落实,成交与${B}无关`,
          `Complaint verified: ${B} has no part in the deal`,
        );
        return mk('final', 'COMPLAINT', single(A), single(A), A);
      }
      if (!validAtDeal(governing)) return mk('final', 'REFUSED', single(A), single(A), A);
      note('S001-ATTR-18', C.c2, `投诉未成立,按准则(2)分配`, 'Complaint not upheld: criterion (2) applies');
      return mk(
        'final',
        'REFUSED',
        single(A),
        sharesOf([
          [A, s.refused.receiver],
          [B, s.refused.previous],
        ]),
        A,
      );
    }
    case 'ASSIST': {
      if (B === null) return mk('final', 'NEW', single(A), single(A), A);
      if (params.returningCustomerPolicy === 'reception50_50') {
        const sameDay = localDateOf(governing.at, zone) === dealDate;
        note(
          'S001-ATTR-15',
          C.l108,
          sameDay ? '当日成交,奖金五五分成' : '非当日成交,属义务接待',
          sameDay ? 'Closed the same day: bonus 50/50' : 'Not closed the same day: duty reception, no bonus',
        );
        return mk(
          'final',
          'ASSIST',
          single(B),
          sameDay
            ? sharesOf([
                [A, s.sameDayReturning.receiver],
                [B, s.sameDayReturning.previous],
              ])
            : single(B),
          B,
        );
      }
      if (!validAtDeal(governing)) return mk('final', 'NEW', single(A), single(A), A);
      note(
        'S001-ATTR-19',
        C.c3,
        `业绩属${B},奖金${B}:80%,${A}:20%`,
        `Performance ${B}; bonus ${B} 80 % / ${A} 20 %`,
      );
      return mk(
        'final',
        'ASSIST',
        single(B),
        sharesOf([
          [B, s.assist.previous],
          [A, s.assist.assistant],
        ]),
        B,
      );
    }
    case 'MULTI_NAMED': {
      const O = B ?? A;
      if (O === A) return mk('final', 'MULTI_NAMED', single(O), single(O), O);
      return mk(
        'final',
        'MULTI_NAMED',
        single(O),
        sharesOf([
          [O, s.multiNamed.owner],
          [A, s.multiNamed.receiver],
        ]),
        O,
      );
    }
    case 'FORGOT': {
      const lookup = [...all]
        .reverse()
        .find(
          (e) =>
            e.type === 'lookup' && e.at > governing.at && e.at < deal.at && e.foundSalespersonId !== null,
        );
      if (lookup?.type !== 'lookup' || lookup.foundSalespersonId === null) {
        note(
          'S001-ATTR-23',
          C.c7,
          `未在成交前查到原销售员,全部属${A}`,
          `No earlier salesperson found before the deal: all to ${A}`,
        );
        return mk('final', 'FORGOT', single(A), single(A), A);
      }
      const found = lookup.foundSalespersonId;
      const p = priorAt_lookup(state, all, found, governing.at);
      if (found === A || !p) {
        note(
          'S001-ATTR-23',
          C.c7,
          `${found}建档已失效,与其无关`,
          `${found}'s file was not valid at the visit; all to ${A}`,
        );
        return mk('final', 'FORGOT', single(A), single(A), A);
      }
      const chosen = lookup.followUpBy === 'previous' ? found : A;
      note(
        'S001-ATTR-23',
        C.c7,
        `查到${found}且建档有效:奖金五五分成`,
        `Found ${found} with a valid file: bonus 50/50`,
      );
      return mk(
        'final',
        'FORGOT',
        single(chosen),
        sharesOf([
          [A, s.forgotFound.receiver],
          [found, s.forgotFound.previous],
        ]),
        chosen,
      );
    }
    case 'NTH_DESIGNATED': {
      if (B === null || B === A || !validAtDeal(governing))
        return mk('final', 'NTH_DESIGNATED', single(A), single(A), A);
      const sh = sharesOf([
        [A, s.nthDesignated.designee],
        [B, s.nthDesignated.previous],
      ]);
      return mk('final', 'NTH_DESIGNATED', sh, sh, A);
    }
    default:
      return mk('final', governing.case, single(A), single(A), A);
  }
}

/** Whether `salespersonId` held a protected registration of this customer at the forgotten visit. */
function priorAt_lookup(
  state: State,
  all: readonly CustomerEvent[],
  salespersonId: string,
  at: string,
): boolean {
  const reg = all.find(
    (e): e is RegistrationEvent =>
      e.type === 'registration' &&
      e.salespersonId === salespersonId &&
      e.at < at &&
      checkRegistration(e, state.params).valid,
  );
  if (!reg) return false;
  const claim = claimOf(
    reg,
    all.filter((e) => e.at > reg.at && e.at < at),
    state.params,
    state.zone,
  );
  return isProtected(claim, localDateOf(at, state.zone));
}

function collectViolations(state: State, customerId: string, trace: Trace): Violation[] {
  const out: Violation[] = [];
  for (const e of state.byCustomer.get(customerId) ?? []) {
    if (e.type === 'visit') {
      for (const who of e.neglectedBy) {
        out.push({
          code: 'attribution.reception.neglect',
          personId: who,
          occurredAt: e.at,
          subject: { kind: 'customer', id: customerId },
          source: { module: '@zhidu/attribution', rule: 'S001-ATTR-14', clause: C.wishes },
        });
        trace.add('S001-ATTR-14', C.wishes, `${who}冷落客户`, `${who} neglected the customer`);
      }
    }
    if (e.type === 'dispute' && (e.outcome === 'quarrel' || e.outcome === 'refusedRuling')) {
      const who = e.outcome === 'quarrel' ? e.parties : e.refusedBy !== undefined ? [e.refusedBy] : e.parties;
      for (const p of who) {
        out.push({
          code:
            e.outcome === 'quarrel' ? 'attribution.crossover.quarrel' : 'attribution.crossover.refusedRuling',
          personId: p,
          occurredAt: e.at,
          subject: { kind: 'unit', id: e.unitId ?? customerId },
          source: { module: '@zhidu/attribution', rule: 'S001-ATTR-30', clause: C.crossover },
        });
      }
    }
  }
  return out;
}

export type { SalesEvent };
