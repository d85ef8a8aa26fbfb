import { jsonPatch } from '@zhidu/core';
import { defineSlaPolicy, SLA_PRESET_JSON, type SlaPolicy, type SlaPresetName } from '../src/index.js';

/** One JSON Patch operation (RFC 6902), as in a scenario's `policyPatch`. */
export type PatchOp = Parameters<typeof jsonPatch>[1][number];

/**
 * A company's copy of a bundled preset with its own values — what a company does with the JSON file
 * (copy, change a number, add a row): the preset JSON patched and validated.
 */
export function companyCopy(name: SlaPresetName, patch: readonly PatchOp[]): SlaPolicy {
  return defineSlaPolicy(jsonPatch(SLA_PRESET_JSON[name], patch));
}
