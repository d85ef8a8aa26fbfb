// Issue 11, one home per mechanism: a public name that two packages exported with different meanings
// (two condition languages, two checklists, two workflows, five bilingual-text schemas…) now has one
// home; a package may re-export core's object, never define its own under the same name.
import * as attribution from '@zhidu/attribution';
import * as core from '@zhidu/core';
import * as credit from '@zhidu/credit';
import * as penalty from '@zhidu/penalty';
import * as records from '@zhidu/records';
import * as service from '@zhidu/service';
import * as sla from '@zhidu/sla';
import { describe, expect, it } from 'vitest';

const packages: Record<string, Record<string, unknown>> = {
  core,
  attribution,
  credit,
  penalty,
  records,
  service,
  sla,
};

/** Which packages export `name`, grouped by identity (one group = one meaning). */
function meanings(name: string): string[][] {
  const groups = new Map<unknown, string[]>();
  for (const [pkg, exports] of Object.entries(packages)) {
    if (!Object.hasOwn(exports, name)) continue;
    const value = exports[name];
    groups.set(value, [...(groups.get(value) ?? []), pkg]);
  }
  return [...groups.values()];
}

const MECHANISMS = [
  'ChecklistSchema',
  'ConditionSchema',
  'WorkflowSchema',
  'TransitionSchema',
  'TextSchema',
  'CitationSchema',
  'StrictDurationSpecSchema',
  'evaluateCondition',
  'runChecklist',
  'checkWorkflowStep',
  'violation',
  'isPresent',
];
const RENAMED = ['EscalationSchema', 'TargetSchema', 'TierSchema', 'LabelSchema', 'LedgerInputSchema'];

describe('one home per mechanism (issue 11)', () => {
  it.each(MECHANISMS)('%s has one home, @zhidu/core', (name) => {
    expect(meanings(name)).toEqual([['core']]);
  });

  it.each(RENAMED)('%s means one thing wherever it is exported', (name) => {
    expect(meanings(name).length).toBeLessThanOrEqual(1);
  });

  it('the renamed sides carry specific names', () => {
    expect([
      typeof penalty.FineTargetSchema,
      typeof penalty.FineEscalationSchema,
      typeof credit.CreditTierSchema,
      typeof credit.TableRowSchema,
      typeof records.HandoverLedgerInputSchema,
      typeof sla.SlaChecklistSchema,
    ]).toEqual(['object', 'object', 'object', 'object', 'object', 'object']);
  });
});
