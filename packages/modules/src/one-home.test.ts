// Issue 11, one home per mechanism: a public name that two packages exported with different meanings
// (two condition languages, two checklists, two workflows, five bilingual-text schemas…) now has one
// home; a package may re-export core's object, never define its own under the same name.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

// The bilingual text schema has one home, core's TextSchema: no package restates `{ zh: z.string(), en: … }`
// (as an object, or as the zh/en fields of a row), it imports TextSchema (spreading `TextSchema.shape`
// into a row). Read from the sources, so a definition that is not exported is caught too.
const PACKAGES_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** A zod string schema for a `zh` or `en` key, the mark of a bilingual text schema written out again. */
const OWN_TEXT = /\b(zh|en)\s*:\s*z\s*\.\s*string\s*\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** `file:line` of every zod `zh`/`en` string field in a package's src (core excluded: the home). */
function ownTextSchemas(): string[] {
  return readdirSync(PACKAGES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'core')
    .flatMap((d) => {
      try {
        return sourceFiles(join(PACKAGES_DIR, d.name, 'src'));
      } catch {
        return []; // a package without src
      }
    })
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (OWN_TEXT.test(line) ? [`${file.slice(PACKAGES_DIR.length)}:${i + 1}`] : [])),
    );
}

describe('one bilingual text schema (issue 11)', () => {
  it("no package defines its own bilingual text schema: every { zh, en } is core's TextSchema", () => {
    expect(ownTextSchemas()).toEqual([]);
  });

  it('the check sees a restated one (the pattern matches what service and records used to write)', () => {
    expect(
      [
        'zh: z.string(),',
        'en: z.string().min(1),',
        'z.object({ zh: z.string().min(1), en: z.string().min(1) })',
        '...TextSchema.shape,',
        'title: TextSchema,',
      ].map((l) => OWN_TEXT.test(l)),
    ).toEqual([true, true, true, false, false]);
  });

  it("service's kpi, follow-up, cadence, frequency and reception rows take their zh/en from core's TextSchema; records' label is TextSchema", () => {
    const rows = [
      service.KpiSchema,
      service.FollowUpRuleSchema,
      service.CadenceSchema,
      service.FrequencySchema,
      service.ReceptionClassRowSchema,
    ];
    expect(
      rows.map((r) => [r.shape.zh === core.TextSchema.shape.zh, r.shape.en === core.TextSchema.shape.en]),
    ).toEqual(rows.map(() => [true, true]));
    // the same JSON as before, except an empty name, which TextSchema refuses
    expect(rows.map((r) => r.shape.zh.safeParse('').success)).toEqual(rows.map(() => false));
    expect(records.BilingualLabelSchema).toBe(core.TextSchema);
  });
});
