import * as c000 from './catalog-000.js';
import * as c001 from './catalog-001.js';
import * as c002 from './catalog-002.js';
import * as f002 from './catalog-002-fields.js';
import * as c003 from './catalog-003.js';
import type { ResponsibilityMatrix, StageGraph } from './matrix.js';
import type { Taxonomy } from './taxonomy.js';
import type { RecordTemplate } from './template.js';

export * from './catalog-000.js';
export * from './catalog-001.js';
export * from './catalog-002.js';
export * from './catalog-002-fields.js';
export * from './catalog-003.js';

/** Everything zhidu encodes for one core-model catalog id: data, and the functions for its behaviour. */
export interface CoreModelEntry {
  templates: readonly RecordTemplate[];
  taxonomies: readonly Taxonomy[];
  matrices: readonly ResponsibilityMatrix[];
  stageGraphs: readonly StageGraph[];
  /** Names of the exported functions that carry the id's behaviour. */
  functions: readonly string[];
  /** Where a module package encodes more of the id (custody, retention, access). */
  seeAlso?: string;
}

function entry(e: Partial<CoreModelEntry>): CoreModelEntry {
  return { templates: [], taxonomies: [], matrices: [], stageGraphs: [], functions: [], ...e };
}

/** The 37 core-model ids of the rule catalog, each with its templates, taxonomies and functions. */
export const CORE_MODELS = {
  'S000-CORE-01': entry({ templates: [c000.dealerComplaintIntakeTemplate] }),
  'S000-CORE-02': entry({ templates: [c000.generalComplaintRecordTemplate] }),
  'S000-CORE-03': entry({ templates: [c000.complaintRecordCardTemplate] }),
  'S000-CORE-04': entry({ templates: [c000.complaintInvestigationReportTemplate] }),
  'S000-CORE-05': entry({ taxonomies: [c000.retailComplaintTypes] }),
  'S000-CORE-06': entry({ taxonomies: [c000.dealerComplaintCategories] }),
  'S000-CORE-07': entry({ templates: [c000.gpsRepairServiceOrderTemplate] }),
  'S000-CORE-08': entry({
    templates: [c000.salesCompanyCustomerFileTemplate],
    seeAlso: '@zhidu/records salesCompanyCustomerFile (custody, approval)',
  }),
  'S000B-CORE-01': entry({
    templates: [c000.siteIntakeRecordTemplate],
    taxonomies: [c000.siteIntakeChannels],
    functions: ['nextCustomerNumber'],
  }),
  'S000B-CORE-02': entry({ functions: ['isIntentCustomer'] }),
  'S000B-CORE-03': entry({
    templates: [c000.customerInformationFileTemplate],
    seeAlso: '@zhidu/records customerInformationFile (file type, completeness)',
  }),
  'S000B-CORE-04': entry({
    templates: [c000.customerInformationFileTemplate],
    functions: ['customizeTemplate'],
  }),
  'S000B-CORE-05': entry({
    templates: [c000.corporateCustomerArchiveTemplate],
    seeAlso: '@zhidu/records corporateCustomerArchive (filing deadline)',
  }),
  'S000B-CORE-06': entry({
    templates: [c000.salesDepartmentArchiveTemplate],
    seeAlso: '@zhidu/records salesDepartmentArchive (custodian, sign-off)',
  }),
  'S000B-CORE-07': entry({ templates: [c000.customerRelationshipCardTemplate] }),
  'S000B-CORE-08': entry({ templates: [c000.partnerArchiveTemplate], functions: ['checkPartnerFormSets'] }),
  'S000B-CORE-09': entry({ templates: [c000.moveInRegistrationTemplate] }),
  'S001-CORE-01': entry({ taxonomies: [c001.conferenceServiceTypes], functions: ['eligibleServiceTypes'] }),
  'S001-CORE-02': entry({
    stageGraphs: [c001.salesOfficeCustomerLifecycle],
    functions: ['checkTransition', 'nextStages'],
  }),
  'S001-CORE-03': entry({ templates: [c001.salespersonCustomerRecordTemplate] }),
  'S001-CORE-04': entry({ templates: [c001.creditCustomerDataCardTemplate] }),
  'S001-CORE-05': entry({
    taxonomies: [c001.creditInvestigationChannels],
    matrices: [c001.creditInvestigationDuties],
    functions: ['rolesFor', 'mayPerform'],
  }),
  'S001B-FOLLOWUP-05': entry({ templates: [c001.visitDossierTemplate] }),
  'S001B-FOLLOWUP-10': entry({ taxonomies: [c001.visitPurposes], functions: ['checkTaxonomyValue'] }),
  'S001B-FOLLOWUP-11': entry({ taxonomies: [c001.visitTargets] }),
  'S001B-MEMBER-11': entry({
    taxonomies: [c001.memberRightsAndObligations],
    functions: ['orderForNewBusinessOffer'],
  }),
  'S002-FLOW-01': entry({ taxonomies: [c002.customerServiceWorkflowSteps], functions: ['canEnterStep'] }),
  'S002-FLOW-02': entry({ templates: [c002.handoverRecordTemplate] }),
  'S002-FLOW-04': entry({ taxonomies: [c002.purchaseLifecycleStages], functions: ['checkPurchaseSequence'] }),
  'S002-ROLE-01': entry({ matrices: [c002.customerServiceRoles], functions: ['rolesFor'] }),
  'S002-CPL-01': entry({ taxonomies: [c002.contactChannelsAndTypes], functions: ['countContacts'] }),
  'S002-REPAIR-02': entry({ taxonomies: [c002.dispatchWorkOrderTypes], functions: ['workOrderType'] }),
  'S002-FIELD-01': entry({ templates: [c002.customerInformationRecordTemplate] }),
  'S002-FIELD-02': entry({
    templates: [
      f002.salesOfficeNeedsTemplate,
      f002.crmCustomerTemplate,
      f002.consultationRecordTemplate,
      f002.customerDataTemplate,
      f002.inquiryRecordTemplate,
      f002.viewingAppointmentTemplate,
      f002.followUpRecordTemplate,
      f002.feedbackRecordTemplate,
      f002.contractRecordTemplate,
      f002.afterSalesRecordTemplate,
      f002.systemCustomerTemplate,
      f002.repairWorkOrderTemplate,
      f002.workOrderFollowUpTemplate,
      f002.complaintFollowUpTemplate,
      f002.repairerTemplate,
      f002.transactionServiceFileTemplate,
      f002.receptionRecordTemplate,
      c002.handoverRecordTemplate,
      f002.postHandoverInfoTemplate,
    ],
  }),
  'S002-SYS-01': entry({
    templates: [f002.repairWorkOrderTemplate],
    functions: ['nextWorkOrderNumber', 'listWorkOrders', 'isWorkOrderNumberFree'],
  }),
  'S003-ROLE-01': entry({ matrices: [c003.archiveResponsibilities], functions: ['rolesFor'] }),
  'S003-ARCHIVE-07': entry({ taxonomies: [c003.archiveClassificationAxes], functions: ['classifyArchive'] }),
} as const satisfies Record<string, CoreModelEntry>;

/** A core-model catalog id. */
export type CoreModelId = keyof typeof CORE_MODELS;
