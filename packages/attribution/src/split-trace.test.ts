import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeContext, mergePatch, parseScenario, scenarioPolicy } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { pct } from './deal-attribution.js';
import { attributionOwnership } from './modules.js';

// The trace of a split reads the policy's `params.splits`, not the seed's 80/20 and 50/50: a company
// with a 70/30 policy reads 70/30 in both languages.
const dir = join(import.meta.dirname, '..', 'scenarios', 'salesOffice001');
const seventyThirty = {
  params: {
    splits: {
      refused: { receiver: 70, previous: 30 },
      assist: { previous: 70, assistant: 30 },
      forgotFound: { receiver: 70, previous: 30 },
      nthDesignated: { designee: 70, previous: 30 },
      multiNamed: { owner: 70, receiver: 30 },
      sameDayReturning: { receiver: 70, previous: 30 },
    },
  },
};

function traceOf(file: string, rule: string, patch: object = seventyThirty) {
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const s = parseScenario({ ...json, policyPatch: mergePatch(json.policyPatch ?? {}, patch) });
  const policy = scenarioPolicy(s, attributionOwnership);
  const d = attributionOwnership.evaluate(
    s.input as Parameters<typeof attributionOwnership.evaluate>[0],
    policy as Parameters<typeof attributionOwnership.evaluate>[1],
    makeContext({ now: s.context.now ?? '2024-12-31T00:00:00+08:00' }),
  );
  return d.trace.filter((t) => t.rule === rule).map((t) => t.message);
}

describe('split trace messages are built from params.splits', () => {
  const cases: [string, string, RegExp, RegExp][] = [
    ['attr18-refused-valid.scenario.json', 'S001-ATTR-18', /:70%,.*:30%/, / 70 % \/ .* 30 %/],
    ['attr15-criteria-default.scenario.json', 'S001-ATTR-19', /:70%,.*:30%/, / 70 % \/ .* 30 %/],
    [
      'attr15-reception50-same-day.scenario.json',
      'S001-ATTR-15',
      /当日成交,奖金.*:70%,.*:30%/,
      /same day: bonus .* 70 % \/ .* 30 %/,
    ],
    [
      'e2e-4-forgot-then-lookup.scenario.json',
      'S001-ATTR-23',
      /奖金.*:70%,.*:30%/,
      /bonus .* 70 % \/ .* 30 %/,
    ],
    ['attr24-nth-designated.scenario.json', 'S001-ATTR-24', /:70%,.*:30%/, / 70 % \/ .* 30 %/],
  ];
  for (const [file, rule, zh, en] of cases) {
    it(`${rule}: a 70/30 policy reads 70/30 in the Chinese and English trace (${file})`, () => {
      const messages = traceOf(file, rule);
      expect(messages.some((m) => zh.test(m.zh))).toBe(true);
      expect(messages.some((m) => en.test(m.en))).toBe(true);
      expect(messages.map((m) => `${m.zh} ${m.en}`).join(' ')).not.toMatch(/80|五五|50\/50|各占一半/);
    });
  }

  it('S001-ATTR-18: the seed preset still reads 80/20 (receiver 80 %, refused previous 20 %)', () => {
    const messages = traceOf('attr18-refused-valid.scenario.json', 'S001-ATTR-18', {});
    expect(messages.some((m) => /:80%,.*:20%/.test(m.zh) && / 80 % \/ .* 20 %/.test(m.en))).toBe(true);
  });

  it('pct prints a share with at most two decimals', () => {
    expect([pct(70), pct(33.33), pct(12.5), pct(0)]).toEqual(['70', '33.33', '12.5', '0']);
  });
});
