/**
 * The credit presets as JSON files in `presets/` (a compliance officer reads and diffs them; an ERP in
 * any language loads them against `schema/*.policy.schema.json`). Where the seed leaves a value blank,
 * the file states an example value with a `zhidu.example` citation; the `*PolicyJson` functions put a
 * company's own values in its place.
 */
import creditGrades001Json from '../presets/credit-grades-001.json' with { type: 'json' };
import customerTiers001Json from '../presets/customer-tiers-001.json' with { type: 'json' };
import distributor000Json from '../presets/distributor-000.json' with { type: 'json' };
import exampleJinmaAutoGroupJson from '../presets/example-jinma-auto-group.json' with { type: 'json' };
import exampleQingshanBuildingMaterialsJson from '../presets/example-qingshan-building-materials.json' with {
  type: 'json',
};
import partnerGrading000Json from '../presets/partner-grading-000.json' with { type: 'json' };

/** The preset files of this package as policy JSON, by preset name (validated on first use by the modules). */
export const creditPresetJson = {
  'distributor-000': distributor000Json,
  'credit-grades-001': creditGrades001Json,
  'customer-tiers-001': customerTiers001Json,
  'partner-grading-000': partnerGrading000Json,
  'example-qingshan-building-materials': exampleQingshanBuildingMaterialsJson,
  'example-jinma-auto-group': exampleJinmaAutoGroupJson,
} as const;

/** The rule id of a citation that marks an example value the seed leaves blank. */
export const EXAMPLE_RULE = 'zhidu.example';

/**
 * A preset file with a company's values in place of the blanks: a deep copy without `$schema`, dated
 * as given, each value written at its JSON pointer (`/params/discount/topN`); the example citation of
 * a replaced value (or of the object holding it) is dropped, since the value is now the company's.
 *
 * @param json - the preset file's JSON
 * @param dating - `effectiveFrom` and `zone` of the company's policy
 * @param values - JSON pointer → value; `undefined` leaves the file's value
 * @param replaces - the pointers whose example citations the values replace
 * @returns the policy as JSON
 */
export function fillPreset<T>(
  json: T,
  dating: { effectiveFrom: string; zone: string },
  values: readonly (readonly [string, unknown])[],
  replaces: readonly string[],
): T {
  const { $schema: _schema, ...copy } = structuredClone(json) as Record<string, unknown>;
  copy.effectiveFrom = dating.effectiveFrom;
  copy.zone = dating.zone;
  for (const [pointer, value] of values) {
    if (value === undefined) continue;
    const keys = pointer.split('/').slice(1);
    const last = keys.pop() as string;
    let at = copy as Record<string, unknown>;
    for (const k of keys) at = at[k] as Record<string, unknown>;
    at[last] = structuredClone(value);
  }
  const citations = copy.citations as Record<string, { rule: string }> | undefined;
  if (citations !== undefined) {
    for (const pointer of replaces) {
      if (citations[pointer]?.rule === EXAMPLE_RULE) delete citations[pointer];
    }
    if (Object.keys(citations).length === 0) delete copy.citations;
  }
  return copy as T;
}
