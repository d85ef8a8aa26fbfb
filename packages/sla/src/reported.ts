import {
  type BilingualText,
  type EvalContext,
  formatInstant,
  type Instant,
  type Lang,
  Trace,
  type TraceEntry,
  toEpochMs,
  toInstant,
} from '@zhidu/core';
import { matchesAll } from './conditions.js';
import { type ParsedEvent, recordedMs } from './events.js';
import type { Excuse } from './timer/excuses.js';

/**
 * How one kind of finding (a timer state, an incident's violation, a quota row) is read by
 * {@link keepReported}: what identifies it across evaluations, when it is a breach, which late
 * records can concern it, which excuse rules name it and the instants their windows count from.
 *
 * @internal
 */
export interface ReportedKind<T> {
  /** What a breach of this kind is called in the trace: 超时 / breach, 违规 / violation… */
  what: BilingualText;
  /** The finding's identity, the same in an evaluation with fewer events. */
  key: (item: T) => string;
  /** Whether the finding, evaluated at `atMs`, is a breach that an audit would see as reported. */
  isBreach: (item: T, atMs: number) => boolean;
  /** The scope of an event: the late records of one scope are replayed together (usually the subject). */
  eventScope: (event: ParsedEvent) => string;
  /** The scope a finding belongs to (`lateScopes`: the scopes that have a late record). */
  itemScope: (item: T, lateScopes: ReadonlySet<string>) => string;
  /** The id an excuse rule names the finding by (a timer id, an incident id, a quota id). */
  id: (item: T) => string;
  /** The ids an excuse rule names for this kind (`timers`, `incidents` or `quotas`). */
  named: (rule: Excuse) => readonly string[];
  /** The instant (epoch ms) an excuse window counts from: the finding's start or due time. */
  anchor: (item: T, from: 'start' | 'due') => number | undefined;
  /**
   * Which late records can change a reported breach, grouped: only the earliest late record of each
   * group is replayed (default: every late record, each its own group). A quota groups the late
   * performances by their period and leaves out those entered before their period ended: the first
   * one after the end shows the least that was known then, so later ones cannot report more.
   */
  group?: (event: ParsedEvent) => string | undefined;
  /** The events that may carry an excuse for the finding (default: every known event of its scope). */
  candidates?: (item: T, events: readonly ParsedEvent[]) => readonly ParsedEvent[];
  /** The catalog rule and clause the finding is judged under. */
  cite: (item: T) => { rule: string; clause: string };
  /** Trace data naming the finding. */
  data: (item: T) => Record<string, unknown>;
  /** The reported breach kept in the result, marked `reportedAt`. */
  keep: (reported: T, reportedAt: Instant) => T;
  /** The final reading of an excused breach, marked as excused (undefined: nothing left to show). */
  excuse: (now: T | undefined, excuse: string, reportedAt: Instant) => T | undefined;
}

/** Evaluates a kind of finding with the events known at an instant (events recorded by then, `now` = then). */
export type EvaluateAsOf<T> = (
  events: ParsedEvent[],
  ctx: EvalContext,
) => { value: T[]; trace: TraceEntry[] };

/**
 * Facts as of their time (bitemporal in the simple sense), one implementation for every sla
 * finding: a breach is *reported* at instant T when evaluating with only the events recorded by T
 * shows it. For each instant at which an event was recorded later than it happened, the findings of
 * its scope are evaluated with the events recorded before it (at the millisecond before). A breach
 * reported there that the evaluation with every known event no longer shows stays a breach (marked
 * `reportedAt`, with a trace entry), unless an excuse rule of the policy fires: its fact is known,
 * and that fact's time falls in the rule's window (the finding then keeps today's reading, marked
 * excused, with the excuse's own trace entry).
 *
 * @param final - the evaluation with every event recorded by `now`
 * @param known - the events recorded by `now`, in time order
 * @param excuses - the policy's excuse rules
 * @param ctx - the evaluation context
 * @param evaluate - evaluates the findings for a set of events at an instant
 * @param kind - how the findings are read
 * @returns the findings and trace, reported breaches kept or excused: `final` itself when no event
 *   was recorded after it happened (nothing to keep), else a new record with a new findings array
 *   (`final` and its array are never changed)
 * @internal
 */
export function keepReported<T>(
  final: { value: T[]; trace: TraceEntry[] },
  known: readonly ParsedEvent[],
  excuses: readonly Excuse[],
  ctx: EvalContext,
  evaluate: EvaluateAsOf<T>,
  kind: ReportedKind<T>,
): { value: T[]; trace: TraceEntry[] } {
  // The instants at which a fact was recorded after it happened, per scope.
  const lateByScope = new Map<string, Set<number>>();
  const earliest = new Map<string, number>();
  // By index (issue 21: the first evaluations of a log run this loop before it is compiled, and an
  // iterator's result per event was a twentieth of what such an evaluation allocated).
  for (let i = 0; i < known.length; i++) {
    const e = known[i] as ParsedEvent;
    // Recorded when it happened (no `recordedAt`): never late.
    if (e.recordedAt === undefined) continue;
    const r = recordedMs(e);
    if (r <= e.ms) continue;
    const scope = kind.eventScope(e);
    if (kind.group !== undefined) {
      const g = kind.group(e);
      if (g === undefined) continue;
      const key = `${scope}\u0000${g}`;
      const first = earliest.get(key);
      if (first !== undefined && first <= r) continue;
      earliest.set(key, r);
      continue;
    }
    const set = lateByScope.get(scope) ?? new Set<number>();
    set.add(r);
    lateByScope.set(scope, set);
  }
  for (const [key, r] of earliest) {
    const scope = key.slice(0, key.lastIndexOf('\u0000'));
    const set = lateByScope.get(scope) ?? new Set<number>();
    set.add(r);
    lateByScope.set(scope, set);
  }
  if (lateByScope.size === 0) return final;
  const nowMs = toEpochMs(ctx.now);
  // Instants in messages as a reader reads them, in the context's zone (data keeps the ISO form).
  const localAt = (at: string, lang: Lang): string =>
    formatInstant(at, { zone: ctx.zone, lang, showZone: true });
  const lateScopes = new Set(lateByScope.keys());
  const value = [...final.value];
  const index = new Map(value.map((s, i) => [kind.key(s), i]));
  const handled = new Set<string>();
  const trace = new Trace();
  for (const [scope, instants] of lateByScope) {
    const own = known.filter((e) => kind.eventScope(e) === scope);
    for (const t of [...instants].sort((a, b) => a - b)) {
      // Nothing known yet still reads as something (a quota with no performance is short).
      const before = own.filter((e) => recordedMs(e) < t);
      const then = toInstant(t - 1);
      const earlier = evaluate(before, { ...ctx, now: then });
      for (const reported of earlier.value) {
        if (!kind.isBreach(reported, t - 1)) continue;
        if (kind.itemScope(reported, lateScopes) !== scope) continue;
        const key = kind.key(reported);
        if (handled.has(key)) continue;
        handled.add(key);
        const i = index.get(key);
        const now = i === undefined ? undefined : value[i];
        if (now !== undefined && kind.isBreach(now, nowMs)) continue;
        const fired = firingExcuse(excuses, reported, kind.candidates?.(reported, own) ?? own, kind);
        const { rule, clause } = kind.cite(reported);
        const id = kind.id(reported);
        if (fired) {
          const how = fired.rule.time === 'at';
          trace.add(
            fired.rule.rule,
            fired.rule.clause,
            `${id}:${localAt(then, 'zh-CN')} 已报告的${kind.what.zh}因「${fired.rule.title.zh}」免责(${fired.event.type} ${how ? '发生于' : '记录于'} ${localAt(fired.time, 'zh-CN')},在允许的时间窗内)`,
            `${id}: the ${kind.what.en} reported at ${localAt(then, 'en')} is excused by "${fired.rule.title.en}" (${fired.event.type} ${how ? 'happened' : 'recorded'} at ${localAt(fired.time, 'en')}, inside its window)`,
            { ...kind.data(reported), excuse: fired.rule.id, reportedAt: then },
          );
          const shown = kind.excuse(now, fired.rule.id, then);
          if (shown !== undefined && i !== undefined) value[i] = shown;
          continue;
        }
        trace.add(
          rule,
          clause,
          `${id}:${localAt(then, 'zh-CN')} 已报告${kind.what.zh},其后补录的事实不能撤销(制度未规定可免责情形或不在时间窗内)`,
          `${id}: the ${kind.what.en} reported at ${localAt(then, 'en')} stands; facts recorded afterwards do not undo it (no excuse rule of the policy fires)`,
          { ...kind.data(reported), reportedAt: then },
        );
        const kept = kind.keep(reported, then);
        if (i === undefined) {
          index.set(key, value.length);
          value.push(kept);
        } else value[i] = kept;
      }
    }
  }
  return { value, trace: [...final.trace, ...trace.entries] };
}

function firingExcuse<T>(
  excuses: readonly Excuse[],
  reported: T,
  events: readonly ParsedEvent[],
  kind: ReportedKind<T>,
): { rule: Excuse; event: ParsedEvent; time: Instant } | undefined {
  const id = kind.id(reported);
  for (const rule of excuses) {
    if (!kind.named(rule).includes(id)) continue;
    const from = kind.anchor(reported, rule.window.from);
    if (from === undefined) continue;
    const to = from + rule.window.minutes * 60_000;
    for (const e of events) {
      if (e.type !== rule.event.type || !matchesAll(rule.event.when, e.attributes ?? {})) continue;
      const ms = rule.time === 'at' ? e.ms : recordedMs(e);
      if (ms >= from && ms <= to) return { rule, event: e, time: toInstant(ms) };
    }
  }
  return undefined;
}

/**
 * The events known at `now`: those recorded by then (`recordedAt`, default `at`). Events without a
 * `recordedAt` are kept as they are (the caller's own `at` filter applies to them), so a log with no
 * `recordedAt` is read exactly as before.
 *
 * @internal
 */
export function knownBy<E extends ParsedEvent>(events: readonly E[], nowMs: number): readonly E[] {
  return events.some((e) => e.recordedAt !== undefined)
    ? events.filter((e) => e.recordedAt === undefined || recordedMs(e) <= nowMs)
    : events;
}
