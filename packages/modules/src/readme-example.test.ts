import { expect, it } from 'vitest';
import { evaluate, getModule, listPresets } from './index.js';

it('runs the README example as written (S001-ATTR-11 through the registry)', () => {
  const log = {
    staff: [{ id: 'A' }, { id: 'B' }],
    events: [
      {
        type: 'registration',
        at: '2025-03-01T10:05+08:00',
        customerId: 'c-88',
        salespersonId: 'B',
        channel: 'walkIn',
        fields: { name: '李女士', phone: '13900001111' },
      },
    ],
  };
  const d = evaluate('attribution.ownership-batch', log, 'sales-office-001', {
    now: '2025-03-02T09:00:00+08:00',
  });
  const c88 = (d.value.result as { customers: Record<string, { owner: string; protectedUntil: string }> })
    .customers['c-88'];
  expect(c88?.owner).toBe('B');
  expect(c88?.protectedUntil).toBe('2025-04-30T16:00:00.000Z');
  expect(d.value.violations).toEqual([]);
  expect(d.provenance.module).toBe('attribution.ownership-batch');
  expect(d.provenance.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(listPresets().includes('penalty.ledger/dealer-file')).toBe(true);
  expect(() => getModule('attribution.ownership-bach')).toThrow(
    expect.objectContaining({
      code: 'unknown_reference',
      message: expect.stringContaining('did you mean attribution.ownership-batch?'),
    }),
  );
});
