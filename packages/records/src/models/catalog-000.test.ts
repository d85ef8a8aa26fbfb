import { describe, expect, it } from 'vitest';
import {
  complaintInvestigationReportTemplate,
  complaintRecordCardTemplate,
  corporateCustomerArchiveTemplate,
  customerInformationFileTemplate,
  customerRelationshipCardTemplate,
  dealerComplaintCategories,
  dealerComplaintIntakeTemplate,
  generalComplaintRecordTemplate,
  gpsRepairServiceOrderTemplate,
  moveInRegistrationTemplate,
  partnerArchiveTemplate,
  retailComplaintTypes,
  salesCompanyCustomerFileTemplate,
  salesDepartmentArchiveTemplate,
  siteIntakeChannels,
  siteIntakeRecordTemplate,
} from './catalog-000.js';
import { checkTaxonomyValue } from './taxonomy.js';
import { checkRecordTemplate, type RecordTemplate } from './template.js';

const keys = (t: RecordTemplate) => t.fields.map((f) => f.key);
const zh = (t: RecordTemplate) => t.fields.map((f) => f.label.zh);

describe('seed 000 record templates', () => {
  it('records the five dealer intake fields and reports a missing plate and a bad phone (S000-CORE-01)', () => {
    expect(keys(dealerComplaintIntakeTemplate)).toEqual([
      'complainantName',
      'phone',
      'vehicleModel',
      'plateNumber',
      'content',
    ]);
    expect(zh(dealerComplaintIntakeTemplate)).toEqual(['投诉人姓名', '电话', '车型', '车牌', '投诉内容']);
    const ok = {
      complainantName: '王某',
      phone: '13812345678',
      vehicleModel: '明锐',
      plateNumber: '沪A12345',
      content: '保养后异响',
    };
    expect(dealerComplaintIntakeTemplate.fields.every((f) => f.required)).toBe(true);
    expect(checkRecordOf(dealerComplaintIntakeTemplate, ok).complete).toBe(true);
    const { plateNumber: _p, ...noPlate } = ok;
    expect(checkRecordOf(dealerComplaintIntakeTemplate, noPlate).missing).toEqual(['plateNumber']);
    expect(checkRecordOf(dealerComplaintIntakeTemplate, { ...ok, phone: '138', content: '' })).toMatchObject({
      missing: ['content'],
      invalid: [{ key: 'phone' }],
    });
  });

  it('needs time, content and complainant, and the plate unless the complaint is a suggestion (S000-CORE-02)', () => {
    const rec = { receivedAt: '2024-03-05T09:10:00+08:00', content: '维修质量', complainant: '李某' };
    expect(checkRecordOf(generalComplaintRecordTemplate, rec).missing).toEqual(['plateNumber']);
    expect(checkRecordOf(generalComplaintRecordTemplate, { ...rec, plateNumber: '沪B8888' }).complete).toBe(
      true,
    );
    expect(checkRecordOf(generalComplaintRecordTemplate, { ...rec, category: 'SUGGESTION' }).complete).toBe(
      true,
    );
    expect(
      checkRecordOf(generalComplaintRecordTemplate, { ...rec, receivedAt: '2024-03-05' }).invalid,
    ).toEqual([
      {
        key: 'receivedAt',
        reason:
          '须为带时区偏移的 ISO-8601 时间（如 2024-03-04T10:00:00+08:00） / expected an ISO-8601 date-time with an offset (e.g. 2024-03-04T10:00:00+08:00)',
      },
    ]);
  });

  it('asks for the department opinion on a record card only at closure (S000-CORE-03)', () => {
    const card = {
      customerName: '张三',
      customerRequest: '退货',
      acceptedAt: '2024-03-01T09:00:00+08:00',
      caseNumber: 'TS-001',
      stage: 'open',
    };
    expect(zh(complaintRecordCardTemplate)).toContain('受理部门处理意见');
    expect(checkRecordOf(complaintRecordCardTemplate, card).complete).toBe(true);
    expect(checkRecordOf(complaintRecordCardTemplate, { ...card, stage: 'closed' }).missing).toEqual([
      'handlingDeptOpinion',
    ]);
    const { caseNumber: _c, ...noNumber } = card;
    expect(checkRecordOf(complaintRecordCardTemplate, noNumber).missing).toEqual(['caseNumber']);
  });

  it('requires cause, course, responsible persons, conclusion, countermeasures and prevention (S000-CORE-04)', () => {
    expect(keys(complaintInvestigationReportTemplate)).toEqual([
      'cause',
      'course',
      'responsiblePersons',
      'conclusion',
      'countermeasures',
      'preventiveMeasures',
    ]);
    const r = {
      cause: '培训不足',
      course: '……',
      responsiblePersons: [],
      conclusion: '属实',
      countermeasures: '道歉赔偿',
    };
    expect(checkRecordOf(complaintInvestigationReportTemplate, r).missing).toEqual([
      'responsiblePersons',
      'preventiveMeasures',
    ]);
  });

  it('lists the repair-order fields and the terminal/SIM swap numbers only when swapped (S000-CORE-07)', () => {
    const order = {
      customerName: '某物流',
      address: '上海市…',
      contact: '13800000000',
      productModel: 'GPS-3',
      purchaseDate: '2023-06-01',
      faultDescription: '不定位',
    };
    expect(checkRecordOf(gpsRepairServiceOrderTemplate, order).complete).toBe(true);
    expect(
      checkRecordOf(gpsRepairServiceOrderTemplate, {
        ...order,
        terminalSwapped: true,
        plateNumber: '沪A1',
        oldTerminalNo: 'T1',
      }).missing,
    ).toEqual(['newTerminalNo']);
    expect(
      checkRecordOf(gpsRepairServiceOrderTemplate, { ...order, simSwapped: true, oldSim: 'S1', newSim: 'S2' })
        .complete,
    ).toBe(true);
    const { purchaseDate: _d, ...noDate } = order;
    expect(checkRecordOf(gpsRepairServiceOrderTemplate, noDate).missing).toEqual(['purchaseDate']);
  });

  it('keeps contacts, a credit description and transactions in the customer file; website optional (S000-CORE-08)', () => {
    const file = {
      phone: '021-66668888',
      contactPerson: '王经理',
      creditStatusNote: '付款及时',
      transactions: [],
    };
    expect(checkRecordOf(salesCompanyCustomerFileTemplate, file).complete).toBe(true);
    const { creditStatusNote: _n, ...noCredit } = file;
    expect(checkRecordOf(salesCompanyCustomerFileTemplate, noCredit).missing).toEqual(['creditStatusNote']);
  });

  it('classifies site intake by call, visit or lead (S000B-CORE-01)', () => {
    expect(siteIntakeChannels.values.map((v) => [v.value, v.label.zh])).toEqual([
      ['inboundCall', '来电'],
      ['walkInVisit', '来访'],
      ['customerLead', '客资'],
    ]);
    expect(
      checkRecordOf(siteIntakeRecordTemplate, { customerNo: 'JY01-000001', siteId: 'JY01', channel: 'fax' })
        .invalid,
    ).toHaveLength(1);
  });

  it('has the salesperson header and 42 numbered items, only the salesperson required (S000B-CORE-03)', () => {
    const t = customerInformationFileTemplate;
    expect(t.fields).toHaveLength(44);
    expect(t.fields.filter((f) => f.required).map((f) => f.key)).toEqual(['salespersonId']);
    expect(zh(t).slice(2, 5)).toEqual(['性别', '通讯地址', '公司名称及地址']);
    expect(zh(t).at(-1)).toBe('主见');
    expect(
      checkRecordOf(t, { salespersonId: 'u17', gender: 'male', mobilePhone: '13900000001' }).complete,
    ).toBe(true);
    expect(checkRecordOf(t, { gender: 'male' }).missing).toEqual(['salespersonId']);
    expect(checkRecordOf(t, { salespersonId: 'u17', mobilePhone: '139' }).invalid[0]?.key).toBe(
      'mobilePhone',
    );
  });

  it('requires the seven basic corporate-archive fields and the four customer categories (S000B-CORE-05)', () => {
    const a = {
      customerName: '某集团',
      customerCategory: 'key',
      enterpriseNature: '国有',
      supervisingAuthority: '无',
      address: '西安',
      contactPerson: '刘经理',
      contactPhone: '13700000000',
    };
    expect(keys(corporateCustomerArchiveTemplate)).toEqual(Object.keys(a));
    expect(checkRecordOf(corporateCustomerArchiveTemplate, a).complete).toBe(true);
    const { contactPhone: _p, ...noPhone } = a;
    expect(checkRecordOf(corporateCustomerArchiveTemplate, noPhone).missing).toEqual(['contactPhone']);
    expect(
      checkRecordOf(corporateCustomerArchiveTemplate, { ...a, customerCategory: 'vip' }).invalid,
    ).toEqual([
      {
        key: 'customerCategory',
        reason: '须为 target、general、key、potential 之一 / expected one of target, general, key, potential',
      },
    ]);
  });

  it('lets only sales or the HR joint office build a sales archive; website optional (S000B-CORE-06)', () => {
    const a = { ownerDept: 'sales', phone: '029-88886666', contactPerson: '王经理', transactions: [] };
    expect(checkRecordOf(salesDepartmentArchiveTemplate, a).complete).toBe(true);
    expect(
      checkRecordOf(salesDepartmentArchiveTemplate, { ownerDept: 'sales', transactions: [] }).missing,
    ).toEqual(['phone', 'contactPerson']);
    expect(checkRecordOf(salesDepartmentArchiveTemplate, { ...a, ownerDept: 'finance' }).complete).toBe(
      false,
    );
  });

  it('fixes the relationship card format: name, employer, position, address, contact (S000B-CORE-07)', () => {
    expect(zh(customerRelationshipCardTemplate).slice(0, 5)).toEqual([
      '客户姓名',
      '工作单位',
      '职位',
      '住址',
      '联系方式',
    ]);
    const card = {
      name: '李四',
      employer: 'XX公司',
      contact: '13900000000',
      address: '西安',
      updatedAt: '2024-03-01T10:00:00+08:00',
    };
    expect(checkRecordOf(customerRelationshipCardTemplate, card).missing).toEqual(['position']);
    expect(
      checkRecordOf(customerRelationshipCardTemplate, { ...card, position: '总监', isKey: true }).complete,
    ).toBe(true);
  });

  it('lists region, network, past performance and creditworthiness in the partner archive (S000B-CORE-08)', () => {
    expect(partnerArchiveTemplate.fields.filter((f) => f.required).map((f) => f.label.zh)).toEqual([
      '承揽区域',
      '人脉背景',
      '过往业绩',
      '信誉程度',
      '即时更新',
    ]);
  });

  it('registers a move-in on its date, by the customer-service department only (S000B-CORE-09)', () => {
    const reg = { unitId: '3-502', moveInDate: '2024-03-05', registeredBy: 'customerServiceDept' };
    expect(checkRecordOf(moveInRegistrationTemplate, reg).complete).toBe(true);
    expect(checkRecordOf(moveInRegistrationTemplate, { ...reg, registeredBy: 'salesDept' }).complete).toBe(
      false,
    );
    expect(
      checkRecordOf(moveInRegistrationTemplate, { ...reg, moveInDate: '2024/03/05' }).invalid[0]?.key,
    ).toBe('moveInDate');
  });
});

describe('seed 000 taxonomies', () => {
  it('names the five request types and three customer types of a retail complaint (S000-CORE-05)', () => {
    expect(
      retailComplaintTypes.values.filter((v) => v.group === 'requestType').map((v) => v.label.zh),
    ).toEqual(['减价', '退货', '换货', '损害赔偿', '批评建议', '其他(等)']);
    expect(checkTaxonomyValue(retailComplaintTypes, 'FRANCHISEE', { group: 'customerType' }).value).toBe(
      true,
    );
    expect(checkTaxonomyValue(retailComplaintTypes, 'FRANCHISEE', { group: 'requestType' }).value).toBe(
      false,
    );
  });

  it('has exactly five dealer complaint categories (S000-CORE-06)', () => {
    expect(dealerComplaintCategories.values.map((v) => v.value)).toEqual([
      'PRODUCT_QUALITY',
      'SALES_CONTRACT',
      'REPAIR_QUALITY',
      'SERVICE_QUALITY',
      'SUGGESTION',
    ]);
    const d = checkTaxonomyValue(dealerComplaintCategories, 'REPAIR_QUALITY');
    expect(d.value).toBe(true);
    expect(d.trace[0]).toMatchObject({ rule: 'S000-CORE-06', clause: '000_4818bcf0bb2aaeac.txt L709-L717' });
  });
});

function checkRecordOf(t: RecordTemplate, r: Record<string, unknown>) {
  return checkRecordTemplate(t, r).value;
}
