import { readdirSync, readFileSync } from 'node:fs';
import { canonicalJson, isZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { serviceModules } from './modules.js';
import { policySchemaFiles } from './schema-files.js';

const dir = (d: string) => new URL(`../${d}/`, import.meta.url);
const presetFiles = readdirSync(dir('presets'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort();
const text = (f: string) => readFileSync(new URL(f, dir('presets')), 'utf8');
const files = policySchemaFiles();
const moduleById = new Map<string, (typeof serviceModules)[number]>(serviceModules.map((m) => [m.id, m]));

/** The value at a JSON pointer, or `undefined`. */
const at = (json: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      json,
    );

describe('the published policy JSON Schemas (regenerate: node --conditions=@zhidu/source --import tsx packages/service/scripts/schema.ts)', () => {
  it('every shipped schema file is the one generated from its modules, and none is missing or left over', () => {
    const shipped = readdirSync(dir('schema'))
      .filter((f) => f.endsWith('.policy.schema.json'))
      .sort();
    expect(shipped).toEqual([...files.keys()].sort());
    for (const [file, { schema }] of files) {
      expect(JSON.parse(readFileSync(new URL(file, dir('schema')), 'utf8')), file).toEqual(schema);
    }
  });
});

describe('the preset files in presets/', () => {
  it('are pretty-printed JSON (2-space indent, trailing newline), each starting with its $schema', () => {
    expect(presetFiles.length).toBeGreaterThan(0);
    for (const f of presetFiles) {
      const json = JSON.parse(text(f));
      expect(text(f), f).toBe(`${JSON.stringify(json, null, 2)}\n`);
      expect(Object.keys(json)[0], f).toBe('$schema');
    }
  });

  it('name an existing schema file in $schema, and every module of that schema accepts the file', () => {
    for (const f of presetFiles) {
      const json = JSON.parse(text(f));
      const depth = f.split('/').length - 1;
      const prefix = `${'../'.repeat(depth + 1)}schema/`;
      expect(json.$schema.startsWith(prefix), `${f}: ${json.$schema}`).toBe(true);
      const entry = files.get(json.$schema.slice(prefix.length));
      expect(entry, `${f}: ${json.$schema}`).toBeDefined();
      for (const id of entry?.modules ?? []) {
        expect(moduleById.get(id)?.policy(json).id, `${f} under ${id}`).toBe(json.id);
      }
    }
  });

  it('are what the modules serve: each module preset is its file, validated, and each file is served', () => {
    const served = new Set<string>();
    for (const m of serviceModules) {
      for (const name of m.presetNames) {
        const f = presetFiles.find((x) => x === `${name}.json` || x === `${m.id.split('.')[1]}/${name}.json`);
        expect(f, `${m.id}/${name}`).toBeDefined();
        served.add(f as string);
        expect(canonicalJson(m.preset(name)), `${m.id}/${name}`).toBe(
          canonicalJson(m.policy(JSON.parse(text(f as string)))),
        );
      }
    }
    expect([...served].sort()).toEqual(presetFiles);
  });

  it('cite existing values only: every citation pointer names a value of the file', () => {
    for (const f of presetFiles) {
      const json = JSON.parse(text(f));
      for (const pointer of Object.keys(json.citations ?? {})) {
        expect(at(json, pointer), `${f} ${pointer}`).toBeDefined();
      }
    }
  });

  it('the defaults of the sales, revisit and leasing sections live in the schema: a file leaving them out means the same policy', () => {
    const defaults: Record<string, Record<string, unknown>> = {
      sales: {
        visitQuotas: {},
        preApprovalKinds: [],
        approvalRequiredBeforeActivity: true,
        pruneAfterFruitlessVisits: null,
        trackingFormGrades: [],
        seniorVisitGrades: [],
        seniorVisitSelectableGrades: [],
        maintenanceCategories: [],
        noticeLeadDays: null,
      },
      revisit: {
        planOwnerRole: null,
        planMustCover: [],
        phoneAllowedFromRevisitNumber: null,
        onSiteOnlyLevels: [],
        openLetter: null,
        estate: null,
        dissatisfied: null,
        visitTypes: null,
        review: null,
      },
      leasing: {
        areaTolerancePercent: null,
        flexibleTerms: [],
        negotiationLocations: [],
        bookingsPerSlot: 1,
        consultationSteps: [],
      },
    };
    let trimmedFields = 0;
    for (const f of presetFiles) {
      const json = JSON.parse(text(f));
      const m = serviceModules[0];
      for (const [section, values] of Object.entries(defaults)) {
        const params = json.params[section];
        if (params === undefined) continue;
        for (const [k, v] of Object.entries(values)) {
          if (canonicalJson(params[k]) === canonicalJson(v)) {
            delete params[k];
            trimmedFields++;
          }
        }
      }
      expect(canonicalJson(m?.policy(json)), f).toBe(canonicalJson(m?.policy(JSON.parse(text(f)))));
    }
    expect(trimmedFields).toBeGreaterThan(20);
  });

  it('a preset file with a wrong value is refused with a ZhiduError naming the field', () => {
    const [f] = presetFiles;
    const json = JSON.parse(text(f as string));
    const m = serviceModules.find((x) =>
      x.presetNames.includes(
        (f as string)
          .replace(/\.json$/, '')
          .split('/')
          .pop() as string,
      ),
    );
    let caught: unknown;
    try {
      m?.policy({ ...json, version: 7 });
    } catch (e) {
      caught = e;
    }
    expect(isZhiduError(caught) ? `${caught.code} ${caught.path.join('.')}` : caught).toBe(
      'invalid_input policy.version',
    );
  });
});
