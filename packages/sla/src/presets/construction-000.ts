import type { DurationSpec } from '@zhidu/core';
import type { Condition } from '../conditions.js';
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import type { EventMatcher, Target, TimerDefinitionInput } from '../timer/definition.js';
import { calendarDays, calendarMonths, envelope, hours, is, on, timer } from './helpers.js';

/** Readings of the construction regulation a company may choose differently. */
export type Construction000Options = {
  /** Subjects of the monthly duties (projects for 000 L373, departments for L387/L437). */
  projects?: string[];
  departments?: string[];
  /** 000 L427 fines the EMC director for a PDC duty, as written (default); set 'pdcDirector' to fine the owner. */
  milestone23Role?: 'emcDirector' | 'pdcDirector';
  /** 000 L433/L437 "5日前": by the end of the 5th (default, inclusive) or before the 5th begins. */
  fifthInclusive?: boolean;
  /** 000 L451: whether the 50 CNY/24 h of L459 also covers the 10-day re-check implementation (default true). */
  recheckImplementationFined?: boolean;
};

type Lateness = 'blocks24h' | 'hours';
const CLAUSE = (line: string) => `000 L${line}`;
const DAY_FINE: Lateness = 'blocks24h';

function ms(
  id: string,
  rule: string,
  line: string,
  zh: string,
  en: string,
  start: string | EventMatcher[],
  stop: string | EventMatcher[],
  target: Target | DurationSpec,
  roles: string[] | null,
  extra: Partial<TimerDefinitionInput> & { code?: string; lateness?: Lateness } = {},
): TimerDefinitionInput {
  const { code, lateness, ...rest } = extra;
  const t: Target = 'kind' in target ? target : { kind: 'duration', spec: target };
  return timer({
    id,
    rule,
    clause: CLAUSE(line),
    zh,
    en,
    start,
    stop,
    target: t,
    ...(roles ? { breach: { code: code ?? `sla.milestone.${rule}`, roles, lateness: { unit: lateness ?? DAY_FINE, rounding: 'ceil' } } } : {}),
    ...rest,
  });
}

const before = (type: string): Target => ({ kind: 'beforeEvent', type, inclusive: false });
const daysBefore = (attribute: string, days: number): Target => ({
  kind: 'relative',
  attribute,
  offset: { calendarDays: -days },
  at: 'endOfDay',
  inclusive: true,
});
/** 000 L455/L457: "10万元以下 / 10万元-50万元 / 50万元以上", the explicit range owning both bounds (C4). */
const HEAVY_WORKS: Condition = { attribute: 'workType', in: ['mainStructure', 'municipal', 'landscape'] };
const band = (low: DurationSpec, mid: DurationSpec, high: DurationSpec, heavyOverride: boolean): Target => ({
  kind: 'byAttribute',
  cases: [
    ...(heavyOverride ? [{ when: [HEAVY_WORKS], spec: high }] : []),
    { when: [{ attribute: 'amountYuan', lt: 100_000 }], spec: low },
    { when: [{ attribute: 'amountYuan', gte: 100_000, lte: 500_000 }], spec: mid },
    { when: [{ attribute: 'amountYuan', gt: 500_000 }], spec: high },
  ],
});

/**
 * Construction and settlement milestones of 000 §8 (房地产客户管理制度 = engineering management,
 * 000 L349–595): completion and handover standards, meetings, drawing and design review, settlement
 * and progress-payment limits, each with the fine the regulation attaches. Subjects are projects,
 * phases, works types or settlement packages; the events are named after the facts (`mainStructureCompleted`,
 * `completionStandardMet`…). Breaches emit `sla.milestone.<id>` violations to the named directors.
 *
 * @param options - readings the company may choose differently
 * @returns the validated policy
 * @example
 * evaluateTimers([
 *   { type: 'mainStructureCompleted', subject: 'b1', at: '2024-01-10T12:00:00+08:00', assignees: { emcDirector: 'e1', pdcDirector: 'p1' } },
 *   { type: 'completionStandardMet', subject: 'b1', at: '2024-04-12T10:00:00+08:00' },
 * ], construction000Preset(), ctx).value[0]?.lateness; //=> { unit: 'blocks24h', units: 3, … } → 300 + 300 CNY
 */
export function construction000Preset(options: Construction000Options = {}): SlaPolicy {
  const projects = options.projects ?? ['project'];
  const departments = options.departments ?? ['department'];
  const fifthInclusive = options.fifthInclusive ?? true;
  const storeysAtLeast5: Condition = { attribute: 'storeys', gte: 5 };
  const storeysBelow5: Condition = { attribute: 'storeys', lt: 5 };
  const structureNode: EventMatcher[] = [on('thirdFloorReached', [storeysAtLeast5]), on('groundZeroReached', [storeysBelow5])];
  const timers: TimerDefinitionInput[] = [
    ms('M01.completionStandard', 'S000-MILESTONE-01', '355', '主体完工后90天内达到竣工标准', 'Completion standard within 90 days of main structure', 'mainStructureCompleted', 'completionStandardMet', calendarDays(90), ['emcDirector', 'pdcDirector']),
    ms('M02.handoverStandard', 'S000-MILESTONE-02', '359', '主体完成后180天内达到交楼标准', 'Handover standard within 180 days of main structure', 'mainStructureCompleted', 'handoverStandardMet', calendarDays(180), ['emcDirector', 'pdcDirector']),
    ms('M03.planReviewMeeting', 'S000-MILESTONE-03', '363', '详细规划批复15天内召开综合开发计划评审会', 'Development-plan review meeting within 15 days of approval', 'detailedPlanApproved', 'planReviewMeetingHeld', calendarDays(15), ['emcDirector']),
    ms('M05.minutesDraft', 'S000-MILESTONE-05', '377', '会议纪要24小时内起草', 'Minutes drafted within 24 h', 'exchangeMeetingEnded', 'minutesDrafted', hours(24), null),
    ms('M05.minutesFormal', 'S000-MILESTONE-05', '377', '次天下发正式会议纪要', 'Formal minutes the next day', 'exchangeMeetingEnded', 'minutesIssued', { unit: 'nextDay' }, null),
    ms('M06.constructionDesignReview', 'S000-MILESTONE-06', '381', '主体开工前召开施工组织设计审查会', 'Construction-organisation design review before main works start', 'projectOpened', 'constructionDesignReviewed', before('mainWorksStarted'), ['emcDirector']),
    ms('M06.gmSubmission', 'S000-MILESTONE-06', '381', '审查通过后次天报总经理审批', 'Submitted to the GM the day after the review passes', 'constructionDesignReviewed', 'submittedToGm', { unit: 'nextDay' }, null),
    ms('M07.completionDates', 'S000-MILESTONE-07', '383', '发售前确定竣工及交楼时间并报批', 'Completion and handover dates submitted before sales launch', 'projectOpened', 'completionDatesSubmitted', before('salesLaunched'), ['pmcDirector']),
    ms('M08.siteMeeting', 'S000-MILESTONE-08', '385', '主体合同立项前现场会议', 'Site meeting before main-contract initiation', 'projectOpened', 'mainContractSiteMeetingHeld', before('mainContractInitiated'), ['cccDirector']),
    ms('M08.contractBriefing', 'S000-MILESTONE-08', '385', '主体开工前合同交底', 'Contract briefing before main works start', 'mainContractSigned', 'contractBriefingHeld', before('mainWorksStarted'), ['cccDirector']),
    ms('M10.drawingReview', 'S000-MILESTONE-10', '389', '各工种开工前大型图纸会审', 'Joint drawing review before each works type starts', 'worksTypeScheduled', 'drawingReviewHeld', before('worksTypeStarted'), ['emcDirector', 'cengoHead']),
    ms('M10.reviewFeedback', 'S000-MILESTONE-10', '389', '会审后三天内反馈设计单位', 'Review feedback to the designer within 3 days', 'drawingReviewHeld', 'reviewFeedbackSent', calendarDays(3), ['emcDirector', 'cengoHead']),
    ms('M10.designChanges', 'S000-MILESTONE-10', '389', '十天内设计单位完成变更', 'Designer completes changes within 10 days', 'drawingReviewHeld', 'designChangesDone', calendarDays(10), ['emcDirector', 'cengoHead']),
    ms('M11.showFlatDecision', 'S000-MILESTONE-11', '393', '开工前确定售楼部、样板房', 'Sales office and show flats decided before project start', 'projectOpened', 'showFlatDecided', before('projectStarted'), ['mpcDirector']),
    ms('M11.salesLayout', 'S000-MILESTONE-11', '393', '开售前两个月确定销售平面布置图', 'Sales layout fixed 2 months before launch', 'salesLaunchScheduled', 'salesLayoutSubmitted', { kind: 'relative', attribute: 'salesLaunchDate', offset: { calendarMonths: -2 }, at: 'endOfDay', inclusive: true }, ['mpcDirector']),
    ms('M12.gmOfficeNotice', 'S000-MILESTONE-12', '395', '审批通过后48小时内书面通知总经办', 'GM office notified in writing within 48 h', 'salesLayoutApproved', 'gmOfficeNotified', hours(48), ['mpcDirector']),
    ms('M13.hoarding', 'S000-MILESTONE-13', '395', '销售前15天完成销售环境围蔽', 'Sales hoarding complete 15 days before sales', 'salesLaunchScheduled', 'hoardingCompleted', daysBefore('salesLaunchDate', 15), ['emcDirector']),
    ms('M14.brickwork', 'S000-MILESTONE-14', '397', '正负零或三层后15天内完成砖砌体及预埋标识', 'Brickwork and embedded-item marking within 15 days of ±0 / 3F', structureNode, 'brickworkMarked', calendarDays(15), ['emcDirector']),
    ms('M15.jointInspection', 'S000-MILESTONE-15', '399', '节点完成后48小时内综合会验', 'Joint inspection within 48 h of the ±0 / 3F node', structureNode, 'jointInspectionHeld', hours(48), ['cengoHead']),
    ms('M16.opinions', 'S000-MILESTONE-16', '401', '会验48小时内整理验收意见', 'Inspection opinions within 48 h', 'jointInspectionHeld', 'inspectionOpinionsSent', hours(48), ['cengoHead']),
    ms('M16.designDocs', 'S000-MILESTONE-16', '401', '七天内下发设计文件', 'Design documents within 7 days', 'jointInspectionHeld', 'designDocumentsIssued', calendarDays(7), ['cengoHead']),
    ms('M17.salesWorks', 'S000-MILESTONE-17', '409', '每期发售15天前完成销售相关工程', 'Sales-related works complete 15 days before the phase launch', 'phaseLaunchScheduled', 'salesWorksCompleted', daysBefore('phaseLaunchDate', 15), ['emcDirector']),
    ms('M18.interimAcceptance', 'S000-MILESTONE-18', '411', '完工后三个月内取得中间验收登记表', 'Interim acceptance form within 3 months of completing the sub-works', 'subWorksCompleted', 'interimAcceptanceObtained', calendarMonths(3), ['emcDirector']),
    ms('M19.unitAcceptance', 'S000-MILESTONE-19', '413', '竣工前分户验收并整改完毕', 'Unit-by-unit acceptance and rectification before completion', 'projectOpened', 'unitAcceptanceRectified', before('completed'), ['emcDirector']),
    ms('M21.contractorEvaluation', 'S000-MILESTONE-21', '417', '竣工验收15天内召开履约评价会', 'Contractor evaluation within 15 days of completion acceptance', 'completionAccepted', [on('contractorEvaluationHeld', [is('reportsSent', true)])], calendarDays(15), ['emcDirector']),
    ms('M22.planningCertificate', 'S000-MILESTONE-22', '425', '竣工后60天内取得规划验收合格证', 'Planning acceptance certificate within 60 days of completion', 'completed', 'planningCertificateObtained', calendarDays(60), ['pdcDirector']),
    ms('M23.qualityAndArchive', 'S000-MILESTONE-23', '427', '竣工后75天内取得质量验收意见书和档案备案认可书', 'Quality opinion and archive filing approval within 75 days', 'completed', [on('qualityOpinionObtained'), on('archiveFilingApproved')], calendarDays(75), [options.milestone23Role ?? 'emcDirector'], { stopMode: 'all' }),
    ms('M24.filingForm', 'S000-MILESTONE-24', '429', '竣工后85天内取得竣工验收备案表', 'Completion filing form within 85 days', 'completed', 'completionFilingFormObtained', calendarDays(85), ['pdcDirector']),
    ms('M25.buildingCertificate', 'S000-MILESTONE-25', '431', '竣工后120天内取得房屋栋证', 'Building certificate within 120 days', 'completed', 'buildingCertificateObtained', calendarDays(120), ['pdcDirector']),
    ms('M25.titleCertificates', 'S000-MILESTONE-25', '431', '竣工后180天内办好房屋产权证及分户图', 'Title certificates and unit plans within 180 days', 'completed', 'titleCertificatesObtained', calendarDays(180), ['pdcDirector']),
    ms('M28.review', 'S000-MILESTONE-28', '439', '收到结算资料后完成审核(主体1个月,其他15天)', 'Settlement documents reviewed (main 1 month, others 15 days)', 'settlementDocsReceived', 'settlementReviewDone', { kind: 'byAttribute', cases: [{ when: [is('contractKind', 'MAIN')], spec: calendarMonths(1) }, { when: [is('contractKind', 'OTHER')], spec: calendarDays(15) }] }, ['emcDirector']),
    ms('M28.submit', 'S000-MILESTONE-28', '439', '竣工验收后提交成本控制中心(主体45天,其他2个月一次性)', 'Submitted to CCC after completion acceptance (main 45 days, others 2 months in one batch)', 'completionAccepted', [on('settlementSubmittedToCcc', [{ attribute: 'partial', notIn: [true] }])], { kind: 'byAttribute', cases: [{ when: [is('contractKind', 'MAIN')], spec: calendarDays(45) }, { when: [is('contractKind', 'OTHER')], spec: calendarMonths(2) }] }, ['emcDirector']),
    ms('M29.deficiencyLetter', 'S000-MILESTONE-29', '443', '资料不全:3天内一次性发函', 'Incomplete documents: one letter within 3 days', 'settlementDocsReceivedByCcc', 'deficiencyLetterSent', calendarDays(3), null),
    ms('M29.resubmit', 'S000-MILESTONE-29', '443', '收到函件7天内补齐重新提交', 'Resubmitted within 7 days of the letter', 'deficiencyLetterReceived', 'settlementResubmitted', calendarDays(7), null),
    ms('M30.cccOpinion', 'S000-MILESTONE-30', '455', '成本控制中心结算审核意见回复(5/15/25天)', 'CCC settlement opinion (5/15/25 days by amount)', 'settlementComplete', 'cccOpinionReplied', band(calendarDays(5), calendarDays(15), calendarDays(25), true), ['cccDirector']),
    ms('M30.fmcOpinion', 'S000-MILESTONE-30', '455', '财务管理中心结算审核意见回复(5/15/25天)', 'FMC settlement opinion (5/15/25 days by amount)', 'settlementComplete', 'fmcOpinionReplied', band(calendarDays(5), calendarDays(15), calendarDays(25), true), ['fmcDirector']),
    ms('M31.contractorReply', 'S000-MILESTONE-31', '455', '每次收到施工单位反馈意见后回复(48小时/3天/5天)', 'Reply to each contractor response (48 h / 3 / 5 days)', 'contractorResponseReceived', 'cccReplied', band(hours(48), calendarDays(3), calendarDays(5), false), ['cccDirector'], { repeat: true }),
    ms('M32.gfmcRecheck', 'S000-MILESTONE-32', '457', '集团财务复核(5/10/25天)', 'Group finance re-check (5/10/25 days)', 'settlementComplete', 'gfmcRecheckDone', band(calendarDays(5), calendarDays(10), calendarDays(25), true), ['gfmcDirector']),
    ms('M33.recheckImplemented', 'S000-MILESTONE-33', '451', '收到复核意见后10天内落实', 'Re-check opinion implemented within 10 days', 'recheckOpinionReceived', 'recheckImplemented', calendarDays(10), (options.recheckImplementationFined ?? true) ? ['cccDirector'] : null),
    ms('M34.emcApproval', 'S000-MILESTONE-34', '463', '进度款24小时内审批完毕并发出', 'Progress payment approved and sent within 24 h', 'progressPaymentApplied', 'progressPaymentSentByEmc', hours(24), ['supervisingEngineer', 'emcDirector']),
    ms('M35.cccReview', 'S000-MILESTONE-35', '465', '成本控制中心48小时内审核完毕(不含对数时间)', 'CCC review within 48 h, reconciliation excluded', 'progressPaymentReceivedByCcc', 'passedToFmc', hours(48), ['cccDirector'], { pause: [on('reconciliationStarted')], resume: [on('reconciliationEnded')] }),
    ms('M35.recalculation', 'S000-MILESTONE-35', '465', '施工单位回复后4小时内重新计算', 'Recalculation within 4 h of the contractor reply', 'contractorReplied', 'recalculated', hours(4), ['cccDirector'], { repeat: true }),
    ms('M35.fmcReview', 'S000-MILESTONE-35', '467', '财务管理中心24小时内审核', 'FMC review within 24 h', 'fmcReceived', 'fmcSubmittedForApproval', hours(24), ['fmcDirector']),
    ms('M35.payment', 'S000-MILESTONE-35', '469', '审批后4小时内支付款项', 'Payment within 4 h of approval', 'paymentApproved', 'paid', hours(4), ['fmcDirector']),
    ms('M36.designKeyPoints', 'S000-MILESTONE-36', '477', '基础资料齐全后5天内提供设计要点', 'Design key points within 5 days of complete base data', 'baseDataComplete', 'designKeyPointsDelivered', calendarDays(5), ['cengoHead', 'responsiblePerson']),
    ms('M37.preliminaryReview', 'S000-MILESTONE-37', '479', '扩初设计总工室审核7天', 'Preliminary design reviewed within 7 days', 'preliminaryDesignReceived', 'preliminaryReviewDone', calendarDays(7), ['disciplineResponsible', 'cengoHead']),
    ms('M37.groupApprovalFirst', 'S000-MILESTONE-37', '481', '集团审批通过后方可进行施工图设计', 'Construction-drawing design only after group approval', 'preliminaryReviewDone', 'groupApprovedPreliminary', before('constructionDrawingDesignStarted'), ['cengoHead'], { code: 'sla.milestone.S000-MILESTONE-37.prematureStart' }),
    ms('M38.drawingReview', 'S000-MILESTONE-38', '485', '施工图会审10天(特殊情况除外)', 'Construction-drawing review within 10 days (special cases excepted)', 'constructionDrawingsReceived', 'constructionDrawingReviewDone', calendarDays(10), ['cengoHead'], { cancel: [on('specialCaseExemptionRecorded')] }),
    ms('M38.groupApprovalBeforeIssue', 'S000-MILESTONE-38', '485', '集团审批后方可出图', 'Drawings issued only after group approval', 'constructionDrawingReviewDone', 'groupApprovedDrawings', before('constructionDrawingsIssued'), ['cengoHead']),
    ms('M39.decorationReview', 'S000-MILESTONE-39', '491', '装修方案及施工图审核5天', 'Decoration scheme reviewed within 5 days', 'decorationSchemeReceived', 'decorationReviewDone', calendarDays(5), ['cengoHead']),
    ms('M40.schemeApproval', 'S000-MILESTONE-40', '503', '设计方案审批(地下室平面、竖向5天,其他4天)', 'Scheme approval (basement layout, vertical design 5 days; others 4)', 'schemeSubmitted', 'schemeApproved', { kind: 'byAttribute', cases: [{ when: [{ attribute: 'scheme', in: ['basementLayout', 'verticalDesign'] }], spec: calendarDays(5) }], otherwise: calendarDays(4) }, ['cengoHead']),
    ms('M40.notSubmitted', 'S000-MILESTONE-40', '505', '未按规定报审', 'Scheme not submitted for approval', 'schemeRequired', 'schemeSubmitted', before('schemeBuilt'), ['emcDirector'], { code: 'sla.milestone.S000-MILESTONE-40.notSubmitted' }),
    ms('M41.opinion', 'S000-MILESTONE-41', '519', '传真起24小时内回传处理意见', 'CEngO opinion faxed back within 24 h', 'designIssueFaxed', 'cengoOpinionFaxed', hours(24), ['cengoHead'], { code: 'sla.milestone.S000-MILESTONE-41.opinion', lateness: 'hours' }),
    ms('M41.changeDrawings', 'S000-MILESTONE-41', '519', '传真起7天内下发正式变更图', 'Formal change drawings within 7 days of the fax', 'designIssueFaxed', 'formalChangeDrawingsIssued', hours(168), ['cengoHead'], { code: 'sla.milestone.S000-MILESTONE-41.drawings' }),
  ];
  const fifth = { kind: 'dayOfMonth' as const, day: 5, inclusive: fifthInclusive };
  return defineSlaPolicy({
    ...envelope('zhidu.sla.construction-000', '房地产客户管理制度(工程管理)', '000 L349–595'),
    params: {
      timers,
      recurring: [
        {
          id: 'M04.exchangeMeeting',
          rule: 'S000-MILESTONE-04',
          clause: CLAUSE('373'),
          title: { zh: '每月至少一次工程建设交流例会', en: 'At least one engineering exchange meeting a month' },
          due: { kind: 'endOfMonth' },
          done: [on('exchangeMeetingHeld')],
          subjects: projects,
          breach: { code: 'sla.milestone.S000-MILESTONE-04', roles: ['emcDirector'], lateness: { unit: 'calendarDays', rounding: 'ceil' } },
        },
        {
          id: 'M09.workPlan',
          rule: 'S000-MILESTONE-09',
          clause: CLAUSE('387'),
          title: { zh: '每月28日17:00前报下月工作计划', en: "Next month's plan by 17:00 on the 28th" },
          due: { kind: 'dayOfMonth', day: 28, time: '17:00', inclusive: true },
          done: [on('workPlanSubmitted', [is('deptHeadApproved', true)])],
          subjects: departments,
          breach: { code: 'sla.milestone.S000-MILESTONE-09', roles: ['deptHead'], lateness: { unit: 'calendarDays', rounding: 'ceil' } },
        },
        {
          id: 'M26.salesFeedbackMeeting',
          rule: 'S000-MILESTONE-26',
          clause: CLAUSE('433'),
          title: { zh: '每月5日前召开销售问题反馈会议', en: 'Sales-feedback meeting by the 5th' },
          due: fifth,
          done: [on('salesFeedbackMeetingHeld', [is('feedbackSent', true)])],
          subjects: projects,
          breach: { code: 'sla.milestone.S000-MILESTONE-26', roles: ['mpcDirector'], lateness: { unit: 'calendarDays', rounding: 'ceil' } },
        },
        {
          id: 'M27.rectification',
          rule: 'S000-MILESTONE-27',
          clause: CLAUSE('437'),
          title: { zh: '每月5日前整改上月问题并书面报告', en: "Last month's issues rectified and reported by the 5th" },
          due: fifth,
          done: [on('mpcIssuesRectified', [is('reportSent', true)])],
          subjects: departments,
          breach: { code: 'sla.milestone.S000-MILESTONE-27', roles: ['departmentDirector'], lateness: { unit: 'calendarDays', rounding: 'ceil' } },
        },
      ],
      checklists: [
        {
          id: 'M02.handoverCertificates',
          rule: 'S000-MILESTONE-02',
          clause: CLAUSE('357'),
          title: { zh: '交楼标准证照', en: 'Handover certificates' },
          items: [
            { item: 'planningAcceptanceCertificate' },
            { item: 'qualitySupervisionOpinion' },
            { item: 'civilAirDefenceFiling', requiredWhen: [{ attribute: 'civilAirDefenceRequired', notIn: [false] }] },
            { item: 'fireAcceptanceOpinion' },
            { item: 'environmentalAcceptanceOpinion' },
            { item: 'completionAcceptanceFiling' },
            { item: 'handoverPermit' },
          ],
        },
        {
          id: 'M20.preCompletion',
          rule: 'S000-MILESTONE-20',
          clause: CLAUSE('415'),
          title: { zh: '竣工前水电气等十三项', en: 'The 13 pre-completion items' },
          items: [
            { item: 'water' },
            { item: 'power' },
            { item: 'gas', requiredWhen: [{ attribute: 'gasSupply', notIn: [false] }] },
            { item: 'tv' },
            { item: 'telecom' },
            { item: 'smartSystems' },
            { item: 'emergencyBackupPower' },
            { item: 'roadsAndEnvironment' },
            { item: 'elevatorCertificate' },
            { item: 'fireCertificate' },
            { item: 'gasCertificate', requiredWhen: [{ attribute: 'gasSupply', notIn: [false] }] },
            { item: 'unitQualityAcceptanceRecord' },
            { item: 'starHygiene' },
          ],
          breach: { code: 'sla.milestone.S000-MILESTONE-20', roles: ['emcDirector'] },
        },
      ],
      routing: [
        {
          id: 'M41.designIssueRoute',
          rule: 'S000-MILESTONE-41',
          clause: CLAUSE('519'),
          routes: [
            { when: [is('affectsCost', true)], result: { route: 'FAX_TO_CENGO' } },
            { when: [is('affectsAppearance', true)], result: { route: 'FAX_TO_CENGO' } },
            { when: [is('affectsFunction', true)], result: { route: 'FAX_TO_CENGO' } },
          ],
          otherwise: { route: 'EMC_ONSITE' },
        },
      ],
    },
  });
}
