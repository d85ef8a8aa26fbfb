// The filing code before issue 21's third bulk pass (order known from the pricing step, trace
// entries written while filing), kept verbatim (imports aside) for the oracle pricing in
// ./price.ts, but for one fix it shares with the package: points summed per scale by own key (a
// scale named `constructor` is a scale). Not exported by the package.
import { type Fen, ownValue, ZhiduError } from '@zhidu/core';
import { yuanText } from '../format.js';
import type { Ledger, Line, PeriodLedger, PersonLedger } from '../ledger.js';
import type { FineItem, FineSchedule, FineScheduleParams } from '../schedule.js';
import type { DraftLine } from './outcomes.js';

// Filing priced lines into the ledger: grouping by person and period, numbering, caps and sums.

/**
 * Adds two amounts of fen, refusing a result beyond the safe integer range: every sum on a ledger
 * is exact or refused, never rounded (a rounded sum would lose or invent fen in a cap or a total).
 */
export function addFen(a: Fen, b: Fen): Fen {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) {
    throw new ZhiduError(
      'invalid_money',
      [],
      '台账金额合计超出安全整数范围 / a ledger sum exceeds the safe integer range',
    );
  }
  return sum;
}

function covered(params: FineScheduleParams, scope: 'violation' | 'personPeriod') {
  return params.caps.filter((c) => c.scope === scope);
}

/** Adds a negative `cap` line per person when one violation's charged money exceeds a cap. */
export function applyViolationCaps(params: FineScheduleParams, item: FineItem, lines: DraftLine[]): void {
  if (params.caps.length === 0) return;
  for (const cap of covered(params, 'violation')) {
    if (cap.items !== undefined && !cap.items.includes(item.id)) continue;
    const byPerson = new Map<string, number>();
    for (const l of lines)
      if (l.status === 'charged') byPerson.set(l.personId, addFen(byPerson.get(l.personId) ?? 0, l.amount));
    for (const [personId, sum] of byPerson) {
      if (sum <= cap.max) continue;
      const first = lines.find((l) => l.personId === personId);
      if (first === undefined) continue;
      lines.push(capLine(first, cap.id, cap.rule, cap.clause, sum, cap.max));
    }
  }
}

function capLine(
  like: DraftLine,
  capId: string,
  rule: string,
  clause: string,
  sum: Fen,
  max: Fen,
): DraftLine {
  const line: DraftLine = {
    personId: like.personId,
    period: like.period,
    at: like.at,
    item: capId,
    rule,
    clause,
    code: like.code,
    violatorId: like.violatorId,
    kind: 'cap',
    status: 'charged',
    amount: max - sum,
    arithmetic: `min(${yuanText(sum)}, ${yuanText(max)}) − ${yuanText(sum)} = ${yuanText(max - sum)}`,
    message: {
      zh: `封顶 ${yuanText(max)} 元:扣减 ${yuanText(sum - max)} 元`,
      en: `capped at ${yuanText(max)} CNY: ${yuanText(sum - max)} CNY taken off`,
    },
  };
  if (like.role !== undefined) line.role = like.role;
  return line;
}

/** Groups draft lines by person and period, numbers them, applies period caps and sums. */
export function fileLines(
  drafts: DraftLine[],
  params: FineScheduleParams,
  schedule: FineSchedule,
  unpriced: Ledger['unpriced'],
): Ledger {
  // Drafts are produced in a canonical order already; grouping by person and a stable sort by
  // period and time keeps that order among lines of the same instant.
  // The pricing step writes them in this order already (violators by id, each one's lines in time
  // order): then grouping and sorting would return the same sequence, and are skipped.
  const ordered = inFilingOrder(drafts) ? drafts : filingOrder(drafts);
  const persons: PersonLedger[] = [];
  let person: PersonLedger | undefined;
  let period: PeriodLedger | undefined;
  // `personId/period/#`: the start of every line id of the current period, built once per period.
  let idPrefix = '';
  const periodCaps = covered(params, 'personPeriod');
  const close = (): void => {
    if (period === undefined || person === undefined) return;
    for (const cap of periodCaps) {
      const sum = period.lines
        .filter(
          (l) =>
            l.status === 'charged' &&
            l.kind !== 'cap' &&
            (cap.items === undefined || cap.items.includes(l.item)),
        )
        .reduce((a, l) => addFen(a, l.amount), 0);
      const last = period.lines[period.lines.length - 1];
      if (sum > cap.max && last !== undefined) {
        const draft = capLine(last, cap.id, cap.rule, cap.clause, sum, cap.max);
        period.lines.push({
          ...draft,
          id: `${person.personId}/${period.period}/#${period.lines.length + 1}`,
        });
      }
    }
    summarise(period);
    person.total = addFen(person.total, period.total);
  };
  for (const d of ordered) {
    const name = d.period;
    if (person === undefined || person.personId !== d.personId) {
      close();
      period = undefined;
      person = { personId: d.personId, periods: [], total: 0 };
      persons.push(person);
    }
    if (period === undefined || period.period !== name) {
      if (period !== undefined) close();
      idPrefix = `${d.personId}/${name}/#`;
      period = {
        period: name,
        lines: [],
        total: 0,
        proposed: 0,
        discretionary: { min: 0, max: 0, count: 0 },
        demotionGrades: { min: 0, max: 0 },
        withheld: 0,
        openItems: 0,
      };
      person.periods.push(period);
    }
    // Drafts are private to this call: completing them in place saves a copy per line.
    const line = d as Line;
    line.id = `${idPrefix}${period.lines.length + 1}`;
    period.lines.push(line);
  }
  close();
  const total = persons.reduce((a, p) => addFen(a, p.total), 0);
  return { scheduleId: schedule.id, scheduleVersion: schedule.version, persons, total, unpriced };
}

/** Whether lines are grouped by person in ascending id order, each person's by period then time. */
function inFilingOrder(drafts: readonly DraftLine[]): boolean {
  for (let i = 1; i < drafts.length; i++) {
    const a = drafts[i - 1] as DraftLine;
    const b = drafts[i] as DraftLine;
    if (a.personId !== b.personId) {
      if (a.personId > b.personId) return false;
      continue;
    }
    if (a.period !== b.period) {
      if (a.period > b.period) return false;
      continue;
    }
    if (a.at > b.at) return false;
  }
  return true;
}

/** Lines grouped by person (ids ascending), each person's stably sorted by period then time. */
function filingOrder(drafts: readonly DraftLine[]): DraftLine[] {
  const groups = new Map<string, DraftLine[]>();
  for (const d of drafts) {
    const list = groups.get(d.personId);
    if (list === undefined) groups.set(d.personId, [d]);
    else list.push(d);
  }
  const ordered: DraftLine[] = [];
  for (const id of [...groups.keys()].sort()) {
    const list = groups.get(id) ?? [];
    // Array.prototype.sort is stable: lines of the same instant keep their canonical order.
    list.sort((a, b) =>
      a.period !== b.period ? (a.period < b.period ? -1 : 1) : a.at !== b.at ? (a.at < b.at ? -1 : 1) : 0,
    );
    for (const d of list) ordered.push(d);
  }
  return ordered;
}

function summarise(p: PeriodLedger): void {
  let total = 0;
  let proposed = 0;
  let min: number | null = 0;
  let max: number | null = 0;
  let count = 0;
  let gMin = 0;
  let gMax = 0;
  let withheld = 0;
  let open = 0;
  let points: Record<string, number> | undefined;
  for (const l of p.lines) {
    if (l.kind === 'points' && l.points !== undefined && l.scale !== undefined) {
      points ??= {};
      // By own key: a scale named `constructor` or `toString` is a scale, not Object.prototype's member.
      points[l.scale] = (ownValue(points, l.scale) ?? 0) + l.points;
    }
    if (l.status === 'charged') total = addFen(total, l.amount);
    else if (l.status === 'proposed') proposed = addFen(proposed, l.amount);
    if (l.status === 'pending') open++;
    if (l.kind === 'payRange' && l.range !== undefined) {
      count++;
      open++;
      min = min === null || l.range.min === null ? null : min + l.range.min;
      max = max === null || l.range.max === null ? null : max + l.range.max;
    }
    if (l.kind === 'demotion' && l.grades !== undefined) {
      gMin += l.grades.min;
      gMax += l.grades.max;
      if (l.grades.min !== l.grades.max) open++;
    }
    if (l.kind === 'sanction' && l.select !== 'all') open++;
    if (l.kind === 'unspecified') open++;
    if (l.withheld !== undefined) withheld = addFen(withheld, l.withheld);
  }
  p.total = total;
  p.proposed = proposed;
  p.discretionary = { min, max, count };
  p.demotionGrades = { min: gMin, max: gMax };
  p.withheld = withheld;
  p.openItems = open;
  if (points !== undefined) p.points = points;
}
