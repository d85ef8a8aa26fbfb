/**
 * An office's own deal rules (issue 14): checks when a deal is recorded (`dealChecks`) and the
 * split matrix (`splitMatrix`), applied to the attribution the catalog steps produced.
 */
import type { WorkCalendar } from '@zhidu/core';
import { evaluateCondition } from '@zhidu/core';
import { traceEntry } from './engine-state.js';
import type { CustomerEvent, DealEvent, SalesHistory } from './events.js';
import { localDateOf, localStamp, type TraceEntry, ZhiduError } from './kernel.js';
import {
  endOfPeriod,
  factsOf,
  matchEvent,
  requireFacts,
  type SplitRole,
  type SplitRow,
} from './lifecycle.js';
import type { DealAttribution } from './ownership.js';
import type { SalesOfficeParams } from './policy.js';
import { sharesOf } from './shares.js';
import type { ClassifiedVisit, PriorOwner } from './steps.js';

const CLAUSE = '公司客户归属细则 / the office’s own attribution rules';

/** What a deal rule sees: the deal, the customer's events, B at the deal and the governing visit. */
export type DealFacts = {
  deal: DealEvent;
  events: readonly CustomerEvent[];
  prior: PriorOwner;
  governing: ClassifiedVisit | null;
  params: SalesOfficeParams;
  zone: string;
  calendar?: WorkCalendar;
  /** the roster, for a split row's relation between people */
  staff?: SalesHistory['staff'];
};

/**
 * Applies `dealChecks.checks`: when the deal was recorded by someone other than an owner B who
 * takes a share of it, B needs `minCount` events matching `require` whose window still covers the
 * deal day; otherwise B keeps it (noted), is deemed to have given up (the deal and the customer go
 * to the closer), or the manager decides.
 *
 * @returns the attribution (changed or not) and the trace entries
 * @throws ZhiduError `invalid_input` at `['attrs', fact]` when an event lacks a fact a check reads
 */
export function applyDealChecks(
  f: DealFacts,
  attribution: DealAttribution,
): { attribution: DealAttribution; entries: TraceEntry[]; changed: boolean } {
  const checks = f.params.dealChecks?.checks ?? [];
  const owner = f.prior.id;
  const closer = f.deal.closerId;
  const shared = (a: DealAttribution) =>
    [...a.performance, ...a.bonus].some((s) => s.party === owner && s.bp > 0);
  if (
    checks.length === 0 ||
    owner === null ||
    owner === closer ||
    f.prior.basis === 'deal' ||
    attribution.status !== 'final' ||
    !shared(attribution)
  ) {
    return { attribution, entries: [], changed: false };
  }
  const dealDay = localDateOf(f.deal.at, f.zone);
  const entries: TraceEntry[] = [];
  for (const [i, c] of checks.entries()) {
    if (!c.stages.includes(f.deal.stage)) continue;
    const path = ['dealChecks', 'checks', i, 'require'];
    const met = f.events.filter(
      (e) =>
        e.at < f.deal.at &&
        matchEvent(c.require, e, owner, path) &&
        dealDay < endOfPeriod(localDateOf(e.at, f.zone), c.within, f.zone, f.calendar),
    ).length;
    if (met >= c.minCount) continue;
    const why = `成交(${localStamp(f.deal.at, f.zone)})前窗口内${owner}仅有 ${met} 次符合 ${c.require.kind} 的记录(需 ${c.minCount} 次)`;
    const whyEn = `before the deal at ${localStamp(f.deal.at, f.zone)}, ${owner} has ${met} matching ${c.require.kind} event(s) in the window (${c.minCount} needed)`;
    const data = { check: i, owner, closer, met, needed: c.minCount, outcome: c.otherwise };
    if (c.otherwise === 'ownerKeeps') {
      entries.push(
        traceEntry(
          'attribution.dealCheck',
          CLAUSE,
          `${why},仍归${owner}`,
          `${whyEn}; ${owner} keeps it`,
          data,
        ),
      );
      continue;
    }
    if (c.otherwise === 'deemedGivenUp') {
      entries.push(
        traceEntry(
          'attribution.dealCheck',
          CLAUSE,
          `${why},视为${owner}放弃,业绩、提成与客户归成交人${closer}`,
          `${whyEn}: ${owner} is deemed to have given the customer up; the deal and the customer go to the closer ${closer}`,
          data,
        ),
      );
      const sole = sharesOf([[closer, 100]]);
      return {
        attribution: { ...attribution, performance: sole, bonus: sole, followUp: closer },
        entries,
        changed: true,
      };
    }
    entries.push(
      traceEntry('attribution.dealCheck', CLAUSE, `${why},由经理裁定`, `${whyEn}: the manager decides`, data),
    );
    return {
      attribution: {
        ...attribution,
        status: 'requiresManagerDecision',
        performance: [],
        bonus: [],
        followUp: null,
      },
      entries,
      changed: true,
    };
  }
  return { attribution, entries, changed: false };
}

/**
 * Applies the first `splitMatrix` row matching a final deal's governing case and facts: its
 * performance and bonus shares by role. A row naming a role nobody holds (no prior owner B) does not
 * apply.
 *
 * @returns the attribution (changed or not) and the trace entries
 * @throws ZhiduError `invalid_input` at `['attrs', fact]` when the visit or deal lacks a fact a row reads
 */
export function applySplitMatrix(
  f: DealFacts,
  attribution: DealAttribution,
): { attribution: DealAttribution; entries: TraceEntry[] } {
  const rows = f.params.splitMatrix ?? [];
  const g = f.governing;
  if (
    rows.length === 0 ||
    g === null ||
    attribution.status !== 'final' ||
    attribution.governingCase !== g.case
  ) {
    return { attribution, entries: [] };
  }
  const facts = {
    case: g.case,
    stage: f.deal.stage,
    sameDay: localDateOf(g.at, f.zone) === localDateOf(f.deal.at, f.zone),
    visit: factsOf(g.event),
    deal: factsOf(f.deal),
  };
  const who: Record<SplitRole, string | null> = {
    receiver: g.receiver,
    previous: g.previous,
    closer: f.deal.closerId,
  };
  for (const [i, row] of rows.entries()) {
    if (!row.cases.includes(g.case)) continue;
    if (row.when !== undefined) {
      requireFacts(
        row.when,
        facts,
        `成交 ${f.deal.at} 的事实 / the facts of the deal at ${f.deal.at} `,
        ['splitMatrix', i, 'when'],
        (p) => (p[0] === 'visit' ? g.event : p[0] === 'deal' ? f.deal : undefined),
      );
      if (!evaluateCondition(row.when, facts, ['splitMatrix', i, 'when']).holds) continue;
    }
    if (row.between !== undefined && !related(row.between, who, f.staff ?? [], i)) continue;
    const parts = (kind: 'performance' | 'bonus'): [string, number][] | null => {
      const out: [string, number][] = [];
      for (const [role, pct] of Object.entries(row[kind]) as [SplitRole, number][]) {
        if (pct === 0) continue;
        const id = who[role];
        if (id === null) return null;
        out.push([id, pct]);
      }
      return out;
    };
    const performance = parts('performance');
    const bonus = parts('bonus');
    if (performance === null || bonus === null) continue;
    const pp = sharesOf(performance);
    const bb = sharesOf(bonus);
    const show = (s: typeof pp) => s.map((x) => `${x.party} ${x.bp / 100}%`).join(' / ');
    return {
      attribution: { ...attribution, performance: pp, bonus: bb },
      entries: [
        traceEntry(
          'attribution.splitMatrix',
          CLAUSE,
          `分配表第 ${i + 1} 行(${g.case}):业绩 ${show(pp)},提成 ${show(bb)}`,
          `Split matrix row ${i + 1} (${g.case}): performance ${show(pp)}, bonus ${show(bb)}`,
          { row: i, facts: { case: facts.case, stage: facts.stage, sameDay: facts.sameDay } },
        ),
      ],
    };
  }
  return { attribution, entries: [] };
}

/**
 * Whether the two people of a split row's `between` stand in its relation (a role nobody holds: no).
 *
 * @throws ZhiduError `invalid_input` at `['history', 'staff', i, 'departmentId']` when a department
 *   relation is asked of a rostered person without `departmentId` (or at `['history', 'staff']` for
 *   someone off the roster)
 */
function related(
  between: NonNullable<SplitRow['between']>,
  who: Record<SplitRole, string | null>,
  staff: SalesHistory['staff'],
  row: number,
): boolean {
  const [a, b] = between.roles.map((r) => who[r]);
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (between.relation === 'samePerson') return a === b;
  if (between.relation === 'differentPerson') return a !== b;
  const dept = (id: string): string => {
    const i = staff.findIndex((m) => m.id === id);
    const d = staff[i]?.departmentId;
    if (d === undefined) {
      throw new ZhiduError(
        'invalid_input',
        i < 0 ? ['history', 'staff'] : ['history', 'staff', i, 'departmentId'],
        `${id} 缺少部门 departmentId，分配表第 ${row + 1} 行的关系 ${between.relation} 需要它 / ${id} lacks the fact departmentId that the relation ${between.relation} of split matrix row ${row + 1} needs`,
        { fact: 'departmentId', rule: ['splitMatrix', row, 'between'] },
      );
    }
    return d;
  };
  const same = dept(a) === dept(b);
  return between.relation === 'sameDepartment' ? same : !same;
}

/**
 * Whether a dispute still counts for a deal: any dispute up to the deal, and after it only within
 * `dealChecks.disputeWindow` (no window: always).
 */
export function disputeHeard(
  params: SalesOfficeParams,
  dispute: CustomerEvent,
  deal: DealEvent,
  zone: string,
  calendar?: WorkCalendar,
): boolean {
  const w = params.dealChecks?.disputeWindow ?? null;
  if (w === null || dispute.at <= deal.at) return true;
  return localDateOf(dispute.at, zone) < endOfPeriod(localDateOf(deal.at, zone), w, zone, calendar);
}
