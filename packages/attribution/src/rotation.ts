/**
 * Reception rotation (轮流接待, seed 001 篇2 lines 100–112): strict order, skipping people out on
 * company business or busy, make-up turns on return, and which receptions use a turn.
 */
import { policyJsonSchema, violation } from '@zhidu/core';
import { z } from 'zod';
import rotation001Json from '../presets/rotation-001.json' with { type: 'json' };
import { expectIdList } from './boundary.js';
import { parseInput, Trace, type Violation, ZhiduError } from './kernel.js';

/** Availability of a salesperson at the desk. */
export const DeskStatusSchema = z.enum(['available', 'busy', 'outOnBusiness', 'offDuty']);
/** Availability of a salesperson at the desk. */
export type DeskStatus = z.output<typeof DeskStatusSchema>;

/** Kinds of reception, for the turn table of S001-RECEP-04. */
export const ReceptionKindSchema = z.enum([
  'newWalkIn',
  'returnVisit',
  'assistForAbsent',
  'forgotWhoServed',
  'firstVisitDesignated',
]);
/** Kinds of reception. */
export type ReceptionKind = z.output<typeof ReceptionKindSchema>;

/** Rotation parameters. */
export const RotationParamsSchema = z.strictObject({
  /** a skip because the person was busy receiving also earns a make-up turn (001 L104 grants it only for 公事外出) */
  creditBusySkips: z.boolean(),
  /** the order table restarts every day at the first position, or runs on */
  resets: z.enum(['daily', 'never']),
  /** whether each reception kind uses a rotation turn (S001-RECEP-04) */
  consumesTurn: z.record(ReceptionKindSchema, z.boolean()),
});
/** Rotation parameters. */
export type RotationParams = z.output<typeof RotationParamsSchema>;

/**
 * Seed 001 篇2 rotation rules with the catalog's readings (line 178 beats line 112, K3): the params of
 * the shipped preset `presets/rotation-001.json` (the values live in that file).
 */
export const rotation001: RotationParams = parseInput(RotationParamsSchema, rotation001Json.params, [
  'rotation-001',
  'params',
]);

/** Serialisable rotation state. */
export const RotationStateSchema = z.strictObject({
  order: z.array(z.string().min(1)).min(1),
  pointer: z.number().int().min(0),
  status: z.record(z.string(), DeskStatusSchema),
  makeUp: z.record(z.string(), z.number().int().min(0)),
  /** order in which people came back from company business (earliest returnee is served first) */
  returnQueue: z.array(z.string()),
  day: z.string().nullable(),
  /** who received the last new walk-in */
  last: z.string().nullable().default(null),
});
/** Serialisable rotation state. */
export type RotationState = z.output<typeof RotationStateSchema>;

/** Result of assigning a new walk-in. */
export type Assignment = {
  receiver: string | null;
  makeUp: boolean;
  skipped: { id: string; status: DeskStatus; credited: boolean }[];
};

/**
 * The front-desk rotation. Immutable: every operation returns a new rotation; `toJSON()` gives the
 * state to store, `ReceptionRotation.fromJSON()` restores it.
 *
 * @example
 * let r = ReceptionRotation.create(['A', 'B', 'C']);
 * const { receiver, rotation } = r.assignNewWalkIn(); // receiver 'A'
 */
export class ReceptionRotation {
  private constructor(
    readonly state: RotationState,
    readonly params: RotationParams,
  ) {}

  /**
   * @param order - the order table set by the manager
   * @param params - rotation parameters (default: seed 001)
   * @returns a rotation with everyone available and the pointer at the first person
   * @throws ZhiduError `invalid_input` for an order that is not a non-empty list of non-empty string
   *   ids (at `['order', i]` for a bad entry) or malformed params; `duplicate` for a person named twice
   * @example
   * ReceptionRotation.create(['A', 'B', 'C']).nextUp(); //=> 'A'
   */
  static create(order: readonly string[], params: RotationParams = rotation001): ReceptionRotation {
    // Checked by a loop, not by parsing the state built from it: a 10^5-person order is checked at once.
    const ids = [...expectIdList(order, ['order'])];
    if (new Set(ids).size !== ids.length)
      throw new ZhiduError(
        'duplicate',
        ['order'],
        '排班表中有人出现两次 / a person appears twice in the order',
      );
    if (ids.length === 0) {
      throw new ZhiduError(
        'invalid_input',
        ['order'],
        '排班表至少需要一人 / the order needs at least one person',
      );
    }
    const checkedParams = parseInput(RotationParamsSchema, params, ['params']);
    const state: RotationState = {
      order: ids,
      pointer: 0,
      status: Object.fromEntries(ids.map((p) => [p, 'available' as const])),
      makeUp: Object.fromEntries(ids.map((p) => [p, 0])),
      returnQueue: [],
      day: null,
      last: null,
    };
    return new ReceptionRotation(state, checkedParams);
  }

  /**
   * @param json - a stored state
   * @param params - rotation parameters
   * @returns the restored rotation
   * @example
   * ReceptionRotation.fromJSON(JSON.parse(text));
   */
  static fromJSON(json: unknown, params: RotationParams = rotation001): ReceptionRotation {
    const state = parseInput(RotationStateSchema, json, ['state']);
    if (state.pointer >= state.order.length)
      throw new ZhiduError('invalid_state', ['state', 'pointer'], 'pointer out of range');
    return new ReceptionRotation(state, parseInput(RotationParamsSchema, params, ['params']));
  }

  /**
   * The state to store between requests (plain JSON).
   *
   * @returns a copy of the serialisable state
   * @example
   * const saved = JSON.stringify(ReceptionRotation.create(['A', 'B']).toJSON());
   */
  toJSON(): RotationState {
    return structuredClone(this.state);
  }

  /**
   * Starts a business day; with `resets: 'daily'` the pointer returns to the first position and
   * make-up credits lapse.
   *
   * @param date - local date
   * @returns the rotation for that day
   * @example
   * r.startDay('2024-03-01');
   */
  startDay(date: string): ReceptionRotation {
    const s = this.toJSON();
    if (s.day !== date && this.params.resets === 'daily') {
      s.pointer = 0;
      for (const p of s.order) s.makeUp[p] = 0;
      s.returnQueue = [];
      s.last = null;
    }
    s.day = date;
    return new ReceptionRotation(s, this.params);
  }

  /**
   * Sets a salesperson's desk status. Coming back from company business queues their make-up turns.
   *
   * @param id - salesperson
   * @param status - new status
   * @returns the updated rotation
   * @example
   * r.setStatus('B', 'outOnBusiness');
   */
  setStatus(id: string, status: DeskStatus): ReceptionRotation {
    if (!this.state.order.includes(id))
      throw new ZhiduError('unknown_reference', ['id'], `${id} is not in the rotation`);
    const s = this.toJSON();
    const was = s.status[id];
    s.status[id] = status;
    if (
      was === 'outOnBusiness' &&
      status === 'available' &&
      (s.makeUp[id] ?? 0) > 0 &&
      !s.returnQueue.includes(id)
    ) {
      s.returnQueue.push(id);
    }
    return new ReceptionRotation(s, this.params);
  }

  /**
   * Who should take the next new walk-in, without changing the state (S001-RECEP-02: that person
   * waits at the reception desk).
   *
   * @returns salesperson id, or null when nobody is available
   * @example
   * ReceptionRotation.create(['A', 'B']).nextUp(); //=> 'A'
   */
  nextUp(): string | null {
    return this.assignNewWalkIn().assignment.receiver;
  }

  /**
   * Assigns a new walk-in with no designation (S001-RECEP-01, S001-RECEP-03).
   *
   * @returns the assignment (receiver, whether it was a make-up turn, who was skipped) and the new rotation
   * @example
   * const { assignment, rotation } = ReceptionRotation.create(['A', 'B']).assignNewWalkIn();
   */
  assignNewWalkIn(): { assignment: Assignment; rotation: ReceptionRotation } {
    const s = this.toJSON();
    const isOwed = (p: string) => s.status[p] === 'available' && (s.makeUp[p] ?? 0) > 0;
    // Returnees in the order they came back; then anyone else available with credits (a status
    // changed outside setStatus, or a return through 'busy'), in order-table order: a credit is
    // never lost because the return was not seen as such.
    const owed = s.returnQueue.find(isOwed) ?? s.order.find((p) => !s.returnQueue.includes(p) && isOwed(p));
    const ordinary = this.scan();
    // A returnee who is also next in the ordinary order takes the ordinary turn first and keeps
    // the credit: no turn is lost, and every consecutive customer a returnee gets is one owed.
    if (owed !== undefined && ordinary.receiver !== owed) {
      s.makeUp[owed] = (s.makeUp[owed] ?? 0) - 1;
      if ((s.makeUp[owed] ?? 0) === 0) s.returnQueue = s.returnQueue.filter((p) => p !== owed);
      s.last = owed;
      return {
        assignment: { receiver: owed, makeUp: true, skipped: [] },
        rotation: new ReceptionRotation(s, this.params),
      };
    }
    if (ordinary.receiver === null) {
      return {
        assignment: {
          receiver: null,
          makeUp: false,
          skipped: ordinary.skipped.map((x) => ({ ...x, credited: false })),
        },
        rotation: this,
      };
    }
    for (const sk of ordinary.skipped) {
      if (!sk.credited) continue;
      s.makeUp[sk.id] = (s.makeUp[sk.id] ?? 0) + 1;
      if (s.status[sk.id] === 'available' && !s.returnQueue.includes(sk.id)) s.returnQueue.push(sk.id);
    }
    s.pointer = (ordinary.index + 1) % s.order.length;
    s.last = ordinary.receiver;
    return {
      assignment: { receiver: ordinary.receiver, makeUp: false, skipped: ordinary.skipped },
      rotation: new ReceptionRotation(s, this.params),
    };
  }

  private scan(): { receiver: string | null; index: number; skipped: Assignment['skipped'] } {
    const s = this.state;
    const n = s.order.length;
    const skipped: Assignment['skipped'] = [];
    for (let i = 0; i < n; i++) {
      const idx = (s.pointer + i) % n;
      const p = s.order[idx];
      if (p === undefined) continue;
      const st = s.status[p] ?? 'offDuty';
      const othersFree = s.order.some((q) => q !== p && s.status[q] === 'available');
      if (st === 'available' && p === s.last && othersFree) {
        // Their ordinary turn comes round right after their last customer (e.g. after a make-up):
        // they keep it as a credit, so the order stays fair without back-to-back customers.
        skipped.push({ id: p, status: st, credited: true });
        continue;
      }
      if (st === 'available') return { receiver: p, index: idx, skipped };
      const credited = st === 'outOnBusiness' || (st === 'busy' && this.params.creditBusySkips);
      skipped.push({ id: p, status: st, credited });
    }
    return { receiver: null, index: -1, skipped };
  }

  /**
   * Whether a reception kind uses a turn (S001-RECEP-04).
   *
   * @param kind - reception kind
   * @returns true when the turn is used
   * @example
   * ReceptionRotation.create(['A']).consumesTurn('returnVisit'); //=> false
   */
  consumesTurn(kind: ReceptionKind): boolean {
    return this.params.consumesTurn[kind] ?? true;
  }

  /**
   * Records a reception: for kinds that use a turn, the person who should have received is
   * assigned; a different person taking the customer is grabbing (搶客, S001-RECEP-01).
   *
   * @param input - kind, who actually received, when
   * @returns the new rotation, the expected receiver and any violation
   * @example
   * r.record({ kind: 'newWalkIn', receiverId: 'B', at: '2024-03-01T09:40:00.000Z' });
   */
  record(input: { kind: ReceptionKind; receiverId: string; at: string }): {
    rotation: ReceptionRotation;
    expected: string | null;
    violations: Violation[];
    trace: Trace;
  } {
    const trace = new Trace();
    if (!this.consumesTurn(input.kind)) {
      trace.add(
        'S001-RECEP-04',
        '001 L112/L170/L178',
        '此次接待不计入接待名额',
        'This reception does not use a turn',
        {
          kind: input.kind,
        },
      );
      return { rotation: this, expected: null, violations: [], trace };
    }
    const { assignment, rotation } = this.assignNewWalkIn();
    const violations: Violation[] = [];
    if (assignment.receiver !== null && assignment.receiver !== input.receiverId) {
      // The rotation's own violation: emitted by `attribution.rotation` (service's rotation reads only
      // whether there was one and emits its own).
      violations.push(
        violation(
          'attribution.rotation',
          { rule: 'S001-RECEP-01', clause: '001 L106 不得搶客、爭客' },
          {
            code: 'attribution.reception.grabbing',
            personId: input.receiverId,
            occurredAt: input.at,
            data: { expected: assignment.receiver },
          },
        ),
      );
      trace.add(
        'S001-RECEP-01',
        '001 L106',
        `轮到${assignment.receiver},${input.receiverId}抢客`,
        `${assignment.receiver} was on turn; ${input.receiverId} took the customer out of turn`,
      );
      // The wronged salesperson keeps their place: the pointer does not move for a grabbed customer.
      return { rotation: this, expected: assignment.receiver, violations, trace };
    } else {
      trace.add(
        'S001-RECEP-01',
        '001 L106',
        `按顺序由${input.receiverId}接待`,
        `${input.receiverId} received in turn`,
      );
    }
    return { rotation, expected: assignment.receiver, violations, trace };
  }
}

/**
 * JSON Schema of a rotation policy (core policy envelope around `RotationParamsSchema`).
 *
 * @returns a JSON Schema object
 * @example
 * const schema = rotationPolicyJsonSchema();
 * schema.type; //=> 'object'
 */
export function rotationPolicyJsonSchema(): Record<string, unknown> {
  return policyJsonSchema(RotationParamsSchema);
}
