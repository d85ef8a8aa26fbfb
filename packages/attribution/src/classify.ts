/**
 * Procedure II step 2: how a visit is classified — who receives the customer and whether a rotation
 * turn is used — as catalog steps of the `visit` pipeline (first matching row wins).
 */
import { pct } from './deal-attribution.js';
import { C, type Note, SiteTexts, stepNote } from './engine-state.js';
import type { VisitCase, VisitOutcome } from './ownership.js';
import type { RuleStep, VisitState } from './steps.js';

/**
 * A `visit` step: runs `decide` while no earlier row has classified the visit; a returned outcome
 * is the visit's case.
 */
function visitStep(
  id: string,
  clause: string,
  decide: (s: VisitState, note: Note) => VisitOutcome | null,
): RuleStep {
  return {
    id,
    clause,
    run: (s, step) => {
      if (s.phase !== 'visit' || s.outcome !== null) return s;
      const outcome = decide(s, stepNote(step));
      return outcome === null ? s : { ...s, outcome };
    },
  };
}

/** The visit's outcome with `case`, `receiver` and whether a rotation turn is used. */
function out(s: VisitState, c: VisitCase, receiver: string, rotationConsumed: boolean): VisitOutcome {
  const B = s.prior.id;
  return {
    at: s.visit.at,
    visitNo: s.visitNo,
    previous: B,
    previousExpiresOn: B === null ? null : s.prior.expiresOn,
    case: c,
    receiver,
    rotationConsumed,
  };
}

// The texts of the steps' most frequent entries, built once per salesperson (or pair).
const FORGOT = new SiteTexts<string>((T) => [
  `客户忘记谁接待过,列入前台轮值,由${T}接待`,
  `The customer forgot who served them: a rotation reception by ${T}`,
]);
const ON_TURN = new SiteTexts<string>((T) => [
  `新客户按排序表由${T}接待并登记`,
  `New customer received by ${T} on turn, who registers them`,
]);
const PREVIOUS = new SiteTexts<string>((B) => [
  `由原销售员${B}接待`,
  `Received by the previous salesperson ${B}`,
]);
const DECLINES = new SiteTexts<string, string>((B, T) => [
  `客户不愿找${B},要求${T}接待`,
  `The customer declines ${B} and asks for ${T}`,
]);
const ON_SITE = new SiteTexts<string>((B) => [
  `${B}在现场,原则上交回${B}接待`,
  `${B} is on site: handed back to ${B}`,
]);
const ABSENT = new SiteTexts<string, string>((B, T) => [
  `${B}不在现场,由${T}协助接待,不列入前台轮值指标`,
  `${B} is absent: ${T} assists outside the rotation`,
]);

type NthSplit = { designee: number; previous: number };
/** The texts of a later visit's designation (S001-ATTR-24), one site per visit number (the first 32). */
const DESIGNATED: SiteTexts<string, string, NthSplit>[] = [];
function designatedTexts(visitNo: number): SiteTexts<string, string, NthSplit> {
  const build = (D: string, B: string, nth: NthSplit): readonly [string, string] => [
    `第${visitNo}次来访指定${D}接待,成交后${D}:${pct(nth.designee)}%,${B}:${pct(nth.previous)}%`,
    `Visit ${visitNo} designates ${D}: ${D} receives; ${D} ${pct(nth.designee)} % / ${B} ${pct(nth.previous)} %`,
  ];
  if (!(visitNo >= 0 && visitNo < 32 && Number.isInteger(visitNo))) return new SiteTexts(build);
  let t = DESIGNATED[visitNo];
  if (t === undefined) {
    t = new SiteTexts(build);
    DESIGNATED[visitNo] = t;
  }
  return t;
}

/** Whether B's claim rests only on a household link the customer did not mention (row 2.3). */
const householdOnly = (s: VisitState): boolean =>
  s.prior.basis === 'household' && s.visit.intake.visitedBefore === 'no';

/**
 * The catalog steps of step 2, in the catalog's row order:
 *
 * | step | rows | also covers |
 * |---|---|---|
 * | `S001-ATTR-29` | 0.1 expo, launch or other manager-decided event | |
 * | `S001-ATTR-22` | 2.12 discount approach | |
 * | `S001-ATTR-23` | 2.1 forgot who served them | S000B-ATTR-03 (cannot name → new, per policy) |
 * | `S001-ATTR-16` | 2.2 / 2.3 no prior owner: designated or new | S001-RECEP-01 |
 * | `S001-ATTR-17` | 2.4 the owner designated or on turn | |
 * | `S001-ATTR-24` | 2.5 / 2.6 another salesperson designated on entering | S001-ATTR-30 (K7: manager decides) |
 * | `S001-ATTR-20` | 2.7 refuses B and complains | |
 * | `S001-ATTR-18` | 2.8 refuses B | |
 * | `S001-ATTR-21` | 2.9 several named | |
 * | `S001-ATTR-19` | 2.10 / 2.11 B present → handback, absent → assist | S001-ATTR-17 (handback) |
 */
export const VISIT_STEPS: readonly RuleStep[] = [
  visitStep('S001-ATTR-29', C.c13, (s, note) => {
    const v = s.visit;
    if (v.context === 'normal' || !s.params.managerDecidedContexts.includes(v.context)) return null;
    note(
      'S001-ATTR-29',
      C.c13,
      '房展会/开盘等活动,客户归属由经理确定',
      'Expo or launch visit: the manager decides attribution',
    );
    return out(s, 'MANAGER', v.onTurnId, false);
  }),
  visitStep('S001-ATTR-22', C.c6, (s, note) => {
    const v = s.visit;
    const B = s.prior.id;
    if (v.discountApproachTo === undefined || B === null || v.discountApproachTo === B) return null;
    note(
      'S001-ATTR-22',
      C.c6,
      `客户为争取折扣找${v.discountApproachTo},业绩奖金全部属${B}`,
      `The customer approached ${v.discountApproachTo} for a discount; everything stays with ${B}`,
    );
    return out(s, 'DISCOUNT', v.discountApproachTo, false);
  }),
  visitStep('S001-ATTR-23', C.c7, (s, note) => {
    const T = s.visit.onTurnId;
    if (s.visit.intake.visitedBefore !== 'forgot') return null;
    if (s.params.unnamedPrevious === 'treatAsNew') {
      note(
        'S000B-ATTR-03',
        C.b1121,
        `客户说不出原客户经理,视为新客户,由当班${T}接待`,
        `The customer cannot name the earlier manager: treated as new, received by ${T} on duty`,
      );
      return out(s, 'NEW_UNNAMED', T, true);
    }
    const [zh, en] = FORGOT.of(T, null);
    note('S001-ATTR-23', C.c7, zh, en);
    return out(s, 'FORGOT', T, true);
  }),
  visitStep('S001-ATTR-16', C.l110, (s, note) => {
    const T = s.visit.onTurnId;
    const D = s.visit.designatedOnEntry;
    if (s.prior.id !== null && !householdOnly(s)) return null;
    if (D !== undefined) {
      note(
        'S001-ATTR-16',
        C.l110,
        `首次来访即指定${D}接待,为${D}的客户,不按排序表`,
        `First visit designating ${D} on entering: ${D}'s customer, outside the rotation`,
      );
      return out(s, 'DESIGNATED', D, false);
    }
    const [zh, en] = ON_TURN.of(T, null);
    note('S001-RECEP-01', '001 L106 按顺序表循环接待', zh, en);
    return out(s, 'NEW', T, true);
  }),
  visitStep('S001-ATTR-17', C.c1, (s, note) => {
    const B = s.prior.id;
    const D = s.visit.designatedOnEntry;
    if (B === null || !(D === B || (D === undefined && s.visit.onTurnId === B))) return null;
    const [zh, en] = PREVIOUS.of(B, null);
    note('S001-ATTR-17', C.c1, zh, en);
    return out(s, 'OWNER', B, false);
  }),
  visitStep('S001-ATTR-24', C.c8, (s, note) => {
    const B = s.prior.id;
    const D = s.visit.designatedOnEntry;
    if (B === null || D === undefined) return null;
    if (s.visitNo === 1 && (s.prior.basis === 'referral' || s.prior.basis === 'household')) {
      if (s.params.firstVisitDesignationVsLink === 'managerDecision') {
        note(
          'S001-ATTR-30',
          '001 L110 vs L184/186 (K7)',
          `首次来访指定${D},但依转介/家庭规则应属${B}:由经理裁定`,
          `First-visit designation of ${D} conflicts with ${B}'s referral/household claim: the manager decides`,
        );
        return out(s, 'MANAGER', D, false);
      }
    }
    const [zh, en] = designatedTexts(s.visitNo).of(D, B, s.params.splits.nthDesignated);
    note('S001-ATTR-24', C.c8, zh, en);
    return out(s, 'NTH_DESIGNATED', D, false);
  }),
  visitStep('S001-ATTR-20', C.c4, (s, note) => {
    const B = s.prior.id;
    const T = s.visit.onTurnId;
    if (B === null || !s.visit.intake.refusesPrevious || !s.visit.intake.complaintAgainstPrevious)
      return null;
    note(
      'S001-ATTR-20',
      C.c4,
      `客户投诉${B},${T}须告知销售主任及${B},待落实后成交与${B}无关`,
      `The customer complains about ${B}; ${T} informs the supervisor and ${B}; once verified ${B} is excluded`,
    );
    return out(s, 'COMPLAINT', T, false);
  }),
  visitStep('S001-ATTR-18', C.c2, (s, note) => {
    const B = s.prior.id;
    const T = s.visit.onTurnId;
    if (B === null || !s.visit.intake.refusesPrevious) return null;
    const [zh, en] = DECLINES.of(B, T);
    note('S001-ATTR-18', C.c2, zh, en);
    return out(s, 'REFUSED', T, false);
  }),
  visitStep('S001-ATTR-21', C.c5, (s, note) => {
    const v = s.visit;
    if (s.prior.id === null || v.intake.named.length < 2) return null;
    const present = new Set(v.presentIds);
    const firstPresent = v.intake.named.find((n) => present.has(n));
    const receiver = firstPresent ?? v.onTurnId;
    note(
      'S001-ATTR-21',
      C.c5,
      `客户说出多名销售员:由第一位在场的${receiver}接待`,
      `The customer named several salespeople: the first one present, ${receiver}, receives`,
      { named: v.intake.named },
    );
    return out(s, 'MULTI_NAMED', receiver, false);
  }),
  visitStep('S001-ATTR-19', C.c3, (s, note) => {
    const B = s.prior.id;
    const T = s.visit.onTurnId;
    if (B === null) return null;
    if (s.visit.presentIds.includes(B)) {
      const [zh, en] = ON_SITE.of(B, null);
      note('S001-ATTR-17', C.c1, zh, en);
      return out(s, 'HANDBACK', B, false);
    }
    const [zh, en] = ABSENT.of(B, T);
    note('S001-ATTR-19', C.c3, zh, en);
    return out(s, 'ASSIST', T, false);
  }),
];
