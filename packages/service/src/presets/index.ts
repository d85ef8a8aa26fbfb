/**
 * The shipped service presets, validated: each constant is one file of `presets/` (see `./json.ts`).
 */
import { defineServicePolicy, type ServicePolicy } from '../policy.js';
import { servicePresetJson } from './json.js';

const load = (name: keyof typeof servicePresetJson): ServicePolicy =>
  defineServicePolicy(servicePresetJson[name]);

/**
 * 客户信息档案与满意度 (a company's customer files), seed 000 L277–331.
 *
 * The file `presets/s000-customer-info.json`, validated.
 */
export const s000CustomerInfoPolicy: ServicePolicy = load('s000-customer-info');

/**
 * GPS 产品安装维修与售后 (seed 000 L53–115): long-term after-sales tracking with no stated frequency.
 *
 * The file `presets/s000-gps-service.json`, validated.
 */
export const s000GpsServicePolicy: ServicePolicy = load('s000-gps-service');

/**
 * 物业管理服务中心 recurring duties, seed 000 L151–179: minimum frequencies per period.
 *
 * The file `presets/s000-property-centre.json`, validated.
 */
export const s000PropertyCentrePolicy: ServicePolicy = load('s000-property-centre');

/**
 * 客户管理制度 (reception), seed 000 L137–149 with the guest-meeting etiquette of L181–193:
 * reception classes A–D, host and budget per class, companions by party size, gifts.
 *
 * The file `presets/s000-reception.json`, validated.
 */
export const s000ReceptionPolicy: ServicePolicy = load('s000-reception');

/**
 * 市场推广部客户管理 (corporate, effective 2013-07-01), seed 000 L1447–1501.
 *
 * The file `presets/s000b-corporate.json`, validated.
 */
export const s000bCorporatePolicy: ServicePolicy = load('s000b-corporate');

/**
 * 招商客户信息管理 (Shaanxi Zhonghui leasing/sales), seed 000 L1109–1143.
 *
 * The file `presets/s000b-leasing-info.json`, validated.
 */
export const s000bLeasingInfoPolicy: ServicePolicy = load('s000b-leasing-info');

/**
 * 联营工程合作方管理 (joint-venture partners, 盛昌/海盛), seed 000 L1409–1445.
 *
 * The file `presets/s000b-partner.json`, validated.
 */
export const s000bPartnerPolicy: ServicePolicy = load('s000b-partner');

/**
 * 物业客户服务沟通 (property customer-service communication), seed 000 L1309–1327.
 *
 * The file `presets/s000b-property-comms.json`, validated.
 */
export const s000bPropertyCommsPolicy: ServicePolicy = load('s000b-property-comms');

/**
 * 物业回访制度 (property revisits), seed 000 L1015–1053.
 *
 * The file `presets/s000b-property-revisit.json`, validated.
 */
export const s000bPropertyRevisitPolicy: ServicePolicy = load('s000b-property-revisit');

/**
 * 客户关系维护三十一条, seed 000 L1145–1207.
 *
 * The file `presets/s000b-relationship.json`, validated.
 */
export const s000bRelationshipPolicy: ServicePolicy = load('s000b-relationship');

/**
 * 销售部门客户信息与满意度 (group sales department), seed 000 L1071–1107.
 *
 * The file `presets/s000b-sales-info.json`, validated.
 */
export const s000bSalesInfoPolicy: ServicePolicy = load('s000b-sales-info');

/**
 * 案场客户维护 (real-estate sales site), seed 000 L773–1013: greetings and lead sources.
 *
 * The file `presets/s000b-sales-site.json`, validated.
 */
export const s000bSalesSitePolicy: ServicePolicy = load('s000b-sales-site');

/**
 * 客户拜访管理 (sales-department customer visits), seed 000 L1329–1407.
 *
 * The file `presets/s000b-sales-visit.json`, validated.
 */
export const s000bSalesVisitPolicy: ServicePolicy = load('s000b-sales-visit');

/**
 * 精選篇1 (conference marketing), seed 001 L12–74: referral points.
 *
 * The file `presets/s001-conference-marketing.json`, validated.
 */
export const s001ConferenceMarketingPolicy: ServicePolicy = load('s001-conference-marketing');

/**
 * 精選篇3 (credit management), seed 001 L240–336: credit-report cadence, visit-plan pruning.
 *
 * The file `presets/s001-credit-management.json`, validated.
 */
export const s001CreditManagementPolicy: ServicePolicy = load('s001-credit-management');

/**
 * 精選篇4 (new-customer development), seed 001 L338–412: project tracking records.
 *
 * The file `presets/s001-new-customer-development.json`, validated.
 */
export const s001NewCustomerDevelopmentPolicy: ServicePolicy = load('s001-new-customer-development');

/**
 * 精選篇2 (real-estate sales office), seed 001 L76–238: rotation reception, registration, tracking.
 *
 * The file `presets/s001-sales-office.json`, validated.
 */
export const s001SalesOfficePolicy: ServicePolicy = load('s001-sales-office');

/**
 * 精選篇6 (service supervision), seed 001 L456–540: New Year gifts, weekly report, return-visit calls.
 *
 * The file `presets/s001-service-supervision.json`, validated.
 */
export const s001ServiceSupervisionPolicy: ServicePolicy = load('s001-service-supervision');

/**
 * 精選篇5 (visitor reception), seed 001 L414–454: categories, venues, duties.
 *
 * The file `presets/s001-visitor-reception.json`, validated.
 */
export const s001VisitorReceptionPolicy: ServicePolicy = load('s001-visitor-reception');

/**
 * 精選篇11 (GPS after-sales), seed 001 L878–954: repair intake.
 *
 * The file `presets/s001b-gps-service.json`, validated.
 */
export const s001bGpsServicePolicy: ServicePolicy = load('s001b-gps-service');

/**
 * 精選篇8 (customer return-visit control procedure), seed 001 L664–730.
 *
 * The file `presets/s001b-return-visit.json`, validated.
 */
export const s001bReturnVisitPolicy: ServicePolicy = load('s001b-return-visit');

/**
 * 精選篇9 (sales customer visits), seed 001 L732–820.
 *
 * The file `presets/s001b-sales-visit.json`, validated.
 */
export const s001bSalesVisitPolicy: ServicePolicy = load('s001b-sales-visit');

/**
 * 房地产客户服务管理程序, seed 002 L320–346: repair phone revisit, estate revisits, KPIs.
 *
 * The file `presets/s002-cs-procedure.json`, validated.
 */
export const s002CsProcedurePolicy: ServicePolicy = load('s002-cs-procedure');

/**
 * (房地产公司)客服管理制度 role descriptions, seed 002 L24–28: analyst monthly report.
 *
 * The file `presets/s002-cs-roles.json`, validated.
 */
export const s002CsRolesPolicy: ServicePolicy = load('s002-cs-roles');

/**
 * 客户服务管理制度 (customer care, payment reminders, staff assessment), seed 002 L150–260.
 *
 * The file `presets/s002-cs-system.json`, validated.
 */
export const s002CsSystemPolicy: ServicePolicy = load('s002-cs-system');

/**
 * 房地产项目客户服务部工作流程, seed 002 L66–92: consultation flow and viewing booking.
 *
 * The file `presets/s002-project-cs.json`, validated.
 */
export const s002ProjectCsPolicy: ServicePolicy = load('s002-project-cs');

/**
 * 地产售楼部客户服务管理制度, seed 002 L29–47: designated receptionist, needs record, after-delivery follower.
 *
 * The file `presets/s002-sales-office.json`, validated.
 */
export const s002SalesOfficePolicy: ServicePolicy = load('s002-sales-office');

/**
 * 客户档案管理制度, seed 003 L9: revisit feedback into the file, satisfaction and loyalty indicators.
 *
 * The file `presets/s003-archive.json`, validated.
 */
export const s003ArchivePolicy: ServicePolicy = load('s003-archive');

/**
 * 篇2 招租部接待程序 (leasing reception), seed 004 L127–195.
 *
 * The file `presets/s004-leasing.json`, validated.
 */
export const s004LeasingPolicy: ServicePolicy = load('s004-leasing');

/**
 * 篇1 物業管理客戶管理, seed 004 L1–126: move-in, revisits, service frequencies.
 *
 * The file `presets/s004-property.json`, validated.
 */
export const s004PropertyPolicy: ServicePolicy = load('s004-property');

/**
 * 兰亭置业 (a fictitious developer) customer revisit rules, written as a company would write its own: a
 * revisit within 7 days of signing (a miss with nobody named answers by the customer-service
 * supervisor), a weekly revisit report by 12:00 each Monday, a monthly summary by the 3rd of the next
 * month, and a spot check of 20 % of the buyers handed over, each within a month, 90 % of the sample.
 *
 * The file `presets/example-lanting-realty.json`, validated.
 *
 * @example
 * exampleLantingRealtyPolicy.params.samples?.[0]?.ratePercent; //=> 20
 */
export const exampleLantingRealtyPolicy: ServicePolicy = load('example-lanting-realty');

/**
 * 青禾汽车 (a fictitious car dealer) customer revisit rules: a revisit within 3 days of a repair's
 * settlement (a miss with nobody named answers by the customer-care supervisor), a monthly revisit
 * analysis by the 5th of the next month, and a spot check of 10 delivered customers within 15 days,
 * 80 % of the sample.
 *
 * The file `presets/example-qinghe-motors.json`, validated.
 *
 * @example
 * exampleQingheMotorsPolicy.params.samples?.[0]?.size; //=> 10
 */
export const exampleQingheMotorsPolicy: ServicePolicy = load('example-qinghe-motors');
