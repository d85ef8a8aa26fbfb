import { C, type Note, type Prior, type State } from './engine-state.js';
import type { VisitEvent } from './events.js';
import type { VisitCase, VisitOutcome } from './ownership.js';

/** Step 2: classify a visit (who receives, whether a rotation turn is used). */
export function classifyVisit(
  state: State,
  v: VisitEvent,
  visitNo: number,
  prior: Prior,
  note: Note,
): VisitOutcome {
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
