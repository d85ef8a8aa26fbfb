import { describe, expect, it } from 'vitest';
import { s000bLeasingInfoPolicy, s002ProjectCsPolicy, s004LeasingPolicy } from '../presets/index.js';
import { bookViewing } from './desk.js';

const slot = { salespersonId: 's1', start: '2024-03-09T10:00:00+08:00', end: '2024-03-09T11:00:00+08:00' };
const taken = [{ customerId: 'c1', ...slot }];
const request = {
  ...slot,
  customerId: 'c2',
  start: '2024-03-09T10:30:00+08:00',
  end: '2024-03-09T11:30:00+08:00',
};

describe('bookViewing cites the regulation of the policy it runs on', () => {
  it('S004-RECEPT-03: the leasing preset of seed 004 cites its own clause beside bookingsPerSlot, not S002-SYS-03 of another regulation', () => {
    const d = bookViewing(taken, request, s004LeasingPolicy);
    expect(d.value.status).toBe('SLOT_UNAVAILABLE');
    expect(d.trace.map((e) => e.rule)).toEqual(['S004-RECEPT-03']);
  });

  it('S000B-RECEPTION-02: the leasing-information preset of seed 000-b cites its own clause', () => {
    const d = bookViewing(taken, request, s000bLeasingInfoPolicy);
    expect(d.value.status).toBe('SLOT_UNAVAILABLE');
    expect(d.trace.map((e) => e.rule)).toEqual(['S000B-RECEPTION-02']);
  });

  it('S002-SYS-03: the project-CS preset that states the rule still cites it', () => {
    const d = bookViewing([], request, s002ProjectCsPolicy);
    expect(d.value.status).toBe('booked');
    expect(d.trace.map((e) => [e.rule, e.clause])).toEqual([['S002-SYS-03', '002 L92']]);
  });

  it('falls back to S002-SYS-03 for a policy that names no citation for the booking rule', () => {
    const { citations: _, ...bare } = s004LeasingPolicy;
    const d = bookViewing(taken, request, bare);
    expect(d.value.status).toBe('SLOT_UNAVAILABLE');
    expect(d.trace.map((e) => e.rule)).toEqual(['S002-SYS-03']);
  });
});
