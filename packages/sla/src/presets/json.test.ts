import { readdirSync, readFileSync } from 'node:fs';
import { isZhiduError, policySchemaFiles } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  construction000Preset,
  dealer000Preset,
  dealerGroup000Preset,
  leasing000bPreset,
  logistics001bPreset,
  propertyService004Preset,
  SLA_PRESET_JSON,
  SLA_PRESETS,
  type SlaPresetName,
  slaModules,
  slaTimers,
} from '../index.js';

const dir = new URL('../../presets/', import.meta.url);
const schemaDir = new URL('../../schema/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();
const text = (name: string) => readFileSync(new URL(`${name}.json`, dir), 'utf8');
const json = (name: string) => JSON.parse(text(name)) as Record<string, unknown>;

/** The pointers at which two JSON values differ (arrays of different length differ as a whole). */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length)
      return a.flatMap((x, i) => differences(x, b[i], `${at}/${i}`));
    if (!Array.isArray(a) && !Array.isArray(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      return [...keys].flatMap((k) =>
        differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}/${k}`),
      );
    }
  }
  return [at];
}

/** Every leaf of `params` as a JSON pointer, with whether an enclosing object carries its own `rule`. */
function leaves(value: unknown, at: string, ruled: boolean, out: { at: string; ruled: boolean }[]) {
  if (value !== null && typeof value === 'object') {
    const own = !Array.isArray(value) && typeof (value as { rule?: unknown }).rule === 'string';
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    if (entries.length === 0) out.push({ at, ruled: ruled || own });
    for (const [k, v] of entries) leaves(v, `${at}/${k}`, ruled || own, out);
    return out;
  }
  out.push({ at, ruled });
  return out;
}

const catalog = readFileSync(new URL('../../../../docs/catalog.md', import.meta.url), 'utf8');

describe('the preset JSON files (packages/sla/presets)', () => {
  it('the published policy JSON Schema is the one generated from the zod schema (regenerate: node --conditions=@zhidu/source --import tsx packages/sla/scripts/schema.ts)', () => {
    const shipped = JSON.parse(readFileSync(new URL('sla.policy.schema.json', schemaDir), 'utf8'));
    expect(shipped).toEqual(slaTimers.jsonSchema.policy);
    const generated = policySchemaFiles(slaModules, { [slaTimers.id]: 'sla' });
    expect([...generated.keys()]).toEqual(['sla.policy.schema.json']);
    expect(shipped).toEqual(generated.get('sla.policy.schema.json')?.schema);
    // one file serves every sla.* module: they share the policy schema
    for (const m of slaModules) expect(m.jsonSchema.policy).toEqual(shipped);
    expect(readdirSync(schemaDir)).toEqual(['sla.policy.schema.json']);
  });

  it('one file per bundled preset, nothing unregistered and nothing missing', () => {
    expect(files).toEqual(Object.keys(SLA_PRESET_JSON).sort());
    expect(Object.keys(SLA_PRESETS)).toEqual(Object.keys(SLA_PRESET_JSON));
    expect(files).toHaveLength(32);
    for (const m of slaModules) for (const name of m.presetNames) expect(files).toContain(name);
  });

  it.each(files)(
    '%s: pretty-printed, its $schema names the shipped schema, and every module offering it accepts it',
    (name) => {
      const body = json(name);
      expect(text(name)).toBe(`${JSON.stringify(body, null, 2)}\n`);
      expect(body).toEqual(SLA_PRESET_JSON[name as SlaPresetName]);
      expect(body.$schema).toBe('../schema/sla.policy.schema.json');
      expect(readdirSync(new URL(String(body.$schema), dir).pathname.replace(/[^/]+$/, ''))).toContain(
        'sla.policy.schema.json',
      );
      const offering = slaModules.filter((m) => m.presetNames.includes(name));
      expect(offering.length).toBeGreaterThan(0);
      for (const m of offering) {
        const p = m.policy(body);
        expect(p.id).toMatch(/^zhidu\.sla\./);
        expect(m.preset(name)).toEqual(p);
      }
    },
  );

  it.each(files)(
    '%s: every parameter is attributed to a catalog rule (own `rule` field or a citation)',
    (name) => {
      const body = json(name) as { params: unknown; citations?: Record<string, { rule: string }> };
      const cited = Object.keys(body.citations ?? {});
      const open = leaves(body.params, '/params', false, [])
        .filter((l) => !l.ruled)
        .filter((l) => !cited.some((c) => l.at === c || l.at.startsWith(`${c}/`)));
      expect(open).toEqual([]);
      for (const [pointer, { rule }] of Object.entries(body.citations ?? {})) {
        // a citation names a value that exists, and a rule of the catalog
        const value = pointer
          .slice(1)
          .split('/')
          .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], body);
        expect(value, pointer).not.toBeUndefined();
        expect(catalog, rule).toContain(`| ${rule} |`);
      }
    },
  );

  // A variant is its preset with one reading changed, at these places and nowhere else.
  const variants: [string, string, (d: string[]) => void][] = [
    [
      'conference-marketing-001-calendar-days',
      'conference-marketing-001',
      (d) =>
        expect(d).toEqual([
          '/params/timers/0/target/spec/unit',
          '/params/timers/0/target/spec/amount',
          '/params/timers/0/target/spec/at',
        ]),
    ],
    [
      'construction-000-pdc-director',
      'construction-000',
      (d) => expect(d).toEqual(['/params/timers/26/breach/roles/0']),
    ],
    [
      'construction-000-before-fifth',
      'construction-000',
      (d) => expect(d).toEqual(['/params/recurring/2/due/inclusive', '/params/recurring/3/due/inclusive']),
    ],
    [
      'construction-000-recheck-unfined',
      'construction-000',
      (d) => expect(d).toEqual(['/params/timers/38/breach']),
    ],
    ['dealer-000-from-receipt', 'dealer-000', (d) => expect(d).toEqual(['/params/timers/0/start/0/type'])],
    [
      'logistics-001b-manual-escalation',
      'logistics-001b',
      (d) => expect(d).toEqual(['/params/timers/0/escalations']),
    ],
    [
      'new-customer-development-001-clocks-run-in-pause',
      'new-customer-development-001',
      (d) =>
        expect(d).toEqual([
          // the pause events stay part of the log (declared, cited to S001-MILE-05) instead of stopping the clocks
          ...[0, 1, 2].flatMap((i) => [`/params/timers/${i}/pause`, `/params/timers/${i}/resume`]),
          '/params/eventTypes',
          '/citations',
        ]),
    ],
    [
      'property-service-004-restore-from-request',
      'property-service-004',
      (d) => expect(d).toEqual(['/params/timers/25/start/0/type', '/params/settings/carParkRestoreFrom']),
    ],
    [
      'property-service-004-notices-before-10th',
      'property-service-004',
      (d) => expect(d).toEqual(['/params/recurring/0/due/inclusive']),
    ],
    [
      'property-service-004-desk-hours',
      'property-service-004',
      (d) => {
        expect(d).toHaveLength(15);
        expect(d.filter((p) => !/^\/params\/timers\/\d+\/target\/spec\/unit$/.test(p))).toEqual([
          '/params/settings/frontDeskBusinessHoursOnly',
        ]);
      },
    ],
  ];
  it.each(variants)('variant %s differs from %s only in its reading', (variant, base, check) => {
    check(differences(json(base), json(variant)));
  });
});

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return isZhiduError(e) ? `${e.code} ${e.path.join('.')}` : `not a ZhiduError: ${String(e)}`;
  }
  return 'no error';
};

describe('the preset functions load the JSON', () => {
  it('return the validated, frozen policy of the file, once', () => {
    const p = logistics001bPreset();
    expect(p).toBe(logistics001bPreset());
    expect(p).toBe(SLA_PRESETS['logistics-001b']());
    expect(Object.isFrozen(p.params.timers[0])).toBe(true);
    expect(p.params.settings.attitudeLimitMonths).toBe(1);
    expect(p.citations?.['/params/settings/attitudeLimitMonths']).toEqual({
      rule: 'S001B-CCLASS-04',
      clause: '001 L1014',
    });
  });

  it('an option naming a reading returns its variant file; its default returns the preset', () => {
    expect(dealer000Preset({ solutionClockFrom: 'received' })).toBe(SLA_PRESETS['dealer-000-from-receipt']());
    expect(dealer000Preset({ solutionClockFrom: 'assigned' })).toBe(dealer000Preset());
    expect(construction000Preset({ fifthInclusive: false })).toBe(
      SLA_PRESETS['construction-000-before-fifth'](),
    );
    expect(
      propertyService004Preset({ frontDeskBusinessHoursOnly: true, carParkRestoreFrom: 'arrival' }),
    ).toBe(SLA_PRESETS['property-service-004-desk-hours']());
    expect(propertyService004Preset().params.quotas.length).toBeGreaterThan(0);
  });

  it('refuse options that were free values (now fields of the JSON), unknown values, two readings, and non-objects', () => {
    expect(refusal(() => leasing000bPreset({ effectiveYear: 2013 } as never))).toBe(
      'invalid_input options.effectiveYear',
    );
    expect(refusal(() => dealerGroup000Preset({ compensationApprovalMatrix: [] } as never))).toBe(
      'invalid_input options.compensationApprovalMatrix',
    );
    expect(refusal(() => dealer000Preset({ solutionClockFrom: 'approved' as never }))).toBe(
      'invalid_input options.solutionClockFrom',
    );
    // a boolean reading given as a string is not the boolean
    expect(refusal(() => propertyService004Preset({ frontDeskBusinessHoursOnly: 'true' as never }))).toBe(
      'invalid_input options.frontDeskBusinessHoursOnly',
    );
    expect(
      refusal(() =>
        propertyService004Preset({ carParkRestoreFrom: 'request', frontDeskBusinessHoursOnly: true }),
      ),
    ).toBe('invalid_input options.frontDeskBusinessHoursOnly');
    expect(refusal(() => logistics001bPreset(null as never))).toBe('invalid_input options');
    expect(refusal(() => logistics001bPreset([] as never))).toBe('invalid_input options');
  });

  it('any options object yields a preset or a ZhiduError, never another exception (property)', () => {
    const fns = [
      construction000Preset,
      dealer000Preset,
      logistics001bPreset,
      propertyService004Preset,
      leasing000bPreset,
    ];
    const value = fc.oneof(
      fc.boolean(),
      fc.constantFrom('received', 'assigned', 'request', 'arrival', 'pdcDirector', 'emcDirector'),
      fc.integer(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const key = fc.constantFrom(
      'solutionClockFrom',
      'fifthInclusive',
      'milestone23Role',
      'carParkRestoreFrom',
      'frontDeskBusinessHoursOnly',
      'autoEscalateAtPlanDeadline',
      'effectiveYear',
      '__proto__',
      'constructor',
    );
    fc.assert(
      fc.property(fc.constantFrom(...fns), fc.dictionary(key, value, { maxKeys: 3 }), (fn, options) => {
        try {
          expect((fn as (o: unknown) => { id: string })(options).id).toMatch(/^zhidu\.sla\./);
        } catch (e) {
          expect(isZhiduError(e)).toBe(true);
        }
      }),
      { seed: 20241204, numRuns: 200 },
    );
  });
});
