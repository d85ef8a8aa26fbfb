import {
  ChecklistSchema,
  type Decision,
  frozenThrough,
  ownValue,
  parseInput,
  runChecklist,
  Trace,
  toInstant,
  type Violation,
  violation,
} from '@zhidu/core';
import { z } from 'zod';
import { AttributesSchema } from './conditions.js';
import { BreachSchema } from './timer/definition.js';

/**
 * A core checklist (`ChecklistSchema` of @zhidu/core) that sla policies hold, plus what a breach
 * emits: items that must all be in place at a moment (before completion, before closing a
 * complaint) — the 13 pre-completion items of 000 L415, the handover certificates of 000 L357. An
 * item is in place when the record holds `equals` (`true` for a done flag); `when` makes it
 * required only under conditions (no gas supply → no gas certificate). A breach emits one
 * violation per role with `quantity` = the number of items not in place (200 CNY per item).
 */
export const SlaChecklistSchema = ChecklistSchema.extend({
  breach: BreachSchema.omit({ lateness: true }).optional(),
});
export type SlaChecklist = z.output<typeof SlaChecklistSchema>;

/**
 * Checks a checklist against what is in place. `record` holds `true` for each item done and any
 * attributes the conditions read (e.g. `gasSupply: false`).
 *
 * @param record - items done and project attributes
 * @param checklist - the checklist
 * @param at - the moment of the check: subject id, instant and role holders
 * @returns missing items (not in place, in checklist order) and violations
 * @example
 * const preCompletion = construction000Preset().params.checklists.find((c) => c.id === 'M20.preCompletion');
 * const record = { water: true, power: true, tv: true, telecom: true, smartSystems: true,
 *   emergencyBackupPower: true, roadsAndEnvironment: true, elevatorCertificate: true,
 *   fireCertificate: true, unitQualityAcceptanceRecord: true, gasSupply: false };
 * const d = checklistOutcome(record, preCompletion!, {
 *   subject: 'phase-2',
 *   at: '2024-09-30T00:00:00+08:00',
 *   assignees: { emcDirector: 'u7' },
 * });
 * d.value.missing; //=> ['starHygiene'] (no gas supply: the gas items are not required)
 * d.value.violations.map((v) => `${v.personId} ×${v.quantity}`); //=> ['u7 ×1']
 */
export function checklistOutcome(
  record: unknown,
  checklist: SlaChecklist,
  at: { subject: string; at: string; assignees?: Record<string, string> },
): Decision<{ missing: string[]; violations: Violation[] }> {
  const input = parseInput(AttributesSchema, record, ['record']);
  const list = parseInput(SlaChecklistSchema, checklist, ['checklist']);
  const when = parseInput(z.string().min(1), at.at, ['at', 'at']);
  return checklistParsed(input, list, when, at);
}

/** The core checklist of each sla checklist frozen through (a validated policy's), its `breach` set aside. */
const CORE_OF = new WeakMap<object, Readonly<Omit<SlaChecklist, 'breach'>>>();

/**
 * The core checklist of an sla checklist (without `breach`): for one frozen through, the same frozen
 * object on every call, which core's `runChecklist` then parses once (issue 21).
 */
function coreOf(list: SlaChecklist): Readonly<Omit<SlaChecklist, 'breach'>> {
  const known = CORE_OF.get(list);
  if (known !== undefined) return known;
  const { breach: _breach, ...core } = list;
  if (!frozenThrough(list)) return core;
  const frozen = Object.freeze(core);
  CORE_OF.set(list, frozen);
  return frozen;
}

/**
 * {@link checklistOutcome} on a record its module has parsed and a checklist of a validated policy
 * (neither parsed again per call; issue 21). @internal
 */
export function checklistParsed(
  input: z.output<typeof AttributesSchema>,
  list: z.output<typeof SlaChecklistSchema>,
  when: string,
  at: { subject: string; assignees?: Record<string, string> },
): Decision<{ missing: string[]; violations: Violation[] }> {
  const breach = list.breach;
  const checked = runChecklist(coreOf(list), input);
  const notInPlace = new Set([...checked.value.missing, ...checked.value.invalid]);
  const missing = list.items.map((i) => i.field).filter((f) => notInPlace.has(f));
  const violations: Violation[] =
    missing.length > 0 && breach
      ? breach.roles.map((role) =>
          violation('sla.checklist', list, {
            code: breach.code,
            personId: ownValue(at.assignees, role) ?? `role:${role}`,
            role,
            occurredAt: toInstant(when),
            quantity: missing.length,
            subject: { kind: 'slaSubject', id: at.subject },
            data: { checklist: list.id, missing },
          }),
        )
      : [];
  const trace = new Trace();
  trace.add(
    list.rule,
    list.clause,
    missing.length
      ? `${list.title.zh}:缺 ${missing.length} 项(${missing.join('、')})`
      : `${list.title.zh}:齐全`,
    missing.length
      ? `${list.title.en}: ${missing.length} missing (${missing.join(', ')})`
      : `${list.title.en}: complete`,
  );
  return trace.decide({ missing, violations });
}
