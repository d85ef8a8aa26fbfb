import { makeContext, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  OWNERSHIP_RULE_ID,
  type OwnershipStage,
  ownershipPipeline,
  type SalesHistoryInput,
  salesOffice001,
} from './index.js';
import { ownershipOf } from './resolve.js';

const fields = { name: '王先生', phone: '13800000000' };
const history: SalesHistoryInput = {
  customerId: 'c1',
  staff: [{ id: 'A' }, { id: 'B' }, { id: 'M' }],
  events: [
    {
      type: 'registration',
      at: '2024-03-01T10:30+08:00',
      customerId: 'c1',
      salespersonId: 'B',
      channel: 'walkIn',
      fields,
    },
    { type: 'deal', at: '2024-03-28T16:00+08:00', customerId: 'c1', stage: 'contract', closerId: 'B' },
  ],
};
const ctx = makeContext({ now: '2024-03-28T23:00+08:00' });

describe('custom rules through the core rule pipeline', () => {
  it('exposes the built-in procedure as one pipeline step', () => {
    expect(ownershipPipeline().ids).toEqual([OWNERSHIP_RULE_ID]);
  });

  it('runs a company rule after the built-in one; its trace entry sits beside the catalog rules', () => {
    // ACME: deals above a threshold share the bonus 90/10 with the store manager M.
    const d = ownershipOf(history, salesOffice001, ctx, {
      customRules: [
        {
          after: OWNERSHIP_RULE_ID,
          step: {
            id: 'acme.managerBonus',
            clause: 'ACME 销售奖金办法 §3',
            run: (stage: OwnershipStage, step) => {
              if (!stage.ownership) return stage;
              step.note('店长分得奖金10%', 'The store manager takes 10 % of the bonus');
              const deals = stage.ownership.deals.map((deal) => ({
                ...deal,
                bonus: [
                  ...deal.bonus.map((s) => ({ ...s, bp: (s.bp * 9) / 10 })),
                  { party: 'M', kind: 'staff' as const, bp: 1000 },
                ],
              }));
              return { ...stage, ownership: { ...stage.ownership, deals } };
            },
          },
        },
      ],
    });
    expect(d.value.owner).toBe('B');
    expect(d.value.deals[0]?.bonus).toEqual([
      { party: 'B', kind: 'staff', bp: 9000 },
      { party: 'M', kind: 'staff', bp: 1000 },
    ]);
    const rules = d.trace.map((t) => t.rule);
    expect(rules).toContain('S001-ATTR-11');
    expect(rules[rules.length - 1]).toBe('acme.managerBonus');
    expect(d.trace[d.trace.length - 1]).toMatchObject({
      clause: 'ACME 销售奖金办法 §3',
      message: { en: 'The store manager takes 10 % of the bonus' },
    });
  });

  it('runs a company rule before the built-in one that rewrites the history it judges', () => {
    const d = ownershipOf(history, salesOffice001, ctx, {
      customRules: [
        {
          before: OWNERSHIP_RULE_ID,
          step: {
            id: 'acme.dealsAfterApproval',
            run: (stage: OwnershipStage, step) => {
              // ACME counts a contract only after head-office approval, which this log lacks.
              step.note(
                '合同未经总部审批，不计成交',
                'Contract not yet approved by head office: not counted',
              );
              const events = stage.history.events.filter((e) => e.type !== 'deal');
              return { ...stage, history: { ...stage.history, events } };
            },
          },
        },
      ],
    });
    expect(d.trace[0]?.rule).toBe('acme.dealsAfterApproval');
    expect(d.value.owner).toBe('B');
    expect(d.value.deals).toEqual([]);
  });

  it('refuses a custom rule that leaves shares not summing to 100 % or produces no ownership', () => {
    const broken = () =>
      ownershipOf(history, salesOffice001, ctx, {
        customRules: [
          {
            after: OWNERSHIP_RULE_ID,
            step: {
              id: 'acme.broken',
              run: (stage: OwnershipStage) =>
                stage.ownership
                  ? {
                      ...stage,
                      ownership: {
                        ...stage.ownership,
                        deals: stage.ownership.deals.map((d) => ({
                          ...d,
                          bonus: [{ party: 'B', kind: 'staff' as const, bp: 5000 }],
                        })),
                      },
                    }
                  : stage,
            },
          },
        ],
      });
    expect(broken).toThrowError(ZhiduError);
    expect(broken).toThrowError(
      expect.objectContaining({
        code: 'invalid_state',
        path: ['customRules', 'acme.broken', 'deals', 0, 'bonus'],
      }),
    );
    expect(() =>
      ownershipOf(history, salesOffice001, ctx, {
        customRules: [
          { replace: OWNERSHIP_RULE_ID, step: { id: 'acme.nothing', run: (s: OwnershipStage) => s } },
        ],
      }),
    ).toThrowError(/no rule in the pipeline produced an ownership/);
    expect(() =>
      ownershipOf(history, salesOffice001, ctx, {
        customRules: [{ after: 'no-such-rule', step: { id: 'x', run: (s: OwnershipStage) => s } }],
      }),
    ).toThrowError(expect.objectContaining({ code: 'unknown_reference' }));
  });

  it('re-validates the state a custom rule returns; the error path names the custom rule (malformed ownership, a crash)', () => {
    const withStep = (run: (s: OwnershipStage) => OwnershipStage) => () =>
      ownershipOf(history, salesOffice001, ctx, {
        customRules: [{ after: OWNERSHIP_RULE_ID, step: { id: 'acme.malformed', run } }],
      });
    // An owner that is a number, not a salesperson id.
    expect(
      withStep((s) => ({ ...s, ownership: { ...(s.ownership as object), owner: 42 } as never })),
    ).toThrowError(
      expect.objectContaining({
        code: 'invalid_input',
        path: ['customRules', 'acme.malformed', 'ownership', 'owner'],
      }),
    );
    // A custom rule that crashes is reported as the custom rule's failure, not a bare TypeError.
    expect(
      withStep((s) => ({ ...s, ownership: (s as unknown as { x: { y: OwnershipStage['ownership'] } }).x.y })),
    ).toThrowError(
      expect.objectContaining({ code: 'invalid_state', path: ['customRules', 'acme.malformed'] }),
    );
  });
});
