import { canonicalJson, isZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { describePresetFiles } from '../../core/test/preset-files.js';
import { serviceModules } from './modules.js';
import { policySchemaFiles } from './schema-files.js';

const { presetFiles, text } = describePresetFiles(
  'service',
  new URL('../', import.meta.url),
  serviceModules,
  policySchemaFiles(),
);

/** The value at a JSON pointer, or `undefined`. */
const at = (json: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      json,
    );

describe('the preset files in presets/', () => {
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
