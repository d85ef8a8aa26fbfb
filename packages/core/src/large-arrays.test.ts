import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhiduError as refusal } from '../test/helpers.js';
import { AttributeValueSchema } from './condition.js';
import { parseInput } from './errors.js';
import { firstBadLargeEntry, LARGE_COLLECTION } from './large-arrays.js';

const Item = z.strictObject({ kind: z.enum(['a', 'b']), at: z.string() });
const Input = z.strictObject({
  owner: z.string(),
  items: z.array(Item),
  tags: z.array(z.string()).optional(),
});

describe('parseInput refuses a large array at its first bad element (pre-pass, not 10^5 zod issues)', () => {
  it('10^5 junk elements: refused at the first one, with its issues only', () => {
    const items = Array.from({ length: 100_000 }, () => ({ x: 'pen' }));
    const e = refusal(() => parseInput(Input, { owner: 'o', items }, ['input']));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['input', 'items', 0, 'x']);
    expect(e.message).toContain('did you mean `input.items[0].at`');
    // only the first element's issues: no "N more issues" entry
    expect((e.details as { code: string }[]).some((d) => d.code === 'more_issues')).toBe(false);
  });

  it('a large valid array with one bad element deep inside is refused at that element', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ kind: 'a', at: `t${i}` }));
    items[4321] = { kind: 'c', at: 't' };
    const e = refusal(() => parseInput(Input, { owner: 'o', items }));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['items', 4321, 'kind']);
  });

  it('a large array bad from some element on is refused at the first bad one, not at a later sample', () => {
    const items: unknown[] = Array.from({ length: 5000 }, (_, i) => (i < 777 ? { kind: 'a', at: 't' } : 7));
    expect(firstBadLargeEntry(Input, { owner: 'o', items })?.path).toEqual(['items', 777]);
    const e = refusal(() => parseInput(Input, { owner: 'o', items }, ['input']));
    expect(e.path).toEqual(['input', 'items', 777]);
  });

  it('follows optional fields, small arrays and records', () => {
    const tags = [...Array.from({ length: LARGE_COLLECTION }, () => 't'), 7];
    expect(firstBadLargeEntry(Input, { owner: 'o', items: [], tags })?.path).toEqual([
      'tags',
      LARGE_COLLECTION,
    ]);
    const Nested = z.array(z.strictObject({ entries: z.array(z.number()) }));
    const nested = [{ entries: [1] }, { entries: [...Array.from({ length: 2000 }, () => 1), 'x'] }];
    expect(firstBadLargeEntry(Nested, nested)?.path).toEqual([1, 'entries', 2000]);
    const Rec = z.record(z.string(), z.number().int());
    const rec = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`k${i}`, i === 1200 ? 0.5 : i]));
    const e = refusal(() => parseInput(Rec, rec, ['counts']));
    expect(e.path).toEqual(['counts', 'k1200']);
  });

  it('a large valid array parses as before; small arrays are left to zod (all issues listed)', () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ kind: i % 2 ? 'a' : 'b', at: `t${i}` }));
    expect(parseInput(Input, { owner: 'o', items }).items).toHaveLength(3000);
    expect(firstBadLargeEntry(Input, { owner: 'o', items })).toBeUndefined();
    const small = refusal(() => parseInput(Input, { owner: 'o', items: [{ kind: 'c', at: 't' }, 5] }));
    expect(small.path).toEqual(['items', 0, 'kind']);
    expect((small.details as { path: unknown[] }[]).map((d) => d.path)).toContainEqual(['items', 1]);
  });

  it('never throws itself on odd values or schemas', () => {
    expect(firstBadLargeEntry(Input, null)).toBeUndefined();
    expect(firstBadLargeEntry(Input, Object.create(null))).toBeUndefined();
    expect(
      firstBadLargeEntry(
        z.lazy(() => z.array(z.string())),
        'not an array',
      ),
    ).toBeUndefined();
  });

  it('a lazy schema is followed: its large array is sampled like any other', () => {
    expect(
      firstBadLargeEntry(
        z.lazy(() => z.array(z.string())),
        Array(5000).fill(1),
      )?.path,
    ).toEqual([0]);
  });
});

describe('parseInput refuses an array over its schema bound before parsing its entries', () => {
  const Bounded = z.strictObject({
    timers: z.array(Item).max(10_000, { message: '最多 10000 个计时器 / at most 10,000 timers' }).default([]),
    tags: z.array(z.string()).max(3),
  });

  it('10^5 entries over a .max(10_000) with a message: invalid_input at the array, the bound named', () => {
    const timers = new Array(100_000).fill({ kind: 'a', at: 't' });
    const e = refusal(() => parseInput(Bounded, { timers, tags: [] }, ['policy', 'params']));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'timers']);
    expect(e.message).toContain('at most 10,000 timers');
  });

  it('without a custom message the default names the bound and the length in both languages', () => {
    const e = refusal(() => parseInput(Bounded, { tags: ['a', 'b', 'c', 'd'] }));
    expect(e.path).toEqual(['tags']);
    expect(e.message).toContain('最多 3 项');
    expect(e.message).toContain('at most 3 entries, got 4');
  });

  it('an array at its bound is parsed as usual (entries still checked)', () => {
    expect(parseInput(Bounded, { tags: ['a', 'b', 'c'] })).toEqual({ timers: [], tags: ['a', 'b', 'c'] });
    const e = refusal(() => parseInput(Bounded, { tags: ['a', 'b', 3] }));
    expect(e.path).toEqual(['tags', 2]);
  });

  it('firstBadLargeEntry reports the over-long array itself with its bound', () => {
    const bad = firstBadLargeEntry(z.array(z.number()).max(2), [1, 2, 3]);
    expect(bad?.path).toEqual([]);
    expect(bad?.tooLong).toEqual({ maximum: 2, length: 3 });
  });
});

describe('the large-array pre-pass follows unions (10^5 bad cases inside a discriminated union refused fast)', () => {
  const Target = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('duration'), minutes: z.number() }),
    z.strictObject({
      kind: z.literal('byAttribute'),
      cases: z.array(z.strictObject({ when: z.string() })).min(1),
    }),
  ]);
  const bad = { kind: 'byAttribute', cases: new Array(100_000).fill([]) };

  it('a discriminated union: the first bad case of the option the discriminator names', () => {
    expect(firstBadLargeEntry(Target, bad)?.path).toEqual(['cases', 0]);
    const e = refusal(() => parseInput(z.strictObject({ target: Target }), { target: bad }, ['policy']));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'target', 'cases', 0]);
  });

  it('a discriminator no option has: left to zod (no guess)', () => {
    expect(firstBadLargeEntry(Target, { ...bad, kind: 'nope' })).toBeUndefined();
  });

  it('a plain union with one object option: that option is followed; two object options: left to zod', () => {
    const One = z.union([z.string(), z.strictObject({ list: z.array(z.number()) })]);
    expect(firstBadLargeEntry(One, { list: [...new Array(5000).fill(1), 'x'] })?.path).toEqual([
      'list',
      5000,
    ]);
    const Two = z.union([
      z.strictObject({ a: z.array(z.number()), b: z.string().optional() }),
      z.strictObject({ a: z.array(z.string()) }),
    ]);
    expect(firstBadLargeEntry(Two, { a: [...new Array(5000).fill(1), 'x'] })).toBeUndefined();
  });

  it('object options told apart by their keys: the one holding every key of the value is followed', () => {
    const Keyed = z.union([z.strictObject({ a: z.array(z.number()) }), z.strictObject({ b: z.string() })]);
    expect(firstBadLargeEntry(Keyed, { a: [...new Array(5000).fill(1), 'x'] })?.path).toEqual(['a', 5000]);
  });

  it('the condition language: 10^5 bad members of an `any` are refused at the first, in milliseconds', async () => {
    const { ConditionSchema } = await import('./condition.js');
    const any = new Array(100_000).fill({ batch: { shipmentId: 'B7' } });
    const nested = { all: [{ attribute: 'tier', equals: 'vip' }, { any }] };
    expect(firstBadLargeEntry(ConditionSchema, nested)?.path).toEqual(['all', 1, 'any', 0]);
    const e = refusal(() => parseInput(ConditionSchema, nested, ['when']));
    // `batch` is a key no form of condition has: named as the unknown key it is.
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['when', 'all', 1, 'any', 0, 'batch']);
  });

  it('a valid value inside a union is not refused by the pre-pass', () => {
    const ok = { kind: 'byAttribute', cases: new Array(LARGE_COLLECTION * 2).fill({ when: 'x' }) };
    expect(firstBadLargeEntry(Target, ok)).toBeUndefined();
    expect(parseInput(Target, ok).kind).toBe('byAttribute');
  });
});

describe('the large-array pre-pass visits the values of small records (facts, attributes)', () => {
  // pnpm fuzz (seed 12): 10^5 elements under one key of a complaint's facts took 0.4-0.7 s of CPU to
  // refuse (zod's union described every bad element) because small records were not visited.
  const Facts = z.record(z.string(), AttributeValueSchema);

  it('10^5 booleans under one fact: refused at the first element, as an attribute array holds strings', () => {
    const facts = { channel: 'phone', warned: new Array(100_000).fill(true) };
    expect(firstBadLargeEntry(Facts, facts)?.path).toEqual(['warned', 0]);
    const e = refusal(() => parseInput(Facts, facts, ['input', 'facts']));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['input', 'facts', 'warned', 0]);
  });

  it('a record nested in an object, bad from element 1,500 on: refused at 1,500', () => {
    const In = z.strictObject({ facts: Facts });
    const list = [...new Array(1500).fill('a'), ...new Array(1000).fill(7)];
    expect(firstBadLargeEntry(In, { facts: { list } })?.path).toEqual(['facts', 'list', 1500]);
  });

  it('a small record of valid values, and a large valid array under a key, are left to the parse', () => {
    const facts = { a: 1, b: null, c: new Array(5000).fill('x') };
    expect(firstBadLargeEntry(Facts, facts)).toBeUndefined();
    expect(parseInput(Facts, facts, ['facts']).c).toHaveLength(5000);
    // Only the list option took an array: its element is named, not the fact as a whole.
    expect(refusal(() => parseInput(Facts, { a: [true] }, ['facts'])).path).toEqual(['facts', 'a', 0]);
  });
});

describe('Trace.append takes 10^5 entries without overflowing the call stack', () => {
  it('appends them all, in order', async () => {
    const { Trace } = await import('./decision.js');
    const entries = Array.from({ length: 200_000 }, (_, i) => ({
      rule: `R${i}`,
      message: { zh: '', en: '' },
    }));
    const t = new Trace().append(entries);
    expect(t.entries.length).toBe(200_000);
    expect(t.entries[199_999]?.rule).toBe('R199999');
  });
});
