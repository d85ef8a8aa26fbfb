import { defineSchedule, type FineSchedule } from '../schedule.js';
import { item, own, payDeduction, perTime, sanction, unspecified } from './build.js';

/**
 * The conference-marketing fine schedule of seed 001 篇1 (lines 38–74): the division head's 10 CNY
 * for each late or missing daily confirmed list (S001-PENALTY-01), 100 CNY to each party arguing in
 * front of customers (S001-PENALTY-02), and the grievance fines of lines 72–74 — 100 CNY to the
 * employee for a grievance found without a complaint, 100 CNY each to the department manager and
 * the employee for a complaint to the senior executive, 500 CNY each when a grievance is not settled
 * within 3 days (the customer then moves to another department).
 *
 * @returns the validated schedule
 * @example
 * conferenceMarketingSchedule().params.items.length; //=> 7
 */
export function conferenceMarketingSchedule(): FineSchedule {
  return defineSchedule({
    id: 'conference-marketing-fines',
    version: '001-P1',
    effectiveFrom: '2000-01-01',
    zone: 'Asia/Shanghai',
    source: { title: '会议营销客户管理制度(精選篇1)', clause: '001 L38–74' },
    params: {
      window: 'calendarMonth',
      latenessRounding: 'ceil',
      escalations: [],
      caps: [],
      items: [
        item(
          'list-late',
          'S001-PENALTY-01',
          '001 L40',
          '联合会议前一周每天敲定顾客档案迟交,罚该部负责人10元/次',
          'Daily confirmed list late in the week before a joint event: 10 CNY to the division head',
          { code: 'attribution.sharedBox.late' },
          [own(perTime(10))],
        ),
        item(
          'list-missing',
          'S001-PENALTY-01',
          '001 L40',
          '联合会议前一周每天敲定顾客档案不交,罚该部负责人10元/次',
          'Daily confirmed list missing in the week before a joint event: 10 CNY to the division head',
          { code: 'attribution.sharedBox.missing' },
          [own(perTime(10))],
        ),
        item(
          'public-dispute',
          'S001-PENALTY-02',
          '001 L46',
          '在顾客面前争议或未经两部负责人及协调助理协商处理,当事人每人罚款100元',
          'Arguing in front of customers, or settling outside the heads-and-coordinator procedure: 100 CNY per party',
          { code: 'attribution.jointEvent.quarrel' },
          [own(perTime(100))],
        ),
        // The timer engine emits one violation per responsible role (employee, deptManager), so
        // each is priced on its own: "每人每次".
        item(
          'grievance-found',
          'S001-COMPLAINT-02',
          '001 L72',
          '顾客未投诉但发现有抱怨,罚当事员工每次100元',
          'A customer grievance found without a complaint: 100 CNY to the employee each time',
          { code: 'sla.grievance.S001-COMPLAINT-02' },
          [own(perTime(100))],
        ),
        item(
          'grievance-complaint',
          'S001-COMPLAINT-03',
          '001 L72',
          '顾客向姜总投诉,罚部门经理及当事员工每人每次100元',
          'The customer complains to the senior executive: 100 CNY each to the department manager and the employee',
          { code: 'sla.grievance.S001-COMPLAINT-03' },
          [own(perTime(100))],
        ),
        item(
          'grievance-unresolved',
          'S001-COMPLAINT-04',
          '001 L74',
          '三日之内不能处理好顾客抱怨,罚当事员工每次500元,顾客移交其他部门',
          'Grievance not settled within 3 days: 500 CNY to the employee; the customer moves to another department',
          { code: 'sla.grievance.S001-COMPLAINT-04' },
          [own(perTime(500)), own(sanction(['transferCustomerToOtherDepartment']))],
        ),
        item(
          'grievance-unresolved-manager',
          'S001-COMPLAINT-04',
          '001 L74',
          '三日之内不能处理好顾客抱怨,罚部门经理每次500元',
          'Grievance not settled within 3 days: 500 CNY to the department manager',
          { code: 'sla.grievance.S001-COMPLAINT-04', role: 'deptManager' },
          [own(perTime(500))],
        ),
      ],
    },
  });
}

// 当日基本工资: the catalog reads a day's base pay as the monthly base divided by 21.75, China's
// statutory average of paid days per month (S001-PENALTY-03 ambiguity); a company paying by 22 or
// 30 days changes the fraction.
const DAY_OF_BASE_PAY = { numerator: 100, denominator: 2175 };

/**
 * The sales-office (案场) schedule of seed 001 精選篇2: grabbing, competing for or neglecting a
 * customer costs the day's base pay, or the month's base pay plus 50 % of the month's bonus when
 * serious (S001-PENALTY-03); refusing a returning customer is priced as neglect (S001-PENALTY-04);
 * provoking disputes means dismissal and 50 % of the month's deal bonus (S001-PENALTY-05); collecting
 * money privately means dismissal (S001-PENALTY-06); a shirking first responder is criticised,
 * educated and sanctioned, and removed from post if serious (S001-PENALTY-07); a confidentiality
 * breach causing a loss makes the person liable (S001-PENALTY-08). Pay figures come from the
 * assessment context (`pay`: `monthlyBasePay`, `monthBonus`, `monthDealBonus`).
 *
 * @returns the validated schedule
 * @example
 * salesOfficeSchedule().params.items.some((i) => i.rule === 'S001-PENALTY-03'); //=> true
 */
export function salesOfficeSchedule(): FineSchedule {
  const dayPay = payDeduction([{ component: 'monthlyBasePay', ratio: DAY_OF_BASE_PAY }]);
  const seriousPay = payDeduction([
    { component: 'monthlyBasePay', ratio: 1 },
    { component: 'monthBonus', ratio: '50%' },
  ]);
  const misconduct = (code: string, zh: string, en: string) => [
    item(
      `${code}-normal`,
      'S001-PENALTY-03',
      '001 L106',
      `${zh},扣罚当事人当日基本工资`,
      `${en}: the day’s base pay`,
      { code },
      [own(dayPay)],
    ),
    item(
      `${code}-serious`,
      'S001-PENALTY-03',
      '001 L106',
      `${zh}情况严重,扣罚当月基本工资和当月应发奖金的50%`,
      `${en}, serious: the month’s base pay and 50 % of the month’s bonus`,
      { code, data: { severity: 'serious' } },
      [own(seriousPay)],
    ),
  ];
  return defineSchedule({
    id: 'sales-office-fines',
    version: '001-P2',
    effectiveFrom: '2000-01-01',
    zone: 'Asia/Shanghai',
    source: { title: '售楼处客户管理制度(精選篇2)', clause: '001 L100–208, L408, L478' },
    params: {
      window: 'calendarMonth',
      latenessRounding: 'ceil',
      escalations: [],
      caps: [],
      items: [
        ...misconduct('attribution.reception.grabbing', '抢客', 'Grabbing a customer'),
        ...misconduct(
          'service.rotation.outOfTurn',
          '抢客、争客(未按轮序接待)',
          'Taking a walk-in out of turn',
        ),
        ...misconduct('attribution.reception.neglect', '怠慢客户', 'Neglecting a customer'),
        item(
          'refused-returning',
          'S001-PENALTY-04',
          '001 L108',
          '轮到的销售员未积极接待来过的客户,按怠慢处理,扣当日基本工资',
          'Turn salesperson did not receive a returning customer: priced as neglect, the day’s base pay',
          { code: 'attribution.reception.refusedReturning' },
          [own(dayPay)],
        ),
        item(
          'provoking-dispute',
          'S001-PENALTY-05',
          '001 L114',
          '故意挑起事端,辞退并扣罚当月应得成交奖金的50%',
          'Deliberately provoking disputes: dismissal and 50 % of the month’s deal bonus',
          { code: 'attribution.conduct.provokedDispute' },
          [own(sanction(['dismissal'])), own(payDeduction([{ component: 'monthDealBonus', ratio: '50%' }]))],
        ),
        item(
          'private-collection',
          'S001-PENALTY-06',
          '001 L208',
          '销售员私自收取定金或房款,开除',
          'Salesperson collected a deposit or payment privately: dismissal',
          { code: 'attribution.payment.privateCollection' },
          [own(sanction(['dismissal']))],
        ),
        item(
          'first-responder-shirking',
          'S001-PENALTY-07',
          '001 L478',
          '第一职责者推诿、扯皮、不积极配合,批评教育并处分',
          'First responder shirking: criticism, education and a disciplinary sanction',
          { code: 'service.firstResponder.shirking' },
          [own(sanction(['criticism', 'education', 'disciplinarySanction']))],
        ),
        item(
          'first-responder-shirking-serious',
          'S001-PENALTY-07',
          '001 L478',
          '第一职责者推诿情节严重,调离原工作岗位',
          'First responder shirking, serious: also removed from post',
          { code: 'service.firstResponder.shirking', data: { severity: 'serious' } },
          [own(sanction(['criticism', 'education', 'disciplinarySanction', 'removeFromPost']))],
        ),
        item(
          'confidentiality-loss',
          'S001-PENALTY-08',
          '001 L408',
          '未遵守保密制度,对公司项目开发造成损失,追究责任人责任',
          'Confidentiality breach causing a loss: the company pursues the person’s liability',
          { code: 'records.confidentiality.breach', data: { lossCaused: true } },
          [
            own(
              unspecified(
                'liability',
                '公司追究责任人责任,制度未规定金额',
                'liability pursued; the regulation states no amount',
              ),
            ),
          ],
        ),
      ],
    },
  });
}
