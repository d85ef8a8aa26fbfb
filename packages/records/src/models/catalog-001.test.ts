import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  conferenceServiceTypes,
  creditCustomerDataCardTemplate,
  creditInvestigationChannels,
  creditInvestigationDuties,
  memberRightsAndObligations,
  salesOfficeCustomerLifecycle,
  salespersonCustomerRecordTemplate,
  visitDossierTemplate,
  visitPurposes,
  visitTargets,
} from './catalog-001.js';
import { checkTransition, mayPerform, nextStages, rolesFor } from './matrix.js';
import { eligibleServiceTypes, orderForNewBusinessOffer } from './rules.js';
import { checkTaxonomyValue } from './taxonomy.js';
import { checkRecordTemplate } from './template.js';

describe('seed 001 models', () => {
  it('owes pre-sale after outreach, in-sale at a club event, after-sale after buying, routine to all (S001-CORE-01)', () => {
    expect(conferenceServiceTypes.values.map((v) => v.label.zh)).toEqual([
      '售前服務',
      '售中服務',
      '售后服務',
      '經常性服務',
    ]);
    expect(
      eligibleServiceTypes({ attendedOutreach: true, attendingClubEvent: false, purchased: false }).value,
    ).toEqual(['preSale', 'routine']);
    expect(
      eligibleServiceTypes({ attendedOutreach: true, attendingClubEvent: true, purchased: true }).value,
    ).toEqual(['preSale', 'inSale', 'afterSale', 'routine']);
    const none = eligibleServiceTypes({
      attendedOutreach: false,
      attendingClubEvent: false,
      purchased: false,
    });
    expect(none.value).toEqual(['routine']);
    expect(none.trace[0]?.rule).toBe('S001-CORE-01');
  });

  it('moves a sales-office customer forward through the flowchart, never skipping (S001-CORE-02)', () => {
    const g = salesOfficeCustomerLifecycle;
    expect(checkTransition(g, 'tracking', 'archived').value).toBe(true);
    expect(checkTransition(g, 'dealClosed', 'referralRequested').value).toBe(true);
    expect(checkTransition(g, 'dealFailed', 'archivedForLater').value).toBe(true);
    expect(checkTransition(g, 'archivedForLater', 'reTracking').value).toBe(true);
    const skip = checkTransition(g, 'collected', 'dealClosed');
    expect(skip.value).toBe(false);
    expect(skip.trace[0]).toMatchObject({
      rule: 'S001-CORE-02',
      message: { zh: expect.stringContaining('交易成功') },
    });
    expect(nextStages(g, 'dealClosed')).toEqual(['secondDealPromotion', 'referralRequested']);
    expect(() => checkTransition(g, 'collected', 'teleported')).toThrow(ZhiduError);
  });

  it('needs background and a visit time, and the reason when there is no deal or the unit is returned (S001-CORE-03)', () => {
    const rec = {
      background: '三口之家,改善',
      visitTimes: ['2024-03-01T10:00:00+08:00'],
      dealStatus: 'open',
    };
    expect(checkRecordTemplate(salespersonCustomerRecordTemplate, rec).value.complete).toBe(true);
    expect(
      checkRecordTemplate(salespersonCustomerRecordTemplate, { ...rec, dealStatus: 'noDeal' }).value.missing,
    ).toEqual(['nonDealReason']);
    expect(
      checkRecordTemplate(salespersonCustomerRecordTemplate, {
        ...rec,
        dealStatus: 'returned',
        signingTime: '2024-04-01T10:00:00+08:00',
      }).value.missing,
    ).toEqual(['unitReturnReason']);
    expect(
      checkRecordTemplate(salespersonCustomerRecordTemplate, { ...rec, visitTimes: ['yesterday'] }).value
        .invalid[0],
    ).toMatchObject({
      key: 'visitTimes',
      reason:
        '第 0 项：须为带时区偏移的 ISO-8601 时间（如 2024-03-04T10:00:00+08:00） / item 0: expected an ISO-8601 date-time with an offset (e.g. 2024-03-04T10:00:00+08:00)',
    });
  });

  it('holds the 15 basic and business fields of the customer data card (S001-CORE-04)', () => {
    const t = creditCustomerDataCardTemplate;
    expect(t.fields.map((f) => f.label.zh)).toEqual([
      '客戶的姓名',
      '電話',
      '住址',
      '交易聯系人',
      '訂購日期',
      '品名',
      '數量',
      '單價',
      '金額',
      '付款態度',
      '付款時間',
      '銀行往來情況',
      '財務實權掌管人',
      '付款方式',
      '往來數據',
    ]);
    const card = Object.fromEntries(
      t.fields.map((f) => [
        f.key,
        f.type === 'phone'
          ? '13800000000'
          : f.type === 'date'
            ? '2024-03-01'
            : f.type === 'money' || f.type === 'number'
              ? 100
              : f.type === 'list'
                ? []
                : 'x',
      ]),
    );
    expect(checkRecordTemplate(t, card).value.complete).toBe(true);
    const { financeDecisionMaker: _f, ...noFdm } = card;
    expect(checkRecordTemplate(t, noFdm).value.missing).toEqual(['financeDecisionMaker']);
    expect(checkRecordTemplate(t, { ...card, amount: 99.5 }).value.invalid[0]?.key).toBe('amount');
  });

  it('has sales request and finance run the investigation through four channels (S001-CORE-05)', () => {
    expect(creditInvestigationChannels.values.map((v) => v.value)).toEqual([
      'bank',
      'customerOrIndustryOrg',
      'internal',
      'salespersonField',
    ]);
    expect(rolesFor(creditInvestigationDuties, 'requestInvestigation').value).toEqual(['salesDept']);
    expect(rolesFor(creditInvestigationDuties, 'assessCredit').value).toEqual(['financeDept']);
    expect(rolesFor(creditInvestigationDuties, 'collectFieldInformation').value).toEqual(['salesperson']);
    // A salesperson may attach field data but not record the assessment.
    expect(mayPerform(creditInvestigationDuties, 'salesperson', 'assessCredit').value).toBe(false);
    expect(mayPerform(creditInvestigationDuties, 'financeDept', 'assessCredit').value).toBe(true);
    expect(() => mayPerform(creditInvestigationDuties, 'auditor', 'assessCredit')).toThrow(ZhiduError);
  });

  it('warns, not fails, when a visit dossier lacks age or service history (S001B-FOLLOWUP-05)', () => {
    const full = {
      name: '王明',
      jobTitle: '採購經理',
      age: 45,
      serviceRecords: ['r1', 'r2', 'r3'],
      consumptionTraits: '重品質',
    };
    expect(checkRecordTemplate(visitDossierTemplate, full).value).toMatchObject({
      complete: true,
      missingRecommended: [],
    });
    const { age: _a, ...noAge } = full;
    expect(checkRecordTemplate(visitDossierTemplate, { ...noAge, serviceRecords: [] }).value).toMatchObject({
      complete: true,
      missingRecommended: ['age', 'serviceRecords'],
    });
    expect(checkRecordTemplate(visitDossierTemplate, { age: 45 }).value.missing).toEqual(['name']);
  });

  it('accepts a maintenance sub-goal only under customer maintenance (S001B-FOLLOWUP-10)', () => {
    expect(
      checkTaxonomyValue(visitPurposes, 'SETTLE_PAYMENT', { parent: 'CUSTOMER_MAINTENANCE' }).value,
    ).toBe(true);
    expect(checkTaxonomyValue(visitPurposes, 'SETTLE_PAYMENT', { parent: 'MARKET_RESEARCH' }).value).toBe(
      false,
    );
    expect(checkTaxonomyValue(visitPurposes, 'NEW_PRODUCT_PROMOTION').value).toBe(true);
    expect(visitPurposes.values.filter((v) => !v.parent)).toHaveLength(6);
  });

  it('knows four visit targets, and not suppliers (S001B-FOLLOWUP-11)', () => {
    expect(visitTargets.values.map((v) => v.label.zh)).toEqual([
      '業務往來之客戶',
      '目標客戶',
      '潛在客戶',
      '同行業',
    ]);
    expect(checkTaxonomyValue(visitTargets, 'INDUSTRY_PEER').value).toBe(true);
    expect(checkTaxonomyValue(visitTargets, 'SUPPLIER').value).toBe(false);
  });

  it('lists six rights and six obligations, and offers new business to active members first (S001B-MEMBER-11)', () => {
    const by = (g: string) =>
      memberRightsAndObligations.values.filter((v) => v.group === g).map((v) => v.value);
    expect(by('right')).toHaveLength(6);
    expect(by('obligation')).toEqual([
      'COMPLY_LAW',
      'COMPLY_EXCHANGE_RULES',
      'ACCEPT_SUPERVISION_AND_JOIN_ACTIVITIES',
      'PROTECT_PARTIES_ASSIST_EMERGENCIES',
      'CONFIDENTIALITY',
      'PAY_FEES',
    ]);
    expect(
      orderForNewBusinessOffer([
        { id: 'X', member: false },
        { id: 'M1', member: true },
        { id: 'S', member: true, active: false },
        { id: 'M2', member: true },
      ]).value,
    ).toEqual(['M1', 'M2', 'X', 'S']);
  });
});
