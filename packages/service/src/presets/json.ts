/**
 * The shipped service presets as policy JSON: one file per regulation in `presets/` (a compliance
 * officer reads and diffs it; an ERP in any language loads it against `schema/service.policy.schema.json`).
 */

import exampleLantingRealtyJson from '../../presets/example-lanting-realty.json' with { type: 'json' };
import exampleQingheMotorsJson from '../../presets/example-qinghe-motors.json' with { type: 'json' };
import s000CustomerInfoJson from '../../presets/s000-customer-info.json' with { type: 'json' };
import s000GpsServiceJson from '../../presets/s000-gps-service.json' with { type: 'json' };
import s000PropertyCentreJson from '../../presets/s000-property-centre.json' with { type: 'json' };
import s000ReceptionJson from '../../presets/s000-reception.json' with { type: 'json' };
import s000bCorporateJson from '../../presets/s000b-corporate.json' with { type: 'json' };
import s000bLeasingInfoJson from '../../presets/s000b-leasing-info.json' with { type: 'json' };
import s000bPartnerJson from '../../presets/s000b-partner.json' with { type: 'json' };
import s000bPropertyCommsJson from '../../presets/s000b-property-comms.json' with { type: 'json' };
import s000bPropertyRevisitJson from '../../presets/s000b-property-revisit.json' with { type: 'json' };
import s000bRelationshipJson from '../../presets/s000b-relationship.json' with { type: 'json' };
import s000bSalesInfoJson from '../../presets/s000b-sales-info.json' with { type: 'json' };
import s000bSalesSiteJson from '../../presets/s000b-sales-site.json' with { type: 'json' };
import s000bSalesVisitJson from '../../presets/s000b-sales-visit.json' with { type: 'json' };
import s001ConferenceMarketingJson from '../../presets/s001-conference-marketing.json' with { type: 'json' };
import s001CreditManagementJson from '../../presets/s001-credit-management.json' with { type: 'json' };
import s001NewCustomerDevelopmentJson from '../../presets/s001-new-customer-development.json' with {
  type: 'json',
};
import s001SalesOfficeJson from '../../presets/s001-sales-office.json' with { type: 'json' };
import s001ServiceSupervisionJson from '../../presets/s001-service-supervision.json' with { type: 'json' };
import s001VisitorReceptionJson from '../../presets/s001-visitor-reception.json' with { type: 'json' };
import s001bGpsServiceJson from '../../presets/s001b-gps-service.json' with { type: 'json' };
import s001bReturnVisitJson from '../../presets/s001b-return-visit.json' with { type: 'json' };
import s001bSalesVisitJson from '../../presets/s001b-sales-visit.json' with { type: 'json' };
import s002CsProcedureJson from '../../presets/s002-cs-procedure.json' with { type: 'json' };
import s002CsRolesJson from '../../presets/s002-cs-roles.json' with { type: 'json' };
import s002CsSystemJson from '../../presets/s002-cs-system.json' with { type: 'json' };
import s002ProjectCsJson from '../../presets/s002-project-cs.json' with { type: 'json' };
import s002SalesOfficeJson from '../../presets/s002-sales-office.json' with { type: 'json' };
import s003ArchiveJson from '../../presets/s003-archive.json' with { type: 'json' };
import s004LeasingJson from '../../presets/s004-leasing.json' with { type: 'json' };
import s004PropertyJson from '../../presets/s004-property.json' with { type: 'json' };

/** The preset files as policy JSON, by preset name (`s000.reception` → `s000-reception`). */
export const servicePresetJson = {
  's000-customer-info': s000CustomerInfoJson,
  's000-gps-service': s000GpsServiceJson,
  's000-property-centre': s000PropertyCentreJson,
  's000-reception': s000ReceptionJson,
  's000b-corporate': s000bCorporateJson,
  's000b-leasing-info': s000bLeasingInfoJson,
  's000b-partner': s000bPartnerJson,
  's000b-property-comms': s000bPropertyCommsJson,
  's000b-property-revisit': s000bPropertyRevisitJson,
  's000b-relationship': s000bRelationshipJson,
  's000b-sales-info': s000bSalesInfoJson,
  's000b-sales-site': s000bSalesSiteJson,
  's000b-sales-visit': s000bSalesVisitJson,
  's001-conference-marketing': s001ConferenceMarketingJson,
  's001-credit-management': s001CreditManagementJson,
  's001-new-customer-development': s001NewCustomerDevelopmentJson,
  's001-sales-office': s001SalesOfficeJson,
  's001-service-supervision': s001ServiceSupervisionJson,
  's001-visitor-reception': s001VisitorReceptionJson,
  's001b-gps-service': s001bGpsServiceJson,
  's001b-return-visit': s001bReturnVisitJson,
  's001b-sales-visit': s001bSalesVisitJson,
  's002-cs-procedure': s002CsProcedureJson,
  's002-cs-roles': s002CsRolesJson,
  's002-cs-system': s002CsSystemJson,
  's002-project-cs': s002ProjectCsJson,
  's002-sales-office': s002SalesOfficeJson,
  's003-archive': s003ArchiveJson,
  's004-leasing': s004LeasingJson,
  's004-property': s004PropertyJson,
  'example-lanting-realty': exampleLantingRealtyJson,
  'example-qinghe-motors': exampleQingheMotorsJson,
} as const;
