import { yuan, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { acmeCreditGradeTable } from '../decision-table/examples.js';
import type { TableRow } from '../decision-table/schema.js';
import { assignCreditGrade, creditActionCheck, creditEventResponse, gradeChangeOf } from './governance.js';
import { creditGradePolicy, creditGradePolicyJsonSchema } from './policy.js';
import { creditSaleCheck, creditTermsCheck, creditTermsFor } from './terms.js';

const grades = creditGradePolicy({
  gradeCMaxLimit: yuan(10_000),
  presidentWhenOverBy: { numerator: 20, denominator: 100 },
  extraConditions: { C: ['jointGuarantee'] },
});
const manager = { personId: 'm1', role: 'salesManager' };

describe('credit grades A–D (精選篇3)', () => {
  it('sets the sales terms by grade; D gets cash or prepayment only (S001-GRADE-01)', () => {
    expect(creditTermsFor('D', grades).value.allowedPayments).toEqual(['cashOnDelivery', 'prepayment']);
    expect(creditTermsFor('A', grades).value.defaultPayment).toBe('credit');
    expect(() => creditTermsFor('E' as never, grades)).toThrow(ZhiduError);
  });

  it('grades with a company’s own table, since the seed’s grading table is missing (S001-GRADE-01)', () => {
    expect(() => assignCreditGrade({ yearsTrading: 1 }, grades)).toThrow(
      expect.objectContaining({ code: 'invalid_state' }),
    );
    const [A, D] = acmeCreditGradeTable.rules as [TableRow, TableRow];
    const withTable = creditGradePolicy({
      gradeCMaxLimit: yuan(10_000),
      presidentWhenOverBy: { numerator: 1, denominator: 5 },
      // The credit README's table with a B row between its A and D rows.
      gradingTable: {
        ...acmeCreditGradeTable,
        rules: [
          A,
          {
            id: 'B',
            when: { yearsTrading: { gte: 2, lt: 5 }, latePayments: { lt: 2 } },
            result: { grade: 'B' },
          },
          D,
        ],
      },
    });
    expect(assignCreditGrade({ yearsTrading: 6, latePayments: 0 }, withTable).value.grade).toBe('A');
    expect(assignCreditGrade({ yearsTrading: 3, latePayments: 1 }, withTable).value.grade).toBe('B');
    expect(assignCreditGrade({ yearsTrading: 6, latePayments: 3 }, withTable).value.grade).toBe('C');
    expect(assignCreditGrade({ yearsTrading: 1, latePayments: 9 }, withTable).trace.at(-1)?.rule).toBe(
      'S001-GRADE-01',
    );
  });

  it('bounds an A line by one purchase and its term by one purchase cycle (S001-CREDIT-01)', () => {
    const a = { grade: 'A' as const, onePurchaseAmount: yuan(200_000), purchaseCycleDays: 30 };
    expect(creditTermsCheck({ ...a, limit: yuan(200_000), termDays: 30 }, grades).value).toEqual({
      ok: true,
      violations: [],
    });
    expect(creditTermsCheck({ ...a, limit: yuan(250_000), termDays: 30 }, grades).value.violations).toEqual([
      'limitAboveOnePurchase',
    ]);
    expect(creditTermsCheck({ ...a, limit: yuan(200_000), termDays: 45 }, grades).value.violations).toEqual([
      'termAboveOneCycle',
    ]);
  });

  it('keeps B on cash until a line is approved, then judges credit against it (S001-CREDIT-02)', () => {
    expect(
      creditSaleCheck(
        { grade: 'B', payment: 'credit', amount: yuan(5_000), limit: 0, outstanding: 0 },
        grades,
      ).value.reasons,
    ).toEqual(['noCreditLine']);
    expect(
      creditSaleCheck(
        { grade: 'B', payment: 'cashOnDelivery', amount: yuan(5_000), limit: 0, outstanding: 0 },
        grades,
      ).value.allowed,
    ).toBe(true);
    expect(creditTermsCheck({ grade: 'B', limit: yuan(20_000) }, grades).value.violations).toEqual([
      'approvalRequired',
    ]);
    expect(
      creditTermsCheck({ grade: 'B', limit: yuan(20_000), approvedBy: [manager] }, grades).value.ok,
    ).toBe(true);
    expect(
      creditSaleCheck(
        { grade: 'B', payment: 'credit', amount: yuan(15_000), limit: yuan(20_000), outstanding: 0 },
        grades,
      ).value.allowed,
    ).toBe(true);
    const over = creditSaleCheck(
      { grade: 'B', payment: 'credit', amount: yuan(25_000), limit: yuan(20_000), outstanding: 0 },
      grades,
    );
    expect(over.value).toMatchObject({
      allowed: false,
      withinLimit: false,
      requiredApprovers: ['salesManager', 'president'],
    });
  });

  it('gives C a small line only after a careful review (S001-CREDIT-03)', () => {
    expect(creditTermsCheck({ grade: 'C', limit: yuan(8_000) }, grades).value.violations).toEqual([
      'reviewRequired',
    ]);
    expect(creditTermsCheck({ grade: 'C', limit: yuan(8_000), reviewPassed: true }, grades).value.ok).toBe(
      true,
    );
    expect(
      creditTermsCheck({ grade: 'C', limit: yuan(12_000), reviewPassed: true }, grades).value.violations,
    ).toEqual(['limitAboveSmallMax']);
  });

  it('refuses D any credit: a 10-day credit order is rejected, prepayment is fine (S001-CREDIT-04)', () => {
    expect(
      creditSaleCheck(
        { grade: 'D', payment: 'credit', amount: 1, limit: yuan(1_000), outstanding: 0 },
        grades,
      ).value.reasons,
    ).toEqual(['paymentNotAllowed']);
    expect(creditTermsCheck({ grade: 'D', limit: 0, termDays: 10 }, grades).value.violations).toEqual([
      'noCreditForGrade',
    ]);
    expect(
      creditSaleCheck(
        { grade: 'D', payment: 'prepayment', amount: yuan(9_000), limit: 0, outstanding: 0 },
        grades,
      ).value.allowed,
    ).toBe(true);
  });

  it('reports going over the line to the sales manager, and to the president past 20 % (S001-CREDIT-05)', () => {
    const sale = {
      grade: 'A' as const,
      payment: 'credit' as const,
      limit: yuan(100_000),
      outstanding: yuan(80_000),
    };
    expect(creditSaleCheck({ ...sale, amount: yuan(15_000) }, grades).value).toMatchObject({
      allowed: true,
      requiredApprovers: [],
    });
    expect(creditSaleCheck({ ...sale, amount: yuan(30_000) }, grades).value.requiredApprovers).toEqual([
      'salesManager',
    ]);
    expect(creditSaleCheck({ ...sale, amount: yuan(50_000) }, grades).value.requiredApprovers).toEqual([
      'salesManager',
      'president',
    ]);
    expect(
      creditSaleCheck({ ...sale, amount: yuan(30_000), approvals: [manager] }, grades).value.allowed,
    ).toBe(true);
  });

  it('files an urgent report on worsening credit and takes no countermeasure without an instruction (S001-CREDIT-06)', () => {
    expect(creditEventResponse('creditWorsened', grades).value).toEqual({
      report: 'urgent',
      to: 'superior',
      tasks: ['awaitSuperiorInstruction'],
    });
    expect(creditActionCheck({ action: 'restrictShipment' }, grades).value).toEqual({
      allowed: false,
      missing: 'superiorInstruction',
    });
    expect(
      creditActionCheck(
        { action: 'requireJointGuarantor', instructedBy: { personId: 'boss', role: 'salesManager' } },
        grades,
      ).value.allowed,
    ).toBe(true);
    expect(() => creditActionCheck({ action: 'seizeGoods' }, grades)).toThrow(ZhiduError);
  });

  it('refuses a credit event that is not a string, at event (S001-CREDIT-06; an object threw a bare TypeError)', () => {
    for (const bad of [Object.create(null), { event: 'creditWorsened' }, 6, null]) {
      let e: unknown;
      try {
        creditEventResponse(bad as never, grades);
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(ZhiduError);
      expect(e).toMatchObject({ code: 'invalid_input', path: ['event'] });
    }
    expect(creditEventResponse('creditWorsened', grades).value.report).toBe('urgent');
  });

  it('attaches the configured extra conditions at the start of trading, none by default (S001-CREDIT-07)', () => {
    expect(creditTermsFor('C', grades).value.extraConditions).toEqual(['jointGuarantee']);
    expect(creditTermsFor('A', grades).value.extraConditions).toEqual([]);
    expect(creditTermsFor('C', grades).trace.some((t) => t.rule === 'S001-CREDIT-07')).toBe(true);
  });

  it('may hold supply as an emergency once an anomaly is reported (S001-CREDIT-08)', () => {
    expect(creditEventResponse('anomalyFound', grades).value.tasks).toEqual(['considerSupplyHold']);
    expect(creditActionCheck({ action: 'suspendSupply' }, grades).value.allowed).toBe(false);
    expect(creditActionCheck({ action: 'suspendSupply', reportFiled: true }, grades).value.allowed).toBe(
      true,
    );
  });

  it('reports a dishonoured bill, recovers, and ends trading only on instruction (S001-CREDIT-09)', () => {
    expect(creditEventResponse('billDishonoured', grades).value.tasks).toEqual([
      'recoverPayment',
      'awaitSuperiorInstruction',
    ]);
    expect(creditActionCheck({ action: 'terminateTrading' }, grades).value.allowed).toBe(false);
    expect(
      creditActionCheck(
        { action: 'terminateTrading', instructedBy: { personId: 'boss', role: 'salesManager' } },
        grades,
      ).value.allowed,
    ).toBe(true);
  });

  it('makes a grade change effective only with both the sales manager and the marketing director (S001-GRADE-02)', () => {
    const change = {
      customerId: 'X',
      from: 'B' as const,
      to: 'C' as const,
      proposedBy: { personId: 'f1', role: 'finance' },
    };
    expect(gradeChangeOf({ ...change, approvals: [manager] }, grades).value).toEqual({
      effective: false,
      grade: 'B',
      missing: ['marketingDirector'],
      refused: false,
    });
    expect(
      gradeChangeOf(
        { ...change, approvals: [manager, { personId: 'd1', role: 'marketingDirector' }] },
        grades,
      ).value.grade,
    ).toBe('C');
    expect(
      gradeChangeOf({ ...change, to: 'A', proposedBy: { personId: 's1', role: 'salesRep' } }, grades).value
        .refused,
    ).toBe(true);
  });

  it('requires the blanks of the seed before building the preset', () => {
    expect(() => creditGradePolicy({ gradeCMaxLimit: yuan(10_000) } as never)).toThrow(
      expect.objectContaining({ path: ['presidentWhenOverBy'] }),
    );
    expect(creditGradePolicyJsonSchema()).toHaveProperty('type', 'object');
  });
});
