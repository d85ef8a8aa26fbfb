import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { CORE_MODELS } from './catalog.js';
import {
  contactChannelsAndTypes,
  customerInformationRecordTemplate,
  customerServiceRoles,
  dispatchWorkOrderTypes,
  handoverRecordTemplate,
} from './catalog-002.js';
import {
  contractRecordTemplate,
  followUpRecordTemplate,
  repairWorkOrderTemplate,
  viewingAppointmentTemplate,
} from './catalog-002-fields.js';
import { archiveClassificationAxes, archiveResponsibilities } from './catalog-003.js';
import { rolesFor } from './matrix.js';
import { classifyArchive, countContacts, workOrderType } from './rules.js';
import { checkTaxonomyValue, extendTaxonomy } from './taxonomy.js';
import { checkRecordTemplate } from './template.js';

describe('seed 002/003 models', () => {
  it('accepts a handover only with a date-time and non-empty content (S002-FLOW-02)', () => {
    const ok = { handoverAt: '2024-03-04T10:00:00+08:00', content: '钥匙2把;验收单已签' };
    expect(checkRecordTemplate(handoverRecordTemplate, ok).value.complete).toBe(true);
    expect(checkRecordTemplate(handoverRecordTemplate, { ...ok, content: '' }).value.missing).toEqual([
      'content',
    ]);
    expect(checkRecordTemplate(handoverRecordTemplate, { content: '钥匙2把' }).value.missing).toEqual([
      'handoverAt',
    ]);
    expect(
      checkRecordTemplate(handoverRecordTemplate, { ...ok, handoverAt: '2024-03-04' }).value.invalid[0]?.key,
    ).toBe('handoverAt');
  });

  it('routes group complaints, file upkeep and the monthly report to the named roles (S002-ROLE-01)', () => {
    expect(customerServiceRoles.roles.map((r) => r.label.zh)).toEqual([
      '客户关系经理',
      '客户关系主管',
      '客户关系专员',
      '数据分析专员',
      '客户投诉主管',
      '400接线专员',
      '投诉专员',
    ]);
    expect(rolesFor(customerServiceRoles, 'groupComplaint').value).toEqual([
      'crManager',
      'complaintSupervisor',
      'complaintOfficer',
    ]);
    expect(rolesFor(customerServiceRoles, 'customerFileMaintenance').value).toEqual([
      'complaintSupervisor',
      'complaintOfficer',
      'crSpecialist',
    ]);
    const monthly = rolesFor(customerServiceRoles, 'monthlyReport');
    expect(monthly.value).toEqual(['dataAnalyst']);
    expect(monthly.trace[0]).toMatchObject({
      rule: 'S002-ROLE-01',
      message: { zh: expect.stringContaining('月报') },
    });
    expect(() => rolesFor(customerServiceRoles, 'makeCoffee')).toThrow(ZhiduError);
  });

  it('classifies contacts by channel and type; fax only once a company adds it (S002-CPL-01)', () => {
    const types = contactChannelsAndTypes.values.filter((v) => v.group === 'type').map((v) => v.label.zh);
    expect(types).toEqual(['咨询', '投诉', '建议', '意见']);
    expect(checkTaxonomyValue(contactChannelsAndTypes, 'letter', { group: 'channel' }).value).toBe(true);
    expect(checkTaxonomyValue(contactChannelsAndTypes, 'fax', { group: 'channel' }).value).toBe(false);
    const ext = extendTaxonomy(contactChannelsAndTypes, [
      { group: 'channel', value: 'fax', label: { zh: '传真', en: 'Fax' } },
    ]);
    expect(checkTaxonomyValue(ext, 'fax', { group: 'channel' }).value).toBe(true);
  });

  it('counts classified contacts by type or channel and refuses an unclassified one (S002-CPL-01)', () => {
    const calls = [
      { channel: 'callCentrePhone', type: 'complaint' },
      { channel: 'letter', type: 'complaint' },
      { channel: 'callCentrePhone', type: 'consultation' },
    ];
    expect(countContacts(calls, 'type').value).toEqual({ complaint: 2, consultation: 1 });
    expect(countContacts(calls, 'channel').value).toEqual({ callCentrePhone: 2, letter: 1 });
    const fax = [{ channel: 'fax', type: 'complaint' }];
    expect(() => countContacts(fax, 'type')).toThrow(ZhiduError);
    const ext = extendTaxonomy(contactChannelsAndTypes, [
      { group: 'channel', value: 'fax', label: { zh: '传真', en: 'Fax' } },
    ]);
    expect(countContacts(fax, 'channel', ext).value).toEqual({ fax: 1 });
    // Another axis counted nothing and answered {} (and an object without a string form threw a
    // TypeError, pnpm fuzz seed 2612): refused at `by`.
    for (const by of ['channels', '', null, Object.create(null)]) {
      expect(() => countContacts(calls, by as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input', path: ['by'] }),
      );
    }
  });

  it('makes warranty tasks type A and company-borne post-warranty tasks type B (S002-REPAIR-02)', () => {
    expect(dispatchWorkOrderTypes.values.map((v) => v.value)).toEqual(['A', 'B']);
    expect(workOrderType({ withinWarranty: true }).value).toBe('A');
    expect(workOrderType({ withinWarranty: false, companyBears: true }).value).toBe('B');
    const none = workOrderType({ withinWarranty: false, companyBears: false });
    expect(none.value).toBeNull();
    expect(none.trace[0]).toMatchObject({ rule: 'S002-REPAIR-02', clause: '002_30394bec54f702c8.txt L338' });
  });

  it('groups customer information in four; basic info at creation, purchase record once closed (S002-FIELD-01)', () => {
    const groups = [...new Set(customerInformationRecordTemplate.fields.map((f) => f.group).filter(Boolean))];
    expect(groups).toEqual(['客户基本信息', '客户购房需求', '客户购房记录', '客户投诉与建议']);
    const basic = { name: '张三', gender: 'male', age: 35, occupation: '工程师', contact: ['13800000000'] };
    expect(checkRecordTemplate(customerInformationRecordTemplate, basic).value.complete).toBe(true);
    const { contact: _c, ...noContact } = basic;
    expect(checkRecordTemplate(customerInformationRecordTemplate, noContact).value.missing).toEqual([
      'contact',
    ]);
    expect(
      checkRecordTemplate(customerInformationRecordTemplate, { ...basic, stage: 'closed' }).value.missing,
    ).toEqual(['purchasedAt', 'purchaseLocation', 'purchaseAmount']);
  });

  it('encodes every other field list of 002: contract, follow-up, appointment, work order… (S002-FIELD-02)', () => {
    expect(CORE_MODELS['S002-FIELD-02'].templates).toHaveLength(19);
    expect(new Set(CORE_MODELS['S002-FIELD-02'].templates.map((t) => t.name)).size).toBe(19);
    const contract = { contractNo: 'HT-2024-001', signedAt: '2024-03-04', paymentMethod: 'mortgage' };
    expect(checkRecordTemplate(contractRecordTemplate, contract).value.complete).toBe(true);
    const { paymentMethod: _p, ...noPay } = contract;
    expect(checkRecordTemplate(contractRecordTemplate, noPay).value.missing).toEqual(['paymentMethod']);
    expect(
      checkRecordTemplate(followUpRecordTemplate, {
        contactMethod: 'phone',
        content: '问车位',
        nextStep: '3月6日发价目表',
      }).value.complete,
    ).toBe(true);
    expect(repairWorkOrderTemplate.fields.map((f) => f.label.zh)).toEqual([
      '工单号',
      '报修的内容',
      '报修时间',
      '接单人员',
    ]);
    expect(
      checkRecordTemplate(viewingAppointmentTemplate, { slotStart: '2024-03-04T10:00:00+08:00' }).value
        .missing,
    ).toEqual(['slotEnd']);
  });

  it('gives preliminary review to the sales manager, backup to the archive admin, sharing to management (S003-ROLE-01)', () => {
    expect(rolesFor(archiveResponsibilities, 'preliminaryReviewOfSalesEntry').value).toEqual([
      'salesManager',
    ]);
    expect(rolesFor(archiveResponsibilities, 'backup').value).toEqual(['archiveAdmin']);
    const sharing = rolesFor(archiveResponsibilities, 'approveExternalSharing');
    expect(sharing.value).toEqual(['management']);
    expect(sharing.trace[0]?.clause).toBe('003_cb606191094b0008.txt L9 §三.4');
  });

  it('tags files on customer type and purchase stage; closed is terminal by default (S003-ARCHIVE-07)', () => {
    const stages = archiveClassificationAxes.values
      .filter((v) => v.group === 'purchaseStage')
      .map((v) => v.label.zh);
    expect(stages).toEqual(['意向客戶', '潛在客戶', '準客戶', '成交客戶']);
    expect(classifyArchive({}, { customerType: 'investor', purchaseStage: 'closed' }).value).toEqual({
      ok: true,
    });
    expect(classifyArchive({}, { customerType: 'speculator' }).value).toEqual({
      ok: false,
      reason: 'INVALID_TAG',
    });
    expect(classifyArchive({ purchaseStage: 'closed' }, { purchaseStage: 'potential' }).value).toEqual({
      ok: false,
      reason: 'CLOSED_IS_TERMINAL',
    });
    expect(
      classifyArchive(
        { purchaseStage: 'closed' },
        { purchaseStage: 'potential' },
        { closedIsTerminal: false },
      ).value.ok,
    ).toBe(true);
  });
});
