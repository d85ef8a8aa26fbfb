import { chinaCalendar } from '@zhidu/calendar-cn';
import { type ContextInput, yuan, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  checkAssessment,
  checkFrequency,
  checkGreeting,
  checkPreApproval,
  checkRecord,
  checkRevisitPlan,
  computeReferralPoints,
  serviceFrequency,
  serviceKpi,
  serviceReception,
  serviceRecords,
  serviceReferral,
  serviceRevisit,
  serviceSales,
} from './index.js';

// Each entry point the registry's coverage map names is a thin call of its module: the module's
// decision (result, violations, trace, provenance) for the module's input with the entry point's op.

type Thin = (input: never, policy: unknown, ctx: ContextInput) => unknown;
interface Case {
  fn: Thin;
  module: { id: string; evaluate: Thin; preset(name: string): unknown };
  preset: string;
  /** The module op the entry point supplies (none for single-entry modules). */
  op?: string;
  input: Record<string, unknown>;
  ctx: ContextInput;
  /** A field of the input a malformed value is put in (refused at `input.<field>`). */
  field: string;
}

const CASES: Record<string, Case> = {
  checkAssessment: {
    fn: checkAssessment as Thin,
    module: serviceKpi as never,
    preset: 's002-cs-system',
    op: 'checkAssessment',
    input: { record: { complaintHandlingRate: 0.9 } },
    ctx: { now: '2024-03-01T10:00:00+08:00' },
    field: 'record',
  },
  checkFrequency: {
    fn: checkFrequency as Thin,
    module: serviceFrequency as never,
    preset: 's000-property-centre',
    input: {
      key: 'disinfection',
      activities: [{ activity: 'disinfection', at: '2024-03-05T10:00:00+08:00' }],
      range: { from: '2024-03-01', to: '2024-04-30' },
    },
    ctx: { now: '2024-05-01T00:00:00+08:00', calendar: chinaCalendar() },
    field: 'activities',
  },
  checkGreeting: {
    fn: checkGreeting as Thin,
    module: serviceReception as never,
    preset: 's000-reception',
    op: 'checkGreeting',
    input: {
      check: {
        guestRank: 'seniorManagement',
        greeterRank: 'departmentSupervisor',
        arrivalInfoKnown: true,
        guestArrivesAt: '2024-03-06T14:30:00+08:00',
        greeterArrivedAt: '2024-03-06T14:40:00+08:00',
        transportBooked: true,
        lodgingBooked: false,
      },
    },
    ctx: { now: '2024-03-06T15:00:00+08:00' },
    field: 'check',
  },
  checkPreApproval: {
    fn: checkPreApproval as Thin,
    module: serviceSales as never,
    preset: 's001b-sales-visit',
    op: 'checkPreApproval',
    input: {
      visit: {
        visitAt: '2024-03-06T10:00:00+08:00',
        priorContactAt: '2024-03-01T10:00:00+08:00',
        items: [
          {
            kind: 'entertainment',
            appliedAt: '2024-03-05T10:00:00+08:00',
            approvedAt: '2024-03-07T10:00:00+08:00',
          },
        ],
      },
    },
    ctx: { now: '2024-03-08T10:00:00+08:00' },
    field: 'visit',
  },
  checkRecord: {
    fn: checkRecord as Thin,
    module: serviceRecords as never,
    preset: 's001b-gps-service',
    input: { key: 'repairIntake', record: { customerName: '王先生', contact: '13800000001' } },
    ctx: { now: '2024-03-01T10:00:00+08:00' },
    field: 'record',
  },
  checkRevisitPlan: {
    fn: checkRevisitPlan as Thin,
    module: serviceRevisit as never,
    preset: 's000b-property-revisit',
    op: 'checkRevisitPlan',
    input: {
      plan: { createdByRole: 'propertyAssistant', items: [{ triggerId: 'k1' }] },
      triggers: [
        { id: 'k1', type: 'complaintHandled' },
        { id: 'k2', type: 'complaintHandled' },
      ],
    },
    ctx: { now: '2024-03-01T10:00:00+08:00' },
    field: 'plan',
  },
  computeReferralPoints: {
    fn: computeReferralPoints as Thin,
    module: serviceReferral as never,
    preset: 's001-conference-marketing',
    op: 'computeReferralPoints',
    input: {
      referrals: [
        {
          newCustomerId: 'N1',
          referrerId: 'O',
          referrerIsClubMember: true,
          attendances: [{ eventId: 'E1', at: '2024-03-01T10:00:00+08:00' }],
        },
      ],
      sales: [{ id: 's1', newCustomerId: 'N1', eventId: 'E1', amount: yuan(2500), onSite: true }],
    },
    ctx: { now: '2024-03-02T10:00:00+08:00' },
    field: 'sales',
  },
};

function refusal(f: () => unknown): ZhiduError {
  try {
    f();
  } catch (e) {
    if (e instanceof ZhiduError) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError, nothing was thrown');
}

const moduleInput = (c: Case): Record<string, unknown> =>
  c.op === undefined ? c.input : { op: c.op, ...c.input };

describe('service entry points are thin calls of their modules', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name} is a thin call of ${c.module.id}${c.op ? ` (op ${c.op})` : ''}: the module's decision, trace and provenance included`, () => {
      const policy = c.module.preset(c.preset);
      const thin = c.fn(c.input as never, policy, c.ctx) as {
        value: { result: unknown; violations: unknown[] };
        trace: unknown[];
        provenance: { module: string };
      };
      expect(thin).toEqual(c.module.evaluate(moduleInput(c) as never, policy, c.ctx));
      expect(thin.provenance.module).toBe(c.module.id);
      expect(thin.trace.length).toBeGreaterThan(0);
    });
    it(`${name} (thin call) refuses a bad policy, a bad input and an \`op\` of the caller's with a ZhiduError naming the field`, () => {
      const policy = c.module.preset(c.preset) as Record<string, unknown>;
      const { id: _id, ...noId } = policy;
      const badPolicy = refusal(() => c.fn(c.input as never, noId, c.ctx));
      expect([badPolicy.code, badPolicy.path]).toEqual(['invalid_input', ['policy', 'id']]);
      const badInput = refusal(() => c.fn({ ...c.input, [c.field]: 42 } as never, policy, c.ctx));
      expect([badInput.code, badInput.path.slice(0, 2)]).toEqual(['invalid_input', ['input', c.field]]);
      const extra = refusal(() => c.fn({ ...c.input, extra: 1 } as never, policy, c.ctx));
      expect([extra.code, extra.path]).toEqual(['unknown_key', ['input', 'extra']]);
      // The entry point decides the op: one named by the caller is refused, never followed.
      const op = refusal(() => c.fn({ ...c.input, op: 'planReception' } as never, policy, c.ctx));
      expect([op.code, op.path]).toEqual(['unknown_key', ['input', 'op']]);
      const notObject = refusal(() => c.fn(null as never, policy, c.ctx));
      expect(notObject.path[0]).toBe('input');
    });
  }

  it('checkFrequency (thin call) refuses a context without a calendar (the module counts working days)', () => {
    const c = CASES.checkFrequency as Case;
    const e = refusal(() =>
      c.fn(c.input as never, c.module.preset(c.preset), { now: '2024-05-01T00:00:00+08:00' }),
    );
    expect([e.code, e.path]).toEqual(['calendar_required', ['ctx', 'calendar']]);
  });

  it('checkGreeting (thin call) returns the same problems the old call returned, now as value.result', () => {
    const c = CASES.checkGreeting as Case;
    const d = checkGreeting(c.input as never, serviceReception.preset('s000-reception'), c.ctx);
    expect(d.value.result).toEqual(['GREETER_RANK_TOO_LOW', 'GREETER_LATE', 'LODGING_NOT_BOOKED']);
    expect(d.value.violations).toEqual([]);
  });
});
