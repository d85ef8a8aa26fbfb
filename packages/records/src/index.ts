/**
 * @packageDocumentation
 * Customer files (档案): file types as data (required documents and fields, signatures, copies, who hands
 * over to whom), handover deadlines in working days, completeness, borrowing, access control with
 * masking, retention and destruction — each breach emitted as a core `Violation` that @zhidu/penalty prices.
 */
export {
  type AccessDecision,
  auditAccessLog,
  DEFAULT_ACCESS_RULE,
  decideAccess,
  type RuleVerdict,
} from './access.js';
export {
  type AccessAction,
  AccessActionSchema,
  type AccessRequest,
  type AccessRequestInput,
  AccessRequestSchema,
  type AccessRule,
  type AccessRuleInput,
  AccessRuleSchema,
  type Approval,
  ApprovalSchema,
  type Audience,
  AudienceSchema,
  type Requirement,
  RequirementSchema,
} from './access-schema.js';
export { type BlacklistsInput, BlacklistsSchema, blacklistEntries } from './blacklist.js';
export {
  archiveComplaintCase,
  type ComplaintCaseInput,
  ComplaintCaseSchema,
  checkTerminationArchives,
  type TerminationInput,
  TerminationInputSchema,
} from './cases.js';
export { afterSalesMaintenanceFile, newCarSalesFile, salesCompanyCustomerFile } from './catalog/dealer.js';
export {
  customerArchive003,
  paperArchiveDocument,
  propertyCustomerFile,
  serviceRecordEntry,
} from './catalog/property.js';
export {
  closedDealArchive,
  complaintForm,
  corporateCustomerArchive,
  customerInformationFile,
  leasingCustomerArchiveForm,
  leasingRegistrationForm,
  partnerArchive,
  revisitArchive,
  salesDepartmentArchive,
} from './catalog/real-estate.js';
export {
  customerTransactionCard,
  outreachFileBatch,
  returnVisitFiles,
  salesOfficeForms,
  salesOfficeObjects,
  subscriptionAgreement,
} from './catalog/sales-office.js';
export {
  type CompletenessInput,
  CompletenessInputSchema,
  type CompletenessResult,
  checkCompleteness,
} from './completeness.js';
export {
  findFileType,
  type RecordsContext,
  type ResolvedContext,
  resolveContext,
  type Violation,
} from './context.js';
export { checkBackup, type FileEntryInput, FileEntrySchema, validateEntry } from './entries.js';
export {
  checkHandover,
  type HandoverInput,
  HandoverInputSchema,
  type HandoverOutcome,
  type HandoverResult,
  ResponsibleSchema,
} from './handover.js';
export { checkLoan, type LoanInput, LoanInputSchema, type LoanResult } from './loans.js';
export {
  type FileRecord,
  findPii,
  MASKING_RULE,
  maskPii,
  maskPiiDeep,
  maskValue,
  type PiiKind,
  type PiiMatch,
  type Readership,
  type ReadResult,
  type Redaction,
  type RedactOptions,
  readFile,
  redactRecord,
} from './masking.js';
export * from './models/index.js';
export {
  AccessLogEntrySchema,
  AccessLogInputSchema,
  BackupInputSchema,
  ReadInputSchema,
  recordsAccess,
  recordsAccessLog,
  recordsBackup,
  recordsCompleteness,
  recordsCurrency,
  recordsDestruction,
  recordsHandover,
  recordsLedger,
  recordsLoan,
  recordsModules,
  recordsOpenFile,
  recordsPurge,
  recordsRead,
  recordsSnapshots,
  recordsWorkflow,
} from './modules.js';
export {
  defineRecordsPolicy,
  type LoanParams,
  LoanParamsSchema,
  type RecordsParams,
  type RecordsParamsInput,
  RecordsParamsSchema,
  type RecordsPolicy,
  type RecordsPolicyInput,
  type RecordsPolicyLike,
  RecordsPolicySchema,
  recordsPolicyJsonSchema,
} from './policy.js';
export {
  corporateArchivePreset,
  customerArchivePreset,
  dealerFilesPreset,
  leasingArchivePreset,
  partnerArchivePreset,
  propertyServicePreset,
  recordsPresets,
  returnVisitPreset,
  salesCompanyFilesPreset,
  salesOfficePreset,
  salesSitePreset,
} from './presets/index.js';
export {
  type CustomerRecordInput,
  CustomerRecordSchema,
  matchCustomer,
  type OpenFileInput,
  OpenFileInputSchema,
  openFile,
} from './registry.js';
export {
  checkDestruction,
  checkPurge,
  type DestructionInput,
  DestructionInputSchema,
  type DestructionResult,
  type PurgeInput,
  PurgeInputSchema,
} from './retention.js';
export {
  type DocumentDef,
  DocumentDefSchema,
  type FieldDef,
  FieldDefSchema,
  type FileType,
  type FileTypeInput,
  FileTypeSchema,
  type HandoverRule,
  HandoverRuleSchema,
} from './schemas.js';
export {
  type CurrencyInput,
  CurrencyInputSchema,
  type CurrencyResult,
  checkCurrency,
  checkLedger,
  checkSnapshots,
  type HandoverLedgerInput,
  HandoverLedgerInputSchema,
  type SnapshotInput,
  SnapshotInputSchema,
} from './upkeep.js';
export {
  type AdvanceInput,
  AdvanceInputSchema,
  advanceWorkflow,
} from './workflow.js';
