import {
  type Decision,
  type InstantInput,
  parseInput,
  type TraceEntry,
  toInstant,
  type Violation,
} from '@zhidu/core';
import { IntakeArg, StringListArg, WalkInArg } from '../inputs.js';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, requireSection } from '../shared.js';
import {
  type ReceptionKind,
  ReceptionKindSchema,
  type RotationState,
  RotationStateSchema,
} from './rotation-schema.js';

/** A reception to place in the rotation. */
export type WalkIn = {
  kind: ReceptionKind;
  at: InstantInput;
  /** Who actually took the customer, if already known (to detect 抢客). */
  takenBy?: string;
  /** For kinds that do not use a turn: the designated receiver. */
  receiverId?: string;
};

/** Outcome of one reception in the rotation. */
export type RotationOutcome = {
  /** Who should receive; null when nobody is available (the customer waits). */
  receiver: string | null;
  usedTurn: boolean;
  makeUpTurn: boolean;
  registrationRequired: boolean;
  state: RotationState;
  violations: Violation[];
};

/**
 * Creates a fresh rotation with everyone available and the pointer at the first salesperson.
 *
 * @param order - salesperson ids in rotation order
 * @returns the state
 * @example
 * newRotation(['A', 'B', 'C']).pointer; //=> 0
 */
export function newRotation(order: readonly string[]): RotationState {
  parseInput(StringListArg, order, ['order']);
  return parseInput(
    RotationStateSchema,
    {
      order: [...order],
      pointer: 0,
      status: Object.fromEntries(order.map((s) => [s, 'available'])),
      makeUp: Object.fromEntries(order.map((s) => [s, 0])),
      makeUpQueue: [],
    },
    ['order'],
  );
}

/**
 * Whether a reception kind uses a rotation turn (S001-RECEP-04).
 *
 * @param kind - reception kind
 * @param policy - a service policy with a `rotation` section
 * @returns true when it uses a turn
 * @example
 * consumesTurn('returnVisit', s001SalesOfficePolicy).value; //=> false
 */
export function consumesTurn(kind: ReceptionKind, policy: ServicePolicy): Decision<boolean> {
  parseInput(ReceptionKindSchema, kind, ['kind']);
  const r = requireSection(paramsOf(policy).rotation, 'rotation');
  const uses = r.consumesTurn[kind] ?? false;
  return {
    value: uses,
    trace: [
      entry(
        r.citations.turns,
        uses ? `${kind}计入接待名额` : `${kind}不计入接待名额`,
        `${kind} ${uses ? 'uses' : 'does not use'} a turn`,
      ),
    ],
  };
}

/**
 * The salesperson who must wait at the reception desk next (S001-RECEP-02): a returnee owed a
 * make-up turn first, else the first available person from the pointer.
 *
 * @param state - rotation state
 * @returns the salesperson id, or null when nobody is available
 * @example
 * nextUp(newRotation(['A', 'B'])); //=> 'A'
 */
export function nextUp(state: RotationState): string | null {
  parseInput(RotationStateSchema, state, ['state']);
  for (const s of state.makeUpQueue)
    if (state.status[s] === 'available' && (state.makeUp[s] ?? 0) > 0) return s;
  const n = state.order.length;
  for (let k = 0; k < n; k++) {
    const s = state.order[(state.pointer + k) % n];
    if (s !== undefined && state.status[s] === 'available') return s;
  }
  return null;
}

/**
 * Whether the next salesperson is at the reception desk while a colleague is receiving (S001-RECEP-02).
 *
 * @param state - rotation state
 * @param atDesk - salespeople seated behind the desk
 * @param policy - a service policy with a `rotation` section
 * @returns `{ compliant, nextUp }`
 * @example
 * standbyCompliance(state, ['B'], policy).value; //=> { compliant: true, nextUp: 'B' }
 */
export function standbyCompliance(
  state: RotationState,
  atDesk: readonly string[],
  policy: ServicePolicy,
): Decision<{ compliant: boolean; nextUp: string | null }> {
  parseInput(RotationStateSchema, state, ['state']);
  parseInput(StringListArg, atDesk, ['atDesk']);
  const r = requireSection(paramsOf(policy).rotation, 'rotation');
  const next = nextUp(state);
  const compliant = next === null || atDesk.includes(next);
  return {
    value: { compliant, nextUp: next },
    trace: [
      entry(
        r.citations.standby,
        compliant ? `下一位${next ?? '—'}已在接待台准备` : `下一位${next}未在接待台`,
        compliant ? `next up ${next ?? '—'} is at the desk` : `next up ${next} is not at the desk`,
      ),
    ],
  };
}

/**
 * Places a reception in the strict rotation (轮流接待) of a sales office: make-up turns go first to
 * an available returnee (the pointer does not move); otherwise the first available salesperson from
 * the pointer receives and the pointer moves past them; those skipped while out on business earn a
 * make-up turn (S001-RECEP-01, -03). A reception that does not use a turn leaves the rotation as it
 * is (S001-RECEP-04). If someone else took a walk-in that was not theirs, a `service.rotation.outOfTurn`
 * Violation (抢客) is returned for penalty to price.
 *
 * @param state - rotation state (not mutated)
 * @param walkIn - the reception
 * @param policy - a service policy with a `rotation` section
 * @returns the receiver, the new state and any violation
 * @throws ZhiduError `invalid_input` for a malformed state
 * @example
 * const r = assignWalkIn(newRotation(['A', 'B', 'C']), { kind: 'newWalkIn', at: '2024-03-01T09:10:00+08:00' }, policy);
 * r.value.receiver; //=> 'A'
 */
export function assignWalkIn(
  state: RotationState,
  walkIn: WalkIn,
  policy: ServicePolicy,
): Decision<RotationOutcome> {
  parseInput(WalkInArg, walkIn, ['walkIn']);
  const r = requireSection(paramsOf(policy).rotation, 'rotation');
  const s = parseInput(RotationStateSchema, state, ['state']);
  const at = toInstant(walkIn.at, ['walkIn', 'at']);
  const trace: TraceEntry[] = [];
  const usesTurn = r.consumesTurn[walkIn.kind] ?? false;
  const violations: Violation[] = [];

  if (!usesTurn) {
    trace.push(
      entry(
        r.citations.turns,
        `${walkIn.kind}不计入接待名额,轮值不变`,
        `${walkIn.kind} does not use a turn; rotation unchanged`,
      ),
    );
    return {
      value: {
        receiver: walkIn.receiverId ?? walkIn.takenBy ?? null,
        usedTurn: false,
        makeUpTurn: false,
        registrationRequired: true,
        state: s,
        violations,
      },
      trace,
    };
  }

  let receiver: string | null = null;
  let makeUpTurn = false;
  const returnee = s.makeUpQueue.find((p) => s.status[p] === 'available' && (s.makeUp[p] ?? 0) > 0);
  if (returnee !== undefined) {
    receiver = returnee;
    makeUpTurn = true;
    const left = (s.makeUp[returnee] ?? 0) - 1;
    s.makeUp[returnee] = left;
    if (left === 0) s.makeUpQueue = s.makeUpQueue.filter((p) => p !== returnee);
    trace.push(
      entry(
        r.citations.skip,
        `${returnee}外出归来补接(剩余${left})`,
        `${returnee} takes a make-up turn (${left} left)`,
      ),
    );
  } else {
    const n = s.order.length;
    for (let k = 0; k < n; k++) {
      const idx = (s.pointer + k) % n;
      const p = s.order[idx];
      if (p === undefined) continue;
      const st = s.status[p] ?? 'offDuty';
      if (st === 'available') {
        receiver = p;
        s.pointer = (idx + 1) % n;
        break;
      }
      if (st === 'outOnBusiness' || (st === 'busy' && r.creditBusySkips)) {
        s.makeUp[p] = (s.makeUp[p] ?? 0) + 1;
        if (!s.makeUpQueue.includes(p)) s.makeUpQueue.push(p);
        trace.push(
          entry(
            r.citations.skip,
            `${p}因公外出,跳过并记补接1次`,
            `${p} is out on business: skipped, make-up turn credited`,
          ),
        );
      } else {
        trace.push(
          entry(r.citations.skip, `${p}不在岗或正在接待,跳过`, `${p} is ${st}: skipped without credit`),
        );
      }
    }
    trace.push(
      entry(
        r.citations.rotation,
        receiver === null ? '无人可接待,客户稍候' : `按顺序由${receiver}接待并填写客户登记表`,
        receiver === null
          ? 'nobody available; the customer waits'
          : `${receiver} receives in turn and fills the registration form`,
      ),
    );
  }

  if (walkIn.takenBy !== undefined && receiver !== null && walkIn.takenBy !== receiver) {
    violations.push({
      code: 'service.rotation.outOfTurn',
      personId: walkIn.takenBy,
      occurredAt: at,
      source: { module: 'service', rule: r.citations.rotation.rule, clause: r.citations.rotation.clause },
      data: { expectedReceiver: receiver },
    });
    trace.push(
      entry(
        r.citations.rotation,
        `${walkIn.takenBy}未按顺序接待(抢客)`,
        `${walkIn.takenBy} took a customer out of turn (grabbing)`,
      ),
    );
  }
  return {
    value: { receiver, usedTurn: true, makeUpTurn, registrationRequired: true, state: s, violations },
    trace,
  };
}

/** Answers recorded at the start of every reception (S001-RECEP-05). */
export type IntakeAnswers = {
  visitedBefore: 'yes' | 'no' | 'forgot';
  previousSalespeople?: readonly string[];
  designatedOnEntry?: string;
  presentSalespeople?: readonly string[];
};

/**
 * Routes a reception from the two intake questions (来过吗?谁接待过?) to its attribution case
 * (S001-RECEP-05): a new walk-in, a first visit with a designation, criterion (1) (the previous
 * salesperson is present), criterion (3) (absent) or criterion (7) (forgot who).
 *
 * @param answers - intake answers
 * @param policy - a service policy with a `rotation` section
 * @returns the case and the matching reception kind
 * @example
 * intakeCase({ visitedBefore: 'forgot' }, policy).value; //=> { case: 'criterion7', kind: 'forgotPrevious' }
 */
export function intakeCase(
  answers: IntakeAnswers,
  policy: ServicePolicy,
): Decision<{
  case: 'newWalkIn' | 'designatedFirstVisit' | 'criterion1' | 'criterion3' | 'criterion7';
  kind: ReceptionKind;
}> {
  parseInput(IntakeArg, answers, ['answers']);
  const r = requireSection(paramsOf(policy).rotation, 'rotation');
  let value: {
    case: 'newWalkIn' | 'designatedFirstVisit' | 'criterion1' | 'criterion3' | 'criterion7';
    kind: ReceptionKind;
  };
  if (answers.visitedBefore === 'forgot') value = { case: 'criterion7', kind: 'forgotPrevious' };
  else if (answers.visitedBefore === 'yes' && (answers.previousSalespeople?.length ?? 0) > 0) {
    const first = answers.previousSalespeople?.[0] ?? '';
    value = answers.presentSalespeople?.includes(first)
      ? { case: 'criterion1', kind: 'returnVisit' }
      : { case: 'criterion3', kind: 'assistAbsentPrevious' };
  } else if (answers.designatedOnEntry !== undefined)
    value = { case: 'designatedFirstVisit', kind: 'designatedFirstVisit' };
  else value = { case: 'newWalkIn', kind: 'newWalkIn' };
  return {
    value,
    trace: [
      entry(r.citations.intake, `询问来访情况后归入${value.case}`, `intake answers route to ${value.case}`, {
        answers,
      }),
    ],
  };
}
