import { C, type Note, type Prior, type State } from './engine-state.js';
import type { CustomerEvent, DealEvent, RegistrationEvent, VisitEvent } from './events.js';
import { localDateOf } from './kernel.js';
import type { DealAttribution, VisitOutcome } from './ownership.js';
import { claimOf, isProtected, registrationCheck } from './protection.js';
import { type Share, sharesOf } from './shares.js';

/** Step 3: attribute one deal. */
export function attributeDeal(
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
  /** A two-party bonus line such as criterion (2)'s A 80 % / B 20 % (percentages from `params.splits`). */
  const two = (x: string, xPct: number, y: string, yPct: number): Share[] =>
    sharesOf([
      [x, xPct],
      [y, yPct],
    ]);
  /** Performance, bonus and follow-up all with one salesperson. */
  const sole = (governingCase: string, id: string): DealAttribution =>
    mk('final', governingCase, single(id), single(id), id);

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
    return sole('CROSSOVER', resolved.winnerId);
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
    return sole('HOUSEHOLD', prior.id);
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
    return sole(prior.id === null ? 'DEAL' : 'OWNER', owner);
  }
  const A = governing.receiver;
  const B = governing.previous;
  const s = params.splits;
  /** Criterion (2) (S001-ATTR-18): A keeps the performance; the bonus splits with B, whose file is valid. */
  const criterion2 = (b: string): DealAttribution =>
    mk('final', 'REFUSED', single(A), two(A, s.refused.receiver, b, s.refused.previous), A);
  switch (governing.case) {
    case 'MANAGER':
      return mk('requiresManagerDecision', 'MANAGER', [], [], null);
    case 'NEW':
    case 'NEW_UNNAMED':
    case 'DESIGNATED':
      return sole(governing.case, A);
    case 'REFUSED': {
      if (B === null || !validAtDeal(governing)) return sole('REFUSED', A);
      note(
        'S001-ATTR-18',
        C.c2,
        `${B}建档有效,提成${A}:80%,${B}:20%`,
        `${B}'s file was valid: bonus ${A} 80 % / ${B} 20 %`,
      );
      return criterion2(B);
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
        return sole('COMPLAINT', A);
      }
      if (!validAtDeal(governing)) return sole('REFUSED', A);
      note('S001-ATTR-18', C.c2, `投诉未成立,按准则(2)分配`, 'Complaint not upheld: criterion (2) applies');
      return criterion2(B);
    }
    case 'ASSIST': {
      if (B === null) return sole('NEW', A);
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
          sameDay ? two(A, s.sameDayReturning.receiver, B, s.sameDayReturning.previous) : single(B),
          B,
        );
      }
      if (!validAtDeal(governing)) return sole('NEW', A);
      note(
        'S001-ATTR-19',
        C.c3,
        `业绩属${B},奖金${B}:80%,${A}:20%`,
        `Performance ${B}; bonus ${B} 80 % / ${A} 20 %`,
      );
      return mk('final', 'ASSIST', single(B), two(B, s.assist.previous, A, s.assist.assistant), B);
    }
    case 'MULTI_NAMED': {
      const O = B ?? A;
      if (O === A) return sole('MULTI_NAMED', O);
      return mk('final', 'MULTI_NAMED', single(O), two(O, s.multiNamed.owner, A, s.multiNamed.receiver), O);
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
        return sole('FORGOT', A);
      }
      const found = lookup.foundSalespersonId;
      const p = hadValidClaimAt(state, all, found, governing.at);
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
        two(A, s.forgotFound.receiver, found, s.forgotFound.previous),
        chosen,
      );
    }
    case 'NTH_DESIGNATED': {
      if (B === null || B === A || !validAtDeal(governing)) return sole('NTH_DESIGNATED', A);
      const sh = two(A, s.nthDesignated.designee, B, s.nthDesignated.previous);
      return mk('final', 'NTH_DESIGNATED', sh, sh, A);
    }
    default:
      return sole(governing.case, A);
  }
}

/** Whether `salespersonId` held a protected registration of this customer at the forgotten visit. */
function hadValidClaimAt(
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
      registrationCheck(e, state.params).valid,
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
