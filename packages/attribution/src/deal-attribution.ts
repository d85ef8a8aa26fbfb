/**
 * Procedure II step 3: how a deal's performance credit (业绩) and bonus (奖金) split, as catalog
 * steps of the `deal` pipeline (first matching row wins).
 */
import type { StepContext } from '@zhidu/core';
import { disputeHeard } from './deal-rules.js';
import { C, kindSwitch, type Note, SiteTexts, scopeOf, stepNote } from './engine-state.js';
import type { CustomerEvent, RegistrationEvent } from './events.js';
import { localDateOf } from './kernel.js';
import type { DealAttribution, VisitOutcome } from './ownership.js';
import { claimOfParsed, isProtectedParsed, registrationCheck } from './protection.js';
import { type Share, shareSwitch, sharesOf, twoShares } from './shares.js';
import type { DealState, RuleStep } from './steps.js';

/**
 * A `deal` step: runs `decide` while no earlier row has attributed the deal; a returned attribution
 * is the deal's.
 */
function dealStep(
  id: string,
  clause: string,
  decide: (s: DealState, note: Note, step: StepContext) => DealAttribution | null,
): RuleStep {
  return {
    id,
    clause,
    run: (s, step) => {
      if (s.phase !== 'deal' || s.attribution !== null) return s;
      const attribution = decide(s, stepNote(step), step);
      return attribution === null ? s : { ...s, attribution };
    },
  };
}

/** The writers of the deal state last asked for, and what they were built from. */
let lastWriters: { s: DealState; deal: DealState['deal']; zone: string; w: Writers } | undefined;

/**
 * The ways a deal's attribution is written (shared by every step). The steps of one deal ask for
 * them in turn with the same state; they are built once per state (and deal and zone) instead of
 * once per step, with the deal's local date computed at most once.
 */
function writers(s: DealState): Writers {
  const last = lastWriters;
  if (last !== undefined && last.s === s && last.deal === s.deal && last.zone === s.zone) return last.w;
  const w = buildWriters(s);
  lastWriters = { s, deal: s.deal, zone: s.zone, w };
  return w;
}

type Writers = ReturnType<typeof buildWriters>;

function buildWriters(s: DealState) {
  const deal = s.deal;
  // Written out key by key (at, stage, unitId when set, then the split), in the order a spread of the
  // deal's fields gave: no spread of a conditional object on the path of every deal.
  const mk = (
    status: DealAttribution['status'],
    governingCase: string,
    performance: Share[],
    bonus: Share[],
    followUp: string | null,
  ): DealAttribution =>
    deal.unitId !== undefined
      ? {
          at: deal.at,
          stage: deal.stage,
          unitId: deal.unitId,
          status,
          governingCase,
          performance,
          bonus,
          followUp,
        }
      : { at: deal.at, stage: deal.stage, status, governingCase, performance, bonus, followUp };
  const single = (id: string): Share[] =>
    shareSwitch.fast ? twoShares(id, 100, id, 0) : sharesOf([[id, 100]]);
  /** A two-party bonus line such as criterion (2)'s A 80 % / B 20 % (percentages from `params.splits`). */
  const two = (x: string, xPct: number, y: string, yPct: number): Share[] =>
    shareSwitch.fast
      ? twoShares(x, xPct, y, yPct)
      : sharesOf([
          [x, xPct],
          [y, yPct],
        ]);
  /** Performance, bonus and follow-up all with one salesperson. */
  const sole = (governingCase: string, id: string): DealAttribution =>
    mk('final', governingCase, single(id), single(id), id);
  let date: string | undefined;
  let dateOf: string | undefined;
  /** The deal's local date (computed once, when a row needs it). */
  const dealDate = (): string => {
    if (date === undefined || dateOf !== deal.at) {
      date = localDateOf(deal.at, s.zone);
      dateOf = deal.at;
    }
    return date;
  };
  /** Whether B's file still counts at the deal (per `protection.checkedAt`). */
  const validAtDeal = (v: VisitOutcome): boolean =>
    s.params.protection.checkedAt === 'visit' ||
    v.previousExpiresOn === null ||
    s.prior.basis === 'deal' ||
    dealDate() < v.previousExpiresOn;
  return { mk, single, two, sole, dealDate, validAtDeal };
}

/** A step for one governing case: it applies when the governing visit has one of `cases`. */
function caseStep(
  id: string,
  clause: string,
  cases: readonly string[],
  decide: (s: DealState, governing: NonNullable<DealState['governing']>, note: Note) => DealAttribution,
): RuleStep {
  return dealStep(id, clause, (s, note) =>
    s.governing !== null && cases.includes(s.governing.case) ? decide(s, s.governing, note) : null,
  );
}

/**
 * The catalog steps of step 3, in the catalog's order:
 *
 * | step | rows | also covers |
 * |---|---|---|
 * | `S001-ATTR-30` | 0.2 crossover quarrel or refused ruling → department; settled crossover; 0.3 the manager's recorded ruling | S001-ATTR-29 (the ruling's trace entry) |
 * | `S001-ATTR-27` | household override: the first receiver prevails | |
 * | `S001-ATTR-13` | no governing visit: the deal decides, or B keeps it | |
 * | `S001-ATTR-29` | governing visit at an expo or launch: the manager decides | S001-ATTR-30 (K7) |
 * | `S001-ATTR-16` | governing NEW, NEW_UNNAMED, DESIGNATED: all to the receiver | S001-RECEP-01, S000B-ATTR-03 |
 * | `S001-ATTR-18` | REFUSED: A, bonus 80/20 while B's file is valid | |
 * | `S001-ATTR-20` | COMPLAINT: pending, verified, or not upheld (criterion 2) | |
 * | `S001-ATTR-19` | ASSIST: B, bonus 80/20 | S001-ATTR-15 (`reception50_50`) |
 * | `S001-ATTR-21` | MULTI_NAMED | |
 * | `S001-ATTR-23` | FORGOT, with the prospect-file lookup | |
 * | `S001-ATTR-24` | NTH_DESIGNATED: `splits.nthDesignated` (seed 50/50) | |
 */
export const DEAL_STEPS: readonly RuleStep[] = [
  dealStep('S001-ATTR-30', C.crossover, (s, note, step) => {
    // A customer's own events with no dispute and no manager's decision: nothing for this step. Only
    // with the catalog steps alone: a company rule could add one to the events it was handed.
    const scope = scopeOf(step);
    if (
      kindSwitch.skipAbsent &&
      !scope.state.pipelines.custom &&
      s.events === scope.all &&
      !scope.has.dispute &&
      !scope.has.managerDecision
    )
      return null;
    const { mk, sole } = writers(s);
    const { deal, events: all, asOf } = s;
    // Step 0.2: crossover disputes on this unit (S001-ATTR-30, K12).
    const disputes = all.filter(
      (e) =>
        e.type === 'dispute' &&
        e.at <= asOf &&
        (e.unitId === undefined || e.unitId === deal.unitId) &&
        disputeHeard(s.params, e, deal, s.zone, scopeOf(step).state.ctx.calendar),
    );
    for (const d of disputes) {
      if (d.type !== 'dispute') continue;
      const forfeits =
        (d.outcome === 'quarrel' && s.params.crossover.quarrelForfeitsToDepartment) ||
        (d.outcome === 'refusedRuling' && s.params.crossover.refusedRulingForfeitsToDepartment);
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
        const dep = sharesOf([[s.departmentId, 100]], 'department');
        return mk('forfeitedToDepartment', 'CROSSOVER', dep, dep, null);
      }
    }
    // The last settled dispute, the last manager's decision: scanned from the end, no reversed copy.
    let resolved: CustomerEvent | undefined;
    for (let i = disputes.length - 1; i >= 0; i--) {
      const d = disputes[i] as CustomerEvent;
      if (d.type === 'dispute' && d.winnerId !== undefined) {
        resolved = d;
        break;
      }
    }
    if (resolved?.type === 'dispute' && resolved.winnerId !== undefined) {
      note(
        'S001-ATTR-30',
        C.crossover,
        `客户交叉经${resolved.outcome === 'agreed' ? '协商' : resolved.outcome === 'mediated' ? '部门调解' : '经理界定'}归${resolved.winnerId}`,
        `Crossover settled (${resolved.outcome}) for ${resolved.winnerId}`,
      );
      return sole('CROSSOVER', resolved.winnerId);
    }
    // Step 0.3: the manager's recorded ruling, unless a later visit governs.
    let decision: CustomerEvent | undefined;
    for (let i = all.length - 1; i >= 0; i--) {
      const e = all[i] as CustomerEvent;
      if (e.type === 'managerDecision' && e.at <= asOf) {
        decision = e;
        break;
      }
    }
    const governing = s.governing;
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
    return null;
  }),
  // Household override (S001-ATTR-27): the first receiver prevails over the later member's case.
  dealStep('S001-ATTR-27', C.c11, (s) =>
    s.prior.basis === 'household' && s.prior.id !== null ? writers(s).sole('HOUSEHOLD', s.prior.id) : null,
  ),
  dealStep('S001-ATTR-13', C.deal, (s, note) => {
    if (s.governing !== null) return null;
    const owner = s.prior.id ?? s.deal.closerId;
    if (s.prior.id === null) {
      note(
        'S001-ATTR-13',
        C.deal,
        `无有效在先归属,以成交为准,归成交人${owner}`,
        `No valid earlier claim: the deal decides, ${owner} owns`,
      );
    }
    return writers(s).sole(s.prior.id === null ? 'DEAL' : 'OWNER', owner);
  }),
  caseStep('S001-ATTR-29', C.c13, ['MANAGER'], (s) =>
    writers(s).mk('requiresManagerDecision', 'MANAGER', [], [], null),
  ),
  caseStep('S001-ATTR-16', C.l110, ['NEW', 'NEW_UNNAMED', 'DESIGNATED'], (s, g) =>
    writers(s).sole(g.case, g.receiver),
  ),
  caseStep('S001-ATTR-18', C.c2, ['REFUSED'], (s, governing, note) => {
    const { sole, validAtDeal } = writers(s);
    const A = governing.receiver;
    const B = governing.previous;
    if (B === null || !validAtDeal(governing)) return sole('REFUSED', A);
    const [zh, en] = REFUSED_SPLIT.of(A, B, s.params.splits.refused);
    note('S001-ATTR-18', C.c2, zh, en);
    return criterion2(s, A, B);
  }),
  caseStep('S001-ATTR-20', C.c4, ['COMPLAINT'], (s, governing, note) => {
    const { mk, single, sole, validAtDeal } = writers(s);
    const A = governing.receiver;
    const B = governing.previous;
    const ver = [...s.events]
      .reverse()
      .find(
        (e) =>
          e.type === 'complaintVerification' && e.againstId === B && e.at > governing.at && e.at <= s.asOf,
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
      (ver.notifiedSupervisorAndSalesperson || !s.params.complaint.exclusionRequiresNotification);
    if (excluded || B === null) {
      note(
        'S001-ATTR-20',
        C.c4,
        `投诉经落实,成交与${B}无关`,
        `Complaint verified: ${B} has no part in the deal`,
      );
      return sole('COMPLAINT', A);
    }
    if (!validAtDeal(governing)) return sole('REFUSED', A);
    note('S001-ATTR-18', C.c2, `投诉未成立,按准则(2)分配`, 'Complaint not upheld: criterion (2) applies');
    return criterion2(s, A, B);
  }),
  caseStep('S001-ATTR-19', C.c3, ['ASSIST'], (s, governing, note) => {
    const { mk, single, two, sole, dealDate, validAtDeal } = writers(s);
    const A = governing.receiver;
    const B = governing.previous;
    const sp = s.params.splits;
    if (B === null) return sole('NEW', A);
    if (s.params.returningCustomerPolicy === 'reception50_50') {
      const sameDay = localDateOf(governing.at, s.zone) === dealDate();
      note(
        'S001-ATTR-15',
        C.l108,
        sameDay
          ? `当日成交,奖金${A}:${pct(sp.sameDayReturning.receiver)}%,${B}:${pct(sp.sameDayReturning.previous)}%`
          : '非当日成交,属义务接待',
        sameDay
          ? `Closed the same day: bonus ${A} ${pct(sp.sameDayReturning.receiver)} % / ${B} ${pct(sp.sameDayReturning.previous)} %`
          : 'Not closed the same day: duty reception, no bonus',
      );
      return mk(
        'final',
        'ASSIST',
        single(B),
        sameDay ? two(A, sp.sameDayReturning.receiver, B, sp.sameDayReturning.previous) : single(B),
        B,
      );
    }
    if (!validAtDeal(governing)) return sole('NEW', A);
    note(
      'S001-ATTR-19',
      C.c3,
      `业绩属${B},奖金${B}:${pct(sp.assist.previous)}%,${A}:${pct(sp.assist.assistant)}%`,
      `Performance ${B}; bonus ${B} ${pct(sp.assist.previous)} % / ${A} ${pct(sp.assist.assistant)} %`,
    );
    return mk('final', 'ASSIST', single(B), two(B, sp.assist.previous, A, sp.assist.assistant), B);
  }),
  caseStep('S001-ATTR-21', C.c5, ['MULTI_NAMED'], (s, governing) => {
    const { mk, single, two, sole } = writers(s);
    const A = governing.receiver;
    const O = governing.previous ?? A;
    if (O === A) return sole('MULTI_NAMED', O);
    const sp = s.params.splits;
    return mk('final', 'MULTI_NAMED', single(O), two(O, sp.multiNamed.owner, A, sp.multiNamed.receiver), O);
  }),
  caseStep('S001-ATTR-23', C.c7, ['FORGOT'], (s, governing, note) => {
    const { mk, single, two, sole } = writers(s);
    const A = governing.receiver;
    const lookup = [...s.events]
      .reverse()
      .find(
        (e) =>
          e.type === 'lookup' && e.at > governing.at && e.at < s.deal.at && e.foundSalespersonId !== null,
      );
    if (lookup?.type !== 'lookup' || lookup.foundSalespersonId === null) {
      note(
        'S001-ATTR-23',
        C.c7,
        `未在成交前查到原销售员,全部属${A}`,
        `No earlier salesperson found before the deal: all to ${A}`,
      );
      return sole('FORGOT', A);
    }
    const found = lookup.foundSalespersonId;
    const p = hadValidClaimAt(s, s.events, found, governing.at);
    if (found === A || !p) {
      note(
        'S001-ATTR-23',
        C.c7,
        `${found}建档已失效,与其无关`,
        `${found}'s file was not valid at the visit; all to ${A}`,
      );
      return sole('FORGOT', A);
    }
    const chosen = lookup.followUpBy === 'previous' ? found : A;
    const sp = s.params.splits;
    note(
      'S001-ATTR-23',
      C.c7,
      `查到${found}且建档有效:奖金${A}:${pct(sp.forgotFound.receiver)}%,${found}:${pct(sp.forgotFound.previous)}%`,
      `Found ${found} with a valid file: bonus ${A} ${pct(sp.forgotFound.receiver)} % / ${found} ${pct(sp.forgotFound.previous)} %`,
    );
    return mk(
      'final',
      'FORGOT',
      single(chosen),
      two(A, sp.forgotFound.receiver, found, sp.forgotFound.previous),
      chosen,
    );
  }),
  caseStep('S001-ATTR-24', C.c8, ['NTH_DESIGNATED'], (s, governing) => {
    const { mk, two, sole, validAtDeal } = writers(s);
    const A = governing.receiver;
    const B = governing.previous;
    if (B === null || B === A || !validAtDeal(governing)) return sole('NTH_DESIGNATED', A);
    const sp = s.params.splits;
    const sh = two(A, sp.nthDesignated.designee, B, sp.nthDesignated.previous);
    return mk('final', 'NTH_DESIGNATED', sh, sh, A);
  }),
];

/** The texts of criterion (2)'s split entry (S001-ATTR-18), by receiver and previous, per policy split. */
const REFUSED_SPLIT = new SiteTexts<string, string, { receiver: number; previous: number }>((A, B, r) => [
  `${B}建档有效,提成${A}:${pct(r.receiver)}%,${B}:${pct(r.previous)}%`,
  `${B}'s file was valid: bonus ${A} ${pct(r.receiver)} % / ${B} ${pct(r.previous)} %`,
]);

/**
 * A share of `params.splits` as trace text: `80`, `33.33` (the schema keeps two decimals), so a trace
 * reads the policy's split rather than the seed's.
 * @internal
 */
export function pct(share: number): string {
  return String(Math.round(share * 100) / 100);
}

/** Criterion (2) (S001-ATTR-18): A keeps the performance; the bonus splits with B, whose file is valid. */
function criterion2(s: DealState, A: string, B: string): DealAttribution {
  const { mk, single, two } = writers(s);
  const sp = s.params.splits;
  return mk('final', 'REFUSED', single(A), two(A, sp.refused.receiver, B, sp.refused.previous), A);
}

/**
 * The governing visit of a deal (catalog step 3): the latest visit before it whose case is not
 * OWNER, HANDBACK or DISCOUNT.
 * @internal
 */
export function governingVisit<V extends VisitOutcome>(visits: readonly V[], dealAt: string): V | null {
  return (
    [...visits]
      .reverse()
      .find((v) => v.at < dealAt && v.case !== 'OWNER' && v.case !== 'HANDBACK' && v.case !== 'DISCOUNT') ??
    null
  );
}

/** Whether `salespersonId` held a protected registration of this customer at the forgotten visit. */
function hadValidClaimAt(
  state: Pick<DealState, 'params' | 'zone'>,
  all: readonly CustomerEvent[],
  salespersonId: string,
  at: string,
): boolean {
  const reg = all.find(
    (e): e is RegistrationEvent =>
      e.type === 'registration' &&
      e.salespersonId === salespersonId &&
      e.at < at &&
      registrationCheck(e, state.params).valid,
  );
  if (!reg) return false;
  const claim = claimOfParsed(
    reg,
    all.filter((e) => e.at > reg.at && e.at < at),
    state.params,
    state.zone,
  );
  return isProtectedParsed(claim, localDateOf(at, state.zone));
}
