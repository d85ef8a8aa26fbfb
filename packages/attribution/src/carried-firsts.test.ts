/**
 * `carriedFirsts` asked directly, at instants in any order: the rule code asks it in time order
 * within one evaluation, so an earlier instant after a later one (the leading registrations of the
 * list kept so far) is reached only here. Held to a plain scan of the events before each instant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Note, Scope } from './engine-state.js';
import type { CustomerEvent, RegistrationEvent } from './events.js';
import { salesOffice001 } from './presets.js';
import { registrationCheck } from './protection.js';
import { carriedFirsts } from './resolve.js';

const params = salesOffice001.params;
const stamp = (minute: number) => new Date(Date.UTC(2024, 0, 1) + minute * 60_000).toISOString();

const reg = (at: string, who: string, valid: boolean): RegistrationEvent =>
  ({
    type: 'registration',
    at,
    customerId: 'c1',
    salespersonId: who,
    channel: 'walkIn',
    fields: valid ? { name: 'x', phone: '1' } : { name: 'x' },
    eveningRecord: true,
  }) as RegistrationEvent;

const other = (at: string): CustomerEvent =>
  ({ type: 'deal', at, customerId: 'c1', stage: 'contract', closerId: 'A' }) as CustomerEvent;

/** A scope with what `carriedFirsts` reads (traced when `traced`). */
const scopeStub = (traced: boolean): Scope => ({ trace: traced ? {} : null }) as unknown as Scope;

/** The plain scan `registrationPrior` does without the carried list, and the invalid ones it meets. */
function plainFirsts(
  all: readonly CustomerEvent[],
  prefix: number,
  resetAt: string | null,
  reassignedAt: string | null,
): { firsts: RegistrationEvent[]; invalid: RegistrationEvent[] } {
  const firsts: RegistrationEvent[] = [];
  const invalid: RegistrationEvent[] = [];
  for (let i = 0; i < prefix; i++) {
    const e = all[i] as CustomerEvent;
    if (e.type !== 'registration') continue;
    if ((resetAt !== null && e.at < resetAt) || (reassignedAt !== null && e.at <= reassignedAt)) continue;
    if (!registrationCheck(e, params).valid) {
      invalid.push(e);
      continue;
    }
    if (!firsts.some((f) => f.salespersonId === e.salespersonId)) firsts.push(e);
  }
  return { firsts, invalid };
}

describe('carriedFirsts (carried path, any order of instants)', () => {
  it('an earlier instant after a later one takes the leading registrations found before it', () => {
    const all: CustomerEvent[] = [
      reg(stamp(0), 'B', true),
      other(stamp(1)),
      reg(stamp(2), 'C', false),
      reg(stamp(3), 'A', true),
      reg(stamp(4), 'B', true),
      reg(stamp(5), 'D', true),
    ];
    const scope = scopeStub(true);
    const noted: string[] = [];
    const note: Note = (rule, _clause, _zh, en) => noted.push(`${rule} ${en}`);
    const ids = (l: readonly RegistrationEvent[]) => l.map((r) => `${r.salespersonId}@${r.at}`);
    expect(ids(carriedFirsts(scope, all, 6, null, null, params, note))).toEqual([
      `B@${stamp(0)}`,
      `A@${stamp(3)}`,
      `D@${stamp(5)}`,
    ]);
    expect(noted).toHaveLength(1);
    // Earlier instants: the leading ones found before each, and the invalid one not written again.
    expect(ids(carriedFirsts(scope, all, 4, null, null, params, note))).toEqual([
      `B@${stamp(0)}`,
      `A@${stamp(3)}`,
    ]);
    expect(ids(carriedFirsts(scope, all, 3, null, null, params, note))).toEqual([`B@${stamp(0)}`]);
    expect(ids(carriedFirsts(scope, all, 5, null, null, params, note))).toEqual([
      `B@${stamp(0)}`,
      `A@${stamp(3)}`,
    ]);
    expect(carriedFirsts(scope, all, 0, null, null, params, note)).toEqual([]);
    expect(noted).toHaveLength(1);
    // The list kept so far is not cut by an earlier instant: the later one finds it whole.
    expect(ids(carriedFirsts(scope, all, 6, null, null, params, note))).toEqual([
      `B@${stamp(0)}`,
      `A@${stamp(3)}`,
      `D@${stamp(5)}`,
    ]);
  });

  it('matches a plain scan for instants in any order, resets and reassignments included (seeded)', () => {
    const eventArb = fc.oneof(
      fc.record({ who: fc.constantFrom('A', 'B', 'C', 'D'), valid: fc.boolean() }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 14 }),
        fc.array(
          fc.record({
            prefix: fc.nat(16),
            // Few values, so that consecutive asks often keep the same list (and reach its earlier
            // instants) and sometimes start it again.
            reset: fc.constantFrom(null, 3, 3, 3),
            reassigned: fc.constantFrom(null, null, null, 6),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        fc.boolean(),
        (shape, asks, traced) => {
          const all = shape.map((v, i) => (v === null ? other(stamp(i)) : reg(stamp(i), v.who, v.valid)));
          const scope = scopeStub(traced);
          const written: RegistrationEvent[] = [];
          const everInvalid = new Set<RegistrationEvent>();
          for (const ask of asks) {
            const prefix = Math.min(ask.prefix, all.length);
            const resetAt = ask.reset === null ? null : stamp(ask.reset);
            const reassignedAt = ask.reassigned === null ? null : stamp(ask.reassigned);
            const before = written.length;
            const got = carriedFirsts(scope, all, prefix, resetAt, reassignedAt, params, () => {
              written.push(null as never);
            });
            const want = plainFirsts(all, prefix, resetAt, reassignedAt);
            expect(got).toEqual(want.firsts);
            for (let i = 0; i < got.length; i++) expect(got[i]).toBe(want.firsts[i]);
            // Each invalid registration before the instant is written once over the calls, when
            // first met, and only when traced.
            const fresh = want.invalid.filter((r) => !everInvalid.has(r));
            if (traced) {
              for (const r of want.invalid) everInvalid.add(r);
              expect(written.length - before).toBe(fresh.length);
            } else expect(written.length).toBe(0);
          }
        },
      ),
      { seed: 2121, numRuns: 400 },
    );
  });
});
