/**
 * The policy JSON Schemas shipped in `schema/`: one file per distinct policy schema of the package's
 * modules (modules sharing one params schema share one file), grouped and named by core's
 * `policySchemaFiles`. `scripts/schema.ts` writes them; a test fails when a shipped file is stale.
 */
import { policySchemaFiles as schemaFiles } from '@zhidu/core';
import { creditModules } from './modules.js';

/** The file name of a schema shared by several modules, by a module using it. */
const SHARED_NAMES: Record<string, string> = {
  'credit.eligibility': 'credit-line',
  'credit.grade-terms': 'credit-grades',
  'credit.admission': 'tiers',
  'credit.partner-grade': 'partners',
  'credit.grade-scale': 'credit-rules',
};

/** The policy schema files, by file name (`<name>.policy.schema.json`), with the modules using each. */
export const policySchemaFiles = () => schemaFiles(creditModules, SHARED_NAMES);
