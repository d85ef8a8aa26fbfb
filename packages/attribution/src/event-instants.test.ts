/**
 * The fast instant path of sales-log events (issue 21): `EventInstantSchema` against core's
 * `InstantSchema`, on seeded canonical, near-canonical and malformed values — the same value, or
 * the same refusal (code, path, message) — and through the whole batch.
 */
import { InstantSchema, parseInput, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveAllOwnership } from './entry-points.js';
import { EventInstantSchema } from './kernel.js';
import { salesOffice001 } from './presets.js';

/** The parsed value, or the refusal as { code, path, message }. */
function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof ZhiduError) return { code: e.code, path: e.path, message: e.message };
    throw e;
  }
}

const instantArb = fc
  .integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) })
  .map((ms) => new Date(ms).toISOString());

const valueArb = fc.oneof(
  instantArb,
  fc
    .tuple(instantArb, fc.integer({ min: 0, max: 23 }), fc.constantFrom('9', 'x', '-', ':', ' ', '0', 'z'))
    .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1)),
  fc
    .tuple(
      fc.integer({ min: 900, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 24 }),
      fc.integer({ min: 0, max: 60 }),
    )
    .map(
      ([y, mo, d, h, mi]) =>
        `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00.000Z`,
    ),
  instantArb.map((s) => `${s.slice(0, 19)}+08:00`),
  instantArb.map((s) => `${s} `),
  fc.string({ maxLength: 26 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, undefined, true, {}, [], '2024-02-30T00:00:00.000Z', '0999-12-31T23:59:59.999Z'),
);

describe('event instants: the fast path against core', () => {
  it('parses every value to the same instant or refuses it with the same code, path and message (seeded)', () => {
    fc.assert(
      fc.property(valueArb, (v) => {
        const path = ['history', 'events', 3, 'at'];
        expect(outcome(() => parseInput(EventInstantSchema, v, path))).toEqual(
          outcome(() => parseInput(InstantSchema, v, path)),
        );
      }),
      { seed: 2103, numRuns: 800 },
    );
  });

  it('keeps a canonical instant as given and converts an offset one (2024-03-01 10:05 +08:00)', () => {
    expect(parseInput(EventInstantSchema, '2024-03-01T02:05:00.000Z', ['at'])).toBe(
      '2024-03-01T02:05:00.000Z',
    );
    expect(parseInput(EventInstantSchema, '2024-03-01T10:05+08:00', ['at'])).toBe('2024-03-01T02:05:00.000Z');
  });

  it('refuses an impossible canonical-looking date in a log with invalid_instant at its event', () => {
    const bad = outcome(() =>
      resolveAllOwnership(
        {
          staff: [{ id: 'S1' }],
          events: [
            {
              type: 'registration',
              at: '2023-02-29T02:00:00.000Z',
              customerId: 'c1',
              salespersonId: 'S1',
              channel: 'walkIn',
              fields: { name: 'x', phone: '1' },
            },
          ],
        },
        salesOffice001,
        { now: '2024-06-01T00:00:00+08:00' },
      ),
    ) as { code: string; path: unknown[] };
    expect(bad.code).toBe('invalid_instant');
    expect(bad.path).toEqual(['input', 'events', 0, 'at']);
  });
});
