// A decision that draws lots depends on its input, its policy and its context's seed — not on how
// many decisions the context made before. The three modules that draw (attribution.ownership's
// reassignment of a departed salesperson's customers, S001-ATTR-28; service.sampling's spot-check
// sample, S002-REVISIT-06; attribution.outreach-allocation's remainder, S001-ATTR-01) took their
// numbers from the context's generator as it stood, so a context made once with `makeContext({ seed })`
// and used again (a preview, then the real call) drew other lots the second time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { attributionOutreach } from '@zhidu/attribution';
import { makeContext, seededRng } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { evaluate } from './index.js';

const scenario = (path: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8')) as {
    input: unknown;
    context: { now: string; seed: number };
    expected: { result: Record<string, unknown> };
  };

const draws = scenario(
  '../../attribution/scenarios/salesOffice001/attr28-transfer-independent-draws.scenario.json',
);
const sample = scenario('../../service/scenarios/example.qingheMotors/spot-check-draws-ten.scenario.json');

describe('one context, the same lots in every decision', () => {
  it('reassigns a transferred salesperson’s customer to the same heir every time (S001-ATTR-28)', () => {
    const ctx = makeContext(draws.context);
    const owners = [1, 2, 3].map(
      () =>
        (
          evaluate('attribution.ownership', draws.input, 'sales-office-001', ctx).value.result as {
            owner: string;
          }
        ).owner,
    );
    // The scenario's expected heir, drawn from seed 12, in every decision.
    expect(draws.expected.result.owner).toBe('D');
    expect(owners).toEqual(['D', 'D', 'D']);
  });

  it('draws the same spot-check sample every time (S002-REVISIT-06)', () => {
    const ctx = makeContext(sample.context);
    const drawn = () =>
      (
        evaluate('service.sampling', sample.input, 'example-qinghe-motors', ctx).value.result as {
          items: { id: string }[];
        }
      ).items.map((i) => i.id);
    const first = drawn();
    expect(first).toHaveLength(10);
    // Another decision drawing from the same context in between changes nothing.
    evaluate('attribution.ownership', draws.input, 'sales-office-001', ctx);
    expect(drawn()).toEqual(first);
    expect(drawn()).toEqual(first);
    // And a context made afresh from the same seed draws the same.
    expect(
      (
        evaluate('service.sampling', sample.input, 'example-qinghe-motors', { ...sample.context }).value
          .result as { items: { id: string }[] }
      ).items.map((i) => i.id),
    ).toEqual(first);
  });

  it('draws each context’s own sample: contexts given other generators at the same now are not mixed up (S002-REVISIT-06)', () => {
    const ids = (ctx: object) =>
      (
        evaluate('service.sampling', sample.input, 'example-qinghe-motors', ctx as { now: string }).value
          .result as {
          items: { id: string }[];
        }
      ).items.map((i) => i.id);
    const now = sample.context.now;
    const one = ids({ now, rng: seededRng(1) });
    const two = ids({ now, rng: seededRng(2) });
    expect(one).toEqual(ids({ now, seed: 1 }));
    expect(two).toEqual(ids({ now, seed: 2 }));
    expect(two).not.toEqual(one);
    // A context without a random source, after those, is refused: a sample is drawn from a seed.
    const e = zhiduError(() => ids({ now }));
    expect([e.code, e.path]).toEqual(['invalid_input', ['ctx', 'seed']]);
  });

  it('deals the outreach files’ remainder the same way every time (S001-ATTR-01)', () => {
    const ctx = makeContext({ now: '2024-06-01T00:00+08:00', seed: 9 });
    const preset = attributionOutreach.preset('conference-marketing-001');
    const policy = { ...preset, params: { ...preset.params, allocationRemainder: 'seededRandom' as const } };
    const deal = () =>
      evaluate(
        'attribution.outreach-allocation',
        { files: ['f1', 'f2', 'f3', 'f4', 'f5'], participants: ['E1', 'E2', 'E3'] },
        policy,
        ctx,
      ).value.result as Record<string, string[]>;
    const first = deal();
    expect(
      Object.values(first)
        .map((f) => f.length)
        .sort(),
    ).toEqual([1, 2, 2]);
    expect(deal()).toEqual(first);
    expect(deal()).toEqual(first);
  });
});
