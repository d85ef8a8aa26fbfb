import { defineSchedule, type FineSchedule } from '../schedule.js';
import {
  demotion,
  each,
  item,
  own,
  perDay,
  perHour,
  perItem,
  perTime,
  role,
  sanction,
  unspecified,
  violator,
} from './build.js';

// Roles of the construction-management regulation (seed 000 L349–595). The violation names the
// person answerable (usually the first role of the clause); other roles a clause fines are looked up
// in the violation's `data.parties` or the assessment roster.
const EMC = role('emcDirector'); // 工程管理中心总监
const CENGO = role('cengoHead'); // 总工室主任
const PDC = role('pdcDirector'); // 项目开发中心总监
const ENGINEER = role('supervisingEngineer'); // 主管专业工程师
const CLERK = role('documentClerk'); // 资料员

const TITLE = '房地产客户管理制度(工程建设管理)';

/**
 * The construction and settlement fine schedule of seed 000 lines 349–595: the priced penalty
 * clauses S000-PENALTY-12…39 under codes `construction.*`, and the milestone deadlines
 * S000-MILESTONE-01…41 under the codes the timer engine emits (`sla.milestone.<rule id>`, one
 * violation per responsible role). Each role a clause names is fined in full (C5). Salary-grade
 * demotions are returned as grades (C7); ranges ("降两至三级") stay ranges for a human. No monthly
 * doubling applies: the regulation has none.
 *
 * @returns the validated schedule
 * @example
 * const s = constructionSchedule();
 * s.params.items.some((i) => i.rule === 'S000-MILESTONE-01'); //=> true
 */
export function constructionSchedule(): FineSchedule {
  const ms = (n: string) => `sla.milestone.S000-MILESTONE-${n}`;
  return defineSchedule({
    id: 'construction-management-fines',
    version: '000-L349',
    effectiveFrom: '2000-01-01',
    zone: 'Asia/Shanghai',
    source: { title: TITLE, clause: '000 L349–595' },
    params: {
      window: 'calendarMonth',
      latenessRounding: 'ceil',
      escalations: [],
      caps: [],
      items: [
        // ── penalty clauses ────────────────────────────────────────────────────────────────
        item('plan-start-unapproved', 'S000-PENALTY-12', '000 L365', '综合策划方案未经审定即开工,扣工程管理中心总监500元', 'Construction started before the comprehensive plan was approved: EMC director 500 CNY', { code: 'construction.plan.startedUnapproved' }, [each([EMC], perTime(500))], { assessedBy: 'PMC' }),
        item('plan-omission', 'S000-PENALTY-13', '000 L365', '综合策划方案漏编、错编,每项扣责任部门负责人100元', 'Omission or error in the comprehensive plan: 100 CNY per item to the responsible department head', { code: 'construction.plan.omission' }, [own(perItem(100))], { assessedBy: 'PMC' }),
        item('safety-notice', 'S000-PENALTY-14', '000 L379', '被政府通报一次,工程管理中心总监降一级工资', 'Government safety notice: EMC director down 1 salary grade', { code: 'construction.safety.governmentNotice' }, [each([EMC], demotion(1, 1, 'item'))], { assessedBy: 'CEngO' }),
        item('safety-stop-work', 'S000-PENALTY-14', '000 L379', '被政府停工一次,工程管理中心总监降两至三级工资', 'Government stop-work order: EMC director down 2–3 salary grades', { code: 'construction.safety.stopWorkOrder' }, [each([EMC], demotion(2, 3, 'item'))], { assessedBy: 'CEngO' }),
        item('sample-room-missing', 'S000-PENALTY-15', '000 L403', '未建立材料样板间或台帐,扣工程管理中心总监100元', 'No material sample room or ledger: EMC director 100 CNY', { code: 'construction.sampleRoom.missing' }, [each([EMC], perTime(100))], { assessedBy: 'CEngO' }),
        item('sample-lost', 'S000-PENALTY-15', '000 L403', '现场样板每丢失一件,扣罚当事人100元', 'Each site sample lost: 100 CNY to the person responsible', { code: 'construction.sample.lost' }, [own(perItem(100))], { assessedBy: 'CEngO' }),
        item('sample-adjusted-unapproved', 'S000-PENALTY-16', '000 L405', '样板调整未经批准施工,工程管理中心总监降一级工资', 'Work to an adjusted sample without approval: EMC director down 1 grade', { code: 'construction.sample.unapprovedAdjustment' }, [each([EMC], demotion(1))], { assessedBy: 'CEngO' }),
        item('unqualified-contractor-admitted', 'S000-PENALTY-17', '000 L421', '不合格施工单位参与投标,每发现一单行政管理中心总监降两级工资', 'Filed unqualified contractor admitted to tender: AMC director down 2 grades per case', { code: 'construction.tender.unqualifiedAdmitted' }, [each([role('amcDirector')], demotion(2, 2, 'item'))], { assessedBy: 'CCC' }),
        item('unqualified-contractor-accountability', 'S000-PENALTY-17', '000 L419', '经集团监察管理中心确认的不合格单位,对相关责任人问责', 'Confirmed unqualified contractor: GSC holds the responsible persons accountable', { code: 'construction.contractor.unqualifiedConfirmed' }, [own(unspecified('accountability', '由集团监察管理中心问责,制度未规定标准', 'GSC decides; the regulation states no measure'))], { assessedBy: 'GSC' }),
        item('preliminary-design-problems', 'S000-PENALTY-18', '000 L483', '扩初设计各专业问题超过10处,每超一处扣总工室主任10元、专业责任人20元', 'Preliminary design over 10 problems per discipline: per excess problem CEngO head 10, discipline lead 20 CNY', { code: 'construction.design.preliminaryProblems' }, [each([CENGO], perItem(10, 10)), own(perItem(20, 10))], { assessedBy: 'EMC' }),
        item('construction-drawing-problems', 'S000-PENALTY-19', '000 L485', '施工图各专业问题超过10处,每超一处扣总工室主任10元、专业责任人20元', 'Construction drawings over 10 problems per discipline: per excess problem CEngO head 10, discipline lead 20 CNY', { code: 'construction.design.drawingProblems' }, [each([CENGO], perItem(10, 10)), own(perItem(20, 10))], { assessedBy: 'EMC' }),
        item('design-change-unapproved', 'S000-PENALTY-20', '000 L489', '设计变更未按要求报审,扣工程管理中心总监200元', 'Design change not submitted for approval: EMC director 200 CNY', { code: 'construction.design.changeUnapproved' }, [each([EMC], perTime(200))], { assessedBy: 'PMC' }),
        item('decoration-not-reported', 'S000-PENALTY-21', '000 L493', '装修设计未按要求报审,扣总工室主任200元', 'Decoration design not reported as required: CEngO head 200 CNY', { code: 'construction.decoration.notReported' }, [each([CENGO], perTime(200))], { assessedBy: 'PMC' }),
        item('decoration-problems', 'S000-PENALTY-21', '000 L493', '装修施工图问题超过10处,每超一处扣总工室主任10元、责任人20元', 'Decoration drawings over 10 problems in total: per excess problem CEngO head 10, responsible person 20 CNY', { code: 'construction.decoration.problems' }, [each([CENGO], perItem(10, 10)), own(perItem(20, 10))], { assessedBy: 'EMC' }),
        item('vertical-design-unorganised', 'S000-PENALTY-22', '000 L497', '小区竖向设计未按要求组织,扣总工室主任500元', 'Site vertical design not organised as required: CEngO head 500 CNY', { code: 'construction.design.verticalUnorganised' }, [each([CENGO], perTime(500))], { assessedBy: 'PMC' }),
        item('drawing-unstamped', 'S000-PENALTY-23', '000 L507', '图纸未经总工室登记盖章下发,扣总工室主任、资料员各50元/张', 'Drawings issued without CEngO registration and stamp: CEngO head and document clerk 50 CNY per sheet each', { code: 'construction.drawing.unstamped' }, [each([CENGO, CLERK], perItem(50))], { assessedBy: 'EMC' }),
        item('review-errors-main', 'S000-PENALTY-24', '000 L509', '建筑、结构、园林、装修专业错误超过10处,每超一处扣责任人20元、总工室主任10元', 'Drawing review, architecture/structure/landscape/decoration over 10 errors: per excess error responsible person 20, CEngO head 10 CNY', { code: 'construction.review.errors', data: { disciplineGroup: 'main' } }, [own(perItem(20, 10)), each([CENGO], perItem(10, 10))], { assessedBy: 'EMC' }),
        item('review-errors-other', 'S000-PENALTY-24', '000 L509', '其他专业错误超过5处,每超一处扣责任人20元、总工室主任10元', 'Drawing review, other disciplines over 5 errors: per excess error responsible person 20, CEngO head 10 CNY', { code: 'construction.review.errors', data: { disciplineGroup: 'other' } }, [own(perItem(20, 5)), each([CENGO], perItem(10, 5))], { assessedBy: 'EMC' }),
        item('design-error-change', 'S000-PENALTY-25', '000 L511', '因设计差错经审批变更,每次扣总工室责任人50元、总工室主任20元', 'Approved change caused by a design error: CEngO responsible person 50, CEngO head 20 CNY per change', { code: 'construction.design.errorChange' }, [own(perItem(50)), each([CENGO], perItem(20))], { assessedBy: 'EMC' }),
        item('missing-change-major', 'S000-PENALTY-26', '000 L513', '应变更未变更造成较大损失,总工室责任人、主任各降一级工资', 'Required change not issued, major loss: CEngO responsible person and head down 1 grade each', { code: 'construction.design.changeNotIssued', data: { loss: 'major' } }, [each([violator, CENGO], demotion(1))]),
        item('missing-change-serious', 'S000-PENALTY-26', '000 L515', '造成严重损失,由集团监察管理中心另行扣罚', 'Serious loss: down 1 grade each, plus an extra penalty set by GSC', { code: 'construction.design.changeNotIssued', data: { loss: 'serious' } }, [each([violator, CENGO], demotion(1)), each([violator, CENGO], unspecified('extraPenalty', '集团监察管理中心另行扣罚', 'GSC sets an additional penalty'))], { assessedBy: 'GSC' }),
        item('arrival-ledger-missing', 'S000-PENALTY-27', '000 L523', '未建立材料设备进场验收台帐,扣工程管理中心总监200元', 'No arrival-acceptance ledger: EMC director 200 CNY', { code: 'construction.material.noLedger' }, [each([EMC], perTime(200))], { assessedBy: 'CEngO' }),
        item('material-noncompliant', 'S000-PENALTY-28', '000 L525', '总监审核的材料在许可后不合格,扣工程管理中心总监500元', 'Director-approved material non-compliant after permit: EMC director 500 CNY', { code: 'construction.material.nonCompliantAfterPermit' }, [each([EMC], perTime(500))], { assessedBy: 'CCC' }),
        item('acceptance-authority', 'S000-PENALTY-29', '000 L529', '违反材料验收权限,每次扣工程管理中心总监及主管专业工程师各500元', 'Acceptance-authority breach: EMC director and supervising engineer 500 CNY each per time', { code: 'construction.material.acceptanceAuthority' }, [each([EMC, ENGINEER], perTime(500))], { assessedBy: 'CEngO' }),
        item('acceptance-procedure', 'S000-PENALTY-30', '000 L543', '违反材料验收程序,每次扣工程管理中心总监及主管专业工程师200元', 'Acceptance-procedure breach: EMC director and supervising engineer 200 CNY each per time', { code: 'construction.material.acceptanceProcedure' }, [each([EMC, ENGINEER], perTime(200))], { assessedBy: 'CEngO' }),
        item('spot-check-missing', 'S000-PENALTY-31', '000 L545', '总工室未复检大型设备或抽查不足10%,扣总工室主任200元', 'CEngO did not re-inspect large equipment or spot-checked < 10 %: CEngO head 200 CNY', { code: 'construction.material.spotCheckShort' }, [each([CENGO], perTime(200))], { assessedBy: 'PMC' }),
        item('weekly-inspection-missed', 'S000-PENALTY-32', '000 L547', '营销策划中心总监未每周组织节点验收,500元/次', 'MPC director missed the weekly node inspection: 500 CNY per week', { code: 'construction.inspection.weeklyMissed' }, [each([role('mpcDirector')], perItem(500))], { assessedBy: 'CEngO' }),
        item('marketing-issue-unrectified', 'S000-PENALTY-32', '000 L547', '营销提出的问题未整改,每次扣工程管理中心总监500元', 'Marketing issue not rectified: EMC director 500 CNY each time', { code: 'construction.inspection.issueUnrectified' }, [each([EMC], perItem(500))], { assessedBy: 'CEngO' }),
        item('spot-check-failed', 'S000-PENALTY-33', '000 L551', '验收后抽检不合格,每项扣签字人100元、工程管理中心总监50元', 'Accepted works failing a spot check: signer 100, EMC director 50 CNY per item', { code: 'construction.works.spotCheckFailed' }, [own(perItem(100)), each([EMC], perItem(50))], { assessedBy: 'CEngO' }),
        item('not-per-drawing', 'S000-PENALTY-34', '000 L553', '未按图施工影响结构安全或使用功能,每单项责任人降两级工资、扣工程管理中心总监1000元', 'Not built to drawings, affecting safety or function: per item responsible person down 2 grades, EMC director 1,000 CNY', { code: 'construction.works.notPerDrawing' }, [own(demotion(2, 2, 'item')), each([EMC], perItem(1000))], { assessedBy: 'CEngO' }),
        item('post-handover-defect', 'S000-PENALTY-35', '000 L555', '交楼后2个月内出现上述质量问题,每项扣责任人100元、工程管理中心总监50元', 'Such defects within 2 months of handover: responsible person 100, EMC director 50 CNY per item', { code: 'construction.works.postHandoverDefect' }, [own(perItem(100)), each([EMC], perItem(50))], { assessedBy: 'CEngO' }),
        item('concealed-works', 'S000-PENALTY-36', '000 L563', '隐蔽工程未验收进入下道工序,每项扣工程管理中心总监及主管专业工程师各500元', 'Concealed works covered without acceptance: EMC director and supervising engineer 500 CNY each per item', { code: 'construction.works.concealedUnaccepted' }, [each([EMC, ENGINEER], perItem(500))], { assessedBy: 'CEngO' }),
        item('survey-supervision', 'S000-PENALTY-37', '000 L581', '地质勘察监理违规,扣工程管理中心总监100元、责任人200元', 'Geotechnical supervision breach: EMC director 100, responsible person 200 CNY', { code: 'construction.survey.supervisionBreach' }, [each([EMC], perItem(100)), own(perItem(200))], { assessedBy: 'CEngO' }),
        item('survey-engineer-absent', 'S000-PENALTY-38', '000 L583', '主管专业工程师脱岗,每次扣200元', 'Supervising engineer absent from drilling: 200 CNY per time', { code: 'construction.survey.engineerAbsent' }, [own(perItem(200))], { assessedBy: 'CEngO' }),
        item('survey-weekly-check-missed', 'S000-PENALTY-38', '000 L583', '总工室未每周检查,每次扣总工室主任100元', 'CEngO missed the weekly survey check: CEngO head 100 CNY per time', { code: 'construction.survey.weeklyCheckMissed' }, [each([CENGO], perItem(100))], { assessedBy: 'PMC' }),
        item('pile-arrival', 'S000-PENALTY-39', '000 L587', '预制桩进场、出场验收违规,每次扣工程管理中心总监50元、责任人100元', 'Precast pile arrival/removal breach: EMC director 50, responsible person 100 CNY per time', { code: 'construction.pile.arrivalBreach' }, [each([EMC], perItem(50)), own(perItem(100))], { assessedBy: 'CEngO' }),
        item('pile-driving', 'S000-PENALTY-40', '000 L591–595', '预制桩施工未按要求(未规定罚款,桩基施工须停止)', 'Pile driving rules breached: work must stop; the regulation states no fine', { code: 'construction.pile.drivingBreach' }, [own(sanction(['stopPileWork']))]),
        // ── milestone deadlines (timers in @zhidu/sla, one violation per responsible role) ──────
        item('ms-01', 'S000-MILESTONE-01', '000 L355', '主体完工后90天内未达竣工标准,每超24小时扣100元', 'Completion standard not reached within 90 days: 100 CNY per 24 h', { code: ms('01') }, [own(perDay(100))], { assessedBy: 'PMC' }),
        item('ms-02', 'S000-MILESTONE-02', '000 L359', '主体完工后180天内未达交楼标准,每超24小时扣100元', 'Handover standard not reached within 180 days: 100 CNY per 24 h', { code: ms('02') }, [own(perDay(100))], { assessedBy: 'PMC' }),
        item('ms-03', 'S000-MILESTONE-03', '000 L365', '详细规划批复15天内未召开综合策划评审会,扣200元', 'Plan review meeting not held within 15 days: 200 CNY', { code: ms('03') }, [own(perTime(200))], { assessedBy: 'PMC' }),
        item('ms-04', 'S000-MILESTONE-04', '000 L375', '每月未召开工程建设交流例会,扣500元', 'No engineering exchange meeting in a month: 500 CNY', { code: ms('04') }, [own(perItem(500))], { assessedBy: 'CEngO' }),
        item('ms-06', 'S000-MILESTONE-06', '000 L381', '主体开工前未组织施工组织设计审查会,扣200元', 'No construction-organisation design review before main works: 200 CNY', { code: ms('06') }, [own(perTime(200))], { assessedBy: 'CEngO' }),
        item('ms-07', 'S000-MILESTONE-07', '000 L383', '发售前未确定竣工及交楼时间,扣计划管理中心总监200元', 'Completion and handover dates not fixed before launch: PMC director 200 CNY', { code: ms('07') }, [own(perTime(200))], { assessedBy: 'MPC' }),
        item('ms-08', 'S000-MILESTONE-08', '000 L385', '未召开主体合同现场会或合同交底,扣成本控制中心总监200元', 'No main-contract site meeting or contract briefing: CCC director 200 CNY', { code: ms('08') }, [own(perTime(200))], { assessedBy: 'CEngO' }),
        item('ms-09', 'S000-MILESTONE-09', '000 L387', '每月28日17:00前未报下月工作计划,扣部门负责人200元', 'Next month’s plan not in by 17:00 on the 28th: department head 200 CNY', { code: ms('09') }, [own(perTime(200))], { assessedBy: 'PMC' }),
        item('ms-10', 'S000-MILESTONE-10', '000 L391', '图纸会审及变更未按时完成,扣工程管理中心总监、总工室主任各500元', 'Joint drawing review / changes late: EMC director and CEngO head 500 CNY each', { code: ms('10') }, [own(perTime(500))]),
        item('ms-11', 'S000-MILESTONE-11', '000 L393', '未按时确定售楼部、样板房及销售布置方案,扣营销策划中心总监200元', 'Sales office / show flat / layout decisions late: MPC director 200 CNY', { code: ms('11') }, [own(perTime(200))], { assessedBy: 'PMC' }),
        item('ms-12', 'S000-MILESTONE-12', '000 L395', '审批通过后48小时内未书面通知总经办,每延迟24小时扣100元', 'GM office not notified within 48 h: 100 CNY per 24 h late', { code: ms('12') }, [own(perDay(100))], { assessedBy: 'AMC' }),
        item('ms-13', 'S000-MILESTONE-13', '000 L395', '销售前15天未完成销售环境围蔽,每延迟24小时扣100元', 'Sales hoarding not done 15 days before launch: 100 CNY per 24 h late', { code: ms('13') }, [own(perDay(100))], { assessedBy: 'MPC' }),
        item('ms-14', 'S000-MILESTONE-14', '000 L397', '出正负零或三层后15天内未完成砖砌及预留预埋标识,100元/天', 'Brickwork and marking not done within 15 days of ±0/3F: 100 CNY per day', { code: ms('14') }, [own(perDay(100))], { assessedBy: 'CEngO' }),
        item('ms-15', 'S000-MILESTONE-15', '000 L399', '48小时内未组织综合会验,100元/天', 'No joint inspection within 48 h: 100 CNY per day', { code: ms('15') }, [own(perDay(100))], { assessedBy: 'EMC' }),
        item('ms-16', 'S000-MILESTONE-16', '000 L401', '会验意见48小时、设计文件7天未发出,100元/天', 'Inspection opinions (48 h) or design documents (7 days) late: 100 CNY per day', { code: ms('16') }, [own(perDay(100))], { assessedBy: 'EMC' }),
        item('ms-17', 'S000-MILESTONE-17', '000 L409', '发售15天前销售相关工程未完成,100元/天', 'Sales-related works not done 15 days before launch: 100 CNY per day', { code: ms('17') }, [own(perDay(100))], { assessedBy: 'PMC' }),
        item('ms-18', 'S000-MILESTONE-18', '000 L411', '完工后三个月内未取得中间验收记录,100元/天', 'Interim acceptance record not obtained within 3 months: 100 CNY per day', { code: ms('18') }, [own(perDay(100))], { assessedBy: 'CEngO' }),
        item('ms-19', 'S000-MILESTONE-19', '000 L413', '竣工前未分户验收并整改,扣500元', 'No unit-by-unit acceptance before completion: 500 CNY', { code: ms('19') }, [own(perTime(500))], { assessedBy: 'CEngO' }),
        item('ms-20', 'S000-MILESTONE-20', '000 L415', '竣工前条件未具备,200元/项', 'Pre-completion item missing: 200 CNY per item', { code: ms('20') }, [own(perItem(200))], { assessedBy: 'CEngO' }),
        item('ms-21', 'S000-MILESTONE-21', '000 L417', '竣工验收15天内未召开履约评价会,扣500元', 'No contractor evaluation within 15 days of acceptance: 500 CNY', { code: ms('21') }, [own(perTime(500))], { assessedBy: 'CCC' }),
        item('ms-22', 'S000-MILESTONE-22', '000 L425', '竣工后60天内未取得规划验收合格证,扣500元', 'Planning acceptance certificate not within 60 days: 500 CNY', { code: ms('22') }, [own(perTime(500))], { assessedBy: 'PMC' }),
        item('ms-23', 'S000-MILESTONE-23', '000 L427', '竣工后75天内未取得质量验收意见书及备案认可书,扣工程管理中心总监500元', 'Quality opinion and archive approval not within 75 days: EMC director 500 CNY (as written)', { code: ms('23') }, [own(perTime(500))], { assessedBy: 'PMC' }),
        item('ms-24', 'S000-MILESTONE-24', '000 L429', '竣工后85天内未取得竣工验收备案表,扣500元', 'Completion filing form not within 85 days: 500 CNY', { code: ms('24') }, [own(perTime(500))], { assessedBy: 'PMC' }),
        item('ms-25', 'S000-MILESTONE-25', '000 L431', '房屋栋证120天、产权证180天内未取得,100元/天', 'Building certificate (120 days) or title certificates (180 days) late: 100 CNY per day', { code: ms('25') }, [own(perDay(100))], { assessedBy: 'PMC' }),
        item('ms-26', 'S000-MILESTONE-26', '000 L435', '每月5日前未召开销售问题会议,扣营销策划中心总监200元', 'No sales-feedback meeting by the 5th: MPC director 200 CNY', { code: ms('26') }, [own(perTime(200))], { assessedBy: 'PMC' }),
        item('ms-27', 'S000-MILESTONE-27', '000 L437', '每月5日前未整改上月问题,扣部门总监200元', 'Last month’s issues not rectified by the 5th: department director 200 CNY', { code: ms('27') }, [own(perTime(200))], { assessedBy: 'PMC' }),
        item('ms-28', 'S000-MILESTONE-28', '000 L439', '结算资料审核报送超时,每次扣工程管理中心总监100元', 'Settlement documents reviewed/submitted late: EMC director 100 CNY per delay', { code: ms('28') }, [own(perTime(100))], { assessedBy: 'CCC' }),
        item('ms-30', 'S000-MILESTONE-30', '000 L459', '结算意见回复超时,每超24小时扣50元', 'Settlement opinion late: 50 CNY per 24 h', { code: ms('30') }, [own(perDay(50))], { assessedBy: 'GSC' }),
        item('ms-31', 'S000-MILESTONE-31', '000 L459', '回复施工单位反馈超时,每超24小时扣50元', 'Reply to the contractor late: 50 CNY per 24 h', { code: ms('31') }, [own(perDay(50))], { assessedBy: 'GSC' }),
        item('ms-32', 'S000-MILESTONE-32', '000 L459', '集团财务复核超时,每超24小时扣50元', 'Group finance re-check late: 50 CNY per 24 h', { code: ms('32') }, [own(perDay(50))], { assessedBy: 'GSC' }),
        item('ms-34-engineer', 'S000-MILESTONE-34', '000 L463', '进度款24小时内未审批发出,主管专业工程师100元/天', 'Progress payment not approved within 24 h: supervising engineer 100 CNY per day', { code: ms('34'), role: 'supervisingEngineer' }, [own(perDay(100))], { assessedBy: 'CCC' }),
        item('ms-34-director', 'S000-MILESTONE-34', '000 L463', '进度款24小时内未审批发出,工程管理中心总监50元/天', 'Progress payment not approved within 24 h: EMC director 50 CNY per day', { code: ms('34'), role: 'emcDirector' }, [own(perDay(50))], { assessedBy: 'CCC' }),
        item('ms-35', 'S000-MILESTONE-35', '000 L471', '进度款审核、支付超时,每次扣200元', 'Progress-payment step late: 200 CNY per occurrence', { code: ms('35') }, [own(perTime(200))], { assessedBy: 'GSC' }),
        item('ms-36-head', 'S000-MILESTONE-36', '000 L477', '设计要点5天内未提供,总工室主任50元/天', 'Design key points not within 5 days: CEngO head 50 CNY per day', { code: ms('36'), role: 'cengoHead' }, [own(perDay(50))], { assessedBy: 'PMC' }),
        item('ms-36-responsible', 'S000-MILESTONE-36', '000 L477', '设计要点5天内未提供,责任人100元/天', 'Design key points not within 5 days: responsible person 100 CNY per day', { code: ms('36') }, [own(perDay(100))], { assessedBy: 'PMC' }),
        item('ms-37-head', 'S000-MILESTONE-37', '000 L483', '扩初设计审核超过7天,总工室主任20元/天', 'Preliminary design review over 7 days: CEngO head 20 CNY per day', { code: ms('37'), role: 'cengoHead' }, [own(perDay(20))], { assessedBy: 'PMC' }),
        item('ms-37-responsible', 'S000-MILESTONE-37', '000 L483', '扩初设计审核超过7天,专业责任人50元/天', 'Preliminary design review over 7 days: discipline lead 50 CNY per day', { code: ms('37') }, [own(perDay(50))], { assessedBy: 'PMC' }),
        item('ms-38', 'S000-MILESTONE-38', '000 L485', '施工图未按要求审核,扣总工室主任500元', 'Construction drawings not reviewed as required: CEngO head 500 CNY', { code: ms('38') }, [own(perTime(500))], { assessedBy: 'PMC' }),
        item('ms-39', 'S000-MILESTONE-39', '000 L493', '装修方案审核超过5天,100元/天', 'Decoration review over 5 days: 100 CNY per day', { code: ms('39') }, [own(perDay(100))], { assessedBy: 'PMC' }),
        item('ms-40-late', 'S000-MILESTONE-40', '000 L505', '设计方案审批超时,100元/天', 'Scheme approval late: 100 CNY per day', { code: ms('40') }, [own(perDay(100))], { assessedBy: 'PMC' }),
        item('ms-40-not-submitted', 'S000-MILESTONE-40', '000 L505', '设计方案未报审,扣工程管理中心总监200元/项', 'Scheme not submitted: EMC director 200 CNY per item', { code: 'sla.milestone.S000-MILESTONE-40.notSubmitted' }, [own(perItem(200))], { assessedBy: 'PMC' }),
        item('ms-41-opinion', 'S000-MILESTONE-41', '000 L519', '24小时内无处理意见,每超1小时扣总工室主任10元', 'No CEngO opinion within 24 h: 10 CNY per hour late', { code: ms('41'), data: { step: 'opinion' } }, [own(perHour(10))], { assessedBy: 'EMC' }),
        item('ms-41-drawings', 'S000-MILESTONE-41', '000 L521', '7天内未发出正式变更图纸,每超24小时扣50元', 'Formal change drawings not within 7 days: 50 CNY per 24 h', { code: ms('41'), data: { step: 'drawings' } }, [own(perDay(50))], { assessedBy: 'EMC' }),
      ],
    },
  });
}
