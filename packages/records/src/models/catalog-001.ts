import { field, opts, req, SEED } from './build.js';
import { defineResponsibilityMatrix, defineStageGraph } from './matrix.js';
import { defineTaxonomy } from './taxonomy.js';
import { defineTemplate } from './template.js';

const src = (lines: string) => ({ seed: SEED.s001, lines });

/** Service types of conference marketing (售前、售中、售后、經常性服務), S001-CORE-01. */
export const conferenceServiceTypes = defineTaxonomy({
  id: 'S001-CORE-01',
  title: { zh: '顧客服務分類', en: 'Service types (conference marketing)' },
  source: src('L50-L58'),
  values: [
    {
      value: 'preSale',
      label: { zh: '售前服務', en: 'Pre-sale service' },
      description:
        'For customers who attended an outreach (科普) event: free home visit, blood pressure, materials.',
    },
    {
      value: 'inSale',
      label: { zh: '售中服務', en: 'In-sale service' },
      description:
        'For customers at a club event (聯誼會): reception and introduction to the consulting doctor.',
    },
    {
      value: 'afterSale',
      label: { zh: '售后服務', en: 'After-sale service' },
      description: 'For buyers: product delivered home and its use explained.',
    },
    {
      value: 'routine',
      label: { zh: '經常性服務', en: 'Routine service' },
      description: 'For every customer: regular home visits and phone contact.',
    },
  ],
});

/**
 * Sales-office customer-management lifecycle (lines 80–96, a flattened flowchart), S001-CORE-02. The
 * "/" alternatives are read as branches; stages are not skipped.
 */
export const salesOfficeCustomerLifecycle = defineStageGraph({
  id: 'S001-CORE-02',
  title: { zh: '客戶管理流程(售樓處)', en: 'Customer-management lifecycle (sales office)' },
  source: src('L80-L96'),
  stages: [
    { value: 'collected', label: { zh: '收集記錄客戶信息', en: 'Collected' } },
    { value: 'screened', label: { zh: '篩選客戶信息(分類)', en: 'Screened (classified)' } },
    { value: 'analyzed', label: { zh: '研究分析客戶情況', en: 'Analysed' } },
    { value: 'reclassified', label: { zh: '客戶信息再分類', en: 'Reclassified' } },
    { value: 'tracking', label: { zh: '客戶跟蹤與回訪', en: 'Tracking and return visits' } },
    { value: 'archived', label: { zh: '客戶資料存檔', en: 'Archived' } },
    { value: 'reTracking', label: { zh: '再次跟蹤與回訪', en: 'Tracking again' } },
    { value: 'dealFailed', label: { zh: '交易不成功', en: 'Deal failed' } },
    { value: 'dealClosed', label: { zh: '交易成功', en: 'Deal closed' } },
    { value: 'secondDealPromotion', label: { zh: '促成二次交易', en: 'Second deal promoted' } },
    { value: 'referralRequested', label: { zh: '請其介紹新客戶', en: 'Referral requested' } },
    { value: 'archivedForLater', label: { zh: '存檔,以備后用', en: 'Archived for later' } },
  ],
  transitions: [
    { from: 'collected', to: 'screened' },
    { from: 'screened', to: 'analyzed' },
    { from: 'analyzed', to: 'reclassified' },
    { from: 'reclassified', to: 'tracking' },
    { from: 'tracking', to: 'archived' },
    { from: 'archived', to: 'reTracking' },
    { from: 'archived', to: 'dealFailed' },
    { from: 'reTracking', to: 'tracking' },
    { from: 'reTracking', to: 'dealClosed' },
    { from: 'reTracking', to: 'dealFailed' },
    { from: 'dealClosed', to: 'secondDealPromotion' },
    { from: 'dealClosed', to: 'referralRequested' },
    { from: 'dealFailed', to: 'archivedForLater' },
    { from: 'archivedForLater', to: 'reTracking' },
  ],
});

/** Salesperson's customer notebook (銷售員每人一個筆記本), S001-CORE-03; reasons due when no deal / unit returned. */
export const salespersonCustomerRecordTemplate = defineTemplate({
  id: 'S001-CORE-03',
  title: { zh: '銷售員客戶記錄', en: 'Salesperson customer record' },
  source: src('L120-L122'),
  open: true,
  fields: [
    req('background', '客戶的背景', 'Customer background', 'longText'),
    req('visitTimes', '來訪時間', 'Visit times', 'list', { items: 'instant' }),
    req('dealStatus', '成交情況', 'Deal status', 'enum', {
      options: opts(
        ['open', '跟進中', 'Open'],
        ['dealt', '已成交', 'Deal closed'],
        ['noDeal', '未成交', 'No deal'],
        ['returned', '退房', 'Unit returned'],
      ),
    }),
    field('signingTime', '簽約時間', 'Signing time', 'instant', {
      requiredWhen: { key: 'dealStatus', in: ['dealt'] },
    }),
    field('suggestions', '各種建議', 'Suggestions', 'list', { items: 'text' }),
    field('nonDealReason', '未成交原因', 'Reason for no deal', 'longText', {
      requiredWhen: { key: 'dealStatus', in: ['noDeal'] },
    }),
    field('unitReturnReason', '退房原因', 'Reason for returning the unit', 'longText', {
      requiredWhen: { key: 'dealStatus', in: ['returned'] },
    }),
  ],
});

const BASIC = '基本資料';
const BUSINESS = '業務資料';

/** Customer data card (客戶資料卡, 至少包括), S001-CORE-04: basic and business data. */
export const creditCustomerDataCardTemplate = defineTemplate({
  id: 'S001-CORE-04',
  title: { zh: '客戶資料卡', en: 'Customer data card' },
  source: src('L310-L314'),
  open: true,
  fields: [
    req('name', '客戶的姓名', 'Name', 'text', { group: BASIC }),
    req('phone', '電話', 'Phone', 'phone', { group: BASIC }),
    req('address', '住址', 'Address', 'text', { group: BASIC }),
    req('transactionContact', '交易聯系人', 'Transaction contact', 'text', { group: BASIC }),
    req('orderDate', '訂購日期', 'Order date', 'date', { group: BASIC }),
    req('productName', '品名', 'Product name', 'text', { group: BASIC }),
    req('quantity', '數量', 'Quantity', 'number', { group: BASIC }),
    req('unitPrice', '單價', 'Unit price (fen)', 'money', { group: BASIC }),
    req('amount', '金額', 'Amount (fen)', 'money', { group: BASIC }),
    req('paymentAttitude', '付款態度', 'Payment attitude', 'text', { group: BUSINESS }),
    req('paymentTime', '付款時間', 'Payment time', 'text', { group: BUSINESS }),
    req('bankRelations', '銀行往來情況', 'Bank relations', 'longText', { group: BUSINESS }),
    req('financeDecisionMaker', '財務實權掌管人', 'Finance decision-maker', 'text', { group: BUSINESS }),
    req('paymentMethod', '付款方式', 'Payment method', 'text', { group: BUSINESS }),
    req('transactionHistory', '往來數據', 'Transaction history', 'list', {
      group: BUSINESS,
      allowEmpty: true,
    }),
  ],
});

/** Credit-investigation channels (客戶信用調查渠道), S001-CORE-05. */
export const creditInvestigationChannels = defineTaxonomy({
  id: 'S001-CORE-05',
  title: { zh: '客戶信用調查渠道', en: 'Credit-investigation channels' },
  source: src('L276-L284'),
  values: [
    { value: 'bank', label: { zh: '通過金融機構(銀行)調查', en: 'Through banks' } },
    {
      value: 'customerOrIndustryOrg',
      label: { zh: '通過客戶或行業組織進行調查', en: 'Through the customer or an industry body' },
    },
    { value: 'internal', label: { zh: '內部調查', en: 'Internal enquiry' } },
    { value: 'salespersonField', label: { zh: '銷售業務員實地調查', en: 'Salesperson field investigation' } },
  ],
});

/** Who requests, runs and assesses a credit investigation (銷售部提出,財務部調查評估), S001-CORE-05. */
export const creditInvestigationDuties = defineResponsibilityMatrix({
  id: 'S001-CORE-05',
  title: { zh: '客戶信用調查分工', en: 'Credit-investigation duties' },
  source: src('L276-L284'),
  roles: [
    { value: 'salesDept', label: { zh: '銷售部', en: 'Sales department' } },
    { value: 'financeDept', label: { zh: '財務部', en: 'Finance department' } },
    { value: 'salesperson', label: { zh: '銷售業務員', en: 'Salesperson' } },
  ],
  duties: [
    {
      duty: 'requestInvestigation',
      label: { zh: '提出信用調查', en: 'Request an investigation' },
      roles: ['salesDept'],
    },
    {
      duty: 'performInvestigation',
      label: { zh: '進行信用調查', en: 'Perform the investigation' },
      roles: ['financeDept'],
    },
    {
      duty: 'collectFieldInformation',
      label: { zh: '調查、收集客戶信息並提供給財務部', en: 'Collect field information for finance' },
      roles: ['salesperson'],
      clause: `${SEED.s001} L284`,
    },
    {
      duty: 'assessCredit',
      label: { zh: '分析、評估客戶信用狀況', en: 'Assess creditworthiness' },
      roles: ['financeDept'],
      clause: `${SEED.s001} L284`,
    },
  ],
});

/** Visit-preparation dossier (回訪資料), S001B-FOLLOWUP-05; age and job title may be unknown (warned). */
export const visitDossierTemplate = defineTemplate({
  id: 'S001B-FOLLOWUP-05',
  title: { zh: '客戶回訪資料', en: 'Visit-preparation dossier' },
  source: src('L702'),
  open: true,
  fields: [
    req('name', '姓名', 'Name', 'text', { group: '客戶基本情況' }),
    field('jobTitle', '職務', 'Job title', 'text', { group: '客戶基本情況', recommended: true }),
    field('age', '年齡', 'Age', 'number', { group: '客戶基本情況', recommended: true }),
    field('serviceRecords', '客戶服務的相關記錄', 'Customer-service records', 'list', { recommended: true }),
    field('consumptionTraits', '客戶消費特點', 'Consumption characteristics', 'longText', {
      recommended: true,
    }),
  ],
});

/** Visit purposes (拜訪目的) with the three sub-goals of customer maintenance, S001B-FOLLOWUP-10. */
export const visitPurposes = defineTaxonomy({
  id: 'S001B-FOLLOWUP-10',
  title: { zh: '拜訪目的', en: 'Visit purposes' },
  source: src('L752-L770'),
  values: [
    { value: 'MARKET_RESEARCH', label: { zh: '市場調查、研究市場', en: 'Market research' } },
    { value: 'COMPETITOR_INTEL', label: { zh: '了解競爭對手', en: 'Competitor intelligence' } },
    { value: 'CUSTOMER_MAINTENANCE', label: { zh: '客戶保養', en: 'Customer maintenance' } },
    {
      value: 'STRENGTHEN_RELATIONSHIP_CORE_CUSTOMER',
      parent: 'CUSTOMER_MAINTENANCE',
      label: { zh: '強化感情聯系,建立核心客戶', en: 'Strengthen ties, build core customers' },
    },
    { value: 'GROW_VOLUME', parent: 'CUSTOMER_MAINTENANCE', label: { zh: '推動業務量', en: 'Grow volume' } },
    {
      value: 'SETTLE_PAYMENT',
      parent: 'CUSTOMER_MAINTENANCE',
      label: { zh: '結清貨款', en: 'Settle payment' },
    },
    { value: 'NEW_CUSTOMER_DEVELOPMENT', label: { zh: '開發新客戶', en: 'New customer development' } },
    { value: 'NEW_PRODUCT_PROMOTION', label: { zh: '新產品推廣', en: 'New product promotion' } },
    { value: 'COVERAGE_INCREASE', label: { zh: '提高本公司產品的覆蓋率', en: 'Increase product coverage' } },
  ],
});

/** Visit targets (拜訪對象), S001B-FOLLOWUP-11: exactly one per visit. */
export const visitTargets = defineTaxonomy({
  id: 'S001B-FOLLOWUP-11',
  title: { zh: '拜訪對象', en: 'Visit targets' },
  source: src('L772-L780'),
  values: [
    { value: 'EXISTING_CUSTOMER', label: { zh: '業務往來之客戶', en: 'Existing customer' } },
    { value: 'TARGET_CUSTOMER', label: { zh: '目標客戶', en: 'Target customer' } },
    { value: 'POTENTIAL_CUSTOMER', label: { zh: '潛在客戶', en: 'Potential customer' } },
    { value: 'INDUSTRY_PEER', label: { zh: '同行業', en: 'Industry peer' } },
  ],
});

/** Member rights (第十二條) and obligations (第十三條) of the exchange, S001B-MEMBER-11. */
export const memberRightsAndObligations = defineTaxonomy({
  id: 'S001B-MEMBER-11',
  title: { zh: '會員權利與義務', en: 'Member rights and obligations' },
  source: src('L1178-L1204'),
  values: [
    {
      group: 'right',
      value: 'OPERATE_PER_RULES',
      label: { zh: '依據交易所各項規章制度開展業務', en: 'Operate under the rules' },
    },
    {
      group: 'right',
      value: 'RECEIVE_INFO_AND_SERVICES',
      label: { zh: '享有交易所提供的交易信息和相關服務', en: 'Receive information and services' },
      description: 'Fees and tariffs as the exchange sets them (收費項目及收費標準以交易所規定為準).',
    },
    {
      group: 'right',
      value: 'PRIORITY_IN_NEW_BUSINESS',
      label: { zh: '對交易所的新業務享有優先參與權', en: 'Priority in new business' },
    },
    {
      group: 'right',
      value: 'GUIDANCE_AND_TRAINING',
      label: { zh: '獲得業務指導和專業培訓', en: 'Guidance and training' },
    },
    {
      group: 'right',
      value: 'SUBMIT_OPINIONS',
      label: { zh: '對交易所的工作提出意見、建議', en: 'Submit opinions' },
    },
    {
      group: 'right',
      value: 'TRANSFER_OR_TERMINATE_PER_RULES',
      label: { zh: '依據本辦法轉讓、終止會員資格', en: 'Transfer or terminate membership' },
    },
    {
      group: 'obligation',
      value: 'COMPLY_LAW',
      label: { zh: '遵守國家相關法律、法規和規章制度', en: 'Comply with the law' },
    },
    {
      group: 'obligation',
      value: 'COMPLY_EXCHANGE_RULES',
      label: { zh: '遵守交易所各項規章制度', en: 'Comply with exchange rules' },
    },
    {
      group: 'obligation',
      value: 'ACCEPT_SUPERVISION_AND_JOIN_ACTIVITIES',
      label: { zh: '接受交易所監督管理,參加交易所組織的各項活動', en: 'Accept supervision, join activities' },
      description: 'Failing member duties or activities: rectification tier (S001B-PENALTY-06 (11)).',
    },
    {
      group: 'obligation',
      value: 'PROTECT_PARTIES_ASSIST_EMERGENCIES',
      label: {
        zh: '維護交易各方權益,協助交易所處理各種突發或異常事件',
        en: 'Protect parties, assist in emergencies',
      },
    },
    { group: 'obligation', value: 'CONFIDENTIALITY', label: { zh: '履行保密責任', en: 'Confidentiality' } },
    {
      group: 'obligation',
      value: 'PAY_FEES',
      label: { zh: '按交易所規定繳納相關費用', en: 'Pay fees' },
      description: 'Late payment: warning-talk tier (S001B-PENALTY-07 (2)).',
    },
  ],
});
