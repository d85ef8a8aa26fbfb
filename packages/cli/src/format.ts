import { DEFAULT_ZONE, type Decision, formatMoney, localDateOf, localTimeOf } from '@zhidu/core';
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
