// A module parses its input once (issue 21). Several modules handed their parsed input to a
// function that parsed it again with the same schema (records.access, records.loan and nine more
// records modules, service.periodic, service.sampling, sla.margin-refund): twice the validation
// for the same answer (decideAccess 14 µs → 7 µs). With the fast paths off, the module parses with
// zod, so the schema's `safeParse` is called exactly once per decision; a second parse shows as a
// second call. Each module is run on every shipped scenario of it that expects a result, and on its
// documented example where it has no scenario.
import { fileURLToPath } from 'node:url';
import {
  AttributesSchema,
  ChecklistSchema,
  LocalDateSchema,
  RecurrenceSchema,
  WorkflowSchema,
} from '@zhidu/core';
import * as records from '@zhidu/records';
import * as sla from '@zhidu/sla';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { fastPaths } from '../../core/src/module.js';
import { CreditActionSchema } from '../../credit/src/credit-grades/governance.js';
import { CreditTermsProposalSchema } from '../../credit/src/credit-grades/terms.js';
import { CreditAccountSchema, ShipmentSchema } from '../../credit/src/credit-line/shipment.js';
import { TransactRequestSchema } from '../../credit/src/tiers/blacklist.js';
import {
  DepartmentRosterSchema,
  TierCandidateSchema,
  TierCustomerSchema,
} from '../../credit/src/tiers/grading.js';
import { PayEntrySchema, RosterSchema } from '../../penalty/src/price.js';
import { FrequencyRangeSchema } from '../../service/src/followup/frequency.js';
import { PeriodicInputSchema, SamplingInputSchema } from '../../service/src/followup/periodic.js';
import { ReceptionRequestSchema } from '../../service/src/reception/schema.js';
import { SlaChecklistSchema } from '../../sla/src/checklist.js';
import { SlaEventsSchema } from '../../sla/src/events.js';
import { RecurringObligationSchema } from '../../sla/src/recurring.js';
import { evaluate, findScenarioFiles, readScenarioFile, runScenarioFile } from './index.js';

const SCHEMAS: Record<string, z.ZodType> = {
  'records.access': records.AccessRequestSchema,
  'records.loan': records.LoanInputSchema,
  'records.destruction': records.DestructionInputSchema,
  'records.purge': records.PurgeInputSchema,
  'records.currency': records.CurrencyInputSchema,
  'records.snapshots': records.SnapshotInputSchema,
  'records.cadence': records.FormCadenceInputSchema,
  'records.ledger': records.HandoverLedgerInputSchema,
  'records.filing': records.FilingInputSchema,
  'records.loan-register': records.LoanRegisterInputSchema,
  'records.open-file': records.OpenFileInputSchema,
  'records.workflow': records.AdvanceInputSchema,
  'service.periodic': PeriodicInputSchema,
  'service.sampling': SamplingInputSchema,
  'sla.margin-refund': sla.RefundInputSchema,
};

// Parts of an input a module's schema parses with it, or of its validated policy, which were parsed
// again on their own.
const PARTS: Record<string, z.ZodType[]> = {
  'penalty.ledger': [RosterSchema, PayEntrySchema],
  'service.frequency': [FrequencyRangeSchema],
  // Every quota of the policy counted on one parse of the log (it was parsed again per quota).
  'sla.quota': [SlaEventsSchema],
  // A recurring duty's obligation (the policy's) was parsed again for every period of every subject.
  'sla.timers': [RecurringObligationSchema],
  // The greeting date and the reminder date (the customers and instalments with them).
  'service.care': [LocalDateSchema],
  // The access request of a read; a complaint's facts; a checklist's record, and the checklist of
  // the validated policy (parsed again on every call); a reception request.
  'records.read': [records.AccessRequestSchema],
  'sla.classification': [AttributesSchema],
  'sla.checklist': [AttributesSchema, SlaChecklistSchema],
  'service.reception': [ReceptionRequestSchema],
  'credit.shipment': [CreditAccountSchema, ShipmentSchema],
  'credit.action': [CreditActionSchema],
  'credit.tier-eligibility': [TierCustomerSchema],
  'credit.terms-check': [CreditTermsProposalSchema],
  'credit.tier-cap': [DepartmentRosterSchema, TierCandidateSchema],
  'credit.blacklist': [TransactRequestSchema],
};

// Parts of a validated policy that core's functions read on every call (a workflow, a recurrence, a
// checklist): parsed once per policy, however many decisions read them.
const POLICY_PARTS: Record<string, z.ZodType> = {
  'records.workflow': WorkflowSchema,
  'sla.workflow': WorkflowSchema,
  // A rate's reporting period and a periodic duty's recurrence (core's occurrences).
  'sla.rates': RecurrenceSchema,
  'service.periodic': RecurrenceSchema,
  // A checklist (core's runChecklist).
  'sla.checklist': ChecklistSchema,
  'service.records': ChecklistSchema,
};

type Scenario = {
  module: string;
  input: unknown;
  expected: { result?: unknown; error?: unknown };
};

/** One decision of a module, checked: a shipped scenario run as the CLI runs it, or an example. */
type Case = { module: string; input: unknown; run: () => boolean };

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const scenarios: Case[] = findScenarioFiles([
  here('../../records/scenarios'),
  here('../../service/scenarios'),
  here('../../sla/scenarios'),
  here('../../penalty/scenarios'),
  here('../../credit/scenarios'),
])
  .map((file) => ({ file, s: readScenarioFile(file) as Scenario }))
  .filter(
    ({ s }) =>
      (s.module in SCHEMAS || s.module in PARTS || s.module in POLICY_PARTS) &&
      s.expected.error === undefined,
  )
  // Its preset, policy patch, calendar and context as the scenario states them; ok when the
  // decision is the one the scenario expects.
  .map(({ file, s }) => ({ module: s.module, input: s.input, run: () => runScenarioFile(file).ok }));
// The modules no shipped scenario covers: their documented examples.
const now = { now: '2024-03-06T08:00:00+08:00' };
const example = (module: string, policy: unknown, input: unknown): Case => ({
  module,
  input,
  // By id, as the CLI and the server call it (the PRC calendar supplied).
  run: () => evaluate(module, input, policy, now).value.result !== undefined,
});
scenarios.push(
  example(
    'records.purge',
    records.defineRecordsPolicy({
      ...records.customerArchivePreset,
      params: { ...records.customerArchivePreset.params, purgeInactivityMonths: 36 },
    }),
    { fileId: 'C1', lastBusinessAt: '2020-01-10T00:00:00Z', contactLost: true },
  ),
  example('records.currency', 'sales-site', {
    fileTypeId: 'salesDepartmentArchive',
    fileId: 'S1',
    custodianId: 'k1',
    lastTransactionAt: '2024-03-05T10:00:00+08:00',
    lastUpdatedAt: '2024-03-01T10:00:00+08:00',
  }),
  example('records.ledger', 'dealer-files', {
    date: '2024-03-05',
    admin: { personId: 'a1' },
    received: ['F1', 'F2'],
    registered: ['F1'],
    electronicCreated: ['F1'],
  }),
  example('records.open-file', 'dealer-files', { fileTypeId: 'newCarSalesFile', key: 'LSV123' }),
);

afterEach(() => {
  fastPaths.on = true;
  vi.restoreAllMocks();
});

describe('a module parses its input once', () => {
  it('has a shipped scenario expecting a result for every module listed', () => {
    expect(new Set(scenarios.map((s) => s.module))).toEqual(
      new Set([...Object.keys(SCHEMAS), ...Object.keys(PARTS), ...Object.keys(POLICY_PARTS)]),
    );
  });

  it.each(Object.keys(SCHEMAS))(
    '%s: one safeParse of its input schema per decision (fast paths off)',
    (id) => {
      const schema = SCHEMAS[id] as z.ZodType;
      for (const s of scenarios.filter((x) => x.module === id)) {
        const spy = vi.spyOn(schema, 'safeParse');
        fastPaths.on = false;
        const ok = s.run();
        fastPaths.on = true;
        expect(ok).toBe(true);
        expect(spy).toHaveBeenCalledTimes(1);
        spy.mockRestore();
      }
    },
  );
});

describe('a module does not parse again what it has validated (parts of its input, parts of its policy)', () => {
  it.each(Object.keys(PARTS))('%s: no safeParse of a part already validated (fast paths off)', (id) => {
    const runs = scenarios.filter((x) => x.module === id);
    expect(runs.length).toBeGreaterThan(0);
    for (const s of runs) {
      const spies = (PARTS[id] ?? []).map((schema) => vi.spyOn(schema, 'safeParse'));
      fastPaths.on = false;
      const ok = s.run();
      fastPaths.on = true;
      expect(ok).toBe(true);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
      vi.restoreAllMocks();
    }
  });

  it('the penalty scenarios include a roster and pay figures, so the check has something to see', () => {
    const withPay = scenarios.filter(
      (s) => s.module === 'penalty.ledger' && (s.input as { pay?: unknown[] }).pay !== undefined,
    );
    expect(withPay.length).toBeGreaterThan(0);
  });
});

describe("a policy's part is validated once, not on every decision", () => {
  it.each(Object.keys(POLICY_PARTS))(
    '%s: each scenario three times parses its policy part at most once',
    (id) => {
      const runs = scenarios.filter((x) => x.module === id);
      expect(runs.length).toBeGreaterThan(0);
      for (const run of runs) {
        // The scenario's policy is built once per run of the file; a preset's part is the same
        // frozen object each time (presets are validated once), so it is parsed on its first use.
        const spy = vi.spyOn(POLICY_PARTS[id] as z.ZodType, 'safeParse');
        for (let k = 0; k < 3; k++) expect(run.run()).toBe(true);
        expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
        spy.mockRestore();
      }
    },
  );
});
