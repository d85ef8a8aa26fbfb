import { defineSchedule, type FineSchedule } from '../schedule.js';
import { item, own, perItem } from './build.js';

const SC = 'salesConsultant';
const SA = 'serviceAdvisor';
const TALLY = 'dealerFile';
const TITLE = '客户管理制度(上海大众斯柯达4S店用户档案管理)';

// S000-PENALTY-09: "未在一个工作日内改正的,视同再次违规,可予以同额同等再次处罚,以此类推,直至改正".
// Re-charges count toward the monthly tally (catalog S000-PENALTY-06 (d)). The clause says 可 (may);
// the catalog's worked examples add them to the total, so they are charged — a company that wants a
// human to confirm each one sets status 'proposed'.
const onFinding = {
  rule: 'S000-PENALTY-09',
  clause: '000 L265',
  countsTowardTally: true,
  status: 'charged',
  clockStartsAt: 'finding',
} as const;
// A late handover that has been made needs no correction; only an explicit order starts the clock.
const onOrder = {
  rule: 'S000-PENALTY-09',
  clause: '000 L265',
  countsTowardTally: true,
  status: 'charged',
  clockStartsAt: 'order',
} as const;
const file = (repeat: typeof onFinding | typeof onOrder, countAs?: string) =>
  countAs === undefined
    ? { tally: TALLY, repeatUntilCorrected: repeat }
    : { tally: TALLY, repeatUntilCorrected: repeat, countAs };

/**
 * The dealer customer-file fine schedule of seed 000 lines 245–265 (4S店用户档案管理: 罚则 1–10),
 * pricing the `records.*` violation codes:
 * - late handover: sales consultant 50 CNY per vehicle occasion after 3 working days (S000-PENALTY-01),
 *   service advisor 50 CNY after 1 working day (S000-PENALTY-04);
 * - missing customer signature on inspection documents: sales consultant 20 CNY per item (S000-PENALTY-02);
 * - contact person not confirmed at intake: 50 CNY per vehicle occasion (S000-PENALTY-03);
 * - service advisor's paper file: 20 CNY per missing/defective item, 50 per missing customer
 *   signature, 20 per missing internal signature (S000-PENALTY-05);
 * - doubling within a calendar month from the 2nd (sales) / 3rd (service) violation, and a
 *   discretionary 10–30 % of the service advisor's performance pay at the 3rd (S000-PENALTY-06/07);
 * - 20 CNY per lost or damaged piece (S000-PENALTY-08);
 * - the same fine again for every working day without correction (S000-PENALTY-09);
 * - levied by the customer director; the archive admin orders corrections (S000-PENALTY-11).
 *
 * Working days come from the assessment context: pass `chinaCalendar()` (statutory holidays and 调休).
 *
 * @returns the validated schedule
 * @example
 * const schedule = dealerFileSchedule();
 * schedule.params.items.find((i) => i.rule === 'S000-PENALTY-01')?.charges[0]?.outcome; //=> { kind: 'fine', amount: 5000, per: 'item' }
 */
export function dealerFileSchedule(): FineSchedule {
  return defineSchedule({
    id: 'dealer-customer-file-fines',
    version: '000-L195',
    effectiveFrom: '2000-01-01',
    zone: 'Asia/Shanghai',
    source: { title: TITLE, clause: '000 L245–265' },
    params: {
      window: 'calendarMonth',
      latenessRounding: 'ceil',
      items: [
        item(
          'sc-late-handover',
          'S000-PENALTY-01',
          '000 L247',
          '销售顾问超过交车后3个工作日上交档案,50元/车次',
          'Sales consultant handed the file over more than 3 working days after delivery: 50 CNY per vehicle occasion',
          { code: 'records.handover.late', role: SC },
          [own(perItem(50))],
          file(onOrder),
        ),
        item(
          'sc-unsigned-inspection',
          'S000-PENALTY-02',
          '000 L249',
          '销售顾问移交的检查类档案无用户签名(或签名错误),20元/项',
          'Sales consultant: inspection document without (or with a wrong) customer signature: 20 CNY per item',
          { code: 'records.signature.missing', role: SC },
          [own(perItem(20))],
          file(onFinding, 'sc-file-check'),
        ),
        item(
          'sa-contact-unconfirmed',
          'S000-PENALTY-03',
          '000 L251',
          '服务顾问接修时未核对、明确联系人及唯一联系方式,50元/车次',
          'Service advisor did not confirm the contact person and unique contact at intake: 50 CNY per vehicle occasion',
          { code: 'service.intake.contactUnconfirmed', role: SA },
          [own(perItem(50))],
          file(onFinding),
        ),
        item(
          'sa-late-handover',
          'S000-PENALTY-04',
          '000 L253',
          '服务顾问未在交车后一个工作日内移交或补齐全套档案,50元/车次',
          'Service advisor did not hand over or complete the full file within 1 working day of delivery: 50 CNY per vehicle occasion',
          { code: 'records.handover.late', role: SA },
          [own(perItem(50))],
          file(onOrder),
        ),
        item(
          'sa-missing-item',
          'S000-PENALTY-05',
          '000 L255',
          '服务顾问移交的纸质档案不完整,20元/项',
          'Service advisor: paper file incomplete: 20 CNY per missing item',
          { code: 'records.item.missing', role: SA },
          [own(perItem(20))],
          file(onFinding, 'sa-file-check'),
        ),
        item(
          'sa-defective-item',
          'S000-PENALTY-05',
          '000 L255',
          '服务顾问移交的纸质档案错误、不符合要求,20元/项',
          'Service advisor: paper file item wrong or non-conforming: 20 CNY per item',
          { code: 'records.item.defective', role: SA },
          [own(perItem(20))],
          file(onFinding, 'sa-file-check'),
        ),
        item(
          'sa-unsigned-customer',
          'S000-PENALTY-05',
          '000 L255',
          '服务顾问移交的档案无用户签名(或签名错误),50元/项',
          'Service advisor: no (or a wrong) customer signature: 50 CNY per item',
          { code: 'records.signature.missing', role: SA },
          [own(perItem(50))],
          file(onFinding, 'sa-file-check'),
        ),
        item(
          'sa-unsigned-staff',
          'S000-PENALTY-05',
          '000 L255',
          '服务顾问移交的档案无内部人员签名(或签名错误),20元/项',
          'Service advisor: no (or a wrong) internal staff signature: 20 CNY per item',
          { code: 'records.signature.staffMissing', role: SA },
          [own(perItem(20))],
          file(onFinding, 'sa-file-check'),
        ),
        item(
          'file-lost',
          'S000-PENALTY-08',
          '000 L259',
          '因未及时整理维护或未执行借阅规定造成档案遗失、毁损,另罚20元/件',
          'File lost or damaged through poor upkeep or a breach of the borrowing rules: an extra 20 CNY per piece',
          { code: 'records.file.lost' },
          [own(perItem(20))],
          { tally: TALLY },
        ),
      ],
      escalations: [
        {
          id: 'sc-monthly-doubling',
          rule: 'S000-PENALTY-06',
          clause: '000 L257',
          tally: TALLY,
          role: SC,
          tiers: [{ from: 2, multiplier: 2 }],
        },
        {
          id: 'sa-monthly-doubling',
          rule: 'S000-PENALTY-06',
          clause: '000 L257',
          tally: TALLY,
          role: SA,
          tiers: [{ from: 3, multiplier: 2 }],
          onReach: [
            {
              count: 3,
              rule: 'S000-PENALTY-07',
              clause: '000 L257',
              title: {
                zh: '服务顾问一月内档案违规受处罚3次,可视情况扣罚当月绩效工资10%—30%',
                en: 'Service advisor penalised 3 times in a month for file violations: 10–30 % of the month’s performance pay at discretion',
              },
              charge: {
                to: [{ kind: 'violator' }],
                outcome: { kind: 'payRange', component: 'performancePay', min: '10%', max: '30%' },
              },
            },
          ],
        },
      ],
      caps: [],
      enforcement: {
        rule: 'S000-PENALTY-11',
        clause: '000 L263–265',
        levyBy: ['customerDirector'],
        correctionOrderBy: ['archiveAdmin', 'customerDirector'],
      },
    },
  });
}
