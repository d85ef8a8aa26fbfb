import { describe, expect, it } from 'vitest';
import { companyCopy } from '../../test/company-copy.js';
import { cn, ev, one, timersOf, utc } from '../../test/helpers.js';
import {
  classifyComplaint,
  corporate000bPreset,
  dedupeComplaints,
  handlingRate,
  jointVenturePartners000bPreset,
  leasing000bPreset,
  propertyCommunication000bPreset,
  propertyRevisit000bPreset,
  runWorkflow,
  salesSite000bPreset,
  slaRecords,
} from '../index.js';
import { timerStates } from '../timer/evaluate.js';

const ctx = cn('2024-12-31T00:00');

describe('seed 000 part B regulations', () => {
  it('accepts complaints on any channel, the listed ones and others (S000B-COMPLAINT-09)', () => {
    const p = salesSite000bPreset();
    expect(classifyComplaint({ channel: 'written' }, p.params).value.attributes).toEqual({
      accepted: true,
      channelKind: 'listed',
    });
    expect(classifyComplaint({ channel: 'wechat' }, p.params).value.attributes).toEqual({
      accepted: true,
      channelKind: 'other',
    });
  });

  it('receives complaints and repair requests only at customer service and closes on respond-resolve-reply (S000B-COMPLAINT-10)', () => {
    const w = propertyCommunication000bPreset().params.workflows[0];
    if (!w) throw new Error('workflow');
    const at = (i: number) => `2024-03-04T10:0${i}:00+08:00`;
    expect(
      runWorkflow([{ action: 'intake', at: at(0), actor: { personId: 'e1', role: 'engineering' } }], w, ctx)
        .value.rejected[0]?.reason,
    ).toBe('role_not_permitted');
    const r = runWorkflow(
      [
        { action: 'intake', at: at(0), actor: { personId: 'c1', role: 'customerService' } },
        {
          action: 'respond',
          at: at(1),
          actor: { personId: 'c1', role: 'customerService' },
          facts: { respondedAt: at(1) },
        },
        {
          action: 'resolve',
          at: at(2),
          actor: { personId: 'm1', role: 'maintenance' },
          facts: { resolution: 'fixed' },
        },
        { action: 'close', at: at(3), actor: { personId: 'c1', role: 'customerService' } },
      ],
      w,
      ctx,
    ).value;
    expect(r.rejected[0]?.missing).toEqual(['repliedAt']);
  });

  it('records a repeated complaint about the same issue once, dated by the first (S000B-COMPLAINT-11)', () => {
    const r = dedupeComplaints([
      { id: 'b', complainantId: 'r1', issueKey: 'leak-3-502', receivedAt: '2024-03-03T09:00:00+08:00' },
      { id: 'a', complainantId: 'r1', issueKey: 'leak-3-502', receivedAt: '2024-03-01T09:00:00+08:00' },
      { id: 'c', complainantId: 'r1', issueKey: 'noise-3-502', receivedAt: '2024-03-02T09:00:00+08:00' },
      { id: 'd', complainantId: 'r2', issueKey: 'leak-3-502', receivedAt: '2024-03-02T09:00:00+08:00' },
    ]).value;
    expect(r).toEqual({ primaries: ['a', 'c', 'd'], links: [{ duplicateId: 'b', primaryId: 'a' }] });
  });

  it('refuses the same complaint listed twice, which is not a repeat complaint (S000B-COMPLAINT-11)', () => {
    const a = {
      id: 'a',
      complainantId: 'r1',
      issueKey: 'leak-3-502',
      receivedAt: '2024-03-01T09:00:00+08:00',
    };
    const complaints = [
      a,
      { id: 'b', complainantId: 'r1', issueKey: 'leak-3-502', receivedAt: '2024-03-03T09:00:00+08:00' },
      { id: 'c', complainantId: 'r1', issueKey: 'noise-3-502', receivedAt: '2024-03-02T09:00:00+08:00' },
    ];
    const twice = [...complaints, a];
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        const z = e as { code?: string; path?: unknown; message?: string };
        return { code: z.code, path: z.path, message: z.message };
      }
      return undefined;
    };
    const preset = slaRecords.preset('property-revisit-000b');
    // It was linked as a repeat of itself ({ duplicateId: 'a', primaryId: 'a' }) and counted again.
    expect(refusal(() => slaRecords.evaluate({ complaints: twice, items: [] }, preset, ctx))).toEqual({
      code: 'duplicate',
      path: ['input', 'complaints', 3, 'id'],
      message: '投诉 a 重复列出 / complaint a is listed twice (at input.complaints[3].id)',
    });
    expect(refusal(() => dedupeComplaints(twice))).toEqual(
      expect.objectContaining({ code: 'duplicate', path: ['complaints', 3, 'id'] }),
    );
    // Listed once: b, another complaint about the same matter, is still merged into a.
    expect(slaRecords.evaluate({ complaints, items: [] }, preset, ctx).value.result).toEqual(
      expect.objectContaining({ primaries: ['a', 'c'], links: [{ duplicateId: 'b', primaryId: 'a' }] }),
    );
  });

  it('requires a 100 % handling rate for raised issues (S000B-COMPLAINT-12)', () => {
    const target = Number(propertyRevisit000bPreset().params.settings.handlingRateTarget);
    const twelve = Array.from({ length: 12 }, () => ({ handled: true }));
    expect(handlingRate(twelve, target).value.compliant).toBe(true);
    expect(handlingRate([...twelve.slice(1), { handled: false }], target).value).toEqual(
      expect.objectContaining({ handled: 11, compliant: false }),
    );
    expect(handlingRate([], target).value.compliant).toBe(true);
  });

  it('wants the daily registration form before 18:00, or by 10:00 next day in special cases (S000B-MILESTONE-01)', () => {
    const p = companyCopy('leasing-000b', [{ op: 'replace', path: '/effectiveFrom', value: '2013-07-01' }]);
    const reg = (at: string, special?: boolean) =>
      one(
        p,
        [
          ev('receptionDayOpened', 'lm1', '2024-03-05T09:00', special ? { specialCircumstance: true } : {}),
          ev('registrationSubmitted', 'lm1', at),
        ],
        '2024-03-07T00:00',
        'dailyRegistration',
      ).status;
    expect(reg('2024-03-05T17:40')).toBe('met');
    expect(reg('2024-03-06T09:55', true)).toBe('met');
    expect(reg('2024-03-06T09:55')).toBe('breached');
    expect(reg('2024-03-06T10:05', true)).toBe('breached');
  });

  it('files a new corporate customer within 5 working days of first contact (S000B-MILESTONE-02)', () => {
    const p = corporate000bPreset();
    expect(
      one(
        p,
        [ev('firstContact', 'k', '2024-03-08T10:00'), ev('customerFiled', 'k', '2024-03-18T10:00')],
        '2024-03-20T00:00',
        'newCustomerFiling',
      ).status,
    ).toBe('breached');
    expect(
      one(p, [ev('firstContact', 'k', '2024-09-27T10:00')], '2024-09-28T00:00', 'newCustomerFiling').dueAt,
    ).toBe(utc('2024-10-10T23:59:59.999'));
  });

  it('reports customer changes within 5 working days, each change on its own clock (S000B-MILESTONE-03)', () => {
    const p = corporate000bPreset();
    const v = timersOf(
      p,
      [
        ev('changeLearned', 'k1', '2024-03-06T10:00'),
        ev('changeLearned', 'k2', '2024-03-09T10:00'),
        ev('changeReported', 'k1', '2024-03-13T16:00'),
        ev('changeReported', 'k2', '2024-03-18T09:00'),
      ],
      '2024-03-20T00:00',
      'changeReport',
    );
    expect(v.map((s) => s.status)).toEqual(['met', 'breached']);
    expect(v[1]?.dueAt).toBe(utc('2024-03-15T23:59:59.999'));
  });

  it('flags cooperation talks that start before the partner is admitted (S000B-MILESTONE-04)', () => {
    const p = jointVenturePartners000bPreset();
    expect(
      one(
        p,
        [
          ev('partnerProposed', 'hs', '2024-02-01T10:00'),
          ev('partnerAdmitted', 'hs', '2024-03-01T10:00'),
          ev('projectNegotiationStarted', 'hs', '2024-03-05T10:00'),
        ],
        '2024-04-01T00:00',
        'admissionBeforeNegotiation',
      ).status,
    ).toBe('met');
    expect(
      one(
        p,
        [
          ev('partnerProposed', 'hs', '2024-02-01T10:00'),
          ev('projectNegotiationStarted', 'hs', '2024-02-20T10:00'),
          ev('partnerAdmitted', 'hs', '2024-03-01T10:00'),
        ],
        '2024-04-01T00:00',
        'admissionBeforeNegotiation',
      ).status,
    ).toBe('breached');
  });

  it('dates each regulation from its stated effective date and refuses a masked year (S000B-MILESTONE-05)', () => {
    expect(corporate000bPreset().effectiveFrom).toBe(utc('2013-07-01T00:00'));
    const before = timerStates(
      [ev('firstContact', 'k', '2013-06-30T10:00')],
      corporate000bPreset(),
      cn('2013-07-20T00:00'),
    );
    expect(before.value).toEqual([]);
    expect(before.trace[0]?.rule).toBe('S000B-MILESTONE-05');
    expect(
      one(
        corporate000bPreset(),
        [ev('firstContact', 'k', '2013-07-01T10:00')],
        '2013-07-02T00:00',
        'newCustomerFiling',
      ).status,
    ).toBe('running');
    // The year of 20xx年7月1日 is masked: the preset carries the placeholder 2000-01-01, and the
    // company's copy states its own date; the removed option is refused, naming the file to edit.
    expect(leasing000bPreset().effectiveFrom).toBe(utc('2000-01-01T00:00'));
    expect(
      companyCopy('leasing-000b', [{ op: 'replace', path: '/effectiveFrom', value: '2015-07-01' }])
        .effectiveFrom,
    ).toBe(utc('2015-07-01T00:00'));
    expect(() => leasing000bPreset({ effectiveYear: 2015 } as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['options', 'effectiveYear'] }),
    );
  });
});
