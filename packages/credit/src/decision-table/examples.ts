import type { DecisionTableInput } from './schema.js';

/**
 * The decision table of the credit README (`acme.creditGrade`): grade A after five years without a
 * late payment, D from five late payments, C otherwise. Shared by the package's tests and the
 * fast/general comparison (`fuzz/fast-general.ts`); not exported from the package. @internal
 */
export const acmeCreditGradeTable: DecisionTableInput = {
  id: 'acme.creditGrade',
  hitPolicy: 'first',
  inputs: [
    { name: 'yearsTrading', type: 'number' },
    { name: 'latePayments', type: 'number' },
  ],
  outputs: [{ name: 'grade', type: 'string' }],
  rules: [
    { id: 'A', when: { yearsTrading: { gte: 5 }, latePayments: { equals: 0 } }, result: { grade: 'A' } },
    { id: 'D', when: { latePayments: { gte: 5 } }, result: { grade: 'D' } },
  ],
  defaultOutput: { grade: 'C' },
};
