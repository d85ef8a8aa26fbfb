import type { RecordsPolicy } from '../policy.js';
import { dealerFilesPreset, salesCompanyFilesPreset } from './dealer.js';
import { customerArchivePreset, propertyServicePreset } from './property.js';
import {
  corporateArchivePreset,
  leasingArchivePreset,
  partnerArchivePreset,
  salesSitePreset,
} from './real-estate.js';
import { returnVisitPreset, salesOfficePreset } from './sales-office.js';

export {
  corporateArchivePreset,
  customerArchivePreset,
  dealerFilesPreset,
  leasingArchivePreset,
  partnerArchivePreset,
  propertyServicePreset,
  returnVisitPreset,
  salesCompanyFilesPreset,
  salesOfficePreset,
  salesSitePreset,
};

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
};
