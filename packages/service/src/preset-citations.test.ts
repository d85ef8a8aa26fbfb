import { readdirSync, readFileSync } from 'node:fs';
import { canonicalJson, isZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { unattributedParameters } from '../../core/test/preset-files.js';
import { FollowUpRuleSchema } from './followup/programme-schema.js';
import { defineServicePolicy } from './policy.js';

const dir = new URL('../presets/', import.meta.url);
const presetFiles = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const read = (f: string) => JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
const catalog = readFileSync(new URL('../../../docs/catalog.md', import.meta.url), 'utf8');

/** The value at a JSON pointer, or `undefined`. */
const at = (json: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      json,
    );

describe('service preset citations', () => {
  it.each(presetFiles)(
    '%s: every preset parameter is attributed to a catalog rule (own `rule` field or a citation)',
    (f) => {
      const json = read(f);
      expect(unattributedParameters(json)).toEqual([]);
      for (const [pointer, { rule, clause }] of Object.entries<{ rule: string; clause?: string }>(
        json.citations ?? {},
      )) {
        // a citation names a value of the file, a rule of the catalog and the seed line
        expect(at(json, pointer), `${f} ${pointer}`).not.toBeUndefined();
        expect(catalog, `${f} ${pointer}`).toContain(`| ${rule} |`);
        expect(clause, `${f} ${pointer}`).toMatch(/^00[0-4] L\d/);
      }
    },
  );

  it('the attribution check reports a parameter whose citation is taken away, and one a citation does not reach', () => {
    const json = read('s001-conference-marketing.json');
    expect(unattributedParameters(json)).toEqual([]);
    delete json.citations['/params/referral/salesUnit'];
    json.params.referral.extra = { nested: [1, 2] };
    expect(unattributedParameters(json)).toEqual([
      '/params/referral/salesUnit',
      '/params/referral/extra/nested/0',
      '/params/referral/extra/nested/1',
    ]);
    // an object with its own rule covers everything inside it
    json.params.referral.extra.rule = 'S001-REFERRAL-02';
    expect(unattributedParameters(json)).toEqual(['/params/referral/salesUnit']);
  });

  it('a value the regulation leaves unstated is cited to the rule of its section and says so', () => {
    let notStated = 0;
    for (const f of presetFiles) {
      for (const { clause } of Object.values<{ clause?: string }>(read(f).citations ?? {})) {
        if (clause?.includes('not stated by this regulation')) notStated++;
      }
    }
    expect(notStated).toBe(131);
    const revisit = read('s000b-property-revisit.json').citations;
    expect(revisit['/params/revisit/phoneAllowedFromRevisitNumber'].rule).toBe('S000B-FOLLOWUP-10');
    expect(revisit['/params/revisit/estate'].clause).toContain('not stated');
  });
});

/** The defaults of a follow-up rule, stated once in its zod schema. */
const RULE_DEFAULTS = {
  allowedRoles: [],
  channels: [],
  ratePeriod: 'month',
  lateCountsForRate: false,
  exemptFlags: [],
  severity: 'hard',
  latenessUnit: 'calendarDays',
} as const;

const minimalRule = {
  rule: 'S002-SLA-07',
  clause: '002 L338 §3.5.4',
  key: 'repairPhoneRevisit',
  zh: '维修完工电话回访',
  en: 'phone revisit after a repair',
  trigger: 'repairSignedOff',
  action: 'revisit',
  due: { unit: 'workingDays', amount: 1 },
  assigneeRole: 'recordsClerk',
  violationCode: 'service.repairPhoneRevisit',
};

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return isZhiduError(e) ? `${e.code} ${e.path.join('.')}` : String(e);
  }
  return 'accepted';
};

describe('the follow-up rule defaults live in the schema (FollowUpRuleSchema .default())', () => {
  it('a rule stating only its required fields gets any role, any channel, monthly rate, hard severity, calendar days', () => {
    const parsed = FollowUpRuleSchema.parse(minimalRule);
    expect(parsed).toEqual({ ...minimalRule, ...RULE_DEFAULTS });
  });

  it('a stated value wins over the default', () => {
    const parsed = FollowUpRuleSchema.parse({
      ...minimalRule,
      severity: 'soft',
      latenessUnit: 'workingDays',
    });
    expect([parsed.severity, parsed.latenessUnit, parsed.ratePeriod]).toEqual([
      'soft',
      'workingDays',
      'month',
    ]);
  });

  it('every preset file leaving the default values of its follow-up rules out is the same policy', () => {
    let trimmed = 0;
    let rules = 0;
    for (const f of presetFiles) {
      const json = read(f);
      const full = canonicalJson(defineServicePolicy(read(f)));
      for (const rule of (json.params.followUps ?? []) as Record<string, unknown>[]) {
        rules++;
        for (const [k, v] of Object.entries(RULE_DEFAULTS)) {
          if (canonicalJson(rule[k]) === canonicalJson(v)) {
            delete rule[k];
            trimmed++;
          }
        }
      }
      expect(canonicalJson(defineServicePolicy(json)), f).toBe(full);
    }
    // 12 preset files carry 22 follow-up rules (one in each fictitious company's); most rules state
    // most defaults.
    expect(rules).toBe(22);
    expect(trimmed).toBeGreaterThan(rules * 3);
  });

  it('a wrong value in place of a default is still refused, naming the field', () => {
    const policy = (rule: Record<string, unknown>) => () =>
      defineServicePolicy({
        id: 'x',
        version: '1',
        effectiveFrom: '2000-01-01',
        source: { title: 't' },
        params: { followUps: [rule] },
      });
    expect(refusal(policy({ ...minimalRule, severity: 'medium' }))).toBe(
      'invalid_input policy.params.followUps.0.severity',
    );
    expect(refusal(policy({ ...minimalRule, channels: 'phone' }))).toBe(
      'invalid_input policy.params.followUps.0.channels',
    );
    expect(refusal(policy({ ...minimalRule, lateCountsForRate: null }))).toBe(
      'invalid_input policy.params.followUps.0.lateCountsForRate',
    );
    // `undefined` is "left out": the default applies.
    expect(refusal(policy({ ...minimalRule, ratePeriod: undefined }))).toBe('accepted');
  });
});
