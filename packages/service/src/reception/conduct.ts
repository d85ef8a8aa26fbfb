import { isVenueAllowed } from '@zhidu/attribution';
import {
  compareInstants,
  type Decision,
  type InstantInput,
  ownValue,
  parseInput,
  toInstant,
} from '@zhidu/core';
import { ClassArg, CustomerLevelArg, GreetingCheckArg, StringArg } from '../inputs.js';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, requireSection } from '../shared.js';
import type { ReceptionClass } from './schema.js';

/**
 * Reception level (接待级别) for a customer: important customers, and customers of a category the
 * policy lists, are received at VIP (贵宾) level (S000B-RECEPTION-01).
 *
 * @param customer - `{ important?, category? }`
 * @param policy - a service policy with a `reception` section
 * @returns `'vip'` or `'standard'`
 * @example
 * receptionLevel({ category: 'key' }, s000bCorporatePolicy).value; //=> 'vip'
 */
export function receptionLevel(
  customer: { important?: boolean; category?: string },
  policy: ServicePolicy,
): Decision<'vip' | 'standard'> {
  parseInput(CustomerLevelArg, customer, ['customer']);
  return receptionLevelParsed(customer, policy);
}

/** {@link receptionLevel} on a customer its module has parsed already (one parse, not two; issue 21). @internal */
export function receptionLevelParsed(
  customer: { important?: boolean; category?: string },
  policy: ServicePolicy,
): Decision<'vip' | 'standard'> {
  const r = requireSection(paramsOf(policy).reception, 'reception');
  const cite = r.citations.vipLevel ?? r.citations.classes;
  const vip =
    customer.important === true ||
    (customer.category !== undefined && r.vipCategories.includes(customer.category));
  return {
    value: vip ? 'vip' : 'standard',
    trace: [
      entry(
        cite,
        vip ? '重要客户按贵宾级别接待' : '按一般标准接待',
        vip ? 'important customer: received at VIP level' : 'received at standard level',
        { customer },
      ),
    ],
  };
}

/**
 * What reception staff may do with a request outside policy (办理限制事宜): decline politely, or
 * report to leadership; some requests must always be declined (S000-RECEPTION-06).
 *
 * @param request - a request kind, e.g. `'otherCustomerFile'`
 * @param policy - a service policy with a `reception` section
 * @returns the allowed responses
 * @example
 * handleRestrictedRequest('otherCustomerFile', s000ReceptionPolicy).value; //=> ['decline']
 */
export function handleRestrictedRequest(
  request: string,
  policy: ServicePolicy,
): Decision<('decline' | 'escalate')[]> {
  parseInput(StringArg, request, ['request']);
  return restrictedRequestParsed(request, policy);
}

/** {@link handleRestrictedRequest} on a request its module has parsed already (one parse, not two; issue 21). @internal */
export function restrictedRequestParsed(
  request: string,
  policy: ServicePolicy,
): Decision<('decline' | 'escalate')[]> {
  const r = requireSection(paramsOf(policy).reception, 'reception');
  const cite = r.citations.restricted ?? r.citations.classes;
  const must = r.mustDecline.includes(request);
  return {
    value: must ? ['decline'] : ['decline', 'escalate'],
    trace: [
      entry(
        cite,
        must ? `${request}必须婉言谢绝` : `${request}应婉言谢绝或及时报公司领导`,
        must ? `${request} must be declined` : `${request}: decline politely or report to leadership`,
      ),
    ],
  };
}

/** Facts of a guest pick-up (迎接) to check. */
export type GreetingCheck = {
  guestRank: string;
  greeterRank: string;
  /** The greeter apologised and explained when a matching-rank person could not come. */
  explanationGiven?: boolean;
  arrivalInfoKnown: boolean;
  guestArrivesAt: InstantInput;
  greeterArrivedAt: InstantInput;
  transportBooked: boolean;
  lodgingBooked: boolean;
};

/**
 * Checks the meeting of an arriving guest: a greeter of matching rank (or an explanation), who
 * arrives before the guest, with arrival details, transport and lodging arranged (S000-RECEPTION-07).
 * Ranks come from the policy's `hostRanks` (highest first).
 *
 * @param check - the facts
 * @param policy - a service policy with a `reception` section
 * @returns the list of problems (empty when compliant)
 * @example
 * greetingCheck(
 *   {
 *     guestRank: 'seniorManagement',
 *     greeterRank: 'departmentSupervisor',
 *     arrivalInfoKnown: true,
 *     guestArrivesAt: '2024-03-06T14:30:00+08:00',
 *     greeterArrivedAt: '2024-03-06T14:10:00+08:00',
 *     transportBooked: true,
 *     lodgingBooked: true,
 *   },
 *   s000ReceptionPolicy,
 * ).value; //=> ['GREETER_RANK_TOO_LOW']
 */
export function greetingCheck(check: GreetingCheck, policy: ServicePolicy): Decision<string[]> {
  parseInput(GreetingCheckArg, check, ['check']);
  return greetingCheckParsed(check, policy);
}

/** {@link greetingCheck} on facts its module has parsed already (one parse, not two; issue 21). @internal */
export function greetingCheckParsed(check: GreetingCheck, policy: ServicePolicy): Decision<string[]> {
  const r = requireSection(paramsOf(policy).reception, 'reception');
  const cite = r.citations.greeting ?? r.citations.classes;
  const problems: string[] = [];
  const g = r.hostRanks.indexOf(check.guestRank);
  const h = r.hostRanks.indexOf(check.greeterRank);
  if (g >= 0 && (h < 0 || h > g) && check.explanationGiven !== true) problems.push('GREETER_RANK_TOO_LOW');
  if (!check.arrivalInfoKnown) problems.push('ARRIVAL_INFO_MISSING');
  if (compareInstants(toInstant(check.greeterArrivedAt), toInstant(check.guestArrivesAt)) > 0) {
    problems.push('GREETER_LATE');
  }
  if (!check.transportBooked) problems.push('TRANSPORT_NOT_BOOKED');
  if (!check.lodgingBooked) problems.push('LODGING_NOT_BOOKED');
  return {
    value: problems,
    trace: [
      entry(
        cite,
        problems.length === 0 ? '迎接安排符合要求' : `迎接安排有问题:${problems.join('、')}`,
        problems.length === 0 ? 'guest pick-up is in order' : `pick-up problems: ${problems.join(', ')}`,
      ),
    ],
  };
}

/**
 * Whether a class may be received in a venue under a service policy's class table: only the class's
 * own venue or an always-allowed room such as the general manager's office (S001-RECEP-06). The
 * rule itself is `@zhidu/attribution`'s `isVenueAllowed`; this reads the venues from the policy.
 *
 * @param cls - reception class
 * @param venue - venue id
 * @param policy - a service policy with a `reception` section
 * @returns true when allowed
 * @example
 * isClassVenueAllowed('C', 'cultureHall', s001VisitorReceptionPolicy).value; //=> false
 */
export function isClassVenueAllowed(
  cls: ReceptionClass,
  venue: string,
  policy: ServicePolicy,
): Decision<boolean> {
  parseInput(ClassArg, cls, ['cls']);
  parseInput(StringArg, venue, ['venue']);
  return classVenueParsed(cls, venue, policy);
}

/** {@link isClassVenueAllowed} on a class and venue its module has parsed already (one parse, not two; issue 21). @internal */
export function classVenueParsed(
  cls: ReceptionClass,
  venue: string,
  policy: ServicePolicy,
): Decision<boolean> {
  const r = requireSection(paramsOf(policy).reception, 'reception');
  const cite = r.citations.venue ?? r.citations.classes;
  const row = r.classes.find((c) => c.class === cls);
  // One rule (S001-RECEP-06), one implementation: attribution's, over this policy's class table. A
  // class the table does not list (or lists without a venue) has only the always-allowed rooms.
  const venues: Record<string, string> = {};
  for (const c of r.classes) if (typeof c.venue === 'string') venues[c.class] = c.venue;
  const ok =
    venues[cls] !== undefined
      ? isVenueAllowed(cls, venue, { venues, alwaysAllowed: r.alwaysAllowedVenues }).value
      : r.alwaysAllowedVenues.includes(venue);
  return {
    value: ok,
    trace: [
      entry(
        cite,
        ok ? `${venue}可用于${cls}类接待` : `${venue}不得用于${cls}类接待(应在${row?.venue ?? '—'})`,
        ok
          ? `${venue} is allowed for class ${cls}`
          : `${venue} is not allowed for class ${cls} (use ${row?.venue ?? '—'})`,
      ),
    ],
  };
}

/**
 * Roles responsible for a reception task (接待职责分工), S001-RECEP-07.
 *
 * @param task - e.g. `'visitorLog'`
 * @param policy - a service policy with a `reception` section
 * @returns the responsible roles (empty when the task is not in the table)
 * @example
 * responsibleRoles('visitorLog', s001VisitorReceptionPolicy).value; //=> ['frontDeskClerk']
 */
export function responsibleRoles(task: string, policy: ServicePolicy): Decision<string[]> {
  parseInput(StringArg, task, ['task']);
  return responsibleRolesParsed(task, policy);
}

/** {@link responsibleRoles} on a task its module has parsed already (one parse, not two; issue 21). @internal */
export function responsibleRolesParsed(task: string, policy: ServicePolicy): Decision<string[]> {
  const r = requireSection(paramsOf(policy).reception, 'reception');
  const cite = r.citations.duties ?? r.citations.classes;
  // Own keys only: a task named `constructor` is not in the table (it read the Object function).
  const roles = ownValue(r.duties, task) ?? [];
  return {
    value: roles,
    trace: [
      entry(
        cite,
        `${task}由${roles.join('、') || '(未规定)'}负责`,
        `${task}: ${roles.join(', ') || '(not assigned)'}`,
      ),
    ],
  };
}
