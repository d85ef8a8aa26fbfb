import { readdirSync, readFileSync } from 'node:fs';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { canonicalJson, isZhiduError, policySchemaFiles } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { describePresetFiles } from '../../../core/test/preset-files.js';
import { ExchangeConductSchema, exchangeTier, MEASURES } from '../exchange.js';
import { penaltyEnforcement, penaltyLedger, penaltyModules } from '../modules.js';
import { defineSchedule } from '../schedule.js';
import { customerFilingSchedule } from './corporate.js';
import { PRESET_JSON, PRESETS } from './index.js';

// The bundled presets are JSON files (packages/penalty/presets/*.json) beside the policy JSON Schema
// they name (packages/penalty/schema/penalty.policy.schema.json).
const presetDir = new URL('../../presets/', import.meta.url);
const schemaDir = new URL('../../schema/', import.meta.url);
const files = readdirSync(presetDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
/** The fictitious example companies (example-*.json) cite their own articles, not seed lines. */
const isExample = (f: string): boolean => f.startsWith('example-');
const seedFiles = files.filter((f) => !isExample(f));
const text = (file: string): string => readFileSync(new URL(file, presetDir), 'utf8');
const json = (file: string): Record<string, unknown> => JSON.parse(text(file)) as Record<string, unknown>;
const catalog = readFileSync(new URL('../../../../docs/catalog.md', import.meta.url), 'utf8');

type Node = unknown;
const hasRule = (n: Node): boolean =>
  n !== null &&
  typeof n === 'object' &&
  !Array.isArray(n) &&
  typeof (n as { rule?: unknown }).rule === 'string';
const anyRule = (n: Node): boolean =>
  hasRule(n) || (n !== null && typeof n === 'object' && Object.values(n as object).some(anyRule));
/** JSON pointers of the params subtrees no enclosing object with a `rule` field attributes. */
function unattributed(n: Node, ptr: string, out: string[] = []): string[] {
  if (hasRule(n)) return out;
  if (n === null || typeof n !== 'object' || !anyRule(n)) {
    out.push(ptr);
    return out;
  }
  for (const [k, v] of Object.entries(n as object)) unattributed(v, `${ptr}/${k}`, out);
  return out;
}
const at = (doc: unknown, ptr: string): unknown =>
  ptr
    .split('/')
    .slice(1)
    .reduce<unknown>((n, k) => (n === null || typeof n !== 'object' ? undefined : (n as never)[k]), doc);

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isZhiduError(e) ? `${e.code} ${e.path.join('.')}` : `not a ZhiduError: ${String(e)}`;
  }
  return 'accepted';
}

// Shared with every package shipping preset files: the schema files are current; each file is
// pretty-printed, starts with its $schema, names an existing schema whose modules all accept it; the
// files are exactly what the modules serve.
describePresetFiles(
  'penalty',
  new URL('../../', import.meta.url),
  penaltyModules,
  policySchemaFiles(penaltyModules, { [penaltyLedger.id]: 'penalty' }),
);

describe('the preset JSON files', () => {
  it('are exactly the presets the penalty modules serve, loaded unchanged from the files', () => {
    expect(files.map((f) => f.replace(/\.json$/, ''))).toEqual(Object.keys(PRESET_JSON).sort());
    for (const m of penaltyModules)
      expect([...m.presetNames].sort()).toEqual(Object.keys(PRESET_JSON).sort());
    for (const f of files) expect(PRESET_JSON[f.replace(/\.json$/, '')]).toEqual(json(f));
    expect(seedFiles).toHaveLength(8);
    expect(files.filter(isExample)).toEqual([
      'example-jinma-auto-group.json',
      'example-qingshan-building-materials.json',
    ]);
  });

  it('name the one schema file by $schema, and defineSchedule accepts them', () => {
    for (const f of files) {
      const doc = json(f);
      expect(doc.$schema).toBe('../schema/penalty.policy.schema.json');
      expect(defineSchedule(doc).params.items.length).toBe((doc.params as { items: unknown[] }).items.length);
    }
  });

  it('validate to the policies of the preset functions (PRESETS), citations included', () => {
    const kebab = (n: string): string => n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    for (const [name, make] of Object.entries(PRESETS)) {
      expect(canonicalJson(penaltyLedger.preset(kebab(name)))).toBe(canonicalJson(make()));
      expect(make().citations?.['/params/window']?.rule).toMatch(/^S\d{3}[AB]?-[A-Z]+-\d{2}$/);
    }
  });

  it('attribute every parameter to a catalog rule: an item’s own rule or a citation', () => {
    for (const f of files) {
      const doc = json(f);
      const citations = doc.citations as Record<string, { rule: string; clause?: string }>;
      const open = unattributed(doc.params, '/params');
      expect(open.length, f).toBeGreaterThan(0);
      for (const ptr of open) expect(Object.keys(citations), `${f} ${ptr}`).toContain(ptr);
      for (const [ptr, c] of Object.entries(citations)) {
        expect(at(doc, ptr), `${f} ${ptr} points at a value`).not.toBeUndefined();
        expect(catalog, `${f} ${c.rule} is a catalog id`).toContain(`| ${c.rule} |`);
        expect(c.clause).toMatch(isExample(f) ? /^(金马细则|青山办法)第/ : /^00\d /);
      }
    }
    expect(json('dealer-file.json').citations).toMatchObject({
      '/params/window': { rule: 'S000-PENALTY-06' },
      '/params/latenessRounding': { rule: 'S000-PENALTY-09' },
    });
  });

  it('state money in integer fen (50 CNY is 5000)', () => {
    const amounts: unknown[] = [];
    const walk = (n: unknown): void => {
      if (n === null || typeof n !== 'object') return;
      const o = n as Record<string, unknown>;
      if (o.kind === 'fine') amounts.push(o.amount);
      for (const v of Object.values(o)) walk(v);
    };
    for (const f of seedFiles) walk(json(f).params);
    expect(amounts.length).toBe(100); // every fine of the eight seed schedules
    expect(amounts.every((a) => Number.isInteger(a) && (a as number) > 0)).toBe(true);
    const sc = (
      json('dealer-file.json').params as { items: { id: string; charges: { outcome: object }[] }[] }
    ).items.find((i) => i.id === 'sc-late-handover');
    expect(sc?.charges[0]?.outcome).toEqual({ kind: 'fine', amount: 5000, per: 'item' });
  });

  it('exchange-member lists every conduct code once, in its tier (S001B-PENALTY-01…09)', () => {
    const items = (
      json('exchange-member.json').params as {
        items: {
          id: string;
          rule: string;
          match: { code: string };
          charges: { outcome: { measures?: string[]; select?: string } }[];
        }[];
      }
    ).items;
    const codes = ExchangeConductSchema.options;
    expect(items.map((i) => i.id)).toEqual([...codes]);
    const rules = {
      RECTIFICATION: ['S001B-PENALTY-01', 'S001B-PENALTY-06'],
      GENERAL_MENU: ['S001B-PENALTY-02', 'S001B-PENALTY-04'],
      WARNING_TALK: ['S001B-PENALTY-07'],
      REVOCATION: ['S001B-PENALTY-08', 'S001B-PENALTY-09'],
    } as const;
    for (const [k, code] of codes.entries()) {
      const item = items[k];
      const tier = exchangeTier(code);
      expect(item?.match.code).toBe(`exchange.conduct.${code}`);
      expect(rules[tier as keyof typeof rules] as readonly string[]).toContain(item?.rule);
      if (tier === 'GENERAL_MENU') {
        expect(item?.charges[0]?.outcome).toEqual({
          kind: 'sanction',
          measures: Object.values(MEASURES),
          select: 'oneOrMore',
        });
      }
    }
  });
});

describe('a company’s copy of a preset file', () => {
  const copy = (): Record<string, unknown> => json('dealer-file.json');

  it('keeps its $schema and validates; its changed number is the one priced', () => {
    const doc = copy();
    const items = (doc.params as { items: { id: string; charges: { outcome: { amount: number } }[] }[] })
      .items;
    const first = items.find((i) => i.id === 'sc-late-handover');
    if (first?.charges[0] === undefined) throw new Error('sc-late-handover has a charge');
    first.charges[0].outcome.amount = 8000;
    const d = penaltyLedger.evaluate(
      {
        violations: [
          {
            code: 'records.handover.late',
            personId: 'sc-1',
            role: 'salesConsultant',
            occurredAt: '2024-03-08T10:00:00+08:00',
            source: { module: 'records', rule: 'S000-ARCHIVE-07' },
          },
        ],
      },
      doc,
      { now: '2024-03-31T12:00:00+08:00', calendar: chinaCalendar() },
    );
    expect(d.value.result.total).toBe(8000);
  });

  it('citations change the policy hash, never the decision', () => {
    const withCitations = copy();
    const without = copy();
    delete without.citations;
    const run = (p: unknown) =>
      penaltyEnforcement.evaluate({ role: 'archiveAdmin' }, p, { now: '2024-03-31T12:00:00+08:00' });
    expect(run(withCitations).value).toEqual(run(without).value);
    expect(run(withCitations).provenance.policy.hash).not.toBe(run(without).provenance.policy.hash);
  });

  it('is refused with a ZhiduError naming the field: a misspelt key, fractional fen, a citation that is not a pointer', () => {
    const misspelt = copy();
    (misspelt.params as Record<string, unknown>).windw = 'calendarMonth';
    expect(refusal(() => penaltyLedger.policy(misspelt))).toBe('unknown_key policy.params.windw');

    const fractional = copy();
    const items = (fractional.params as { items: { charges: { outcome: { amount: number } }[] }[] }).items;
    if (items[0]?.charges[0] === undefined) throw new Error('the first item has a charge');
    items[0].charges[0].outcome.amount = 50.5;
    expect(refusal(() => penaltyLedger.policy(fractional))).toMatch(
      /^\S+ policy\.params\.items\.0\.charges\.0\.outcome\.amount$/,
    );

    const badCitation = copy();
    badCitation.citations = { 'params/window': { rule: 'S000-PENALTY-06' } };
    expect(refusal(() => penaltyLedger.policy(badCitation))).toMatch(/^\S+ policy\.citations/);
  });

  it('customerFilingSchedule(options) still refuses malformed options with the path of the option', () => {
    expect(refusal(() => customerFilingSchedule({ shares: [70] as never }))).toMatch(/^\S+ options\.shares/);
    expect(customerFilingSchedule().params.items[0]?.charges[0]).toEqual({
      to: [{ kind: 'violator' }, { kind: 'role', role: 'departmentSupervisor' }],
      outcome: { kind: 'lossBands', lossField: 'lossFen', bands: [] },
    });
  });
});

describe('the published policy JSON Schema', () => {
  it('is the one generated from the modules (regenerate: node --conditions=@zhidu/source --import tsx packages/penalty/scripts/schema.ts)', () => {
    expect(readdirSync(schemaDir)).toEqual(['penalty.policy.schema.json']);
    const shipped = JSON.parse(readFileSync(new URL('penalty.policy.schema.json', schemaDir), 'utf8'));
    for (const m of penaltyModules) expect(shipped).toEqual(m.jsonSchema.policy);
    expect(shipped.properties.params.required).toEqual(
      expect.arrayContaining(['window', 'latenessRounding', 'items', 'escalations', 'caps']),
    );
  });
});
