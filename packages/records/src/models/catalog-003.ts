import { SEED } from './build.js';
import { defineResponsibilityMatrix } from './matrix.js';
import { defineTaxonomy } from './taxonomy.js';

const src = (lines: string) => ({ seed: SEED.s003, lines });

/** Who does what with the customer archive (組織架構與職責劃分), S003-ROLE-01. */
export const archiveResponsibilities = defineResponsibilityMatrix({
  id: 'S003-ROLE-01',
  title: { zh: '客戶檔案管理職責', en: 'Archive responsibility matrix' },
  source: src('L9 §二'),
  roles: [
    { value: 'salesStaff', label: { zh: '銷售人員', en: 'Sales staff' } },
    { value: 'salesManager', label: { zh: '銷售經理', en: 'Sales manager' } },
    { value: 'csStaff', label: { zh: '客服人員', en: 'Customer-service staff' } },
    { value: 'csSupervisor', label: { zh: '客服主管', en: 'Customer-service supervisor' } },
    { value: 'archiveAdmin', label: { zh: '檔案管理人員', en: 'Archive administrator' } },
    { value: 'adminSupervisor', label: { zh: '行政主管', en: 'Administration supervisor' } },
    { value: 'management', label: { zh: '公司領導', en: 'Company management' } },
  ],
  duties: [
    {
      duty: 'collectAndEnter',
      label: { zh: '收集客戶資料並及時錄入系統', en: 'Collect and enter customer information' },
      roles: ['salesStaff'],
    },
    {
      duty: 'preliminaryReviewOfSalesEntry',
      label: { zh: '對銷售人員錄入的客戶信息進行初審', en: 'Preliminary review of sales entries' },
      roles: ['salesManager'],
    },
    {
      duty: 'recordConsultationsAndComplaints',
      label: { zh: '客戶諮詢和投訴的記錄', en: 'Record consultations and complaints' },
      roles: ['csStaff'],
    },
    {
      duty: 'postPurchaseRevisit',
      label: { zh: '購房後定期回訪', en: 'Periodic post-purchase revisits' },
      roles: ['csStaff'],
    },
    {
      duty: 'checkCsUpdates',
      label: { zh: '檢查和整理客服人員更新的檔案信息', en: 'Check customer-service updates' },
      roles: ['csSupervisor'],
    },
    {
      duty: 'fileAndClassify',
      label: { zh: '匯總、分類、歸檔', en: 'Summarise, classify and file' },
      roles: ['archiveAdmin'],
    },
    { duty: 'backup', label: { zh: '制定備份策略並定期備份', en: 'Backup' }, roles: ['archiveAdmin'] },
    {
      duty: 'writeArchiveRules',
      label: { zh: '制定和優化檔案管理制度', en: 'Write archive rules' },
      roles: ['adminSupervisor'],
    },
    {
      duty: 'approveMajorDecisions',
      label: { zh: '審批涉及客戶檔案管理的重大決策', en: 'Approve major archive decisions' },
      roles: ['management'],
    },
    {
      duty: 'approveExternalSharing',
      label: { zh: '審批對外提供客戶信息', en: 'Approve external sharing' },
      roles: ['management'],
      clause: `${SEED.s003} L9 §三.4`,
    },
  ],
});

/** Two independent classification axes of a customer file (客戶類型 × 購房階段), S003-ARCHIVE-07. */
export const archiveClassificationAxes = defineTaxonomy({
  id: 'S003-ARCHIVE-07',
  title: { zh: '客戶檔案分類標注', en: 'Archive classification axes' },
  source: src('L9 §三.2'),
  open: true,
  values: [
    { group: 'customerType', value: 'rigidDemand', label: { zh: '剛需客戶', en: 'First-home buyer' } },
    { group: 'customerType', value: 'upgrader', label: { zh: '改善型客戶', en: 'Upgrader' } },
    { group: 'customerType', value: 'investor', label: { zh: '投資型客戶', en: 'Investor' } },
    { group: 'purchaseStage', value: 'intentional', label: { zh: '意向客戶', en: 'Intentional' } },
    { group: 'purchaseStage', value: 'potential', label: { zh: '潛在客戶', en: 'Potential' } },
    { group: 'purchaseStage', value: 'prospective', label: { zh: '準客戶', en: 'Prospective' } },
    {
      group: 'purchaseStage',
      value: 'closed',
      label: { zh: '成交客戶', en: 'Closed' },
      description:
        'Terminal: a closed customer is not reclassified to an earlier stage (see classifyArchive).',
    },
  ],
});
