import {
  citationHref,
  DEFAULT_ZONE,
  type Decision,
  describeValue,
  type ErrorPath,
  expectArray,
  expectObject,
  formatMoney,
  type Lang,
  localDateOf,
  localTimeOf,
  type ModuleDecision,
  parseLang,
  renderMessage,
  type TraceEntry,
  ZhiduError,
} from '@zhidu/core';
import type { ModuleName } from './evaluate.js';

/** `2025-10-09 23:59` in the policy zone, or `—`. */
export function local(instant: unknown, zone = DEFAULT_ZONE): string {
  if (typeof instant !== 'string') return '—';
  return `${localDateOf(instant, zone)} ${localTimeOf(instant, zone)}`;
}

type Row = Record<string, unknown>;

/**
 * One trace line: rule, clause and the message in `lang` (both languages, "中文 / English", when no
 * language is given). @internal
 */
export function traceLine(t: TraceEntry, lang: Lang | undefined): string {
  const message = lang === undefined ? `${t.message.zh} / ${t.message.en}` : renderMessage(t.message, lang);
  // a catalog rule id links to its entry in the rule catalog (the Chinese page unless lang is en)
  const link = CATALOG_ID.test(t.rule) ? `  → ${citationHref(t.rule, { lang: lang ?? 'zh-CN' })}` : '';
  return `  ${t.rule}${t.clause ? ` [${t.clause}]` : ''}  ${message}${link}`;
}

/** A rule id of the rule catalog (`S000-MILESTONE-03`), which has an entry in docs/catalog.md. */
const CATALOG_ID = /^S\d{3}[A-Z]?-[A-Z]+-\d+$/;

/** Renders a module's decision for a person reading a terminal. */
export function render(
  module: ModuleName,
  decision: Decision<unknown>,
  options: { trace?: boolean; lang?: Lang } = {},
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
    for (const t of decision.trace) lines.push(traceLine(t, options.lang));
  }
  return lines;
}

const isObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: unknown, type: 'string' | 'number'): boolean => v === undefined || typeof v === type;
const optionalText = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';

/** A timer as the former renderer prints it: an id, a status, and optional subject, due and lateness. */
const isTimerRow = (t: unknown): boolean =>
  isObject(t) &&
  typeof t.timerId === 'string' &&
  typeof t.status === 'string' &&
  optional(t.subject, 'string') &&
  optionalText(t.dueAt) &&
  (t.lateness === undefined ||
    (isObject(t.lateness) && optional(t.lateness.units, 'number') && optional(t.lateness.unit, 'string')));

/** A customer's ownership as the former renderer prints it. */
const isOwnershipRow = (o: unknown): boolean =>
  isObject(o) &&
  'owner' in o &&
  optionalText(o.owner) &&
  optionalText(o.basis) &&
  optionalText(o.protectedUntil);

/** A penalty ledger as the former renderer prints it: persons → periods (total in fen) → lines. */
const isLedger = (r: unknown): boolean =>
  isObject(r) &&
  Array.isArray(r.persons) &&
  r.persons.every(
    (p) =>
      isObject(p) &&
      typeof p.personId === 'string' &&
      Array.isArray(p.periods) &&
      p.periods.every(
        (q) =>
          isObject(q) &&
          typeof q.period === 'string' &&
          Number.isSafeInteger(q.total) &&
          Array.isArray(q.lines) &&
          q.lines.every((l) => isObject(l) && optional(l.rule, 'string') && optional(l.arithmetic, 'string')),
      ),
  );

/**
 * The former CLI renderer that reads a module's result, when the result has exactly that shape
 * (anything else is shown as JSON, so a value of another shape is never half-read).
 */
function legacyView(id: string, result: unknown): { name: ModuleName; value: unknown } | undefined {
  if (id === 'sla.timers') {
    const timers = Array.isArray(result) ? result : isObject(result) ? result.timers : undefined;
    if (Array.isArray(timers) && timers.every(isTimerRow)) return { name: 'timers', value: timers };
  }
  if (id === 'penalty.ledger' && isLedger(result)) return { name: 'penalties', value: result };
  if ((id === 'attribution.ownership-batch' || id === 'attribution.ownership') && isObject(result)) {
    // the batch holds { customers: { id: ownership } }; one customer's ownership is shown under its id
    const owners =
      result.customers !== undefined
        ? result.customers
        : typeof result.customerId === 'string'
          ? { [result.customerId]: result }
          : result;
    if (isObject(owners) && Object.values(owners).every(isOwnershipRow))
      return { name: 'ownership', value: owners };
  }
  return undefined;
}

/** `invalid_input` at `path` unless `value` is a string (or, when `optional`, absent). */
function expectText(value: unknown, path: ErrorPath, optional = false): void {
  if (typeof value === 'string' || (optional && value === undefined)) return;
  throw new ZhiduError('invalid_input', path, `须为字符串 / expected a string, got ${describeValue(value)}`);
}

/**
 * Refuses what is not a module decision (`{ value: { result, violations }, trace, provenance }`) in
 * the fields the renderer prints, naming the first bad field — one pass, stopping at the first bad
 * element of a long list.
 */
function expectRenderable(decision: unknown): asserts decision is ModuleDecision<unknown> {
  expectObject(decision, ['decision']);
  expectObject(decision.value, ['decision', 'value']);
  const violations = decision.value.violations;
  expectArray(violations, ['decision', 'value', 'violations'], 'object');
  violations.forEach((v, i) => {
    const at: ErrorPath = ['decision', 'value', 'violations', i];
    const row = v as Row;
    expectText(row.code, [...at, 'code']);
    expectText(row.personId, [...at, 'personId']);
    expectObject(row.source, [...at, 'source']);
    expectText(row.source.rule, [...at, 'source', 'rule']);
    expectText(row.occurredAt, [...at, 'occurredAt'], true);
  });
  expectArray(decision.trace, ['decision', 'trace'], 'object');
  decision.trace.forEach((t, i) => {
    const row = t as Row;
    expectText(row.rule, ['decision', 'trace', i, 'rule']);
    expectText(row.clause, ['decision', 'trace', i, 'clause'], true);
    expectObject(row.message, ['decision', 'trace', i, 'message']);
    expectText(row.message.zh, ['decision', 'trace', i, 'message', 'zh']);
    expectText(row.message.en, ['decision', 'trace', i, 'message', 'en']);
  });
  expectObject(decision.provenance, ['decision', 'provenance']);
  const p = decision.provenance;
  expectText(p.module, ['decision', 'provenance', 'module']);
  expectObject(p.policy, ['decision', 'provenance', 'policy']);
  for (const key of ['id', 'version', 'hash'])
    expectText(p.policy[key], ['decision', 'provenance', 'policy', key]);
}

/** The result as indented JSON lines; a value JSON cannot hold (a cycle, a bigint) is refused. */
function jsonLines(result: unknown): string[] {
  let text: string | undefined;
  try {
    text = JSON.stringify(result, null, 2);
  } catch (e) {
    throw new ZhiduError(
      'invalid_input',
      ['decision', 'value', 'result'],
      `结果无法表示为 JSON / the result cannot be shown as JSON (${e instanceof Error ? e.message.split('\n')[0] : describeValue(e)})`,
    );
  }
  return (text ?? 'null').split('\n');
}

/**
 * Renders a module's decision for a terminal: the result (in the former readable form for timers,
 * ownership and penalty ledgers, as indented JSON otherwise), the violations, and the provenance.
 *
 * @param decision - what a module's `evaluate` returned
 * @param options - `trace: true` adds the trace, one line per entry; `lang` (`'zh-CN'` or `'en'`)
 *   prints its messages in that language (both, "中文 / English", when absent)
 * @returns the lines to print
 * @throws ZhiduError `invalid_input` naming the first field of `decision` that is not a module
 *   decision's (or a result JSON cannot show), or for `options` that are not an object
 * @example
 * import { evaluate } from '@zhidu/modules';
 *
 * const violations = [{ code: 'records.handover.late', personId: 'sc-wang', role: 'salesConsultant',
 *   occurredAt: '2024-03-05T23:59:59+08:00', lateBy: { unit: 'workingDays', units: 1 },
 *   source: { module: 'records', rule: 'S000-ARCHIVE-07' } }];
 * const decision = evaluate('penalty.ledger', { violations }, 'dealer-file', { now: '2024-03-31T18:00:00+08:00' });
 * const lines = renderDecision(decision);
 * lines.some((l) => l.includes('¥50.00')); //=> true
 * lines.at(-1)?.startsWith('provenance: penalty.ledger'); //=> true
 */
export function renderDecision(
  decision: ModuleDecision<unknown>,
  options: { trace?: boolean; lang?: Lang } = {},
): string[] {
  expectRenderable(decision);
  expectObject(options, ['options']);
  if (options.lang !== undefined) parseLang(options.lang, ['options', 'lang']);
  const { result, violations } = decision.value;
  const id = decision.provenance.module;
  const view = legacyView(id, result);
  const lines = view ? render(view.name, { value: view.value, trace: [] }) : jsonLines(result);
  lines.push(violations.length === 0 ? 'violations: none' : `violations: ${violations.length}`);
  for (const v of violations)
    lines.push(
      `  ${v.code}  ${v.personId}  ${v.source.rule}${v.occurredAt ? `  ${local(v.occurredAt)}` : ''}`,
    );
  const p = decision.provenance.policy;
  lines.push(`provenance: ${id} · ${p.id}@${p.version} · ${p.hash}`);
  if (options.trace) {
    lines.push('', 'trace:');
    for (const t of decision.trace) lines.push(traceLine(t, options.lang));
  }
  return lines;
}
