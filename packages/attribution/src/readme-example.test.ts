import { makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { resolveOwnership, salesOffice001 } from './index.js';

describe('README example', () => {
  it('runs as printed: B absent, A assists, B closes — B 80 / A 20 (S001-ATTR-19)', () => {
    const fields = { name: '王先生', phone: '13800000000' };
    const intake = (named: string[]) => ({ visitedBefore: 'yes' as const, named });
    const d = resolveOwnership(
      {
        customerId: 'c1',
        staff: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
        events: [
          {
            type: 'registration',
            at: '2024-03-01T10:30+08:00',
            customerId: 'c1',
            salespersonId: 'B',
            channel: 'walkIn',
            fields,
          },
          {
            type: 'visit',
            at: '2024-03-20T14:00+08:00',
            customerId: 'c1',
            onTurnId: 'A',
            intake: intake(['B']),
            presentIds: ['A', 'C'],
          },
          { type: 'deal', at: '2024-03-28T16:00+08:00', customerId: 'c1', stage: 'contract', closerId: 'B' },
        ],
      },
      salesOffice001,
      makeContext({ now: '2024-03-28T23:00+08:00' }),
    );
    expect(d.value.result.deals[0]?.performance).toEqual([{ party: 'B', kind: 'staff', bp: 10_000 }]);
    expect(d.value.result.deals[0]?.bonus).toEqual([
      { party: 'B', kind: 'staff', bp: 8000 },
      { party: 'A', kind: 'staff', bp: 2000 },
    ]);
    expect(d.trace.map((t) => t.rule)).toContain('S001-ATTR-19');
  });
});
