/**
 * Reassignment of a departing salesperson's customers: the manager's random draw (随机抽数,
 * 001 L188, S001-ATTR-28) and the company's replacement duty (000 L1483, S000B-ATTR-05).
 */
import { describeValue, ownValue } from '@zhidu/core';
import {
  expectId,
  expectIdList,
  expectIdRecord,
  expectNonNegative,
  expectObject,
  expectOneOf,
} from './boundary.js';
import { type Decision, type Rng, seededRng, Trace, ZhiduError } from './kernel.js';

/** How the draw distributes customers. */
export type LotteryMode = 'independent' | 'shuffleRoundRobin';

const LOTTERY_MODES: readonly LotteryMode[] = ['independent', 'shuffleRoundRobin'];

function expectRng(rng: unknown): Rng {
  const r = rng as Partial<Rng> | null;
  if (r === null || typeof r !== 'object' || typeof r.pick !== 'function' || typeof r.int !== 'function') {
    throw new ZhiduError(
      'invalid_input',
      ['rng'],
      `须为 seededRng(...) 或求值上下文的 rng / expected an rng from seededRng(...) or the context, got ${describeValue(rng)}`,
    );
  }
  return r as Rng;
}

/**
 * Draws an heir for each customer from a seed string (deterministic).
 *
 * @param customers - customer ids, in file order
 * @param eligible - salespeople who may inherit
 * @param seed - seed of the draw
 * @param mode - independent uniform draws, or a shuffled round-robin deal for balance
 * @returns customer id → heir (an object without prototype: a customer id such as `__proto__` is a
 *   plain key)
 * @throws ZhiduError `invalid_input` for a list that is not of non-empty string ids, a bad seed or
 *   mode, or no eligible salesperson; `duplicate` for a customer or salesperson listed twice
 * @example
 * drawHeirs(['c1', 'c2'], ['B', 'C'], 'audit-1', 'shuffleRoundRobin');
 */
export function drawHeirs(
  customers: readonly string[],
  eligible: readonly string[],
  seed: string,
  mode: LotteryMode,
): Record<string, string> {
  const list = expectIdList(customers, ['customers'], true);
  const pool = expectIdList(eligible, ['eligible'], true);
  const m = expectOneOf(mode, LOTTERY_MODES, ['mode']);
  return assign(list, pool, seededRng(seed), m);
}

function assign(
  customers: readonly string[],
  eligible: readonly string[],
  rng: Rng,
  mode: LotteryMode,
): Record<string, string> {
  if (eligible.length === 0) {
    throw new ZhiduError(
      'invalid_input',
      ['eligible'],
      '没有可继承客户的销售人员 / no eligible salesperson left to inherit the customers',
    );
  }
  const out: Record<string, string> = Object.create(null);
  if (mode === 'independent') {
    for (const c of customers) out[c] = rng.pick(eligible);
    return out;
  }
  const order = shuffled(eligible, rng);
  customers.forEach((c, i) => {
    const heir = order[i % order.length];
    if (heir !== undefined) out[c] = heir;
  });
  return out;
}

/** The eligible salespeople in the order the round-robin deals to (a Fisher-Yates shuffle). */
function shuffled(eligible: readonly string[], rng: Rng): string[] {
  const order = [...eligible];
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const a = order[i];
    const b = order[j];
    if (a === undefined || b === undefined) continue;
    order[i] = b;
    order[j] = a;
  }
  return order;
}

/**
 * The order a `shuffleRoundRobin` draw from `seed` deals to: the i-th customer of the list goes to
 * `order[i % order.length]` (what `drawHeirs` does with the same seed). For the trace of a deal.
 * @internal
 */
export function dealOrder(eligible: readonly string[], seed: string): string[] {
  return shuffled(eligible, seededRng(seed));
}

/**
 * The manager reassigns every customer of a salesperson on long leave or transferred out by random
 * draw (S001-ATTR-28). The departing salesperson is never eligible; the draw is reproducible from
 * the rng's seed, so an auditor can replay it.
 *
 * @param input - departing salesperson, their customers, the eligible salespeople, the mode
 * @param rng - seeded rng from the context
 * @returns customer → heir, with a trace entry per customer
 * @throws ZhiduError `invalid_input` for a malformed input or rng, or no eligible salesperson;
 *   `duplicate` for a customer or salesperson listed twice
 * @example
 * reassignByLottery({ departing: 'S', customers: ['c1', 'c2'], eligible: ['B', 'C', 'D'] }, seededRng(7)).value;
 */
export function reassignByLottery(
  input: { departing: string; customers: readonly string[]; eligible: readonly string[]; mode?: LotteryMode },
  rng: Rng,
): Decision<Record<string, string>> {
  expectObject(input, ['input']);
  const departing = expectId(input.departing, ['departing']);
  const customers = expectIdList(input.customers, ['customers'], true);
  const pool = expectIdList(input.eligible, ['eligible'], true);
  const mode = input.mode === undefined ? 'independent' : expectOneOf(input.mode, LOTTERY_MODES, ['mode']);
  const r = expectRng(rng);
  const eligible = pool.filter((e) => e !== departing);
  const result = assign(customers, eligible, r, mode);
  const t = new Trace();
  for (const [c, heir] of Object.entries(result)) {
    t.add(
      'S001-ATTR-28',
      '001 L188 criterion (12)',
      `${departing}的客户${c}由经理随机抽数分配给${heir}`,
      `${departing}'s customer ${c} drawn for ${heir}`,
      { eligible },
    );
  }
  return t.decide(result);
}

/**
 * Whether a leave is long enough to trigger reassignment (长假 has no number in the seed: config).
 *
 * @param leaveDays - length of the leave
 * @param longLeaveDays - threshold from the policy; null means every reported long leave counts
 * @returns true when the customers must be reassigned
 * @throws ZhiduError `invalid_input` for a length or threshold that is not a non-negative finite number
 * @example
 * isLongLeave(45, 30); //=> true
 */
export function isLongLeave(leaveDays: number, longLeaveDays: number | null): boolean {
  expectNonNegative(leaveDays, ['leaveDays']);
  if (longLeaveDays !== null) expectNonNegative(longLeaveDays, ['longLeaveDays']);
  return longLeaveDays === null || leaveDays >= longLeaveDays;
}

/** One reassignment and the notification the company owes the customer (S000B-ATTR-05). */
export type DepartureHandling = {
  reassignments: { customerId: string; from: string; to: string }[];
  notifications: { customerId: string; by: 'company' }[];
};

/**
 * When an employee responsible for customers leaves, the company must notify every customer and
 * give each one exactly one replacement (S000B-ATTR-05). A customer with no replacement is refused.
 *
 * @param input - departing employee, their customers, and the replacement chosen for each
 * @returns reassignments and notification tasks
 * @throws ZhiduError `invalid_input` for a malformed input, a customer without replacement (only the
 *   map's own keys count) or replaced by the departing employee; `duplicate` for a customer listed twice
 * @example
 * handleDeparture({ employeeId: 'e1', customers: ['c1'], replacementMap: { c1: 'e2' } }).value.reassignments;
 */
export function handleDeparture(input: {
  employeeId: string;
  customers: readonly string[];
  replacementMap: Readonly<Record<string, string>>;
}): Decision<DepartureHandling> {
  expectObject(input, ['input']);
  const employeeId = expectId(input.employeeId, ['employeeId']);
  const customers = expectIdList(input.customers, ['customers'], true);
  const replacementMap = expectIdRecord(input.replacementMap, ['replacementMap']);
  const t = new Trace();
  const reassignments: DepartureHandling['reassignments'] = [];
  const notifications: DepartureHandling['notifications'] = [];
  customers.forEach((c, i) => {
    const to = ownValue(replacementMap, c);
    if (to === undefined)
      throw new ZhiduError(
        'invalid_input',
        ['replacementMap', c],
        `客户${c}没有接替人 / no replacement for ${c}`,
        { index: i },
      );
    if (to === employeeId) {
      throw new ZhiduError(
        'invalid_input',
        ['replacementMap', c],
        `调离员工不能接替自己 / the departing employee cannot replace themself`,
      );
    }
    reassignments.push({ customerId: c, from: employeeId, to });
    notifications.push({ customerId: c, by: 'company' });
    t.add(
      'S000B-ATTR-05',
      '000 L1483 员工调离',
      `${employeeId}调离:公司通知客户${c},由${to}接替`,
      `${employeeId} left: the company notifies ${c}; ${to} takes over`,
    );
  });
  return t.decide({ reassignments, notifications });
}
