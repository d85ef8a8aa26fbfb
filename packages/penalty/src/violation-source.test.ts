// Issue 11: violations now name the module that emitted them in source.module ('records.handover'),
// where they used to name a package ('records', '@zhidu/records'). Fine schedules key on `code`, and
// nothing in the penalty package matches on source.module: a ledger is the same either way.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { describe, expect, it } from 'vitest';
import { penaltyLedger } from './index.js';

const late = (module: string) => ({
  code: 'records.handover.late',
  personId: 'sc-1',
  role: 'salesConsultant',
  occurredAt: '2024-03-08T10:00:00+08:00',
  source: { module, rule: 'S000-ARCHIVE-07' },
});
const ctx = { now: '2024-03-31T12:00:00+08:00', calendar: chinaCalendar() };

describe('penalty prices a violation by its code, whatever source.module says', () => {
  it('a module id (records.handover) and the old package names price the same 50 CNY', () => {
    const totals = ['records.handover', 'records', '@zhidu/records'].map(
      (m) =>
        penaltyLedger.evaluate({ violations: [late(m)] }, penaltyLedger.preset('dealer-file'), ctx).value
          .result.total,
    );
    expect(totals).toEqual([5000, 5000, 5000]);
  });

  it('the priced line is found by the code and the fine schedule (the ledger emits no violation of its own)', () => {
    const d = penaltyLedger.evaluate(
      { violations: [late('records.handover')] },
      penaltyLedger.preset('dealer-file'),
      ctx,
    );
    const line = d.value.result.persons[0]?.periods[0]?.lines[0];
    expect([line?.code, line?.item, line?.amount]).toEqual([
      'records.handover.late',
      'sc-late-handover',
      5000,
    ]);
    expect(d.value.violations).toEqual([]);
  });
});
