import '../../test/pii-guard.js';
import { readdirSync, readFileSync } from 'node:fs';
import { canonicalJson, isZhiduError, policySchemaFiles } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { describePresetFiles } from '../../../core/test/preset-files.js';
import * as dealer from '../catalog/dealer.js';
import * as property from '../catalog/property.js';
import * as realEstate from '../catalog/real-estate.js';
import * as salesOffice from '../catalog/sales-office.js';
import { recordsAccess, recordsHandover, recordsModules } from '../modules.js';
import { defineRecordsPolicy } from '../policy.js';
import { PRESET_JSON, recordsPresets } from './index.js';

// The bundled presets are JSON files (packages/records/presets/*.json) beside the policy JSON Schema
// they name (packages/records/schema/records.policy.schema.json).
const presetDir = new URL('../../presets/', import.meta.url);
const schemaDir = new URL('../../schema/', import.meta.url);
const files = readdirSync(presetDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const text = (file: string): string => readFileSync(new URL(file, presetDir), 'utf8');
const json = (file: string): Record<string, unknown> => JSON.parse(text(file)) as Record<string, unknown>;
const catalog = readFileSync(new URL('../../../../docs/catalog.md', import.meta.url), 'utf8');
const kebab = (n: string): string => n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const hasRule = (n: unknown): boolean =>
  n !== null &&
  typeof n === 'object' &&
  !Array.isArray(n) &&
  typeof (n as { rule?: unknown }).rule === 'string';
const anyRule = (n: unknown): boolean =>
  hasRule(n) || (n !== null && typeof n === 'object' && Object.values(n as object).some(anyRule));
/** JSON pointers of the params subtrees no enclosing object with a `rule` field attributes. */
function unattributed(n: unknown, ptr: string, out: string[] = []): string[] {
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

type FileType = { id: string };
type Params = {
  fileTypes: FileType[];
  accessRules?: { rule: string; fileTypes: string[]; actions: string[] }[];
};

// Shared with every package shipping preset files: the schema files are current; each file is
// pretty-printed, starts with its $schema, names an existing schema whose modules all accept it; the
// files are exactly what the modules serve.
describePresetFiles(
  'records',
  new URL('../../', import.meta.url),
  recordsModules,
  policySchemaFiles(recordsModules, { [recordsHandover.id]: 'records' }),
);

describe('the preset JSON files', () => {
  it('are exactly the records presets, loaded unchanged from the files', () => {
    const names = Object.keys(recordsPresets).map(kebab).sort();
    expect(files.map((f) => f.replace(/\.json$/, ''))).toEqual(names);
    expect(Object.keys(PRESET_JSON).sort()).toEqual(names);
    for (const f of files) expect(PRESET_JSON[f.replace(/\.json$/, '')]).toEqual(json(f));
    for (const [name, policy] of Object.entries(recordsPresets)) {
      expect(canonicalJson(policy)).toBe(canonicalJson(defineRecordsPolicy(json(`${kebab(name)}.json`))));
    }
    // The ten seed presets and two fictitious companies' own (example-lanting-realty, example-qinghe-motors).
    expect(files).toHaveLength(12);
  });

  it('are served by every records module whose check the policy has (89 module presets: records.cadence serves sales-office and leasing-archive)', () => {
    const served = recordsModules.flatMap((m) => m.presetNames.map((n) => `${m.id}/${n}`));
    expect(served).toHaveLength(89);
    for (const m of recordsModules) {
      for (const n of m.presetNames)
        expect(canonicalJson(m.preset(n))).toBe(canonicalJson(m.policy(json(`${n}.json`))));
    }
    expect(recordsAccess.presetNames).toContain('sales-company-files');
  });

  it('name the one schema file by $schema', () => {
    for (const f of files) {
      const doc = json(f);
      expect(doc.$schema).toBe('../schema/records.policy.schema.json');
    }
  });

  it('attribute every parameter to a catalog rule: the rule of its object or a citation', () => {
    let cited = 0;
    for (const f of files) {
      const doc = json(f);
      const citations = (doc.citations ?? {}) as Record<string, { rule: string; clause?: string }>;
      // The validated policy: the schema's defaults (defaultAccess: 'deny') are parameters too; a null
      // or an empty list (no review interval, no loans, no workflows …) sets nothing.
      const policy = defineRecordsPolicy(doc);
      const setsSomething = (v: unknown): boolean => v !== null && !(Array.isArray(v) && v.length === 0);
      for (const ptr of unattributed(policy.params, '/params').filter((p) => setsSomething(at(policy, p))))
        expect(Object.keys(citations), `${f} ${ptr}`).toContain(ptr);
      for (const [ptr, c] of Object.entries(citations)) {
        cited++;
        expect(at(policy, ptr), `${f} ${ptr} points at a value`).not.toBeUndefined();
        expect(catalog, `${f} ${c.rule} is a catalog id`).toContain(`| ${c.rule} |`);
        // A seed preset cites the seed's lines; a fictitious company (example-*) its own regulation.
        if (f.startsWith('example-'))
          expect(c.clause).toContain((doc.source as { title: string }).title.slice(0, 4));
        else expect(c.clause).toMatch(/^00\d_[0-9a-f]{16}\.txt L\d+/);
      }
    }
    // defaultAccess in all ten, unmaskRoles in the five that name roles reading numbers unmasked; the
    // fictitious companies' nine (defaultAccess, backupIntervalHours, places, registers in both, and
    // unmaskRoles in example-lanting-realty)
    expect(cited).toBe(24);
    expect(json('dealer-files.json').citations).toEqual({
      '/params/unmaskRoles': {
        rule: 'S000-ARCHIVE-03',
        clause: '000_4818bcf0bb2aaeac.txt L203 (客户关爱部设立档案管理人员)',
      },
      '/params/defaultAccess': {
        rule: 'S000-ACCESS-01',
        clause: '000_4818bcf0bb2aaeac.txt L207 (防止被他人盗用、窃取: default deny)',
      },
    });
  });

  it('carry the file types of the package’s catalog unchanged (one definition, not two)', () => {
    const byId = new Map<string, unknown>();
    for (const mod of [dealer, property, realEstate, salesOffice]) {
      for (const v of Object.values(mod)) {
        for (const t of Array.isArray(v) ? v : [v]) byId.set((t as FileType).id, t);
      }
    }
    let compared = 0;
    // A fictitious company's preset (example-*) defines its own file types, as a company would.
    for (const f of files.filter((name) => !name.startsWith('example-'))) {
      for (const t of (json(f).params as Params).fileTypes) {
        expect(byId.has(t.id), `${f} ${t.id} is in the catalog`).toBe(true);
        expect(t, `${f} ${t.id}`).toEqual(JSON.parse(JSON.stringify(byId.get(t.id))));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('sales-office: every catalog form has its write rule, by its author (S001-ACCESS-03)', () => {
    const rules = (json('sales-office.json').params as Params).accessRules ?? [];
    for (const form of salesOffice.salesOfficeForms) {
      const r = rules.find((x) => x.actions.includes('write') && x.fileTypes.includes(form.id));
      expect(r?.rule, form.id).toBe(form.rule === 'S001-ARCHIVE-10' ? 'S001-ARCHIVE-10' : 'S001-ACCESS-03');
    }
    const forms = new Set(salesOffice.salesOfficeForms.map((f) => f.id));
    const formWrites = rules.filter(
      (r) => r.actions.includes('write') && r.fileTypes.some((t) => forms.has(t)),
    );
    expect(formWrites).toHaveLength(forms.size);
  });
});

describe('a company’s copy of a preset file', () => {
  const copy = (): Record<string, unknown> => json('sales-company-files.json');

  it('keeps its $schema and validates; its changed role list is the one applied', () => {
    const doc = copy();
    (doc.params as { unmaskRoles: string[] }).unmaskRoles = ['generalManager'];
    expect(recordsAccess.policy(doc).params.unmaskRoles).toEqual(['generalManager']);
  });

  it('citations change the policy hash, never the decision', () => {
    const without = copy();
    delete without.citations;
    const request = {
      actor: { id: 'u1', roles: ['salesperson'] },
      action: 'view' as const,
      file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' },
    };
    const run = (p: unknown) => recordsAccess.evaluate(request, p, { now: '2024-03-05T10:00:00+08:00' });
    expect(run(copy()).value).toEqual(run(without).value);
    expect(run(copy()).value.result).toMatchObject({ allowed: false });
    expect(run(copy()).provenance.policy.hash).not.toBe(run(without).provenance.policy.hash);
  });

  it('is refused with a ZhiduError naming the field: a misspelt key, a citation that is not a pointer', () => {
    const misspelt = copy();
    (misspelt.params as Record<string, unknown>).unmaskRole = ['archiveAdmin'];
    expect(refusal(() => recordsAccess.policy(misspelt))).toBe('unknown_key policy.params.unmaskRole');
    const badCitation = copy();
    badCitation.citations = { 'params/unmaskRoles': { rule: 'S000-ACCESS-03' } };
    expect(refusal(() => recordsAccess.policy(badCitation))).toMatch(/^\S+ policy\.citations/);
    const noRule = copy();
    noRule.citations = { '/params/unmaskRoles': { clause: 'L305' } };
    expect(refusal(() => recordsAccess.policy(noRule))).toMatch(/^\S+ policy\.citations\./);
  });
});

describe('the published policy JSON Schema', () => {
  it('is the one generated from the modules (regenerate: node --conditions=@zhidu/source --import tsx packages/records/scripts/schema.ts)', () => {
    expect(readdirSync(schemaDir)).toEqual(['records.policy.schema.json']);
    const shipped = JSON.parse(readFileSync(new URL('records.policy.schema.json', schemaDir), 'utf8'));
    for (const m of recordsModules) expect(shipped).toEqual(m.jsonSchema.policy);
    expect(shipped.properties.params.required).toContain('fileTypes');
  });
});
