/**
 * Reception intake, venues and duties (seed 001 篇2 line 108; 篇5 lines 426–454).
 */

import { recordOf } from '@zhidu/core';
import { z } from 'zod';
import venues001Json from '../presets/venues-001.json' with { type: 'json' };
import { expectFlag, expectId, expectIdList, expectObject, expectOneOf } from './boundary.js';
import { type Decision, parseInput, Trace } from './kernel.js';

/** The routing of a reception by the intake answers (S001-RECEP-05). */
export type IntakeCase =
  | 'newWalkIn'
  | 'designated'
  | 'criterion1'
  | 'criterion2'
  | 'criterion3'
  | 'criterion4'
  | 'criterion5'
  | 'criterion7';

/**
 * Routes a reception by the two questions every reception starts with: been here before? served
 * by whom? (S001-RECEP-05, 001 L108).
 *
 * @param intake - the answers and what is known at the desk
 * @returns the case the attribution criteria will apply
 * @throws ZhiduError `invalid_input` for an answer outside `no | yes | forgot`, id lists that are not
 *   of ids, or flags that are not booleans
 * @example
 * routeIntake({ visitedBefore: 'yes', named: ['B'], presentIds: ['B'] }).value; //=> 'criterion1'
 */
export function routeIntake(intake: {
  visitedBefore: 'no' | 'yes' | 'forgot';
  named?: readonly string[];
  designatedOnEntry?: string;
  refusesPrevious?: boolean;
  complaintAgainstPrevious?: boolean;
  presentIds?: readonly string[];
}): Decision<IntakeCase> {
  expectObject(intake, ['intake']);
  expectOneOf(intake.visitedBefore, ['no', 'yes', 'forgot'], ['intake', 'visitedBefore']);
  if (intake.named !== undefined) expectIdList(intake.named, ['intake', 'named']);
  if (intake.designatedOnEntry !== undefined)
    expectId(intake.designatedOnEntry, ['intake', 'designatedOnEntry']);
  if (intake.refusesPrevious !== undefined) expectFlag(intake.refusesPrevious, ['intake', 'refusesPrevious']);
  if (intake.complaintAgainstPrevious !== undefined) {
    expectFlag(intake.complaintAgainstPrevious, ['intake', 'complaintAgainstPrevious']);
  }
  if (intake.presentIds !== undefined) expectIdList(intake.presentIds, ['intake', 'presentIds']);
  const named = intake.named ?? [];
  const present = new Set(intake.presentIds ?? []);
  let c: IntakeCase;
  if (intake.visitedBefore === 'forgot') c = 'criterion7';
  else if (intake.visitedBefore === 'no' || named.length === 0)
    c = intake.designatedOnEntry ? 'designated' : 'newWalkIn';
  else if (intake.refusesPrevious && intake.complaintAgainstPrevious) c = 'criterion4';
  else if (intake.refusesPrevious) c = 'criterion2';
  else if (named.length > 1) c = 'criterion5';
  else c = present.has(named[0] ?? '') ? 'criterion1' : 'criterion3';
  return new Trace()
    .add('S001-RECEP-05', '001 L108 首先要問客戶是否來過', `接待先问是否来过:${c}`, `Intake routed to ${c}`)
    .decide(c);
}

/** Venue policy of visitor reception (篇5). */
export const VenuePolicySchema = z.strictObject({
  /** The venue of each reception category (seed 001: vip, business, general; a company may name its own, e.g. A–D). */
  venues: recordOf(z.string().min(1), z.string().min(1)),
  /** venues allowed for any category */
  alwaysAllowed: z.array(z.string().min(1)),
});
/** Venue policy. */
export type VenuePolicy = z.output<typeof VenuePolicySchema>;

/**
 * Seed 001 篇5: culture hall, business room, leisure lounge; the GM's office for any. The params of the
 * shipped preset `presets/venues-001.json` (the values live in that file).
 */
export const venues001: VenuePolicy = parseInput(VenuePolicySchema, venues001Json.params, [
  'venues-001',
  'params',
]);

/**
 * Whether a reception category may use a venue (S001-RECEP-06): its mapped venue or one allowed for
 * any category (the GM's office). The one implementation of the rule: `@zhidu/service`'s
 * `isClassVenueAllowed` reads its policy's class table through it.
 *
 * @param category - a category of the policy: seed 001's a (vip), b (business), c (general)
 * @param venue - venue id
 * @param policy - venue policy (default: seed 001 篇5)
 * @returns allowed flag
 * @throws ZhiduError `invalid_input` for a category the policy does not name, a venue that is not an
 *   id, or a malformed policy
 * @example
 * isVenueAllowed('general', 'cultureHall').value; //=> false
 * isVenueAllowed('vip', 'gmOffice').value;        //=> true
 * isVenueAllowed('C', 'leisureLounge', { venues: { A: 'cultureHall', C: 'leisureLounge' }, alwaysAllowed: [] }).value
 * //=> true
 */
export function isVenueAllowed(
  category: 'vip' | 'business' | 'general' | (string & {}),
  venue: string,
  policy: VenuePolicy = venues001,
): Decision<boolean> {
  return venueAllowedParsed(category, venue, parseInput(VenuePolicySchema, policy, ['policy']));
}

/**
 * {@link isVenueAllowed} under the params of a validated policy (one parse, not two; issue 21): the
 * category and the venue are still checked against them. @internal
 */
export function venueAllowedParsed(category: string, venue: string, p: VenuePolicy): Decision<boolean> {
  expectOneOf(category, Object.keys(p.venues), ['category']);
  expectId(venue, ['venue']);
  const ok = p.venues[category] === venue || p.alwaysAllowed.includes(venue);
  return new Trace()
    .add(
      'S001-RECEP-06',
      '001 L434–L436',
      ok ? `${venue}可用于该类接待` : `${venue}不得用作该类接待场所`,
      ok
        ? `${venue} is allowed for ${category} reception`
        : `${venue} may not be used for ${category} reception`,
    )
    .decide(ok);
}

/** Reception tasks and the role responsible (S001-RECEP-07). */
export const receptionDuties001 = {
  environmentAndSupplies: 'receptionCenter',
  roomCleaning: 'receptionCenter',
  securityAndGuiding: 'guard',
  visitorLog: 'frontDeskClerk',
  scheduling: 'frontDeskClerk',
  mealsAndLodging: 'frontDeskClerk',
  accompanyNegotiation: 'handlingDepartment',
  vipAndBusinessRooms: 'secretary',
  overall: 'officeDirector',
} as const;

/**
 * The role responsible for a reception task (S001-RECEP-07).
 *
 * @param task - task key
 * @returns the role
 * @throws ZhiduError `invalid_input` for a task the duty table does not name
 * @example
 * responsibleRole('visitorLog').value; //=> 'frontDeskClerk'
 */
export function responsibleRole(task: keyof typeof receptionDuties001): Decision<string> {
  expectOneOf(task, Object.keys(receptionDuties001) as (keyof typeof receptionDuties001)[], ['task']);
  const role = receptionDuties001[task];
  return new Trace()
    .add('S001-RECEP-07', '001 L444–L454', `${task}由${role}负责`, `${task} is the duty of ${role}`)
    .decide(role);
}
