// The customer files of 澄湖汽车销售服务有限公司 (Chenghu Motors, a fictitious dealer) in October 2024,
// under the bundled dealer-files policy (4S店客户档案管理: handover within 3 working days of delivery,
// complete maintenance files, borrowing with a fine per lost piece, authenticated and masked reads).
import { DEFAULT_ZONE, formatMoney, localDateOf, localTimeOf, type Violation } from '@zhidu/core';
import { evaluate } from '@zhidu/modules';

/** The records preset every records call uses. */
export const PRESET = 'dealer-files';

/** The penalty schedule that prices the records violations (dealer-file fines, seed 000). */
export const FINES = 'dealer-file';

/** When the archive administrator reviews the month. */
export const REVIEW_AT = '2024-10-12T09:00:00+08:00';

/** A time in Beijing time, `YYYY-MM-DD HH:mm`. */
export const beijing = (at: string): string =>
  `${localDateOf(at, DEFAULT_ZONE)} ${localTimeOf(at, DEFAULT_ZONE)}`;

const consultant = { personId: 'sc-li', role: 'salesConsultant' };

/** Three new-car sales files delivered around the National Day week (VIN numbers fictitious). */
export const DELIVERIES = [
  { fileId: 'LCH-0927', delivery: '2024-09-27T15:00:00+08:00', handedOverAt: '2024-10-08T17:00:00+08:00' },
  { fileId: 'LCH-0929', delivery: '2024-09-29T11:00:00+08:00', handedOverAt: '2024-10-11T10:00:00+08:00' },
  { fileId: 'LCH-0930', delivery: '2024-09-30T10:00:00+08:00' },
] as const;

/** One file's handover as the review sees it. */
export interface HandoverLine {
  fileId: string;
  delivered: string;
  due: string;
  handedOver: string | null;
  status: string;
  workingDaysLate: number;
}

/**
 * Handover deadlines (S000-ARCHIVE-07): 3 working days after delivery on the PRC calendar, so the
 * National Day week does not count and the make-up Sunday 29 September does.
 *
 * @example
 * handovers().map((h) => h.status); //=> ['onTime', 'late', 'overdue']
 */
export function handovers(): { lines: HandoverLine[]; violations: Violation[] } {
  const lines: HandoverLine[] = [];
  const violations: Violation[] = [];
  for (const f of DELIVERIES) {
    const handedOverAt = 'handedOverAt' in f ? f.handedOverAt : undefined;
    const d = evaluate(
      'records.handover',
      {
        fileTypeId: 'newCarSalesFile',
        fileId: f.fileId,
        responsible: consultant,
        events: { delivery: f.delivery },
        ...(handedOverAt ? { handedOverAt } : {}),
      },
      PRESET,
      { now: REVIEW_AT },
    );
    const o = (
      d.value.result as { outcomes: { due: { at: string }; status: string; workingDaysLate: number }[] }
    ).outcomes[0];
    if (o === undefined) throw new Error(`no handover outcome for ${f.fileId}`);
    lines.push({
      fileId: f.fileId,
      delivered: beijing(f.delivery),
      due: beijing(o.due.at),
      handedOver: handedOverAt ? beijing(handedOverAt) : null,
      status: o.status,
      workingDaysLate: o.workingDaysLate,
    });
    violations.push(...d.value.violations);
  }
  return { lines, violations };
}

/**
 * Completeness of a maintenance file (S000-ARCHIVE-10, S000-ARCHIVE-02): two documents missing, a
 * customer and a staff signature missing.
 *
 * @example
 * completeness().complete; //=> false
 */
export function completeness(): {
  complete: boolean;
  missingDocuments: string[];
  missingCustomerSignatures: string[];
  missingStaffSignatures: string[];
  violations: string[];
} {
  const d = evaluate(
    'records.completeness',
    {
      fileTypeId: 'afterSalesMaintenanceFile',
      fileId: 'RO-2024-1009',
      responsible: { personId: 'sa-zhao', role: 'serviceAdvisor' },
      media: { paper: true, electronic: true },
      documents: [
        { id: 'receptionSheet', signatures: { customer: 'ok', staff: 'missing' } },
        { id: 'taskOrder', signatures: { customer: 'missing', staff: 'ok' } },
      ],
    },
    PRESET,
    { now: REVIEW_AT },
  );
  const r = d.value.result as {
    complete: boolean;
    missingDocuments: string[];
    missingCustomerSignatures: string[];
    missingStaffSignatures: string[];
  };
  return {
    complete: r.complete,
    missingDocuments: r.missingDocuments,
    missingCustomerSignatures: r.missingCustomerSignatures,
    missingStaffSignatures: r.missingStaffSignatures,
    violations: d.value.violations.map((v) => `${v.code} ×${v.quantity ?? 1}`),
  };
}

/**
 * Two loans of the sales manager (S000-ACCESS-02): one file of 12 pieces back on time with 11, one
 * still out two days after its return date.
 *
 * @example
 * loans().lines.map((l) => l.status); //=> ['returned', 'overdue']
 */
export function loans(): {
  lines: { fileId: string; due: string; status: string; piecesLost: number }[];
  violations: Violation[];
} {
  const base = {
    fileTypeId: 'newCarSalesFile',
    borrower: { personId: 'sm-chen', role: 'salesManager' },
    lentAt: '2024-10-09T09:00:00+08:00',
    dueAt: '2024-10-10T18:00:00+08:00',
    piecesOut: 12,
  };
  const inputs = [
    { ...base, fileId: 'LCH-0927', returnedAt: '2024-10-10T16:00:00+08:00', piecesReturned: 11 },
    { ...base, fileId: 'LCH-0812' },
  ];
  const lines = [];
  const violations: Violation[] = [];
  for (const input of inputs) {
    const d = evaluate('records.loan', input, PRESET, { now: REVIEW_AT });
    const r = d.value.result as { due: { at: string }; status: string; piecesLost: number };
    lines.push({ fileId: input.fileId, due: beijing(r.due.at), status: r.status, piecesLost: r.piecesLost });
    violations.push(...d.value.violations);
  }
  return { lines, violations };
}

/** The stored record of a customer file (fictitious person and numbers). */
export const RECORD = {
  customerName: '张三',
  mobile: '13912345678',
  idNumber: '11010519491231002X',
  vin: 'LCH0000000000927',
};

/**
 * The same file read by four people (S000-ACCESS-01): the archive administrator sees it as stored; a
 * service advisor sees the mobile number masked and the undeclared fields withheld, also when sharing
 * it with an insurer; a reader who has not logged in is refused.
 *
 * @example
 * maskedReads()[1]?.record; //=> { customerName: '张三', mobile: '139****5678' }
 */
export function maskedReads(): {
  who: string;
  action: string;
  allowed: boolean;
  record: unknown;
  missing: string[];
}[] {
  const reads = [
    {
      who: 'archive administrator 档案管理员',
      actor: { id: 'adm-he', roles: ['archiveAdmin'], authenticated: true },
      action: 'view',
    },
    {
      who: 'service advisor 服务顾问',
      actor: { id: 'sa-zhao', roles: ['serviceAdvisor'], authenticated: true },
      action: 'view',
    },
    {
      who: 'service advisor → insurer 保险公司',
      actor: { id: 'sa-zhao', roles: ['serviceAdvisor'], authenticated: true },
      action: 'share',
      recipient: { id: 'insurer', kind: 'thirdParty' },
    },
    { who: 'not logged in 未登录', actor: { id: 'unknown', roles: ['serviceAdvisor'] }, action: 'view' },
  ];
  return reads.map(({ who, ...request }) => {
    const d = evaluate(
      'records.read',
      { request: { ...request, file: { id: 'LCH-0927', fileTypeId: 'newCarSalesFile' } }, record: RECORD },
      PRESET,
      { now: REVIEW_AT },
    );
    const r = d.value.result as { allowed: boolean; record: unknown; missing: string[] };
    return { who, action: request.action, allowed: r.allowed, record: r.record, missing: r.missing };
  });
}

/**
 * The month's records violations priced by the dealer-file fine schedule (S000-PENALTY-01: ¥50 per
 * late handover, a sales consultant's second file violation of the month doubled by S000-PENALTY-06; S000-PENALTY-08: ¥20 per lost piece). A violation the
 * schedule does not price (an overdue loan) is left out of the ledger and named.
 *
 * @example
 * monthFines(violations).totals; //=> ['sc-li 2024-10 ¥150.00', 'sm-chen 2024-10 ¥20.00']
 */
export function monthFines(violations: readonly Violation[]): {
  lines: string[];
  totals: string[];
  unpriced: string[];
} {
  const d = evaluate('penalty.ledger', { violations }, FINES, { now: '2024-10-31T18:00:00+08:00' });
  const r = d.value.result as {
    persons: {
      personId: string;
      periods: {
        period: string;
        total: number;
        lines: { rule: string; subject?: { id: string }; arithmetic: string }[];
      }[];
    }[];
  };
  return {
    lines: r.persons.flatMap((p) =>
      p.periods.flatMap((per) =>
        per.lines.map((l) => `${p.personId} ${l.rule} ${l.subject?.id ?? ''}: ${l.arithmetic}`),
      ),
    ),
    totals: r.persons.flatMap((p) =>
      p.periods.map((per) => `${p.personId} ${per.period} ${formatMoney(per.total)}`),
    ),
    unpriced: d.trace.filter((t) => /not priced/.test(t.message.en)).map((t) => t.message.en),
  };
}
