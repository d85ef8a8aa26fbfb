/**
 * Reassignment of a departing salesperson's customers: the manager's random draw (随机抽数,
 * 001 L188, S001-ATTR-28) and the company's replacement duty (000 L1483, S000B-ATTR-05).
 */
import { type Decision, type Rng, seededRng, Trace, ZhiduError } from './kernel.js';

/** How the draw distributes customers. */
export type LotteryMode = 'independent' | 'shuffleRoundRobin';

/**
 * Draws an heir for each customer from a seed string (deterministic).
 *
 * @param customers - customer ids, in file order
 * @param eligible - salespeople who may inherit
 * @param seed - seed of the draw
 * @param mode - independent uniform draws, or a shuffled round-robin deal for balance
 * @returns customer id → heir
 * @example
 * drawHeirs(['c1', 'c2'], ['B', 'C'], 'audit-1', 'shuffleRoundRobin');
 */
export function drawHeirs(
  customers: readonly string[],
  eligible: readonly string[],
  seed: string,
  mode: LotteryMode,
): Record<string, string> {
  return assign(customers, eligible, seededRng(seed), mode);
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
      'no eligible salesperson left to inherit the customers',
    );
  }
  const out: Record<string, string> = {};
  if (mode === 'independent') {
    for (const c of customers) out[c] = rng.pick(eligible);
    return out;
  }
  const order = [...eligible];
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const a = order[i];
    const b = order[j];
    if (a === undefined || b === undefined) continue;
    order[i] = b;
    order[j] = a;
  }
  customers.forEach((c, i) => {
    const heir = order[i % order.length];
    if (heir !== undefined) out[c] = heir;
  });
  return out;
}

/**
 * The manager reassigns every customer of a salesperson on long leave or transferred out by random
 * draw (S001-ATTR-28). The departing salesperson is never eligible; the draw is reproducible from
 * the rng's seed, so an auditor can replay it.
 *
 * @param input - departing salesperson, their customers, the eligible salespeople, the mode
 * @param rng - seeded rng from the context
 * @returns customer → heir, with a trace entry per customer
 * @example
 * reassignByLottery({ departing: 'S', customers: ['c1', 'c2'], eligible: ['B', 'C', 'D'] }, seededRng(7)).value;
 */
export function reassignByLottery(
  input: { departing: string; customers: readonly string[]; eligible: readonly string[]; mode?: LotteryMode },
  rng: Rng,
): Decision<Record<string, string>> {
  const eligible = input.eligible.filter((e) => e !== input.departing);
  const result = assign(input.customers, eligible, rng, input.mode ?? 'independent');
  const t = new Trace();
  for (const [c, heir] of Object.entries(result)) {
    t.add(
      'S001-ATTR-28',
      '001 L188 criterion (12)',
      `${input.departing}的客户${c}由经理随机抽数分配给${heir}`,
      `${input.departing}'s customer ${c} drawn for ${heir}`,
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
 * @example
 * isLongLeave(45, 30); //=> true
 */
export function isLongLeave(leaveDays: number, longLeaveDays: number | null): boolean {
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
 * @example
 * handleDeparture({ employeeId: 'e1', customers: ['c1'], replacementMap: { c1: 'e2' } }).value.reassignments;
 */
export function handleDeparture(input: {
  employeeId: string;
  customers: readonly string[];
  replacementMap: Readonly<Record<string, string>>;
}): Decision<DepartureHandling> {
  const t = new Trace();
  const reassignments: DepartureHandling['reassignments'] = [];
  const notifications: DepartureHandling['notifications'] = [];
  input.customers.forEach((c, i) => {
    const to = input.replacementMap[c];
    if (to === undefined)
      throw new ZhiduError('invalid_input', ['replacementMap', c], `no replacement for ${c}`, { index: i });
    if (to === input.employeeId) {
      throw new ZhiduError(
        'invalid_input',
        ['replacementMap', c],
        `the departing employee cannot replace themself`,
      );
    }
    reassignments.push({ customerId: c, from: input.employeeId, to });
    notifications.push({ customerId: c, by: 'company' });
    t.add(
      'S000B-ATTR-05',
      '000 L1483 员工调离',
      `${input.employeeId}调离:公司通知客户${c},由${to}接替`,
      `${input.employeeId} left: the company notifies ${c}; ${to} takes over`,
    );
  });
  return t.decide({ reassignments, notifications });
}
