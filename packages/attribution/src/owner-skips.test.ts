/**
 * The owner rows passed over for a customer without their kind of event (the reassignment row
 * S001-ATTR-10, the referral row S001-ATTR-26, the complaint exclusion S001-ATTR-20) with a company
 * rule in the pipelines. The state's events are read only by contract, but a JavaScript rule can
 * still push to them: the rows then read the events as the previous path did (`kindSwitch.skipAbsent`
 * off), deep- and JSON-equal.
 */
import { makeContext, ZhiduError } from '@zhidu/core';
import { afterEach, describe, expect, it } from 'vitest';
import { kindSwitch } from './engine-state.js';
import type { CustomerEvent, SalesHistoryInput } from './events.js';
import { salesOffice001 } from './presets.js';
import { ownershipOf, ownershipOfAll } from './resolve.js';
import type { AttributionState } from './steps.js';

type EventInput = SalesHistoryInput['events'][number];
const ROSTER = ['A', 'B', 'C', 'R'].map((id) => ({ id }));
const ctx = makeContext({ now: '2024-02-01T00:00:00.000Z' });

const reg = (customerId: string, who: string, at: string): EventInput => ({
  type: 'registration',
  at,
  customerId,
  salespersonId: who,
  channel: 'walkIn',
  fields: { name: 'x', phone: '1' },
  eveningRecord: true,
});

/** A company rule before `before` (owner phase) that pushes `event` onto the events it is handed, once. */
const pushing = (before: string, event: CustomerEvent) => ({
  before,
  phase: 'owner' as const,
  step: {
    id: 'acme.inject',
    run: (s: AttributionState) => {
      if (s.phase === 'owner' && s.customerId === event.customerId && !s.events.includes(event))
        (s.events as CustomerEvent[]).push(event);
      return s;
    },
  },
});

function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof ZhiduError) return { error: { code: e.code, path: e.path, message: e.message } };
    throw e;
  }
}

/** One customer's decision and the batch's, with the skips off (the previous path), then on. */
function bothPaths(events: EventInput[], rule: ReturnType<typeof pushing>, customerId: string) {
  const run = () =>
    outcome(() => {
      const one = ownershipOf({ customerId, staff: ROSTER, events }, salesOffice001, ctx, {
        stepRules: [rule],
      });
      const all = ownershipOfAll({ staff: ROSTER, events }, salesOffice001, ctx, { stepRules: [rule] });
      return { one, batch: all.get(customerId) };
    });
  kindSwitch.skipAbsent = false;
  const old = run();
  kindSwitch.skipAbsent = true;
  const now = run();
  return { old, now };
}

const ownerOf = (o: unknown): string | null | undefined =>
  (o as { value?: { one: { value: { owner: string | null } } } }).value?.one.value.owner;

afterEach(() => {
  kindSwitch.skipAbsent = true;
});

describe('owner rows passed over (kindSwitch.skipAbsent) with a company rule', () => {
  it('S001-ATTR-10: a company rule that adds a reassignment before the row is heard', () => {
    const events = [reg('c1', 'B', '2024-01-02T02:00:00.000Z')];
    const added = {
      type: 'reassignment',
      at: '2024-01-03T00:00:00.000Z',
      customerId: 'c1',
      toId: 'C',
      reason: 'managerDecision',
    } as CustomerEvent;
    const { old, now } = bothPaths(events, pushing('S001-ATTR-10', added), 'c1');
    expect(ownerOf(old)).toBe('C');
    expect(now).toEqual(old);
    expect(JSON.stringify(now)).toBe(JSON.stringify(old));
  });

  it('S001-ATTR-26: a company rule that adds a referral before the row is heard', () => {
    const events = [reg('c1', 'R', '2024-01-02T02:00:00.000Z'), reg('c2', 'A', '2024-01-05T02:00:00.000Z')];
    const added = {
      type: 'link',
      at: '2024-01-04T00:00:00.000Z',
      customerId: 'c2',
      kind: 'referral',
      otherCustomerId: 'c1',
    } as CustomerEvent;
    const { old, now } = bothPaths(events, pushing('S001-ATTR-26', added), 'c2');
    expect(ownerOf(old)).toBe('R');
    expect(now).toEqual(old);
    expect(JSON.stringify(now)).toBe(JSON.stringify(old));
  });

  it('S001-ATTR-20: a company rule that adds an upheld complaint before the row is heard', () => {
    const events = [reg('c1', 'B', '2024-01-02T02:00:00.000Z')];
    const added = {
      type: 'complaintVerification',
      at: '2024-01-03T00:00:00.000Z',
      customerId: 'c1',
      againstId: 'B',
      upheld: true,
      notifiedSupervisorAndSalesperson: true,
    } as CustomerEvent;
    const { old, now } = bothPaths(events, pushing('S001-ATTR-20', added), 'c1');
    expect(ownerOf(old)).toBeNull();
    expect(now).toEqual(old);
    expect(JSON.stringify(now)).toBe(JSON.stringify(old));
  });
});
