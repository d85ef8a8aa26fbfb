/**
 * Reception rotation (轮流接待, seed 001 篇2 lines 100–112): strict order, skipping people out on
 * company business or busy, make-up turns on return, and which receptions use a turn.
 */
import { ownValue, policyJsonSchema, recordOf, violation } from '@zhidu/core';
import { z } from 'zod';
import rotation001Json from '../presets/rotation-001.json' with { type: 'json' };
import { expectId, expectIdList } from './boundary.js';
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

/**
 * How a queue orders the people on the rotation (轮序): `roundRobin` (the order table from the
 * pointer, today's behaviour), `counter` (by per-person counters of the kinds named in `counts`,
 * fewest or most first, ties in order-table order from the pointer; the kind `assigned` counts the
 * walk-ins the rotation gave each person, every other kind counts `tally` events), or `custom` (a
 * company's own ordering, supplied as code under the name `rule`).
 */
export const RotationOrderingSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('roundRobin') }),
  z.strictObject({
    kind: z.literal('counter'),
    counts: z.array(z.string().min(1)).min(1),
    order: z.enum(['fewestFirst', 'mostFirst']),
  }),
  z.strictObject({ kind: z.literal('custom'), rule: z.string().min(1) }),
]);
/** How a queue orders people. */
export type RotationOrdering = z.output<typeof RotationOrderingSchema>;

/** A separate queue (e.g. 来电 and 来访 each with their own turn) for the contact kinds it names. */
export const RotationQueueSchema = z.strictObject({
  name: z.string().min(1),
  contacts: z.array(z.string().min(1)).min(1),
  /** this queue's own ordering (default: the strategy's) */
  ordering: RotationOrderingSchema.optional(),
});

/**
 * A rotation strategy as data (issue 14): the ordering, separate queues per contact kind, and which
 * skips earn a make-up turn. Absent, the rotation is seed 001's (round-robin, one queue, make-up for
 * 公事外出 and, with `creditBusySkips`, for busy).
 */
export const RotationStrategySchema = z
  .strictObject({
    ordering: RotationOrderingSchema,
    queues: z.array(RotationQueueSchema).min(1).optional(),
    /** desk statuses whose skip earns a make-up turn (`[]`: skips without make-up; default as `creditBusySkips` says) */
    makeUpFor: z.array(DeskStatusSchema).optional(),
  })
  .superRefine((st, ctx) => {
    const names = new Set<string>();
    const contacts = new Map<string, string>();
    st.queues?.forEach((q, i) => {
      // (a state's record of queues would lose it when read back, and reading it gave Object.prototype)
      if (q.name === '__proto__')
        ctx.addIssue({
          code: 'custom',
          path: ['queues', i, 'name'],
          message: '`__proto__` 不能用作队列名 / `__proto__` cannot name a queue',
        });
      if (names.has(q.name))
        ctx.addIssue({
          code: 'custom',
          path: ['queues', i, 'name'],
          message: `队列 ${q.name} 重复 / queue ${q.name} is named twice`,
        });
      names.add(q.name);
      q.contacts.forEach((c, j) => {
        const other = contacts.get(c);
        if (other !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['queues', i, 'contacts', j],
            message: `接待类型 ${c} 已属于队列 ${other} / contact kind ${c} already belongs to queue ${other}`,
          });
        contacts.set(c, q.name);
      });
    });
  });
/** A rotation strategy. */
export type RotationStrategy = z.output<typeof RotationStrategySchema>;

/** Rotation parameters. */
export const RotationParamsSchema = z.strictObject({
  /** a skip because the person was busy receiving also earns a make-up turn (001 L104 grants it only for 公事外出) */
  creditBusySkips: z.boolean(),
  /** the order table restarts every day at the first position, or runs on */
  resets: z.enum(['daily', 'never']),
  /** whether each reception kind uses a rotation turn (S001-RECEP-04) */
  consumesTurn: recordOf(ReceptionKindSchema, z.boolean()),
  /** orderings, queues and make-up as data (absent: seed 001's strict order) */
  strategy: RotationStrategySchema.optional(),
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

/** The turn state of one queue (the default queue's lives at the top of the rotation state). */
export const QueueStateSchema = z.strictObject({
  pointer: z.number().int().min(0),
  makeUp: recordOf(z.string(), z.number().int().min(0)),
  returnQueue: z.array(z.string()),
  last: z.string().nullable().default(null),
});
/** The turn state of one queue. */
export type QueueState = z.output<typeof QueueStateSchema>;

/** Serialisable rotation state. */
export const RotationStateSchema = z.strictObject({
  order: z.array(z.string().min(1)).min(1),
  pointer: z.number().int().min(0),
  status: recordOf(z.string(), DeskStatusSchema),
  makeUp: recordOf(z.string(), z.number().int().min(0)),
  /** order in which people came back from company business (earliest returnee is served first) */
  returnQueue: z.array(z.string()),
  day: z.string().nullable(),
  /** who received the last new walk-in */
  last: z.string().nullable().default(null),
  /** the named queues of `strategy.queues` (absent without them) */
  queues: recordOf(z.string(), QueueStateSchema).optional(),
  /** per-person counters by kind, for `counter` orderings (absent without a strategy) */
  counters: recordOf(z.string(), recordOf(z.string(), z.number().int().min(0))).optional(),
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
 * What a company's own ordering sees: the order table, the queue's pointer, the queue (null for the
 * default one), each person's desk status and counters.
 */
export type OrderingView = {
  order: readonly string[];
  pointer: number;
  queue: string | null;
  status: Readonly<Record<string, DeskStatus>>;
  counters: Readonly<Record<string, Readonly<Record<string, number>>>>;
};

/**
 * A company's own ordering (`strategy.ordering: { kind: 'custom', rule }`): the people of the order
 * table in the order to try (people it leaves out are not tried; an id off the table is refused).
 */
export type CustomOrdering = (view: OrderingView) => readonly string[];

/** Code a rotation strategy names: custom orderings by their `rule` name. */
export interface RotationOptions {
  orderings?: Readonly<Record<string, CustomOrdering>>;
}

/** Every custom ordering the params name must be supplied (a strategy without its required data). */
function checkOrderings(params: RotationParams, options: RotationOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      '选项须为对象 { orderings? } / options must be an object { orderings? }',
    );
  }
  const st = params.strategy;
  if (st === undefined) return;
  const named: { ordering: RotationOrdering; path: (string | number)[] }[] = [
    { ordering: st.ordering, path: ['params', 'strategy', 'ordering'] },
    ...(st.queues ?? []).flatMap((q, i) =>
      q.ordering ? [{ ordering: q.ordering, path: ['params', 'strategy', 'queues', i, 'ordering'] }] : [],
    ),
  ];
  for (const { ordering, path } of named) {
    if (ordering.kind !== 'custom') continue;
    // By own key: a rule named `constructor` or `toString` is not Object.prototype's function.
    const fn = ownValue(options.orderings, ordering.rule);
    if (typeof fn !== 'function') {
      throw new ZhiduError(
        'invalid_input',
        [...path, 'rule'],
        `轮序 ${ordering.rule} 为公司自定义排序，须以 options.orderings.${ordering.rule} 提供 / the ordering ${ordering.rule} is a company's own and must be supplied as options.orderings.${ordering.rule}`,
        { rule: ordering.rule, supplied: Object.keys(options.orderings ?? {}) },
      );
    }
  }
}

/**
 * A deep copy of a rotation state (JSON data: lists, records, strings, numbers, booleans, null), keys
 * in the same order — what `structuredClone` gave, at a fraction of its cost: every operation of the
 * immutable rotation copies the state, and a day of 10^5 contacts spent 38 % of its time in
 * `structuredClone`. (No key of a state is `__proto__`: `create` and `tally` refuse it, and the
 * state's schema drops it.)
 */
function copyState<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyState) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copyState((v as Record<string, unknown>)[k]);
  return out as T;
}

/** The checks `create` makes of an order beyond its ids: storable keys, no one twice, someone. */
function checkOrder(ids: readonly string[]): void {
  const odd = ids.indexOf('__proto__');
  if (odd >= 0) throw unstorableKey(['order', odd]);
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
}

/** The checks `fromJSON` makes of a parsed state: storable keys, a pointer inside the order. */
function checkStoredOrder(state: RotationState): void {
  const odd = state.order.indexOf('__proto__');
  if (odd >= 0) throw unstorableKey(['state', 'order', odd]);
  if (state.pointer >= state.order.length)
    throw new ZhiduError('invalid_state', ['state', 'pointer'], '轮序指针超出范围 / pointer out of range');
}

const freshLane = (ids: readonly string[]): QueueState => ({
  pointer: 0,
  makeUp: Object.fromEntries(ids.map((p) => [p, 0])),
  returnQueue: [],
  last: null,
});

/** The rotation of a checked state and checked params: the class's private constructor, for this file. */
let makeRotation: (
  state: RotationState,
  params: RotationParams,
  options: RotationOptions,
) => ReceptionRotation;

/**
 * {@link ReceptionRotation.create} on an order and params its module has parsed already (one parse,
 * not two; issue 21). Not exported from the package. @internal
 */
export function createRotationParsed(
  order: readonly string[],
  params: RotationParams,
  options: RotationOptions = {},
): ReceptionRotation {
  const ids = [...order];
  checkOrder(ids);
  return freshRotation(ids, params, options);
}

/** A fresh rotation over checked ids with checked params. */
function freshRotation(
  ids: string[],
  checkedParams: RotationParams,
  options: RotationOptions,
): ReceptionRotation {
  checkOrderings(checkedParams, options);
  const state: RotationState = {
    order: ids,
    pointer: 0,
    status: Object.fromEntries(ids.map((p) => [p, 'available' as const])),
    makeUp: Object.fromEntries(ids.map((p) => [p, 0])),
    returnQueue: [],
    day: null,
    last: null,
  };
  const st = checkedParams.strategy;
  if (st !== undefined) {
    state.counters = {};
    if (st.queues) state.queues = Object.fromEntries(st.queues.map((q) => [q.name, freshLane(ids)]));
  }
  return makeRotation(state, checkedParams, options);
}

/**
 * {@link ReceptionRotation.fromJSON} on a state and params its module has parsed already (one parse,
 * not two; issue 21); the state is copied, not taken over. Not exported from the package. @internal
 */
export function restoreRotationParsed(
  state: RotationState,
  params: RotationParams,
  options: RotationOptions = {},
): ReceptionRotation {
  const own = copyState(state);
  checkStoredOrder(own);
  return restoreRotation(own, params, options);
}

/** A stored rotation (a state of its own, checked) with checked params: its queues completed. */
function restoreRotation(
  state: RotationState,
  checkedParams: RotationParams,
  options: RotationOptions,
): ReceptionRotation {
  checkOrderings(checkedParams, options);
  const st = checkedParams.strategy;
  if (st !== undefined) {
    state.counters ??= {};
    for (const q of st.queues ?? []) {
      state.queues ??= {};
      // Own keys only: a queue `constructor` a stored state lacks is made (it read the Object function).
      const lane = ownValue(state.queues, q.name);
      if (lane === undefined) state.queues[q.name] = freshLane(state.order);
      else if (lane.pointer >= state.order.length)
        throw new ZhiduError(
          'invalid_state',
          ['state', 'queues', q.name, 'pointer'],
          '轮序指针超出范围 / pointer out of range',
        );
    }
  }
  return makeRotation(state, checkedParams, options);
}

/**
 * The front-desk rotation. Immutable: every operation returns a new rotation; `toJSON()` gives the
 * state to store, `ReceptionRotation.fromJSON()` restores it. With `params.strategy` the ordering,
 * the queues per contact kind and the make-up rule are the policy's.
 *
 * @example
 * let r = ReceptionRotation.create(['A', 'B', 'C']);
 * const { receiver, rotation } = r.assignNewWalkIn(); // receiver 'A'
 */
export class ReceptionRotation {
  private constructor(
    readonly state: RotationState,
    readonly params: RotationParams,
    private readonly options: RotationOptions = {},
  ) {}

  static {
    makeRotation = (state, params, options) => new ReceptionRotation(state, params, options);
  }

  /**
   * @param order - the order table set by the manager
   * @param params - rotation parameters (default: seed 001)
   * @param options - a company's own orderings, by the `rule` name the strategy gives them
   * @returns a rotation with everyone available and the pointer at the first person
   * @throws ZhiduError `invalid_input` for an order that is not a non-empty list of non-empty string
   *   ids (at `['order', i]` for a bad entry), malformed params, or a custom ordering not supplied
   *   (at `['params', 'strategy', 'ordering', 'rule']`); `duplicate` for a person named twice
   * @example
   * ReceptionRotation.create(['A', 'B', 'C']).nextUp(); //=> 'A'
   */
  static create(
    order: readonly string[],
    params: RotationParams = rotation001,
    options: RotationOptions = {},
  ): ReceptionRotation {
    // Checked by a loop, not by parsing the state built from it: a 10^5-person order is checked at once.
    const ids = [...expectIdList(order, ['order'])];
    checkOrder(ids);
    return freshRotation(ids, parseInput(RotationParamsSchema, params, ['params']), options);
  }

  /**
   * @param json - a stored state
   * @param params - rotation parameters
   * @param options - a company's own orderings
   * @returns the restored rotation
   * @example
   * ReceptionRotation.fromJSON(JSON.parse(text));
   */
  static fromJSON(
    json: unknown,
    params: RotationParams = rotation001,
    options: RotationOptions = {},
  ): ReceptionRotation {
    const state = parseInput(RotationStateSchema, json, ['state']);
    checkStoredOrder(state);
    return restoreRotation(state, parseInput(RotationParamsSchema, params, ['params']), options);
  }

  /**
   * The state to store between requests (plain JSON).
   *
   * @returns a copy of the serialisable state
   * @example
   * const saved = JSON.stringify(ReceptionRotation.create(['A', 'B']).toJSON());
   */
  toJSON(): RotationState {
    return copyState(this.state);
  }

  /** Every queue's turn state inside `s` (the default queue, then the named ones). */
  private lanes(s: RotationState): QueueState[] {
    return [s, ...Object.values(s.queues ?? {})];
  }

  /** The turn state of `queue` inside `s` (null: the default queue). */
  private lane(s: RotationState, queue: string | null): QueueState {
    return queue === null ? s : (ownValue(s.queues, queue) as QueueState);
  }

  /**
   * The queue a contact kind belongs to: null without `strategy.queues`.
   *
   * @param contact - the contact kind (来电 `phoneCall`, 来访 `walkIn` … as the policy names them)
   * @returns the queue's name, or null for the single default queue
   * @throws ZhiduError `invalid_input` at `['contact']` when the policy has queues and no contact kind
   *   is given; `unknown_reference` when no queue takes it
   * @example
   * ReceptionRotation.create(['A']).queueOf('phoneCall'); //=> null
   */
  queueOf(contact?: string): string | null {
    if (contact !== undefined) expectId(contact, ['contact']);
    const queues = this.params.strategy?.queues;
    if (queues === undefined) return null;
    if (contact === undefined) {
      throw new ZhiduError(
        'invalid_input',
        ['contact'],
        `轮序按接待类型分队列（${queues.map((q) => q.name).join('、')}），须给出接待类型 contact / the rotation keeps a queue per contact kind (${queues.map((q) => q.name).join(', ')}): the contact kind is required`,
        { fact: 'contact' },
      );
    }
    const q = queues.find((x) => x.contacts.includes(contact));
    if (q === undefined) {
      throw new ZhiduError(
        'unknown_reference',
        ['contact'],
        `接待类型 ${contact} 不属于任何队列 / no queue takes the contact kind ${contact} (kinds: ${queues.flatMap((x) => x.contacts).join(', ')})`,
        { contact },
      );
    }
    return q.name;
  }

  private orderingOf(queue: string | null): RotationOrdering {
    const st = this.params.strategy;
    const q = queue === null ? undefined : st?.queues?.find((x) => x.name === queue);
    return q?.ordering ?? st?.ordering ?? { kind: 'roundRobin' };
  }

  /** Whether a skip in this status earns a make-up turn. */
  private credits(status: DeskStatus): boolean {
    const listed = this.params.strategy?.makeUpFor;
    if (listed !== undefined) return listed.includes(status);
    return status === 'outOnBusiness' || (status === 'busy' && this.params.creditBusySkips);
  }

  /**
   * Starts a business day; with `resets: 'daily'` the pointer returns to the first position and
   * make-up credits lapse (in every queue), and the counters restart.
   *
   * @param date - local date
   * @returns the rotation for that day
   * @example
   * r.startDay('2024-03-01');
   */
  startDay(date: string): ReceptionRotation {
    const s = this.toJSON();
    if (s.day !== date && this.params.resets === 'daily') {
      for (const lane of this.lanes(s)) {
        lane.pointer = 0;
        for (const p of s.order) lane.makeUp[p] = 0;
        lane.returnQueue = [];
        lane.last = null;
      }
      if (s.counters !== undefined) s.counters = {};
    }
    s.day = date;
    return new ReceptionRotation(s, this.params, this.options);
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
      throw new ZhiduError('unknown_reference', ['id'], `${id} 不在轮序中 / ${id} is not in the rotation`);
    const s = this.toJSON();
    const was = ownValue(s.status, id);
    s.status[id] = status;
    if (was === 'outOnBusiness' && status === 'available') {
      for (const lane of this.lanes(s)) {
        if ((ownValue(lane.makeUp, id) ?? 0) > 0 && !lane.returnQueue.includes(id)) lane.returnQueue.push(id);
      }
    }
    return new ReceptionRotation(s, this.params, this.options);
  }

  /**
   * Grants make-up turns (补位) as an event: the manager's decision, or a turn lost some other way.
   *
   * @param id - salesperson
   * @param turns - how many turns (at least 1)
   * @param queue - the queue (required when the policy keeps queues per contact kind)
   * @returns the updated rotation
   * @throws ZhiduError `unknown_reference` for a person off the table or an unknown queue;
   *   `invalid_input` at `['queue']` when the policy has queues and none is named, at `['turns']` for
   *   a count that is not a positive integer
   * @example
   * ReceptionRotation.create(['A', 'B']).grantMakeUp('B', 1).nextUp(); //=> 'B'
   */
  grantMakeUp(id: string, turns: number, queue?: string): ReceptionRotation {
    if (!this.state.order.includes(id))
      throw new ZhiduError('unknown_reference', ['id'], `${id} 不在轮值表中 / ${id} is not in the rotation`);
    if (!Number.isSafeInteger(turns) || turns < 1 || turns > 1000) {
      throw new ZhiduError(
        'invalid_input',
        ['turns'],
        '补位次数须为 1–1000 的整数 / turns must be an integer from 1 to 1000',
      );
    }
    const queues = this.params.strategy?.queues;
    let name: string | null = null;
    if (queues !== undefined) {
      if (queue === undefined) {
        throw new ZhiduError(
          'invalid_input',
          ['queue'],
          `轮序分队列，补位须指明队列 / the rotation keeps queues (${queues.map((q) => q.name).join(', ')}): a make-up grant names its queue`,
          { fact: 'queue' },
        );
      }
      if (!queues.some((q) => q.name === queue))
        throw new ZhiduError('unknown_reference', ['queue'], `没有队列 ${queue} / no queue ${queue}`);
      name = queue;
    }
    const s = this.toJSON();
    const lane = this.lane(s, name);
    lane.makeUp[id] = (ownValue(lane.makeUp, id) ?? 0) + turns;
    if (ownValue(s.status, id) === 'available' && !lane.returnQueue.includes(id)) lane.returnQueue.push(id);
    return new ReceptionRotation(s, this.params, this.options);
  }

  /**
   * Counts events of a kind for a person (成交、来电、带看 …), for `counter` orderings.
   *
   * @param id - salesperson
   * @param kind - the counter's kind, as the policy's `counts` names it
   * @param count - how many (default 1)
   * @returns the updated rotation
   * @throws ZhiduError `unknown_reference` for a person off the table; `invalid_input` at `['count']`
   *   for a count that is not a positive integer
   * @example
   * ReceptionRotation.create(['A', 'B']).tally('A', 'deal').state.counters; //=> { A: { deal: 1 } }
   */
  tally(id: string, kind: string, count = 1): ReceptionRotation {
    if (!this.state.order.includes(id))
      throw new ZhiduError('unknown_reference', ['id'], `${id} 不在轮值表中 / ${id} is not in the rotation`);
    expectId(kind, ['kind']);
    if (kind === '__proto__') throw unstorableKey(['kind']);
    if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000) {
      throw new ZhiduError('invalid_input', ['count'], '计数须为正整数 / count must be a positive integer');
    }
    const s = this.toJSON();
    bump(s, id, kind, count);
    return new ReceptionRotation(s, this.params, this.options);
  }

  /**
   * Who should take the next new walk-in, without changing the state (S001-RECEP-02: that person
   * waits at the reception desk).
   *
   * @param contact - the contact kind (required when the policy keeps queues per contact kind)
   * @returns salesperson id, or null when nobody is available
   * @example
   * ReceptionRotation.create(['A', 'B']).nextUp(); //=> 'A'
   */
  nextUp(contact?: string): string | null {
    return this.assignNewWalkIn(contact).assignment.receiver;
  }

  /**
   * Assigns a new walk-in with no designation (S001-RECEP-01, S001-RECEP-03).
   *
   * @param contact - the contact kind (required when the policy keeps queues per contact kind)
   * @returns the assignment (receiver, whether it was a make-up turn, who was skipped) and the new rotation
   * @example
   * const { assignment, rotation } = ReceptionRotation.create(['A', 'B']).assignNewWalkIn();
   */
  assignNewWalkIn(contact?: string): { assignment: Assignment; rotation: ReceptionRotation } {
    const queue = this.queueOf(contact);
    const s = this.toJSON();
    const lane = this.lane(s, queue);
    const counted = (who: string) => {
      if (s.counters !== undefined) bump(s, who, 'assigned', 1);
    };
    const isOwed = (p: string) =>
      ownValue(s.status, p) === 'available' && (ownValue(lane.makeUp, p) ?? 0) > 0;
    // Returnees in the order they came back; then anyone else available with credits (a status
    // changed outside setStatus, or a return through 'busy'), in order-table order: a credit is
    // never lost because the return was not seen as such.
    const owed =
      lane.returnQueue.find(isOwed) ?? s.order.find((p) => !lane.returnQueue.includes(p) && isOwed(p));
    const ordinary = this.scan(queue);
    // A returnee who is also next in the ordinary order takes the ordinary turn first and keeps
    // the credit: no turn is lost, and every consecutive customer a returnee gets is one owed.
    if (owed !== undefined && ordinary.receiver !== owed) {
      lane.makeUp[owed] = (ownValue(lane.makeUp, owed) ?? 0) - 1;
      if ((ownValue(lane.makeUp, owed) ?? 0) === 0)
        lane.returnQueue = lane.returnQueue.filter((p) => p !== owed);
      lane.last = owed;
      counted(owed);
      return {
        assignment: { receiver: owed, makeUp: true, skipped: [] },
        rotation: new ReceptionRotation(s, this.params, this.options),
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
      lane.makeUp[sk.id] = (ownValue(lane.makeUp, sk.id) ?? 0) + 1;
      if (ownValue(s.status, sk.id) === 'available' && !lane.returnQueue.includes(sk.id))
        lane.returnQueue.push(sk.id);
    }
    lane.pointer = (ordinary.index + 1) % s.order.length;
    lane.last = ordinary.receiver;
    counted(ordinary.receiver);
    return {
      assignment: { receiver: ordinary.receiver, makeUp: false, skipped: ordinary.skipped },
      rotation: new ReceptionRotation(s, this.params, this.options),
    };
  }

  /** The order-table indices to try, in the queue's ordering. */
  private sequence(queue: string | null, lane: QueueState): number[] {
    const s = this.state;
    const n = s.order.length;
    const fromPointer = Array.from({ length: n }, (_, i) => (lane.pointer + i) % n);
    const ordering = this.orderingOf(queue);
    if (ordering.kind === 'roundRobin') return fromPointer;
    if (ordering.kind === 'counter') {
      const score = (p: string) => ordering.counts.reduce((t, k) => t + countOf(s, p, k), 0);
      const sign = ordering.order === 'fewestFirst' ? 1 : -1;
      const scores = new Map(s.order.map((p) => [p, score(p)]));
      // Array.prototype.sort is stable: ties keep the order from the pointer.
      return fromPointer.sort(
        (a, b) => sign * ((scores.get(s.order[a] as string) ?? 0) - (scores.get(s.order[b] as string) ?? 0)),
      );
    }
    const fn = ownValue(this.options.orderings, ordering.rule) as CustomOrdering;
    const listed = fn({
      order: s.order,
      pointer: lane.pointer,
      queue,
      status: s.status,
      counters: s.counters ?? {},
    });
    if (!Array.isArray(listed)) {
      throw new ZhiduError(
        'invalid_state',
        ['options', 'orderings', ordering.rule],
        `自定义轮序 ${ordering.rule} 须返回人员列表 / the custom ordering ${ordering.rule} must return a list of ids`,
      );
    }
    const out: number[] = [];
    for (const id of listed) {
      const idx = s.order.indexOf(id as string);
      if (idx < 0) {
        throw new ZhiduError(
          'invalid_state',
          ['options', 'orderings', ordering.rule],
          `自定义轮序 ${ordering.rule} 返回了不在轮值表中的 ${String(id)} / the custom ordering ${ordering.rule} returned ${String(id)}, who is not in the rotation`,
        );
      }
      if (!out.includes(idx)) out.push(idx);
    }
    return out;
  }

  private scan(queue: string | null): {
    receiver: string | null;
    index: number;
    skipped: Assignment['skipped'];
  } {
    const s = this.state;
    const lane = this.lane(s, queue);
    const roundRobin = this.orderingOf(queue).kind === 'roundRobin';
    const skipped: Assignment['skipped'] = [];
    for (const idx of this.sequence(queue, lane)) {
      const p = s.order[idx];
      if (p === undefined) continue;
      const st = ownValue(s.status, p) ?? 'offDuty';
      // (whether others are free is asked only of the last receiver: once a scan, not once a person)
      if (
        roundRobin &&
        st === 'available' &&
        p === lane.last &&
        s.order.some((q) => q !== p && ownValue(s.status, q) === 'available')
      ) {
        // Their ordinary turn comes round right after their last customer (e.g. after a make-up):
        // they keep it as a credit, so the order stays fair without back-to-back customers.
        skipped.push({ id: p, status: st, credited: true });
        continue;
      }
      if (st === 'available') return { receiver: p, index: idx, skipped };
      skipped.push({ id: p, status: st, credited: this.credits(st) });
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
  record(input: { kind: ReceptionKind; receiverId: string; at: string; contact?: string }): {
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
    const { assignment, rotation } = this.assignNewWalkIn(input.contact);
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

/** Adds `count` to a person's counter of `kind` inside a state being built. */
function bump(s: RotationState, id: string, kind: string, count: number): void {
  const before = countOf(s, id, kind);
  s.counters ??= {};
  // Own keys only: a person named `constructor` read the `Object` function as their counters, and
  // the count was written onto it (`__proto__`, Object.prototype, is refused before).
  if (!Object.hasOwn(s.counters, id)) s.counters[id] = {};
  (s.counters[id] as Record<string, number>)[kind] = before + count;
}

/**
 * The refusal of a person or a tally kind named `__proto__`: the state's records would hold it, but
 * its schema (zod's record) drops that key when the state is read back with `fromJSON`.
 */
function unstorableKey(path: (string | number)[]): ZhiduError {
  return new ZhiduError(
    'invalid_input',
    path,
    '`__proto__` 不能用作人员或计数类别的标识：保存的状态读回时会丢失它 / `__proto__` cannot name a person or a tally kind: a stored state would lose it when read back',
  );
}

/** A person's counter of one kind (own keys only: `constructor` or `toString` read nothing inherited). */
function countOf(s: RotationState, id: string, kind: string): number {
  return ownValue(ownValue(s.counters, id), kind) ?? 0;
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
