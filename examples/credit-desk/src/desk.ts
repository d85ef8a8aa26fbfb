// 明川副食经销部 (a fictitious distributor) on the credit desk of its supplier, under the bundled
// distributor-000 policy (经销商授信管理: rolling 30-day limit, two over-limit steps, month-end recovery).
import { DEFAULT_ZONE, formatMoney, localDateOf, localTimeOf, yuan } from '@zhidu/core';
import { dailyGoodsFromInvoices } from '@zhidu/credit';
import { evaluate } from '@zhidu/modules';

/** The preset every call uses: `distributor-000` of the credit modules. */
export const PRESET = 'distributor-000';

/** The customer: 明川副食经销部, account MC-01 (fictitious). */
export const CUSTOMER = { id: 'MC-01', name: '明川副食经销部 (Mingchuan Foods, fictitious)' };

/** The regional manager who signs over-limit shipments. */
export const SIGNER = { personId: 'wang-qiang', role: 'regionalManager' };

/** Invoiced goods of the last two months (开票记录), the base of the rolling limit. */
export const INVOICES = [
  { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
  { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
  { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
];

/** A time in Beijing time, `YYYY-MM-DD HH:mm`. */
export const beijing = (at: string): string =>
  `${localDateOf(at, DEFAULT_ZONE)} ${localTimeOf(at, DEFAULT_ZONE)}`;

/** Fen as `¥12,345.00`. */
export const money = (fen: number): string => formatMoney(fen);

function goods() {
  return dailyGoodsFromInvoices(INVOICES, { from: '2024-02-01', through: '2024-04-30' }, DEFAULT_ZONE);
}

/**
 * The rolling limit of each day from 31 March to 6 April (S000-CREDIT-02/03): the sum of the 30 days
 * before the day; the ¥30,000 of 5 March leaves the window on 5 April.
 *
 * @example
 * rollingLimits()[0]; //=> { date: '2024-03-31', limit: '¥90,000.00' }
 */
export function rollingLimits(): { date: string; limit: string }[] {
  const d = evaluate(
    'credit.rolling-limits',
    { history: goods(), range: { from: '2024-03-31', through: '2024-04-06' } },
    PRESET,
    { now: '2024-04-06T18:00:00+08:00' },
  );
  return (d.value.result as { date: string; limit: number }[]).map((r) => ({
    date: r.date,
    limit: money(r.limit),
  }));
}

/** One shipment request of the day as the desk decided it. */
export interface DeskLine {
  id: string;
  at: string;
  amount: string;
  allowed: boolean;
  path: string;
  step: string | null;
  reasons: string[];
}

/**
 * The desk's month-end day (31 March): ¥60,000 owed at opening against a ¥90,000 limit; four
 * shipment requests and a payment replayed through `credit.account` (S000-CREDIT-06…09).
 *
 * @example
 * monthEndDay().lines.map((l) => l.allowed); //=> [true, true, true, false]
 */
export function monthEndDay(): { lines: DeskLine[]; outstanding: string; rules: string[] } {
  const signatures = [SIGNER];
  const events = [
    {
      type: 'shipment',
      shipment: { id: 'FH-0331-01', at: '2024-03-31T09:30:00+08:00', amount: yuan(30_000) },
    },
    {
      type: 'shipment',
      shipment: { id: 'FH-0331-02', at: '2024-03-31T11:00:00+08:00', amount: yuan(20_000), signatures },
    },
    {
      type: 'shipment',
      shipment: { id: 'FH-0331-03', at: '2024-03-31T14:00:00+08:00', amount: yuan(25_000), signatures },
    },
    {
      type: 'shipment',
      shipment: { id: 'FH-0331-04', at: '2024-03-31T16:00:00+08:00', amount: yuan(10_000), signatures },
    },
    { type: 'payment', at: '2024-03-31T17:00:00+08:00', amount: yuan(10_000) },
  ];
  const d = evaluate(
    'credit.account',
    {
      ledger: {
        customerId: CUSTOMER.id,
        file: { exists: true, openerIdCopy: true },
        contract: { type: 'distribution', settlementAgreement: true },
        priorYearOutstanding: 0,
        paymentTermDays: 30,
        goods: goods(),
        openingOutstanding: yuan(60_000),
      },
      events,
    },
    PRESET,
    { now: '2024-03-31T18:00:00+08:00' },
  );
  const result = d.value.result as {
    outstanding: number;
    shipments: {
      shipmentId: string;
      allowed: boolean;
      path: string;
      step: string | null;
      reasons: string[];
    }[];
  };
  const lines = result.shipments.map((s) => {
    const e = events.find((ev) => ev.shipment?.id === s.shipmentId);
    return {
      id: s.shipmentId,
      at: beijing(e?.shipment?.at ?? ''),
      amount: money(e?.shipment?.amount ?? 0),
      allowed: s.allowed,
      path: s.path,
      step: s.step,
      reasons: s.reasons,
    };
  });
  return { lines, outstanding: money(result.outstanding), rules: [...new Set(d.trace.map((t) => t.rule))] };
}

/**
 * 1 April: the final over-limit shipment FH-0331-03 (¥25,000) had to be collected by 31 March; only
 * ¥10,000 came back, so the signer bears 1/5 of the ¥15,000 still open (S000-CREDIT-13).
 *
 * @example
 * monthEndRecovery(); //=> { status: 'unrecovered', uncollected: '¥15,000.00', deduction: '¥3,000.00', … }
 */
export function monthEndRecovery(): {
  status: string;
  uncollected: string;
  deduction: string;
  violation: string | null;
} {
  const d = evaluate(
    'credit.month-end-recovery',
    {
      shipment: {
        shipmentId: 'FH-0331-03',
        at: '2024-03-31T14:00:00+08:00',
        amount: yuan(25_000),
        signatory: SIGNER,
      },
      collections: [{ at: '2024-03-31T17:00:00+08:00', amount: yuan(10_000) }],
    },
    PRESET,
    { now: '2024-04-01T09:00:00+08:00' },
  );
  const r = d.value.result as { status: string; uncollected: number; deduction: number };
  const v = d.value.violations[0];
  return {
    status: r.status,
    uncollected: money(r.uncollected),
    deduction: money(r.deduction),
    violation: v === undefined ? null : `${v.code} → ${v.personId}`,
  };
}

/**
 * The audit of 2 April finds a handwritten-invoice batch of ¥18,000 shipped on 20 March over the limit
 * without approval or prepayment: the logistics specialist, the warehouse keeper and the marketing
 * department head bear it in equal shares (S000-CREDIT-12).
 *
 * @example
 * unapprovedBatch().shares; //=> ['zhou-min (logisticsSpecialist) ¥6,000.00', …]
 */
export function unapprovedBatch(): { liable: boolean; base: string; shares: string[]; violations: number } {
  const d = evaluate(
    'credit.unapproved-shipment',
    {
      batch: {
        shipmentId: 'SX-0320',
        at: '2024-03-20T10:00:00+08:00',
        amount: yuan(18_000),
        prepaid: false,
        approved: false,
        verified: { at: '2024-04-02T10:00:00+08:00', by: 'audit' },
        staff: [
          { personId: 'zhou-min', role: 'logisticsSpecialist' },
          { personId: 'wu-lei', role: 'warehouseKeeper' },
          { personId: 'zheng-hua', role: 'marketingDeptHead' },
        ],
      },
    },
    PRESET,
    { now: '2024-04-02T18:00:00+08:00' },
  );
  const r = d.value.result as {
    liable: boolean;
    base: number;
    shares: { personId: string; role: string; amount: number }[];
  };
  return {
    liable: r.liable,
    base: money(r.base),
    shares: r.shares.map((s) => `${s.personId} (${s.role}) ${money(s.amount)}`),
    violations: d.value.violations.length,
  };
}
