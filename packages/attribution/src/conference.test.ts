import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateOutreachFiles,
  attributeEventSale,
  auditSharedBox,
  type Claim,
  canCompanyReassign,
  canInvite,
  claimsRuling,
  detectDuplicates,
  effectiveInvitationDate,
  eventDayDeadline,
  isServiceInadequate,
  jointEventConflict,
  conferenceMarketing001 as P,
  requiredSubmissions,
  type Submission,
} from './conference.js';
import { seededRng, ZhiduError } from './kernel.js';

const Z = 'Asia/Shanghai';
const at = (d: string, t = '10:00') => `${d}T${t}+08:00`;
const event = { id: 'J', date: '2024-06-15', start: '19:00' };
const claim = (over: Partial<Claim>): Claim => ({
  divisionId: 'division1',
  employeeId: 'E1',
  effectiveDate: '2024-06-10',
  listed: true,
  role: 'invitee',
  confirmed: true,
  ...over,
});

describe('outreach allocation', () => {
  it('deals 10 files round-robin to the participants, counts differing by at most one (S001-ATTR-01)', () => {
    const files = Array.from({ length: 10 }, (_, i) => `f${i + 1}`);
    const r = allocateOutreachFiles(files, ['E1', 'E2', 'E3'], P).value;
    expect(r).toEqual({ E1: ['f1', 'f4', 'f7', 'f10'], E2: ['f2', 'f5', 'f8'], E3: ['f3', 'f6', 'f9'] });
  });
  it('gives nothing to an employee who did not attend and leaves the last participant empty with 2 files (S001-ATTR-01)', () => {
    const r = allocateOutreachFiles(['f1', 'f2'], ['E1', 'E2', 'E3'], P).value;
    expect(r).toEqual({ E1: ['f1'], E2: ['f2'], E3: [] });
    expect(r).not.toHaveProperty('E4');
  });
  it('draws the remainder order reproducibly with a seeded rng (S001-ATTR-01)', () => {
    const params = { ...P, allocationRemainder: 'seededRandom' as const };
    const a = allocateOutreachFiles(['f1', 'f2', 'f3', 'f4'], ['E1', 'E2', 'E3'], params, seededRng(9)).value;
    const b = allocateOutreachFiles(['f1', 'f2', 'f3', 'f4'], ['E1', 'E2', 'E3'], params, seededRng(9)).value;
    expect(a).toEqual(b);
    expect(
      Object.values(a)
        .map((x) => x.length)
        .sort(),
    ).toEqual([1, 1, 2]);
    expect(() => allocateOutreachFiles(['f1'], ['E1'], params)).toThrow(ZhiduError);
  });
});

describe('shared-box lists', () => {
  it('requires a confirmed list from each division and a next-day plan from Division 2 on each of the 7 days (S001-ATTR-02)', () => {
    const req = requiredSubmissions(event, ['division1', 'division2'], P, Z);
    const daily = req.filter((r) => r.kind !== 'eventDay');
    expect(daily).toHaveLength(21);
    expect(daily[0]).toEqual({
      divisionId: 'division1',
      day: '2024-06-08',
      kind: 'confirmed',
      deadline: '2024-06-08T10:00:00.000Z',
    });
    expect(req.filter((r) => r.kind === 'plannedNextDay').every((r) => r.divisionId === 'division2')).toBe(
      true,
    );
  });
  it('auditSharedBox refuses a division listed twice and a malformed division, at the division (S001-ATTR-02)', () => {
    const refused = (divisions: unknown) => {
      try {
        auditSharedBox({ event, divisions: divisions as never, submissions: [] }, P, Z);
      } catch (e) {
        return [(e as ZhiduError).code, (e as ZhiduError).path];
      }
      return undefined;
    };
    expect(
      refused([
        { id: 'division1', headId: 'H1' },
        { id: 'division2', headId: 'H2' },
        { id: 'division1', headId: 'H1' },
      ]),
    ).toEqual(['duplicate', ['divisions', 2, 'id']]);
    // Not read at all before: a division without a head was audited with its head null.
    expect(refused([{ id: 'division1' }])).toEqual(['invalid_input', ['divisions', 0, 'headId']]);
    expect(refused([{ id: 5, headId: 'H1' }])).toEqual(['invalid_input', ['divisions', 0, 'id']]);
    expect(refused([])).toEqual(['invalid_input', ['divisions']]);
    const once = auditSharedBox(
      {
        event,
        divisions: [
          { id: 'division1', headId: 'H1' },
          { id: 'division2', headId: 'H2' },
        ],
        submissions: [],
      },
      P,
      Z,
    );
    expect(once.value.violations.filter((v) => v.personId === 'H1')).toHaveLength(8);
  });
  it('counts an invitation at 18:00 or later for the next day (S001-ATTR-03)', () => {
    expect(effectiveInvitationDate(at('2024-06-10', '17:59'), P, Z)).toBe('2024-06-10');
    expect(effectiveInvitationDate(at('2024-06-10', '18:00'), P, Z)).toBe('2024-06-11');
    expect(effectiveInvitationDate(at('2024-06-10', '23:30'), P, Z)).toBe('2024-06-11');
    expect(effectiveInvitationDate(at('2024-06-11', '00:30'), P, Z)).toBe('2024-06-11');
  });
  it("atCutoff 'nextDay' (the preset's reading): an invitation exactly at 18:00 counts for the next day (S001-ATTR-03)", () => {
    expect(P.atCutoff).toBe('nextDay');
    expect(effectiveInvitationDate('2024-06-10T18:00:00+08:00', P, Z)).toBe('2024-06-11');
    expect(effectiveInvitationDate('2024-06-10T17:59:59+08:00', P, Z)).toBe('2024-06-10');
  });
  it("atCutoff 'sameDay': an invitation exactly at 18:00 counts for that day, one a second later for the next (S001-ATTR-03)", () => {
    const sameDay = { ...P, atCutoff: 'sameDay' as const };
    expect(effectiveInvitationDate('2024-06-10T18:00:00+08:00', sameDay, Z)).toBe('2024-06-10');
    expect(effectiveInvitationDate('2024-06-10T18:00:01+08:00', sameDay, Z)).toBe('2024-06-11');
    expect(effectiveInvitationDate('2024-06-10T17:59:00+08:00', sameDay, Z)).toBe('2024-06-10');
    expect(effectiveInvitationDate('2024-06-10T23:30:00+08:00', sameDay, Z)).toBe('2024-06-11');
  });
  it('atCutoff: the two settings differ only for an invitation made exactly at the cut-off (S001-ATTR-03, seeded property)', () => {
    const sameDay = { ...P, atCutoff: 'sameDay' as const };
    const start = Date.parse('2024-06-10T00:00:00+08:00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * 86_400 - 1 }), (second) => {
        const instant = new Date(start + second * 1000).toISOString();
        const atCutoff = second % 86_400 === 18 * 3600;
        const same = effectiveInvitationDate(instant, sameDay, Z) === effectiveInvitationDate(instant, P, Z);
        expect(same).toBe(!atCutoff);
      }),
      { seed: 20240610, numRuns: 300, examples: [[18 * 3600], [86_400 + 18 * 3600], [18 * 3600 + 1]] },
    );
  });
  it('atCutoff: a policy that leaves it out gets nextDay, one with another value is refused naming the field (S001-ATTR-03)', () => {
    const { atCutoff: _left, ...withoutSwitch } = P;
    expect(effectiveInvitationDate('2024-06-10T18:00:00+08:00', withoutSwitch as never, Z)).toBe(
      '2024-06-11',
    );
    let caught: unknown;
    try {
      effectiveInvitationDate('2024-06-10T18:00:00+08:00', { ...P, atCutoff: 'evening' } as never, Z);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ZhiduError);
    expect((caught as ZhiduError).path).toEqual(['params', 'atCutoff']);
  });
  it('sets the event-day deadline at 10:00 for afternoon events, 16:00 for evening ones, none for mornings (S001-ATTR-04)', () => {
    expect(eventDayDeadline({ ...event, start: '14:00' }, P, Z)).toBe('2024-06-15T02:00:00.000Z');
    expect(eventDayDeadline({ ...event, start: '19:00' }, P, Z)).toBe('2024-06-15T08:00:00.000Z');
    expect(eventDayDeadline({ ...event, start: '09:30' }, P, Z)).toBeNull();
  });
  it('flags late and missing confirmed lists for the division head, one violation per list (S001-ATTR-02, S001-ATTR-04)', () => {
    const ok = (div: string, day: string, kind: Submission['kind'], t: string) => ({
      divisionId: div,
      headId: div === 'division1' ? 'H1' : 'H2',
      day,
      kind,
      submittedAt: at(day, t),
      entries: [{ customerId: 'X', employeeId: 'E', phone: '1' }],
    });
    const subs = [];
    for (let d = 8; d <= 14; d++) {
      const day = `2024-06-${String(d).padStart(2, '0')}`;
      subs.push(ok('division1', day, 'confirmed', d === 12 ? '18:20' : '17:00'));
      if (d !== 13 && d !== 14) subs.push(ok('division2', day, 'confirmed', '17:00'));
      subs.push(ok('division2', day, 'plannedNextDay', '17:00'));
    }
    subs.push(ok('division1', '2024-06-15', 'eventDay', '15:00'));
    subs.push(ok('division2', '2024-06-15', 'eventDay', '16:05'));
    const r = auditSharedBox(
      {
        event,
        divisions: [
          { id: 'division1', headId: 'H1' },
          { id: 'division2', headId: 'H2' },
        ],
        submissions: subs,
      },
      P,
      Z,
    ).value;
    expect(r.violations.map((v) => [v.code, v.personId, v.subject?.id])).toEqual([
      ['attribution.sharedBox.late', 'H1', 'division1/2024-06-12/confirmed'],
      ['attribution.sharedBox.missing', 'H2', 'division2/2024-06-13/confirmed'],
      ['attribution.sharedBox.missing', 'H2', 'division2/2024-06-14/confirmed'],
      ['attribution.sharedBox.late', 'H2', 'division2/2024-06-15/eventDay'],
    ]);
  });
  it('notes incomplete rows for correction without a violation (S001-ATTR-02)', () => {
    const d = auditSharedBox(
      {
        event,
        divisions: [{ id: 'division1', headId: 'H1' }],
        submissions: [
          {
            divisionId: 'division1',
            headId: 'H1',
            day: '2024-06-08',
            kind: 'confirmed',
            submittedAt: at('2024-06-08'),
            entries: [{ customerId: 'X', employeeId: 'E1' }],
          },
        ],
      },
      P,
      Z,
    );
    expect(d.trace.some((t) => t.rule === 'S001-ATTR-02' && t.message.en.includes('incomplete'))).toBe(true);
    expect(d.value.violations.some((v) => v.subject?.id === 'division1/2024-06-08/confirmed')).toBe(false);
  });
});

describe('claims between divisions', () => {
  it('forfeits a customer whose list was late to the division that listed it on time (S001-ATTR-05)', () => {
    const r = claimsRuling(
      [
        claim({ listed: false }),
        claim({ divisionId: 'division2', employeeId: 'E2', effectiveDate: '2024-06-11' }),
      ],
      P,
    ).value;
    expect(r && 'winner' in r ? r.winner.divisionId : null).toBe('division2');
  });
  it('gives the earliest effective confirmation when both lists were late (S001-ATTR-05)', () => {
    const r = claimsRuling(
      [
        claim({ listed: false }),
        claim({ divisionId: 'division2', employeeId: 'E2', effectiveDate: '2024-06-11', listed: false }),
      ],
      P,
    ).value;
    expect(r && 'winner' in r ? r.winner.divisionId : null).toBe('division1');
  });
  it('blocks another division from inviting a validly confirmed customer, except in the poaching window (S001-ATTR-06)', () => {
    expect(canInvite('division2', [claim({})], false)).toEqual({ allowed: false, blockedBy: 'division1' });
    expect(canInvite('division2', [claim({ listed: false, role: 'mobilizer' })], false)).toEqual({
      allowed: true,
    });
    expect(canInvite('division2', [claim({})], true)).toEqual({ allowed: true });
  });
  it("finds customers on two divisions' lists the same evening (S001-ATTR-07)", () => {
    const mk = (div: string, kind: Submission['kind'], ids: string[]) => ({
      divisionId: div,
      headId: 'H',
      day: '2024-06-10',
      kind,
      submittedAt: at('2024-06-10', '17:00'),
      entries: ids.map((customerId) => ({ customerId, employeeId: 'E' })),
    });
    const d = detectDuplicates(
      [
        mk('division1', 'confirmed', ['X', 'Y']),
        mk('division2', 'confirmed', ['Z']),
        mk('division2', 'plannedNextDay', ['X', 'W']),
      ],
      P,
      Z,
    );
    expect(d.map((x) => x.customerId)).toEqual(['X']);
    expect(d[0]?.entries.map((e) => [e.divisionId, e.kind, e.effectiveDate])).toEqual([
      ['division1', 'confirmed', '2024-06-10'],
      ['division2', 'plannedNextDay', '2024-06-11'],
    ]);
    const r = claimsRuling(
      [claim({}), claim({ divisionId: 'division2', confirmed: false, effectiveDate: '2024-06-11' })],
      P,
    ).value;
    expect(r && 'winner' in r ? r.reason : null).toBe('onlyValidClaim');
  });
});

describe('joint-event sale and conflicts', () => {
  it('credits the sale to the current inviter and flags help without consent or a simultaneous pitch (S001-ATTR-08)', () => {
    const base = { customerId: 'X', at: at('2024-06-15', '20:00'), currentInviter: 'E2', helpers: ['E1'] };
    expect(attributeEventSale({ ...base, consentGiven: true, simultaneousPitch: false }).value).toEqual({
      performance: { E2: 100 },
      violations: [],
    });
    expect(
      attributeEventSale({ ...base, consentGiven: false, simultaneousPitch: false }).value.violations.map(
        (v) => v.code,
      ),
    ).toEqual(['attribution.jointEvent.noConsent']);
    expect(
      attributeEventSale({ ...base, consentGiven: true, simultaneousPitch: true }).value.violations.map(
        (v) => v.code,
      ),
    ).toEqual(['attribution.jointEvent.simultaneousPitch']);
  });
  it('fines each party for arguing before customers or bypassing the coordinator (S001-ATTR-07, S001-PENALTY-02)', () => {
    const q = jointEventConflict({
      at: at('2024-06-15', '20:00'),
      parties: ['E1', 'E2'],
      arguedBeforeCustomer: true,
      resolvedViaProcedure: false,
    });
    expect(q.value.map((v) => [v.code, v.personId])).toEqual([
      ['attribution.jointEvent.quarrel', 'E1'],
      ['attribution.jointEvent.quarrel', 'E2'],
    ]);
    expect(
      jointEventConflict({
        at: at('2024-06-15'),
        parties: ['E1', 'E2'],
        arguedBeforeCustomer: false,
        resolvedViaProcedure: true,
      }).value,
    ).toEqual([]);
    expect(
      jointEventConflict({
        at: at('2024-06-15'),
        parties: ['E1', 'E2'],
        arguedBeforeCustomer: false,
        resolvedViaProcedure: false,
      }).value,
    ).toHaveLength(2);
  });
});

describe('inadequate service', () => {
  const asOf = at('2024-04-01', '00:00');
  const since = at('2023-12-01', '00:00');
  it('is adequate with an attended invitation and a home visit in the last 3 months (S001-ATTR-09)', () => {
    const acts = [
      { kind: 'invitation' as const, at: at('2024-01-15') },
      { kind: 'attendance' as const, at: at('2024-01-16') },
      { kind: 'homeVisit' as const, at: at('2024-02-20') },
    ];
    expect(isServiceInadequate({ ownerSince: since, asOf, activities: acts }, P, Z).value).toEqual({
      inadequate: false,
      reasons: [],
    });
  });
  it('is inadequate without an invitation, or when invitations were never attended (S001-ATTR-09)', () => {
    expect(
      isServiceInadequate(
        { ownerSince: since, asOf, activities: [{ kind: 'homeVisit' as const, at: at('2024-02-01') }] },
        P,
        Z,
      ).value,
    ).toEqual({
      inadequate: true,
      reasons: ['noInvitation'],
    });
    const acts = [
      { kind: 'invitation' as const, at: at('2024-01-10') },
      { kind: 'invitation' as const, at: at('2024-02-10') },
      { kind: 'homeVisit' as const, at: at('2024-03-01') },
    ];
    expect(isServiceInadequate({ ownerSince: since, asOf, activities: acts }, P, Z).value.reasons).toEqual([
      'noAttendance',
    ]);
  });
  it('is not evaluable before the owner has held the customer for 3 months (S001-ATTR-09)', () => {
    expect(
      isServiceInadequate({ ownerSince: at('2024-02-15'), asOf, activities: [] }, P, Z).value.inadequate,
    ).toBe(false);
  });
  it('lets the company reassign exactly the inadequately served customers (S001-ATTR-10)', () => {
    expect(canCompanyReassign({ ownerSince: since, asOf, activities: [] }, P, Z).value).toBe(true);
    const acts = [
      { kind: 'invitation' as const, at: at('2024-01-15') },
      { kind: 'attendance' as const, at: at('2024-01-16') },
      { kind: 'homeVisit' as const, at: at('2024-02-20') },
    ];
    const d = canCompanyReassign({ ownerSince: since, asOf, activities: acts }, P, Z);
    expect(d.value).toBe(false);
    expect(d.trace.at(-1)?.rule).toBe('S001-ATTR-10');
  });
  it('reads "inadequate" leniently when the policy says all services must be missing (S001-ATTR-09)', () => {
    const lenient = { ...P, inadequacy: { windowMonths: 3, mode: 'allMissing' as const } };
    expect(
      isServiceInadequate(
        { ownerSince: since, asOf, activities: [{ kind: 'homeVisit' as const, at: at('2024-02-01') }] },
        lenient,
        Z,
      ).value.inadequate,
    ).toBe(false);
  });
});
