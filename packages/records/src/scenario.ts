import { InstantSchema, parseInput, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { decideAccess } from './access.js';
import type { AccessRequestInput } from './access-schema.js';
import { type CompletenessInput, checkCompleteness } from './completeness.js';
import { checkHandover, type HandoverInput } from './handover.js';
import { checkLoan, type LoanInput } from './loans.js';
import { defineRecordsPolicy, type RecordsPolicy } from './policy.js';
import { recordsPresets } from './presets/index.js';
import { checkDestruction, type DestructionInput } from './retention.js';
import { checkSnapshots, type SnapshotInput } from './upkeep.js';

/** A scenario file: a preset (or a full policy), one check, its input and the expected value (a subset). */
export const ScenarioSchema = z.strictObject({
  name: z.string().min(1),
  rules: z.array(z.string().min(1)).min(1),
  preset: z.string().min(1).optional(),
  policy: z.unknown().optional(),
  check: z.enum(['handover', 'completeness', 'access', 'loan', 'destruction', 'snapshots']),
  now: InstantSchema,
  input: z.record(z.string(), z.unknown()),
  expected: z.record(z.string(), z.unknown()),
});
export type Scenario = z.output<typeof ScenarioSchema>;

function policyOf(s: Scenario): RecordsPolicy {
  if (s.policy !== undefined) return defineRecordsPolicy(s.policy);
  const found = s.preset === undefined ? undefined : recordsPresets[s.preset];
  if (!found)
    throw new ZhiduError('unknown_reference', ['preset'], `unknown records preset "${s.preset ?? ''}"`);
  return found;
}

/**
 * Runs one scenario file against its preset or policy and returns the decision's value, for a test (or
 * the CLI) to compare with `expected`. The input is validated by the check it names.
 *
 * @param scenario - the parsed JSON of a scenario file
 * @returns the value of the decision (e.g. a `HandoverResult`)
 * @throws ZhiduError for a malformed scenario or an unknown preset
 * @example
 * const s = JSON.parse(readFileSync('scenarios/dealerFiles/late-handover-5-working-days.json', 'utf8'));
 * runScenario(s); //=> { fileId: 'LSV-0001', outcomes: [{ status: 'late', … }], violations: [ … ] }
 */
export function runScenario(scenario: unknown): unknown {
  const s = parseInput(ScenarioSchema, scenario);
  const policy = policyOf(s);
  const ctx = { now: s.now };
  // Each check validates its own input with its schema; the casts only name which one.
  switch (s.check) {
    case 'handover':
      return checkHandover(s.input as HandoverInput, policy, ctx).value;
    case 'completeness':
      return checkCompleteness(s.input as CompletenessInput, policy, ctx).value;
    case 'access':
      return decideAccess(s.input as AccessRequestInput, policy, ctx).value;
    case 'loan':
      return checkLoan(s.input as LoanInput, policy, ctx).value;
    case 'destruction':
      return checkDestruction(s.input as DestructionInput, policy, ctx).value;
    case 'snapshots':
      return checkSnapshots(s.input as SnapshotInput, policy, ctx).value;
  }
}
