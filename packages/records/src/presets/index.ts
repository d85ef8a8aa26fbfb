import corporateArchive from '../../presets/corporate-archive.json' with { type: 'json' };
import customerArchive from '../../presets/customer-archive.json' with { type: 'json' };
import dealerFiles from '../../presets/dealer-files.json' with { type: 'json' };
import exampleLantingRealty from '../../presets/example-lanting-realty.json' with { type: 'json' };
import exampleQingheMotors from '../../presets/example-qinghe-motors.json' with { type: 'json' };
import leasingArchive from '../../presets/leasing-archive.json' with { type: 'json' };
import partnerArchive from '../../presets/partner-archive.json' with { type: 'json' };
import propertyService from '../../presets/property-service.json' with { type: 'json' };
import returnVisit from '../../presets/return-visit.json' with { type: 'json' };
import salesCompanyFiles from '../../presets/sales-company-files.json' with { type: 'json' };
import salesOffice from '../../presets/sales-office.json' with { type: 'json' };
import salesSite from '../../presets/sales-site.json' with { type: 'json' };
import { defineRecordsPolicy, type RecordsPolicy } from '../policy.js';

/**
 * The bundled preset files (`packages/records/presets/<name>.json`) as policy JSON, by kebab-case name.
 * Each module offers those whose policy has what it checks (a loan rule, a ledger rule …), validated on
 * first use.
 */
export const PRESET_JSON: Readonly<Record<string, unknown>> = {
  'dealer-files': dealerFiles,
  'sales-company-files': salesCompanyFiles,
  'leasing-archive': leasingArchive,
  'corporate-archive': corporateArchive,
  'partner-archive': partnerArchive,
  'sales-site': salesSite,
  'sales-office': salesOffice,
  'return-visit': returnVisit,
  'property-service': propertyService,
  'customer-archive': customerArchive,
  'example-lanting-realty': exampleLantingRealty,
  'example-qinghe-motors': exampleQingheMotors,
};

/**
 * Škoda dealer user files (客户档案管理制度, seed 000 L195–L275): the 12-document new-car file handed over by
 * the sales consultant within 3 working days of delivery, the after-sales maintenance file within 1
 * working day, both in paper and electronic form, the daily handover ledger, borrowing that keeps the
 * file complete, and credentials for electronic files. The borrowing policy (档案借阅制度) is referenced
 * but not part of the seed, so loans carry their own due time.
 *
 * Loaded from `presets/dealer-files.json` and validated like any company policy.
 *
 * @example
 * dealerFilesPreset.id; //=> 'zhidu.records.skoda-dealer'
 */
export const dealerFilesPreset: RecordsPolicy = defineRecordsPolicy(dealerFiles);

/**
 * Customer files of a sales company (客户管理制度, seed 000 L277–L331): a custodian, updates with every
 * transaction, sales-director approval; nobody views or discloses them without the general manager's
 * authorisation. The custodian and the GM hold a standing grant by role (the catalog's reading).
 *
 * Loaded from `presets/sales-company-files.json` and validated like any company policy.
 *
 * @example
 * salesCompanyFilesPreset.id; //=> 'zhidu.records.sales-company'
 */
export const salesCompanyFilesPreset: RecordsPolicy = defineRecordsPolicy(salesCompanyFiles);

/**
 * Leasing customer files of a real-estate investment company (seed 000 L1115–L1143): registration forms
 * kept by General Services and viewed or backed up only with the GM's permission; the complete archive
 * form filed after a deal; archives kept 10 years, destroyed only after the leasing head's review and the
 * GM's approval, with a record. Reading: the archive form sits in the same custody and under the same
 * GM-permission rule as the registration forms.
 *
 * Loaded from `presets/leasing-archive.json` and validated like any company policy.
 *
 * @example
 * leasingArchivePreset.id; //=> 'zhidu.records.leasing'
 */
export const leasingArchivePreset: RecordsPolicy = defineRecordsPolicy(leasingArchive);

/**
 * Corporate customer archives (公司客户, seed 000 L1449–L1500): an archive account per new customer with the
 * seven basic fields, filed within 5 working days of first contact, major changes recorded; one's own
 * department's archives viewed with the department manager's approval, other departments' with the GM's.
 *
 * Loaded from `presets/corporate-archive.json` and validated like any company policy.
 *
 * @example
 * corporateArchivePreset.id; //=> 'zhidu.records.corporate'
 */
export const corporateArchivePreset: RecordsPolicy = defineRecordsPolicy(corporateArchive);

/**
 * Joint-venture partner archives (seed 000 L1420–L1445): updated at once, A/B partners snapshotted every
 * half-year, grades for internal use only (never in what a partner sees).
 *
 * Loaded from `presets/partner-archive.json` and validated like any company policy.
 *
 * @example
 * partnerArchivePreset.id; //=> 'zhidu.records.partner'
 */
export const partnerArchivePreset: RecordsPolicy = defineRecordsPolicy(partnerArchive);

/**
 * Real-estate sales-site files (seed 000 L783–L1011 and L1083–L1091): the 42-item customer information
 * file, the archive of closed-deal customers, the sales department's own archive (custodian,
 * transactions, sales-director sign-off), and the records that must be filed (open letters in the revisit
 * archive, reply-letter notes on complaint forms). The seed states no access rule for these files; the default
 * (deny) applies until a company adds its own.
 *
 * Loaded from `presets/sales-site.json` and validated like any company policy.
 *
 * @example
 * salesSitePreset.id; //=> 'zhidu.records.sales-site'
 */
export const salesSitePreset: RecordsPolicy = defineRecordsPolicy(salesSite);

/**
 * The sales office of seed 001 part a (售楼处管理): registers, deposit tables, reports and plans with their
 * authors; the subscription agreement in 4 copies with a consistent balance; the transaction card;
 * outreach files through the CRM centre; only finance collects money; custody of signed and blank forms;
 * project confidentiality; remote access with the customer's authorisation; blacklist management.
 *
 * Loaded from `presets/sales-office.json` and validated like any company policy.
 *
 * @example
 * salesOfficePreset.id; //=> 'zhidu.records.sales-office'
 */
export const salesOfficePreset: RecordsPolicy = defineRecordsPolicy(salesOffice);

/**
 * Return visits and complaints of seed 001 part b: visit materials returned promptly (or kept with the
 * customer-service supervisor's approval), return-visit records consolidated by a custodian and used by
 * market development for planning, complaint files seen only by those involved, respondents recused,
 * closed cases archived by administrative staff. "及时" has no number: the 1-day return period is the
 * catalog's reading (by analogy with the next-day visit report) and a policy parameter.
 *
 * Loaded from `presets/return-visit.json` and validated like any company policy.
 *
 * @example
 * returnVisitPreset.id; //=> 'zhidu.records.return-visit'
 */
export const returnVisitPreset: RecordsPolicy = defineRecordsPolicy(returnVisit);

/**
 * The property-service customer file of seed 002: created at first reception, updated periodically (no
 * interval in the seed), role-based module permissions with credentials, and no disclosure to third
 * parties without the customer's consent.
 *
 * Loaded from `presets/property-service.json` and validated like any company policy.
 *
 * @example
 * propertyServicePreset.id; //=> 'zhidu.records.property-service'
 */
export const propertyServicePreset: RecordsPolicy = defineRecordsPolicy(propertyService);

/**
 * The customer archive regulation of seed 003 (客户档案管理制度): the field table collected at first contact,
 * entry within the stipulated time (no number given), review by the sales manager then the archive
 * administrator, internal use by request with the department head's approval and the administrator's
 * verification for a stated purpose, content and period, external sharing only with a legal basis, the
 * customer's authorisation, an NDA signed first and management approval.
 *
 * Loaded from `presets/customer-archive.json` and validated like any company policy.
 *
 * @example
 * customerArchivePreset.id; //=> 'zhidu.records.customer-archive'
 */
export const customerArchivePreset: RecordsPolicy = defineRecordsPolicy(customerArchive);

/**
 * 兰亭置业 (a fictitious property developer's sales office) customer-file rules, written as a company
 * would write its own: reading only in the archive room with an entry in the reading register, copies
 * with the file keeper's consent in the archive room, taking a file out with the sales director's
 * approval and a borrowing slip, back within 2 working days, no annotations; contract papers into the
 * numbered cabinet within 3 working days of signing, visits into the archive system within a day; a
 * weekly backup.
 *
 * Loaded from `presets/example-lanting-realty.json` and validated like any company policy.
 *
 * @example
 * exampleLantingRealtyPreset.params.actions.map((a) => a.id); //=> ['readInRoom', 'copy', 'takeOut', 'annotate']
 */
export const exampleLantingRealtyPreset: RecordsPolicy = defineRecordsPolicy(exampleLantingRealty);

/**
 * 青禾汽车 (a fictitious car dealer) vehicle-file rules: reading in the archive room with an entry in the
 * register, taking a file out with the service manager's approval and back within 24 hours, no
 * annotations; repair records into the DMS within 1 working day of settlement; a daily backup.
 *
 * Loaded from `presets/example-qinghe-motors.json` and validated like any company policy.
 *
 * @example
 * exampleQingheMotorsPreset.params.filingDuties[0]?.register; //=> 'dms'
 */
export const exampleQingheMotorsPreset: RecordsPolicy = defineRecordsPolicy(exampleQingheMotors);

/** Every preset by name (for scenario files and the CLI). */
export const recordsPresets: Readonly<Record<string, RecordsPolicy>> = {
  dealerFiles: dealerFilesPreset,
  salesCompanyFiles: salesCompanyFilesPreset,
  leasingArchive: leasingArchivePreset,
  corporateArchive: corporateArchivePreset,
  partnerArchive: partnerArchivePreset,
  salesSite: salesSitePreset,
  salesOffice: salesOfficePreset,
  returnVisit: returnVisitPreset,
  propertyService: propertyServicePreset,
  customerArchive: customerArchivePreset,
  exampleLantingRealty: exampleLantingRealtyPreset,
  exampleQingheMotors: exampleQingheMotorsPreset,
};
