import { isZhiduError } from '@zhidu/core';
import { evaluate } from '@zhidu/modules';
import { describe, expect, it } from 'vitest';
import { DESK_AT, deskView, monthClose, PRESET } from './programme.js';

describe('follow-ups example', () => {
  it('S000B-FOLLOWUP-04/05/06 and S000B-FOLLOWUP-12: the desk on 28 April — done, late, overdue, exempt and still due', () => {
    const desk = deskView();
    expect(desk.tasks.map((t) => [t.triggerId, t.due, t.status])).toEqual([
      ['TS-0402', '2024-04-05 23:59', 'done'],
      ['TS-0408', '2024-04-11 23:59', 'doneLate'],
      ['TS-0415', '2024-04-18 23:59', 'overdue'],
      ['TS-0419', '2024-04-22 23:59', 'exempt'],
      ['TS-0426', '2024-04-29 23:59', 'pending'],
      ['WX-0403', '2024-05-03 23:59', 'done'],
      ['WX-0410', '2024-05-10 23:59', 'pending'],
      ['WX-0418', '2024-05-18 23:59', 'pending'],
      ['HD-0420', '2024-05-20 23:59', 'pending'],
    ]);
    expect(desk.due.map((t) => t.triggerId)).toEqual(['TS-0426', 'WX-0410', 'WX-0418', 'HD-0420']);
    expect(desk.violations).toEqual([
      'service.complaintRevisit.late pa-liu',
      'service.complaintRevisit.missing pa-sun',
    ]);
  });

  it('S000B-FOLLOWUP-04/05/06: April closed on 1 June — late and missing revisits of the person responsible, in calendar days', () => {
    expect(monthClose().violations).toEqual([
      'service.complaintRevisit.late pa-liu: done 2024-04-12 10:00, 1 calendar day(s) late',
      'service.complaintRevisit.missing pa-sun: was due 2024-04-18 23:59, 44 calendar day(s) overdue',
      'service.complaintRevisit.missing pa-sun: was due 2024-04-29 23:59, 33 calendar day(s) overdue',
      'service.repairRevisit.late zpa-gao: done 2024-05-13 10:00, 3 calendar day(s) late',
      'service.repairRevisit.missing zpa-gao: was due 2024-05-18 23:59, 14 calendar day(s) overdue',
      'service.activityRevisit.missing ccc-lin: was due 2024-05-20 23:59, 12 calendar day(s) overdue',
    ]);
  });

  it('S000B-FOLLOWUP-04/05/06: rates against 50 / 30 / 10 % — the anonymous complaint is out of the base, late revisits do not count', () => {
    expect(monthClose().rates).toEqual([
      'S000B-FOLLOWUP-04 complaintRevisit 2024-04: 1/4 (needs 2 for 50 %) not met',
      'S000B-FOLLOWUP-05 repairRevisit 2024-04: 1/3 (needs 1 for 30 %) met',
      'S000B-FOLLOWUP-06 activityRevisit 2024-04: 0/1 (needs 1 for 10 %) not met',
    ]);
  });

  it('a trigger type no rule of the policy names is refused with a hint, naming the field', () => {
    let error: unknown;
    try {
      evaluate(
        'service.followup',
        {
          op: 'measureProgramme',
          triggers: [{ id: 'x', type: 'complaintHandeld', at: '2024-04-02T16:00:00+08:00' }],
          completions: [],
        },
        PRESET,
        { now: DESK_AT },
      );
    } catch (e) {
      error = e;
    }
    expect(isZhiduError(error)).toBe(true);
    expect((error as { path: unknown[] }).path).toEqual(['input', 'triggers', 0, 'type']);
    expect((error as Error).message).toContain('complaintHandled');
  });
});
