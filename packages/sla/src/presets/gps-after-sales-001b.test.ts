import { describe, expect, it } from 'vitest';
import { checklistOutcome } from '../checklist.js';
import { gpsAfterSales001bPreset } from '../index.js';

describe('GPS after-sales (001 L878–954)', () => {
  it('lists the outstanding reply, forwarding and result-notice duties (S001B-COMPLAINT-09)', () => {
    const list = gpsAfterSales001bPreset().params.checklists[0];
    if (!list) throw new Error('checklist');
    const at = { subject: 'k', at: '2024-06-01T10:00:00+08:00' };
    expect(
      checklistOutcome({ reply: true, fromServiceCentre: true, customerNotifiedOfResult: true }, list, at)
        .value.missing,
    ).toEqual(['forwardToCompanyDept']);
    expect(checklistOutcome({ fromServiceCentre: false }, list, at).value.missing).toEqual(['reply']);
  });
});
