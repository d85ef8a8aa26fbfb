import {
  describeValue,
  localDateOf,
  type ModuleDecision,
  type PolicyHistory,
  toEpochMs,
  toInstant,
  ZhiduError,
} from '@zhidu/core';

/** The current owner of a customer, with the decision that says so (`attribution.ownership`). */
export interface OwnerRow {
  customerId: string;
  owner: string | null;
  streamId: string;
  streamVersion: number;
  result: unknown;
  trace: unknown[];
  provenance: unknown;
}

/** One timer of a stream (`sla.timers`): its status and, while open, when it falls due and warns. */
export interface TimerRow {
  streamId: string;
  /** `<subject>/<timerId>/<cycle>` */
  key: string;
  moduleId: string;
  subject: string;
  timerId: string;
  rule: string;
  status: string;
  /** pending, running or paused: not yet met, breached or cancelled. */
  open: boolean;
  dueAt: string | null;
  /** The first warning instant the policy sets for it (a fraction of the target or minutes before due). */
  warnAt: string | null;
  /** The due instant was computed beyond the calendar's data. */
  provisional: boolean;
  policyHash: string;
}

/** One violation a module found in a stream, with the local month it falls in. */
export interface ViolationRow {
  streamId: string;
  seq: number;
  moduleId: string;
  code: string;
  rule: string;
  personId: string;
  occurredAt: string;
  /** `YYYY-MM` in the policy's zone. */
  period: string;
  violation: unknown;
}

/** One person's penalty tally for one month (`penalty.ledger`), in fen. */
export interface LedgerRow {
  streamId: string;
  personId: string;
  period: string;
  totalFen: number;
  lines: unknown[];
}

/** A credit account's state (`credit.account`). */
export interface CreditRow {
  accountId: string;
  streamId: string;
  streamVersion: number;
  limitFen: number | null;
  usedFen: number;
  openShipments: unknown[];
  provenance: unknown;
}

/** Everything the store writes for one stream's decision. */
export interface ProjectionRows {
  owner?: OwnerRow;
  timers: TimerRow[];
  violations: ViolationRow[];
  ledger: LedgerRow[];
  credit?: CreditRow;
}

/** What a projector is told about the stream besides the decision. */
export interface StreamFacts {
  moduleId: string;
  streamId: string;
  streamVersion: number;
  /** The module input the decision was made on. */
  input: Record<string, unknown>;
  history: PolicyHistory<unknown>;
}

type Row = Record<string, unknown>;
const isRow = (v: unknown): v is Row => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The modules whose result the store reads into a domain projection besides violations. */
export const DOMAIN_PROJECTIONS: Readonly<Record<string, 'owner' | 'timers' | 'ledger' | 'credit'>> = {
  'attribution.ownership': 'owner',
  'sla.timers': 'timers',
  'penalty.ledger': 'ledger',
  'credit.account': 'credit',
};

/** The first warning instant of a timer under the policy version in force when it started. */
function warningOf(state: Row, history: PolicyHistory<unknown>): string | null {
  const started = str(state.startedAt);
  const due = str(state.dueAt);
  if (!started || !due) return null;
  let params: unknown;
  try {
    params = history.at(started).params;
  } catch {
    return null;
  }
  const timers = isRow(params) && Array.isArray(params.timers) ? params.timers : [];
  const def = timers.find((t) => isRow(t) && t.id === state.timerId);
  const warnings = isRow(def) && Array.isArray(def.warnings) ? def.warnings : [];
  const s = toEpochMs(started);
  const d = toEpochMs(due);
  let first: number | undefined;
  for (const w of warnings) {
    if (!isRow(w)) continue;
    const ms =
      typeof w.fraction === 'number'
        ? Math.round(s + w.fraction * (d - s))
        : typeof w.minutesBeforeDue === 'number'
          ? d - w.minutesBeforeDue * 60_000
          : undefined;
    if (ms !== undefined && (first === undefined || ms < first)) first = ms;
  }
  return first === undefined ? null : toInstant(first);
}

/**
 * The rows a decision writes: the violations of every module, and for `attribution.ownership`
 * the owner, for `sla.timers` the timers, for `penalty.ledger` the monthly tallies and for
 * `credit.account` the account state. Pure: the same decision always gives the same rows.
 *
 * @param decisions - the stream's decision (one for an event-list module, one per fact otherwise)
 * @param facts - the module, the stream and the input the decision was made on
 * @example
 * import { evaluate, getModule, getPreset } from '@zhidu/modules';
 * const history = new PolicyHistory(getModule('sla.timers').schemas.params, [getPreset('sla.timers/retail-000')]);
 * const input = { events: [{ type: 'received', subject: 'r-5', at: '2024-03-01T10:00+08:00', assignees: { opsCustomerService: 'ops1' } }] };
 * const d = evaluate('sla.timers', input, history, { now: '2024-03-02T00:00:00+08:00' });
 * projectDecisions([d], { moduleId: 'sla.timers', streamId: 'complaint:r-5', streamVersion: 1, input, history })
 *   .timers.filter((t) => t.subject === 'r-5').map((t) => [t.key, t.open, t.dueAt]); //=> [['r-5/close7d/0', true, '2024-03-08T15:59:59.999Z']]
 */
export function projectDecisions(
  decisions: readonly ModuleDecision<unknown>[],
  facts: StreamFacts,
): ProjectionRows {
  checkProjectArgs(decisions, facts);
  const rows: ProjectionRows = { timers: [], violations: [], ledger: [] };
  const { moduleId, streamId, streamVersion } = facts;
  let seq = 0;
  for (const d of decisions) {
    const zone = d.provenance.calendar.zone;
    for (const v of d.value.violations) {
      seq += 1;
      rows.violations.push({
        streamId,
        seq,
        moduleId,
        code: v.code,
        rule: v.source.rule,
        personId: v.personId,
        occurredAt: toInstant(v.occurredAt),
        period: localDateOf(v.occurredAt, zone).slice(0, 7),
        violation: v,
      });
    }
  }
  const last = decisions[decisions.length - 1];
  if (!last) return rows;
  const result = last.value.result;
  switch (DOMAIN_PROJECTIONS[moduleId]) {
    case 'owner': {
      if (isRow(result) && typeof result.customerId === 'string') {
        rows.owner = {
          customerId: result.customerId,
          owner: str(result.owner) ?? null,
          streamId,
          streamVersion,
          result,
          trace: [...last.trace],
          provenance: last.provenance,
        };
      }
      break;
    }
    case 'timers': {
      for (const state of Array.isArray(result) ? result : []) {
        if (!isRow(state)) continue;
        const status = String(state.status);
        const open = status === 'pending' || status === 'running' || status === 'paused';
        rows.timers.push({
          streamId,
          key: `${String(state.subject)}/${String(state.timerId)}/${String(state.cycle ?? 0)}`,
          moduleId,
          subject: String(state.subject),
          timerId: String(state.timerId),
          rule: String(state.rule),
          status,
          open,
          dueAt: str(state.dueAt) ?? null,
          warnAt: open ? warningOf(state, facts.history) : null,
          provisional: state.provisional === true,
          policyHash: last.provenance.policy.hash,
        });
      }
      break;
    }
    case 'ledger': {
      const persons = isRow(result) && Array.isArray(result.persons) ? result.persons : [];
      for (const p of persons) {
        if (!isRow(p) || !Array.isArray(p.periods)) continue;
        for (const period of p.periods) {
          if (!isRow(period)) continue;
          rows.ledger.push({
            streamId,
            personId: String(p.personId),
            period: String(period.period),
            totalFen: Number(period.total ?? 0),
            lines: Array.isArray(period.lines) ? period.lines : [],
          });
        }
      }
      break;
    }
    case 'credit': {
      const ledger = facts.input.ledger;
      const accountId = isRow(ledger) ? str(ledger.customerId) : undefined;
      if (accountId && isRow(result)) {
        const shipments = Array.isArray(result.shipments) ? result.shipments.filter(isRow) : [];
        const lastLimit = [...shipments].reverse().find((s) => typeof s.limit === 'number')?.limit;
        rows.credit = {
          accountId,
          streamId,
          streamVersion,
          limitFen: typeof lastLimit === 'number' ? lastLimit : null,
          usedFen: Number(result.outstanding ?? 0),
          openShipments: shipments.filter((s) => s.allowed === true),
          provenance: last.provenance,
        };
      }
      break;
    }
    default:
      break;
  }
  return rows;
}

/** Refuses what is not a list of module decisions and the facts of a stream (never a TypeError). */
function checkProjectArgs(decisions: unknown, facts: unknown): void {
  if (!Array.isArray(decisions)) {
    throw new ZhiduError(
      'invalid_input',
      ['decisions'],
      `须为决定数组 / expected an array of decisions, got ${describeValue(decisions)}`,
    );
  }
  decisions.forEach((d, i) => {
    const ok =
      d !== null &&
      typeof d === 'object' &&
      Array.isArray((d as { value?: { violations?: unknown } }).value?.violations) &&
      typeof (d as { provenance?: { calendar?: { zone?: unknown } } }).provenance?.calendar?.zone ===
        'string';
    if (!ok) {
      throw new ZhiduError(
        'invalid_input',
        ['decisions', i],
        `须为模块决定 / expected a module decision, got ${describeValue(d)}`,
      );
    }
  });
  const f = facts as { moduleId?: unknown; streamId?: unknown; streamVersion?: unknown } | null;
  if (
    f === null ||
    typeof f !== 'object' ||
    typeof f.moduleId !== 'string' ||
    typeof f.streamId !== 'string' ||
    !Number.isSafeInteger(f.streamVersion)
  ) {
    throw new ZhiduError(
      'invalid_input',
      ['facts'],
      `须为 { moduleId, streamId, streamVersion, input } / expected { moduleId, streamId, streamVersion, input }, got ${describeValue(facts)}`,
    );
  }
}
