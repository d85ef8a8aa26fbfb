import {
  type Decision,
  type EvalContext,
  formatPath,
  type HistoryView,
  type ModuleResult,
  type Policy,
  policyVersionEntry,
  type TraceEntry,
  type Violation,
  ZhiduError,
} from '@zhidu/core';
import { addFen } from './filing.js';
import type { Ledger, PeriodLedger, PersonLedger } from './ledger.js';
import type { LedgerInput } from './modules.js';
import type { PenaltyCustomRule } from './pipeline.js';
import { priceViolations } from './pipeline.js';
import type { FineSchedule, FineScheduleParams } from './schedule.js';

type ParsedLedgerInput = Omit<LedgerInput, 'violations'> & { violations: Violation[] };

/** The tally counts a ledger reached: `personId␀tally␀period` → the highest tally index. */
function talliesOf(ledger: Ledger, schedule: FineSchedule, into: Map<string, number>): void {
  const tallyOf = new Map(schedule.params.items.map((i) => [i.id, i.tally]));
  for (const person of ledger.persons) {
    for (const period of person.periods) {
      for (const line of period.lines) {
        const tally = tallyOf.get(line.item);
        if (tally === undefined || line.tallyIndex === undefined) continue;
        const key = `${person.personId}\u0000${tally}\u0000${period.period}`;
        into.set(key, Math.max(into.get(key) ?? 0, line.tallyIndex));
      }
    }
  }
}

const sumNullable = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : addFen(a, b);

/** Joins two ledgers of one person and period: lines renumbered in order, sums added. */
function joinPeriods(a: PeriodLedger, b: PeriodLedger): PeriodLedger {
  return {
    period: a.period,
    lines: [...a.lines, ...b.lines],
    total: addFen(a.total, b.total),
    proposed: addFen(a.proposed, b.proposed),
    discretionary: {
      min: sumNullable(a.discretionary.min, b.discretionary.min),
      max: sumNullable(a.discretionary.max, b.discretionary.max),
      count: a.discretionary.count + b.discretionary.count,
    },
    demotionGrades: {
      min: a.demotionGrades.min + b.demotionGrades.min,
      max: a.demotionGrades.max + b.demotionGrades.max,
    },
    withheld: addFen(a.withheld, b.withheld),
    openItems: a.openItems + b.openItems,
  };
}

/**
 * Joins the ledgers of the schedule versions into one: persons and periods merged, every line
 * renumbered `personId/period/#n` in version order (the trace entries naming a line follow), sums
 * added; `scheduleVersion` lists the versions joined by `+`.
 */
function joinLedgers(parts: readonly { ledger: Ledger; trace: TraceEntry[] }[]): Ledger {
  const persons = new Map<string, Map<string, PeriodLedger>>();
  for (const { ledger, trace } of parts) {
    const renamed = new Map<string, string>();
    for (const person of ledger.persons) {
      const periods = persons.get(person.personId) ?? new Map<string, PeriodLedger>();
      persons.set(person.personId, periods);
      for (const period of person.periods) {
        const before = periods.get(period.period);
        const offset = before?.lines.length ?? 0;
        const lines = period.lines.map((line, i) => {
          const id = `${person.personId}/${period.period}/#${offset + i + 1}`;
          renamed.set(line.id, id);
          return { ...line, id };
        });
        const mine = { ...period, lines };
        periods.set(period.period, before === undefined ? mine : joinPeriods(before, mine));
      }
    }
    for (const t of trace) {
      const line = t.data?.line;
      if (typeof line === 'string' && renamed.has(line)) t.data = { ...t.data, line: renamed.get(line) };
      const lines = t.data?.lines;
      if (Array.isArray(lines)) {
        t.data = { ...t.data, lines: lines.map((l) => (typeof l === 'string' ? (renamed.get(l) ?? l) : l)) };
      }
    }
  }
  const out: PersonLedger[] = [...persons.keys()].sort().map((personId) => {
    const periods = [...(persons.get(personId)?.values() ?? [])].sort((a, b) =>
      a.period < b.period ? -1 : a.period > b.period ? 1 : 0,
    );
    return { personId, periods, total: periods.reduce((s, p) => addFen(s, p.total), 0) };
  });
  const first = parts[0]?.ledger;
  return {
    scheduleId: first?.scheduleId ?? '',
    scheduleVersion: parts.map((p) => p.ledger.scheduleVersion).join('+'),
    persons: out,
    total: out.reduce((s, p) => addFen(s, p.total), 0),
    unpriced: parts.flatMap((p) => p.ledger.unpriced),
  };
}

/**
 * `penalty.ledger` under a policy history: each violation is priced by the schedule version in force
 * at its `occurredAt` (a violation before a fine change at the old amount, after it at the new);
 * the escalation tally of a period that spans a change continues or restarts as the later version's
 * `tallyAcrossVersions` says (absent = continue). Re-charges for days without correction stay with
 * the version that priced their violation. Period caps apply within each version's part.
 *
 * @internal
 */
export function ledgerUnderHistory(customRules: readonly PenaltyCustomRule[] | undefined) {
  return (
    input: ParsedLedgerInput,
    history: HistoryView<FineScheduleParams, FineSchedule>,
    ctx: EvalContext,
  ): Decision<ModuleResult<Ledger>> => {
    const groups = new Map<Readonly<Policy<FineScheduleParams>>, number[]>();
    input.violations.forEach((v, i) => {
      const version = history.at(v.occurredAt, ['input', 'violations', i, 'occurredAt']);
      const list = groups.get(version) ?? [];
      list.push(i);
      groups.set(version, list);
    });
    if (groups.size === 0) groups.set(history.at(ctx.now, ['ctx', 'now']), []);
    const versions = history.versions.filter((v) => groups.has(v));
    const prior = new Map<string, number>();
    const parts: { ledger: Ledger; trace: TraceEntry[] }[] = [];
    const trace: TraceEntry[] = [];
    for (const version of versions) {
      const indices = groups.get(version) ?? [];
      const schedule = history.compiled(version);
      const carry = schedule.params.tallyAcrossVersions !== 'restart' && prior.size > 0;
      let d: Decision<Ledger>;
      try {
        d = priceViolations(
          indices.map((i) => input.violations[i] as Violation),
          schedule,
          ctx,
          {
            roster: input.roster,
            pay: input.pay,
            ...(carry ? { priorTallies: new Map(prior) } : {}),
          },
          {
            ...(input.trace === undefined ? {} : { trace: input.trace }),
            ...(customRules === undefined ? {} : { customRules }),
          },
          true,
          ['customRules'],
        );
      } catch (e) {
        // Refusals name paths of the module's input; one about the i-th violation of this version's
        // part names that violation's index in the input. A company's rules keep their own path.
        if (!(e instanceof ZhiduError) || e.path[0] === 'customRules') throw e;
        const path =
          e.path[0] === 'violations' && typeof e.path[1] === 'number'
            ? ['violations', indices[e.path[1]] ?? e.path[1], ...e.path.slice(2)]
            : [...e.path];
        const suffix = e.path.length > 0 ? ` (at ${formatPath(e.path)})` : '';
        const message =
          suffix !== '' && e.message.endsWith(suffix) ? e.message.slice(0, -suffix.length) : e.message;
        throw new ZhiduError(e.code, ['input', ...path], message, e.details);
      }
      talliesOf(d.value, schedule, prior);
      const runTrace = d.trace.map((t) => ({ ...t }));
      parts.push({ ledger: d.value, trace: runTrace });
      trace.push(
        policyVersionEntry(version, history.endOf(version), {
          zh: `${indices.length} 项违规（发生于该版本有效期内）${carry ? '，累计次数接续此前版本' : ''}：`,
          en: `${indices.length} violation(s) occurring in its window${carry ? ', tallies continuing from the earlier version,' : ''}`,
        }),
        ...runTrace,
      );
    }
    const ledger = parts.length === 1 ? (parts[0] as { ledger: Ledger }).ledger : joinLedgers(parts);
    return { value: { result: ledger, violations: [] }, trace };
  };
}
