import { describe, expect, it } from 'vitest';
import { storeOnBackend, targets } from '../test/backends.js';
import { refusal } from '../test/refusal.js';

const handover = (delivery: string) => ({
  fileTypeId: 'newCarSalesFile',
  fileId: 'VIN1',
  responsible: { personId: 'sc1', role: 'salesConsultant' },
  events: { delivery },
});

describe.each(targets)('year-end and policy dates through the store on $name', ({ connectionString }) => {
  const on = storeOnBackend(connectionString, {
    tag: 'ye',
    clock: () => '2026-12-31T00:00:00+08:00',
    policies: [['records.handover', 'dealer-files']],
  });

  it('a handover due in 2027 with no 2027 notice: calendar_out_of_range at ctx.calendar, nothing written', async () => {
    expect(
      await refusal(() =>
        on.store.record('records.handover', 'h:2026', [handover('2026-12-30T10:00:00+08:00')]),
      ),
    ).toEqual({ code: 'calendar_out_of_range', path: ['ctx', 'calendar'] });
    expect(await on.store.streamInfo('h:2026')).toBeUndefined();
    // A handover due within 2026 is recorded.
    const d = await on.store.record('records.handover', 'h:2026-12-01', [
      handover('2026-12-01T10:00:00+08:00'),
    ]);
    const result = d.decisions[0]?.value.result as { outcomes: { status: string }[] } | undefined;
    expect(result?.outcomes[0]?.status).toBe('overdue');
  });

  it('an event before every stored version: policy_not_in_force at the event time, nothing written', async () => {
    expect(
      await refusal(() =>
        on.store.record('records.handover', 'h:1999', [handover('1999-06-01T10:00:00+08:00')]),
      ),
    ).toEqual({ code: 'policy_not_in_force', path: ['events', 0, 'events', 'delivery'] });
    expect(await on.store.streamInfo('h:1999')).toBeUndefined();
  });
});
