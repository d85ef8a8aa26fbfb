// Customer files (seed 000 L195–L275): completeness checks of the 12-document new-car file, handover
// deadlines in PRC working days, and access decisions. zhidu validates every input with zod, resolves
// conditional and alternative documents, checks signatures and green-card fields, writes a bilingual
// trace and emits core Violations; the naive peers do only the arithmetic a hand-written ERP check would
// (a required-id list scanned with Array#find, a day-by-day loop over the calendar). Both sides must
// agree on every answer before anything is timed; read the ratios, not the absolute figures.
// - completeness peer: reads the file's documents and media; counts the required documents missing
//   (Array#find per required id), the customer signatures missing on the two signed documents, and
//   the missing paper/electronic media; the headline answer is that count. Skips validation,
//   conditional/alternative documents, green-card fields, violations and trace.
// - handover peer: reads the delivery instant and the handover instant; local date of delivery,
//   steps day by day over the PRC calendar to the 3rd working day, late when the handover's local
//   date is after it. Skips validation, the due instant's clause, violations and trace.
// - batch rows: the same files through completenessBatch / handoverBatch (one call for all N files,
//   one decision per file, each equal to the single call's: checked before timing; since issue 21's
//   third round a batch is a loop over the module with its refusals indexed, so it differs from the
//   single-call rows only in keeping all N decisions alive until it returns) against the same naive
//   peers over the same N files, as files/s.
// Targets (issue 21): checkHandover and checkCompleteness at least as fast as their naive peers.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { addDays, isLate, localDateOf } from '@zhidu/core';
import {
  type CompletenessInput,
  checkCompleteness,
  checkHandover,
  completenessBatch,
  corporateArchivePreset,
  dealerFilesPreset,
  decideAccess,
  type HandoverInput,
  handoverBatch,
} from '@zhidu/records';
import { agree, medianMsEach, medianOps, Report, size } from './harness.js';

const N = size(2_000, 300, 'RECORDS_BENCH_N');
const calendar = chinaCalendar();
const ctx = { now: '2025-01-01T00:00:00Z', calendar };

let seed = 7;
const next = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

const DOCS = [
  'greenCard',
  'invoiceCopy',
  'salesContract',
  'idCardCopy',
  'deliveryChecklist',
  'drivingLicenceCopy',
  'insuranceCopy',
  'derivativeServices',
  'conformityCertCopy',
  'deliveryPhotos',
  'pdiChecklist',
];
const SIGNED = new Set(['deliveryChecklist', 'pdiChecklist']);

const files: CompletenessInput[] = [];
for (let i = 0; i < N; i++) {
  files.push({
    fileTypeId: 'newCarSalesFile',
    fileId: `VIN-${i}`,
    responsible: { personId: `sc${i % 50}`, role: 'salesConsultant' },
    media: { paper: true, electronic: next() > 0.05 },
    documents: DOCS.filter(() => next() > 0.1).map((id) => ({
      id,
      ...(SIGNED.has(id)
        ? { signatures: { customer: next() > 0.2 ? ('ok' as const) : ('missing' as const) } }
        : {}),
      ...(id === 'greenCard'
        ? { fields: { customerName: '张三', contactPerson: '张三', mobile: '13912345678', address: '上海' } }
        : {}),
    })),
  });
}

/** The naive peer: required ids scanned with Array#find, signatures by hand, no validation or trace. */
function naiveCompleteness(f: CompletenessInput): number {
  let gaps = 0;
  for (const id of DOCS) {
    const doc = f.documents?.find((d) => d.id === id);
    if (!doc) gaps++;
    else if (SIGNED.has(id) && doc.signatures?.customer !== 'ok') gaps++;
  }
  if (!f.media?.paper) gaps++;
  if (!f.media?.electronic) gaps++;
  return gaps;
}

const zhiduGaps = (f: CompletenessInput) => {
  const v = checkCompleteness(f, dealerFilesPreset, ctx).value.result;
  return v.missingDocuments.length + v.missingCustomerSignatures.length + v.missingMedia.length;
};
for (const f of files) {
  if (zhiduGaps(f) !== naiveCompleteness(f)) throw new Error(`completeness disagrees on ${f.fileId}`);
}

const handovers: HandoverInput[] = [];
for (let i = 0; i < N; i++) {
  const delivery = Date.parse('2024-01-02T08:00:00Z') + Math.floor(next() * 360) * 86_400_000;
  handovers.push({
    fileTypeId: 'newCarSalesFile',
    fileId: `VIN-${i}`,
    responsible: { personId: `sc${i % 50}`, role: 'salesConsultant' },
    events: { delivery: new Date(delivery).toISOString() },
    handedOverAt: new Date(delivery + Math.floor(next() * 10) * 86_400_000).toISOString(),
  });
}

/** The naive peer: walk forward day by day until 3 workdays have passed, compare local dates. */
function naiveLate(h: HandoverInput): boolean {
  let day = localDateOf(String(h.events.delivery), 'Asia/Shanghai');
  let left = 3;
  while (left > 0) {
    day = addDays(day, 1);
    if (calendar.isWorkday(day)) left--;
  }
  return localDateOf(String(h.handedOverAt), 'Asia/Shanghai') > day;
}
for (const h of handovers) {
  const z = checkHandover(h, dealerFilesPreset, ctx).value.result.outcomes[0];
  if (
    !z?.due ||
    (z.status === 'late') !== naiveLate(h) ||
    isLate(z.due, String(h.handedOverAt)) !== naiveLate(h)
  ) {
    throw new Error(`handover disagrees on ${h.fileId}`);
  }
}

// The batch entry points decide every file exactly as the single calls do.
agree(
  'completenessBatch = checkCompleteness per file',
  completenessBatch(files, dealerFilesPreset, ctx),
  files.map((f) => checkCompleteness(f, dealerFilesPreset, ctx)),
);
agree(
  'handoverBatch = checkHandover per file',
  handoverBatch(handovers, dealerFilesPreset, ctx),
  handovers.map((h) => checkHandover(h, dealerFilesPreset, ctx)),
);

let i = 0;
const pick = <T>(xs: readonly T[]): T => {
  i = (i + 1) % xs.length;
  const x = xs[i];
  if (x === undefined) throw new Error('empty');
  return x;
};

const completenessZhidu = medianOps(() => checkCompleteness(pick(files), dealerFilesPreset, ctx));
const completenessNaive = medianOps(() => naiveCompleteness(pick(files)));
const handoverZhidu = medianOps(() => checkHandover(pick(handovers), dealerFilesPreset, ctx));
const handoverNaive = medianOps(() => naiveLate(pick(handovers)));
const accessZhidu = medianOps(() =>
  decideAccess(
    {
      actor: { id: 's1', roles: ['salesperson'], departmentId: 'D1' },
      action: 'view',
      file: {
        id: 'C1',
        fileTypeId: 'corporateCustomerArchive',
        ownerDepartmentId: i % 2 === 0 ? 'D1' : 'D2',
      },
      approvals: [
        { approverId: 'm1', role: 'departmentManager', departmentId: 'D1', at: '2024-03-01T00:00:00Z' },
      ],
    },
    corporateArchivePreset,
    ctx,
  ),
);
const {
  completenessBatch: completenessBatchMs,
  completenessNaive: completenessNaiveMs,
  handoverBatch: handoverBatchMs,
  handoverNaive: handoverNaiveMs,
} = medianMsEach({
  completenessBatch: () => completenessBatch(files, dealerFilesPreset, ctx),
  completenessNaive: () => {
    let gaps = 0;
    for (const f of files) gaps += naiveCompleteness(f);
    return gaps;
  },
  handoverBatch: () => handoverBatch(handovers, dealerFilesPreset, ctx),
  handoverNaive: () => {
    let late = 0;
    for (const h of handovers) if (naiveLate(h)) late++;
    return late;
  },
});
const report = new Report('records');
const atLeast = { min: 1, text: 'at least as fast (≥ 1×)' };
report.compare(
  'checkCompleteness (12-document new-car file)',
  completenessZhidu,
  'naive peer',
  completenessNaive,
  'files/s',
  atLeast,
);
report.compare(
  'checkHandover (3 PRC working days)',
  handoverZhidu,
  'naive peer',
  handoverNaive,
  'handovers/s',
  atLeast,
);
report.compare(
  `completenessBatch (${N} files in one call)`,
  (N * 1000) / completenessBatchMs,
  'naive peer',
  (N * 1000) / completenessNaiveMs,
  'files/s',
  atLeast,
);
report.compare(
  `handoverBatch (${N} handovers in one call)`,
  (N * 1000) / handoverBatchMs,
  'naive peer',
  (N * 1000) / handoverNaiveMs,
  'handovers/s',
  atLeast,
);
report.figure('decideAccess decisions/s', accessZhidu);
console.log(
  `${N} files and ${N} handovers; both sides agreed on every answer. Figures are operations per second.`,
);
report.print();
