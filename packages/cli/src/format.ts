import {
  DEFAULT_ZONE,
  type Decision,
  formatMoney,
  localDateOf,
  localTimeOf,
  type ModuleDecision,
} from '@zhidu/core';
import type { ModuleName } from './evaluate.js';

/** `2025-10-09 23:59` in the policy zone, or `—`. */
export function local(instant: unknown, zone = DEFAULT_ZONE): string {
  if (typeof instant !== 'string') return '—';
  return `${localDateOf(instant, zone)} ${localTimeOf(instant, zone)}`;
}

type Row = Record<string, unknown>;

/** Renders a module's decision for a person reading a terminal. */
export function render(
  module: ModuleName,
  decision: Decision<unknown>,
  options: { trace?: boolean } = {},
): string[] {
  const lines: string[] = [];
  if (module === 'timers') {
    for (const t of decision.value as Row[]) {
      const late = t.lateness as { units?: number; unit?: string } | undefined;
      lines.push(
        [
          String(t.timerId),
          t.subject ? `@${String(t.subject)}` : '',
          String(t.status),
          `due ${local(t.dueAt)}`,
          late?.units ? `late ${late.units} ${late.unit}` : '',
        ]
          .filter(Boolean)
          .join('  '),
      );
    }
  } else if (module === 'ownership') {
    for (const [customer, o] of Object.entries(decision.value as Record<string, Row>)) {
      lines.push(
        `${customer}: owner ${o.owner ?? 'none'}${o.basis ? ` (${String(o.basis)})` : ''}${
          o.protectedUntil ? `, protected until ${local(o.protectedUntil)}` : ''
        }${o.needsManagerReview ? ', manager review needed' : ''}`,
      );
    }
  } else {
    const ledger = decision.value as {
      persons: { personId: string; periods: { period: string; total: number; lines: Row[] }[] }[];
    };
    for (const p of ledger.persons) {
      for (const period of p.periods) {
        lines.push(`${p.personId}  ${period.period}  ${formatMoney(period.total)}`);
        for (const l of period.lines)
          lines.push(`    ${String(l.rule ?? '')}  ${String(l.arithmetic ?? '')}`);
      }
    }
  }
  if (options.trace) {
    lines.push('', 'trace:');
    for (const t of decision.trace)
      lines.push(`  ${t.rule}${t.clause ? ` [${t.clause}]` : ''}  ${t.message.zh} / ${t.message.en}`);
  }
  return lines;
}

/** The former CLI renderer that reads a module's result, when the result has that shape. */
function legacyView(id: string, result: unknown): { name: ModuleName; value: unknown } | undefined {
  const r = result as Record<string, unknown> | null;
  if (id === 'sla.timers') {
    const timers = Array.isArray(result) ? result : r?.timers;
    if (Array.isArray(timers) && timers.every((t) => typeof t === 'object' && t !== null && 'timerId' in t))
      return { name: 'timers', value: timers };
  }
  if (id === 'penalty.ledger' && Array.isArray(r?.persons)) return { name: 'penalties', value: result };
  if (
    (id === 'attribution.ownership-batch' || id === 'attribution.ownership') &&
    r !== null &&
    typeof r === 'object'
  ) {
    // the batch holds { customers: { id: ownership } }; one customer's ownership is shown under its id
    const owners = (r.customers ?? (typeof r.customerId === 'string' ? { [r.customerId]: r } : r)) as Record<
      string,
      unknown
    >;
    if (Object.values(owners).every((o) => typeof o === 'object' && o !== null && 'owner' in o))
      return { name: 'ownership', value: owners };
  }
  return undefined;
}

/**
 * Renders a module's decision for a terminal: the result (in the former readable form for timers,
 * ownership and penalty ledgers, as indented JSON otherwise), the violations, and the provenance.
 */
export function renderDecision(
  decision: ModuleDecision<unknown>,
  options: { trace?: boolean } = {},
): string[] {
  const { result, violations } = decision.value;
  const id = decision.provenance.module;
  const view = legacyView(id, result);
  const lines = view
    ? render(view.name, { value: view.value, trace: [] })
    : (JSON.stringify(result, null, 2) ?? 'null').split('\n');
  lines.push(violations.length === 0 ? 'violations: none' : `violations: ${violations.length}`);
  for (const v of violations)
    lines.push(
      `  ${v.code}  ${v.personId}  ${v.source.rule}${v.occurredAt ? `  ${local(v.occurredAt)}` : ''}`,
    );
  const p = decision.provenance.policy;
  lines.push(`provenance: ${id} · ${p.id}@${p.version} · ${p.hash}`);
  if (options.trace) {
    lines.push('', 'trace:');
    for (const t of decision.trace)
      lines.push(`  ${t.rule}${t.clause ? ` [${t.clause}]` : ''}  ${t.message.zh} / ${t.message.en}`);
  }
  return lines;
}
