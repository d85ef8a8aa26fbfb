// Transcription of the construction-milestone clauses of seed 000 (房地产客户管理制度, 000 L349–L505)
// whose switches the older scenarios leave open: the "before X" deadlines with a flat fine, the
// deadlines with no fine, and the monthly duties. Written from the seed text, not from the preset or
// the engine; packages/sla/scripts/seed-scenarios.ts turns it into the seed-table-*.scenario.json
// files beside it. Diff this file against the seed to review them.
//
// Roles: 工程管理中心总监 emcDirector · 计划管理中心总监 pmcDirector · 成本控制中心总监 cccDirector ·
// 总工室主任 cengoHead · 营销策划中心总监 mpcDirector · 相关部门总监 departmentDirector.
// Every clause below says 必须 / 应 / 须 / 否则扣罚 — none is a 宜 / 尽量 target — so every timer is
// hard: a breach of a fined clause is a violation of each role fined, never only a warning.
//
// Lateness of a flat fine (…否则,扣罚…200元): the seed fines once and states no counting unit. The
// lateness reported with it follows catalog convention C3 (每超24小时: each started 24-hour block,
// rounded up) for a deadline at an instant; a monthly duty is kept or missed by the date, so its
// lateness is in calendar days.

/** A "before X" deadline: due at the instant X happens (done at X itself is already late). */
export interface BeforeEventRow {
  timer: string;
  rule: string;
  line: string;
  seed: string;
  /** the event that opens the obligation */
  start: string;
  /** the event it must come before */
  before: string;
  /** the event that does the obligation (the meeting held, the approval given…) */
  done: string;
  /** roles fined (the seed's 扣罚…) */
  roles: string[];
  /** the flat fine in yuan, for the reader */
  fineYuan: number;
  /** the preset's violation code (an identifier; the seed has none) */
  code: string;
}

/** A deadline with no fine: a hard limit whose breach emits no violation. */
export interface UnfinedRow {
  timer: string;
  rule: string;
  line: string;
  seed: string;
  start: string;
  /** 24小时 from the instant, 次天 (end of the next day), N天 (end of the N-th day, C2) */
  limit: { hours: number } | { nextDay: true } | { calendarDays: number };
}

/** A monthly duty: each month of a subject is one occurrence. */
export interface MonthlyRow {
  timer: string;
  rule: string;
  line: string;
  seed: string;
  /** the subject kind the duty is kept per (the preset's `subjects`) */
  subject: string;
  /** 每月…: end of the month, or the end of day N of the month (每月N日前, read as up to the N-th) */
  due: { endOfMonth: true } | { dayOfMonth: number };
  roles: string[];
  fineYuan: number;
  code: string;
}

// biome-ignore format: a transcription table, one seed item a line
export const beforeEventRows: BeforeEventRow[] = [
  { timer: 'M06.constructionDesignReview', rule: 'S000-MILESTONE-06', line: '000 L381', seed: '项目主体开工前,工程管理中心负责组织…施工组织设计审查会。否则,扣罚工程管理中心总监200元', start: 'projectOpened', before: 'mainWorksStarted', done: 'constructionDesignReviewed', roles: ['emcDirector'], fineYuan: 200, code: 'sla.milestone.S000-MILESTONE-06' },
  { timer: 'M07.completionDates', rule: 'S000-MILESTONE-07', line: '000 L383', seed: '项目发售前,计划管理中心负责组织汇总…确定项目的竣工及交楼时间…否则,扣罚计划管理中心总监200元', start: 'projectOpened', before: 'salesLaunched', done: 'completionDatesSubmitted', roles: ['pmcDirector'], fineYuan: 200, code: 'sla.milestone.S000-MILESTONE-07' },
  { timer: 'M08.siteMeeting', rule: 'S000-MILESTONE-08', line: '000 L385', seed: '项目主体合同立项前,由成本控制中心组织…到现场开会…否则,扣罚成本控制中心总监200元', start: 'projectOpened', before: 'mainContractInitiated', done: 'mainContractSiteMeetingHeld', roles: ['cccDirector'], fineYuan: 200, code: 'sla.milestone.S000-MILESTONE-08' },
  { timer: 'M08.contractBriefing', rule: 'S000-MILESTONE-08', line: '000 L385', seed: '项目主体合同签订后主体工程开工前…进行合同交底。否则,扣罚成本控制中心总监200元', start: 'mainContractSigned', before: 'mainWorksStarted', done: 'contractBriefingHeld', roles: ['cccDirector'], fineYuan: 200, code: 'sla.milestone.S000-MILESTONE-08' },
  { timer: 'M10.drawingReview', rule: 'S000-MILESTONE-10', line: '000 L389–391', seed: '基础、地下室、主体工程…等工程开工前,工程管理中心必须组织…大规模图纸会审…扣罚工程管理中心总监、总工室主任各500元', start: 'worksTypeScheduled', before: 'worksTypeStarted', done: 'drawingReviewHeld', roles: ['emcDirector', 'cengoHead'], fineYuan: 500, code: 'sla.milestone.S000-MILESTONE-10' },
  { timer: 'M11.showFlatDecision', rule: 'S000-MILESTONE-11', line: '000 L393', seed: '营销策划中心必须在项目开工前确定售楼部、样板房位置…否则,扣罚营销策划中心总监200元', start: 'projectOpened', before: 'projectStarted', done: 'showFlatDecided', roles: ['mpcDirector'], fineYuan: 200, code: 'sla.milestone.S000-MILESTONE-11' },
  { timer: 'M19.unitAcceptance', rule: 'S000-MILESTONE-19', line: '000 L413', seed: '工程管理中心必须在竣工前召集物业公司、营销策划中心及施工单位进行分户验收并整改完毕。否则,扣罚工程管理中心总监500元', start: 'projectOpened', before: 'completed', done: 'unitAcceptanceRectified', roles: ['emcDirector'], fineYuan: 500, code: 'sla.milestone.S000-MILESTONE-19' },
  { timer: 'M37.groupApprovalFirst', rule: 'S000-MILESTONE-37', line: '000 L481', seed: '审批通过后方可进行单体施工图设计…否则,扣罚总工室主任500元', start: 'preliminaryReviewDone', before: 'constructionDrawingDesignStarted', done: 'groupApprovedPreliminary', roles: ['cengoHead'], fineYuan: 500, code: 'sla.milestone.S000-MILESTONE-37.prematureStart' },
  { timer: 'M38.groupApprovalBeforeIssue', rule: 'S000-MILESTONE-38', line: '000 L485', seed: '总工室应在单体施工图下发前,组织大规模的施工图会审,审核通过后报集团审批。审批通过后方可下发…扣罚总工室主任500元', start: 'constructionDrawingReviewDone', before: 'constructionDrawingsIssued', done: 'groupApprovedDrawings', roles: ['cengoHead'], fineYuan: 500, code: 'sla.milestone.S000-MILESTONE-38' },
  { timer: 'M40.notSubmitted', rule: 'S000-MILESTONE-40', line: '000 L505', seed: '未按规定报审的每项扣罚工程管理中心总监200元', start: 'schemeRequired', before: 'schemeBuilt', done: 'schemeSubmitted', roles: ['emcDirector'], fineYuan: 200, code: 'sla.milestone.S000-MILESTONE-40.notSubmitted' },
];

// biome-ignore format: a transcription table, one seed item a line
export const unfinedRows: UnfinedRow[] = [
  { timer: 'M05.minutesDraft', rule: 'S000-MILESTONE-05', line: '000 L377', seed: '会议纪要应由工程管理中心在24小时负责起草', start: 'exchangeMeetingEnded', limit: { hours: 24 } },
  { timer: 'M05.minutesFormal', rule: 'S000-MILESTONE-05', line: '000 L377', seed: '并在次天形成正式会议纪要', start: 'exchangeMeetingEnded', limit: { nextDay: true } },
  { timer: 'M06.gmSubmission', rule: 'S000-MILESTONE-06', line: '000 L381', seed: '审查通过后次天报公司总经理审批', start: 'constructionDesignReviewed', limit: { nextDay: true } },
  { timer: 'M29.deficiencyLetter', rule: 'S000-MILESTONE-29', line: '000 L443', seed: '成本控制中心发现资料不齐…应在收到资料3天内一次性发函给工程管理中心', start: 'settlementDocsReceivedByCcc', limit: { calendarDays: 3 } },
  { timer: 'M29.resubmit', rule: 'S000-MILESTONE-29', line: '000 L443', seed: '工程管理中心在收到函件之天起7天内负责补齐完善后重新提交', start: 'deficiencyLetterReceived', limit: { calendarDays: 7 } },
];

// biome-ignore format: a transcription table, one seed item a line
export const monthlyRows: MonthlyRow[] = [
  { timer: 'M04.exchangeMeeting', rule: 'S000-MILESTONE-04', line: '000 L373–375', seed: '每月召开至少一次…工程建设交流例会。每月未召开工程建设交流例会的,扣罚工程管理中心总监500元', subject: 'project', due: { endOfMonth: true }, roles: ['emcDirector'], fineYuan: 500, code: 'sla.milestone.S000-MILESTONE-04' },
  { timer: 'M26.salesFeedbackMeeting', rule: 'S000-MILESTONE-26', line: '000 L433–435', seed: '营销策划中心应在每月5日前召开会议…未召开会议或未将相关部门存在的问题反馈的,扣罚营销策划中心总监200元', subject: 'project', due: { dayOfMonth: 5 }, roles: ['mpcDirector'], fineYuan: 200, code: 'sla.milestone.S000-MILESTONE-26' },
  { timer: 'M27.rectification', rule: 'S000-MILESTONE-27', line: '000 L437', seed: '每月5日前,各部门应将营销策划中心上月提出的相应问题整改完毕…扣罚相关部门总监200元', subject: 'department', due: { dayOfMonth: 5 }, roles: ['departmentDirector'], fineYuan: 200, code: 'sla.milestone.S000-MILESTONE-27' },
];

/**
 * A hard limit whose fine depends on a reading the presets offer both ways: checked for its due
 * instant and hardness only, so the scenario holds under either reading.
 */
// biome-ignore format: a transcription table, one seed item a line
export const eitherReadingRows: UnfinedRow[] = [
  { timer: 'M33.recheckImplemented', rule: 'S000-MILESTONE-33', line: '000 L451', seed: '成本控制中心收到复核意见后,须在10天内落实复核意见(fined 50元/24h by L459 in construction-000, unfined in construction-000-recheck-unfined)', start: 'recheckOpinionReceived', limit: { calendarDays: 10 } },
];
