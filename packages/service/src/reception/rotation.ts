import {
  type DeskStatus,
  DeskStatusSchema,
  type ReceptionKind,
  ReceptionKindSchema,
  ReceptionRotation,
  type RotationParams,
  type RotationState,
  RotationStateSchema,
} from '@zhidu/attribution';
import {
  type Decision,
  type Instant,
  type InstantInput,
  parseInput,
  recordOf,
  type TraceEntry,
  toInstant,
  type Violation,
  violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { IntakeArg, StringListArg, WalkInArg } from '../inputs.js';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, requireSection } from '../shared.js';
import type { RotationSection } from './rotation-schema.js';

// The rotation itself is attribution's `ReceptionRotation` (one implementation for the package that
// owns reception turns); the functions here read a service policy's `rotation` section, restore the
// stored state into it and trace with the policy's citations.

function rotationOf(state: RotationState, r: RotationSection): ReceptionRotation {
  const params: RotationParams = {
    creditBusySkips: r.creditBusySkips,
    resets: r.resets,
    consumesTurn: r.consumesTurn,
  };
  return ReceptionRotation.fromJSON(state, params);
}

/**
 * The rotation the module `service.rotation` carries through a list of events: a fresh one over
 * `order`, with the policy's rotation section when it has one (without, the events may set statuses;
 * a walk-in then refuses the policy, as {@link assignWalkIn} does).
 * @internal
 */
export function startRotation(order: readonly string[], r: RotationSection | undefined): ReceptionRotation {
  const state = newRotationParsed(order);
  return r === undefined ? ReceptionRotation.fromJSON(state) : rotationOf(state, r);
}

/** A reception to place in the rotation. */
export type WalkIn = {
  kind: ReceptionKind;
  at: InstantInput;
  /** Who actually took the customer, if already known (to detect 抢客). */
  takenBy?: string;
  /** For kinds that do not use a turn: the designated receiver. */
  receiverId?: string;
};

/** Outcome of one reception in the rotation (see {@link assignWalkIn}). */
export type WalkInOutcome = {
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
  return newRotationParsed(order);
}

/** {@link newRotation} on an order its module has parsed already (one parse, not two; issue 21). */
function newRotationParsed(order: readonly string[]): RotationState {
  return ReceptionRotation.create(order).toJSON();
}

const StatusChangesArg = recordOf(z.string(), DeskStatusSchema);

/**
 * Sets salespeople's desk status in a stored rotation (S001-RECEP-03): coming back from company
 * business queues the make-up turns earned while out (earliest returnee first).
 *
 * @param state - rotation state (not mutated)
 * @param changes - salesperson id → new status
 * @returns the new state
 * @throws ZhiduError `invalid_input` for a malformed state or status; `unknown_reference` at
 *   `['changes', id]` for someone not in the rotation
 * @example
 * setDeskStatus(newRotation(['A', 'B']), { B: 'outOnBusiness' }).status.B; //=> 'outOnBusiness'
 */
export function setDeskStatus(
  state: RotationState,
  changes: Readonly<Record<string, DeskStatus>>,
): RotationState {
  const s = parseInput(RotationStateSchema, state, ['state']);
  const c = parseInput(StatusChangesArg, changes, ['changes']);
  let r = ReceptionRotation.fromJSON(s);
  for (const [id, status] of Object.entries(c)) {
    if (!s.order.includes(id)) {
      throw new ZhiduError(
        'unknown_reference',
        ['changes', id],
        `${id} 不在轮值表中 / ${id} is not in the rotation`,
      );
    }
    r = r.setStatus(id, status);
  }
  return r.toJSON();
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
  return consumesTurnParsed(kind, policy);
}

/** {@link consumesTurn} on a kind its module has parsed already (one parse, not two; issue 21). @internal */
export function consumesTurnParsed(kind: ReceptionKind, policy: ServicePolicy): Decision<boolean> {
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
 * The salesperson who must wait at the reception desk next (S001-RECEP-02): who
 * `ReceptionRotation#nextUp` of `@zhidu/attribution` names — an available returnee owed a make-up
 * turn, else the first available person from the pointer.
 *
 * @param state - rotation state
 * @returns the salesperson id, or null when nobody is available
 * @example
 * nextUp(newRotation(['A', 'B'])); //=> 'A'
 */
export function nextUp(state: RotationState): string | null {
  // `fromJSON` parses the state (the same schema, at `state`): not parsed here first.
  return ReceptionRotation.fromJSON(state).nextUp();
}

/**
 * Whether the next salesperson is at the reception desk while a colleague is receiving (S001-RECEP-02).
 *
 * @param state - rotation state
 * @param atDesk - salespeople seated behind the desk
 * @param policy - a service policy with a `rotation` section
 * @returns `{ compliant, nextUp }`
 * @example
 * const state = assignWalkIn(newRotation(['A', 'B', 'C']), { kind: 'newWalkIn', at: '2024-03-01T09:10:00+08:00' }, s001SalesOfficePolicy).value.state;
 * standbyCompliance(state, ['B', 'C'], s001SalesOfficePolicy).value; //=> { compliant: true, nextUp: 'B' }
 * standbyCompliance(state, ['C'], s001SalesOfficePolicy).value.compliant; //=> false
 */
export function standbyCompliance(
  state: RotationState,
  atDesk: readonly string[],
  policy: ServicePolicy,
): Decision<{ compliant: boolean; nextUp: string | null }> {
  parseInput(RotationStateSchema, state, ['state']);
  parseInput(StringListArg, atDesk, ['atDesk']);
  return standbyComplianceParsed(state, atDesk, policy);
}

/**
 * {@link standbyCompliance} on a state and desk its module has parsed already (issue 21): the state
 * is read once more, by {@link nextUp} (attribution's `ReceptionRotation.fromJSON`). @internal
 */
export function standbyComplianceParsed(
  state: RotationState,
  atDesk: readonly string[],
  policy: ServicePolicy,
): Decision<{ compliant: boolean; nextUp: string | null }> {
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
 * Places a reception in the strict rotation (轮流接待) of a sales office, by attribution's
 * `ReceptionRotation` (the one rotation): an available returnee owed a make-up turn receives first (the
 * pointer does not move) unless their ordinary turn comes first, which they take keeping the credit;
 * otherwise the first available salesperson from the pointer receives and the pointer moves past them;
 * those skipped while out on business earn a make-up turn (S001-RECEP-01, -03). A reception that does
 * not use a turn leaves the rotation as it is (S001-RECEP-04). If someone else took a walk-in that was
 * not theirs, a `service.rotation.outOfTurn` Violation (抢客) is returned for penalty to price, and the
 * rotation stays as it was: the wronged salesperson keeps their place.
 *
 * @param state - rotation state (not mutated)
 * @param walkIn - the reception
 * @param policy - a service policy with a `rotation` section
 * @returns the receiver, the new state and any violation
 * @throws ZhiduError `invalid_input` for a malformed state or walk-in
 * @example
 * const r = assignWalkIn(newRotation(['A', 'B', 'C']), { kind: 'newWalkIn', at: '2024-03-01T09:10:00+08:00' }, s001SalesOfficePolicy);
 * r.value.receiver; //=> 'A'
 * nextUp(r.value.state); //=> 'B'
 */
export function assignWalkIn(
  state: RotationState,
  walkIn: WalkIn,
  policy: ServicePolicy,
): Decision<WalkInOutcome> {
  parseInput(WalkInArg, walkIn, ['walkIn']);
  const r = requireSection(paramsOf(policy).rotation, 'rotation');
  const s = parseInput(RotationStateSchema, state, ['state']);
  const at = toInstant(walkIn.at, ['walkIn', 'at']);
  const { value, rotation, trace } = walkInOn(rotationOf(s, r), walkIn, r, at);
  const { violations, ...rest } = value;
  // A reception that does not use a turn leaves the state as given (parsed).
  return { value: { ...rest, state: value.usedTurn ? rotation.toJSON() : s, violations }, trace };
}

/** A walk-in's outcome without the state: the rotation after it instead (see {@link walkInOn}). */
type WalkInOn = {
  value: Omit<WalkInOutcome, 'state'>;
  rotation: ReceptionRotation;
  trace: TraceEntry[];
};

/**
 * {@link assignWalkIn} on a rotation already built from a checked state and the policy's rotation
 * section, for a checked walk-in at `at`: the module `service.rotation` carries one rotation from
 * event to event instead of checking and rebuilding the state at each (issue 21: 10^5 walk-ins took
 * 3.8 s, three zod parses each). The rotation returned is the one after the walk-in (the same one when
 * the walk-in does not use a turn).
 * @internal
 */
export function walkInOn(
  rotation: ReceptionRotation,
  walkIn: WalkIn,
  r: RotationSection,
  at: Instant,
): WalkInOn {
  const trace: TraceEntry[] = [];
  const violations: Violation[] = [];

  if (!rotation.consumesTurn(walkIn.kind)) {
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
        violations,
      },
      rotation,
      trace,
    };
  }

  const { assignment, rotation: assigned } = rotation.assignNewWalkIn();
  const receiver = assignment.receiver;
  for (const sk of assignment.skipped) {
    trace.push(
      sk.status === 'available'
        ? entry(
            r.citations.skip,
            `${sk.id}刚接待上一位客户,本轮顺延并记补接1次`,
            `${sk.id} received the previous customer: turn deferred, make-up turn credited`,
          )
        : sk.credited
          ? entry(
              r.citations.skip,
              `${sk.id}${sk.status === 'busy' ? '正在接待' : '因公外出'},跳过并记补接1次`,
              `${sk.id} is ${sk.status}: skipped, make-up turn credited`,
            )
          : entry(
              r.citations.skip,
              `${sk.id}不在岗或正在接待,跳过`,
              `${sk.id} is ${sk.status}: skipped without credit`,
            ),
    );
  }
  if (assignment.makeUp && receiver !== null) {
    const left = assigned.toJSON().makeUp[receiver] ?? 0;
    trace.push(
      entry(
        r.citations.skip,
        `${receiver}外出归来补接(剩余${left})`,
        `${receiver} takes a make-up turn (${left} left)`,
      ),
    );
  } else {
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

  let after = assigned;
  if (walkIn.takenBy !== undefined) {
    // Whether taking the customer was grabbing, and what that does to the rotation, is the rotation's
    // own rule (ReceptionRotation#record).
    const recorded = rotation.record({ kind: walkIn.kind, receiverId: walkIn.takenBy, at });
    after = recorded.rotation;
    if (recorded.violations.length > 0) {
      violations.push(
        violation('service.rotation', r.citations.rotation, {
          code: 'service.rotation.outOfTurn',
          personId: walkIn.takenBy,
          occurredAt: at,
          data: { expectedReceiver: receiver },
        }),
      );
      trace.push(
        entry(
          r.citations.rotation,
          `${walkIn.takenBy}未按顺序接待(抢客),轮值不变`,
          `${walkIn.takenBy} took a customer out of turn (grabbing); rotation unchanged`,
        ),
      );
    }
  }
  return {
    value: {
      receiver,
      usedTurn: true,
      makeUpTurn: assignment.makeUp,
      registrationRequired: true,
      violations,
    },
    rotation: after,
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

/** The case {@link intakeCase} finds for a visitor's intake answers, and the reception kind it maps to. */
export type IntakeCaseResult = {
  case: 'newWalkIn' | 'designatedFirstVisit' | 'criterion1' | 'criterion3' | 'criterion7';
  kind: ReceptionKind;
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
 * intakeCase({ visitedBefore: 'forgot' }, s001SalesOfficePolicy).value; //=> { case: 'criterion7', kind: 'forgotWhoServed' }
 * intakeCase({ visitedBefore: 'no' }, s001SalesOfficePolicy).value; //=> { case: 'newWalkIn', kind: 'newWalkIn' }
 */
export function intakeCase(answers: IntakeAnswers, policy: ServicePolicy): Decision<IntakeCaseResult> {
  parseInput(IntakeArg, answers, ['answers']);
  return intakeCaseParsed(answers, policy);
}

/** {@link intakeCase} on answers its module has parsed already (one parse, not two; issue 21). @internal */
export function intakeCaseParsed(answers: IntakeAnswers, policy: ServicePolicy): Decision<IntakeCaseResult> {
  const r = requireSection(paramsOf(policy).rotation, 'rotation');
  let value: IntakeCaseResult;
  if (answers.visitedBefore === 'forgot') value = { case: 'criterion7', kind: 'forgotWhoServed' };
  else if (answers.visitedBefore === 'yes' && (answers.previousSalespeople?.length ?? 0) > 0) {
    const first = answers.previousSalespeople?.[0] ?? '';
    value = answers.presentSalespeople?.includes(first)
      ? { case: 'criterion1', kind: 'returnVisit' }
      : { case: 'criterion3', kind: 'assistForAbsent' };
  } else if (answers.designatedOnEntry !== undefined)
    value = { case: 'designatedFirstVisit', kind: 'firstVisitDesignated' };
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
