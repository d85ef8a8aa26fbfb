import { resolveOwnership, salesOffice001 } from '@zhidu/attribution';
import { makeContext } from '@zhidu/core';

/**
 * 撞单: two salespeople register the same walk-in customer on the same morning. The first
 * registration wins (首访原则) and the file is protected for two months.
 */
export function ownershipClash(): { owner: string | null; reasons: string[] } {
  const fields = { name: '李女士', phone: '13900001111' };
  const d = resolveOwnership(
    {
      customerId: 'c-88',
      staff: [{ id: 'A' }, { id: 'B' }],
      events: [
        {
          type: 'registration',
          at: '2025-03-01T10:05+08:00',
          customerId: 'c-88',
          salespersonId: 'B',
          channel: 'walkIn',
          fields,
        },
        {
          type: 'registration',
          at: '2025-03-01T10:40+08:00',
          customerId: 'c-88',
          salespersonId: 'A',
          channel: 'walkIn',
          fields,
        },
      ],
    },
    salesOffice001,
    makeContext({ now: '2025-03-02T09:00:00+08:00' }),
  );
  return {
    owner: d.value.result.owner,
    reasons: d.trace.map((t) => `${t.rule}  ${t.message.zh} / ${t.message.en}`),
  };
}
