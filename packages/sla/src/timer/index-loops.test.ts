import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attributes } from '../conditions.js';
import type { TimerDefinition } from './definition.js';
import { passesEqualities, timerIndex } from './engine.js';

// Issue 21: `passesEqualities` and `timerIndex` read their lists by index instead of `for…of` (an
// iterator result per item in the first, uncompiled evaluations). Held here to the `for…of` code
// they replaced (kept below as the oracle): the same answers, the same index, the same throw.

/** `passesEqualities` as it was (the oracle). */
function passesEqualitiesForOf(tests: [string, string][] | undefined, attributes: Attributes): boolean {
  if (tests === undefined) return true;
  for (const [name, value] of tests)
    if (!Object.hasOwn(attributes, name) || attributes[name] !== value) return false;
  return true;
}

/** The event types `timerIndex` read per definition, as it read them (the oracle). */
function typesForOf(d: TimerDefinition): Set<string> {
  const read = new Set<string>();
  for (const list of [d.open, d.start, d.stop, d.pause, d.resume, d.reset, d.cancel])
    for (const m of list) read.add(m.type);
  for (const x of d.extend) read.add(x.type);
  return read;
}

/** What `f` returns, or the message of what it throws. */
function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { thrown: e instanceof Error ? `${e.constructor.name}: ${e.message}` : e };
  }
}

/** The matchers after a hole at index 0. */
function holeFirst<T>(items: T[]): T[] {
  const out = new Array<T>(items.length + 1);
  items.forEach((m, i) => {
    out[i + 1] = m;
  });
  return out;
}

const names = fc.constantFrom('row', 'kind', 'n', 'toString', '__proto__');
const values = fc.constantFrom('A', 'B', 'x', '');

describe('index loops held to the for…of code they replaced (issue 21)', () => {
  it('property: passesEqualities answers as the for…of loop did (seeded)', () => {
    fc.assert(
      fc.property(
        fc.option(fc.array(fc.tuple(names, values), { maxLength: 4 }), { nil: undefined }),
        fc.dictionary(names, fc.oneof(values, fc.integer(), fc.constant(null))),
        (tests, attributes) => {
          expect(passesEqualities(tests, attributes)).toBe(passesEqualitiesForOf(tests, attributes));
        },
      ),
      { seed: 2141, numRuns: 500 },
    );
  });

  const matcher = fc.record({ type: fc.constantFrom('a', 'b', 'c', 'd') });
  const list = fc.oneof(
    { arbitrary: fc.array(matcher, { maxLength: 3 }), weight: 6 },
    // Read as for…of reads them: a Set of matchers, a hole (throws on its type), a string.
    { arbitrary: fc.array(matcher, { maxLength: 3 }).map((ms) => new Set(ms)), weight: 1 },
    { arbitrary: fc.array(matcher, { minLength: 1, maxLength: 3 }).map(holeFirst), weight: 1 },
    { arbitrary: fc.constant('ab'), weight: 1 },
  );
  const definition = fc
    .record({
      open: list,
      start: list,
      stop: list,
      pause: list,
      resume: list,
      reset: list,
      cancel: list,
      extend: list,
      appliesWhen: fc.option(
        fc.array(
          fc.oneof(
            fc.record({ attribute: names, equals: values }),
            fc.record({ attribute: names, exists: fc.boolean() }),
          ),
          { maxLength: 3 },
        ),
        { nil: undefined },
      ),
    })
    .map((d) => d as unknown as TimerDefinition);

  it('property: timerIndex reads each definition’s event types as the for…of loops did (seeded)', () => {
    let thrown = 0;
    fc.assert(
      fc.property(fc.array(definition, { maxLength: 6 }), (defs) => {
        const want = outcome(() => defs.map(typesForOf));
        const got = outcome(() => timerIndex(defs).types);
        expect(got).toStrictEqual(want);
        if ('thrown' in (got as object)) thrown++;
      }),
      { seed: 2142, numRuns: 400 },
    );
    expect(thrown).toBeGreaterThan(10);
  });
});
