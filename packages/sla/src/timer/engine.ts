import {
  calendarBasisTrace,
  type Deadline,
  type DurationSpec,
  type EvalContext,
  lateness,
  localDateOf,
  type Trace,
  toEpochMs,
  toInstant,
  type Violation,
} from '@zhidu/core';
import { type Attributes, matchesAll } from '../conditions.js';
import type { ParsedEvent } from '../events.js';
import type { TimerDefinition } from './definition.js';
import { type Phase, replay } from './replay.js';
import type { TimerAnomaly, TimerState, TimerStatus } from './state.js';
import type { ResolvedTarget, TargetResolver } from './target.js';

const WORKING_UNITS = new Set(['workingDays', 'workingHours', 'workingMinutes', 'endOfWork']);

function usesBusinessTime(def: TimerDefinition): boolean {
  const t = def.target;
  if (t.kind === 'duration') return WORKING_UNITS.has(t.spec.unit);
  if (t.kind === 'byAttribute')
    return [...t.cases.map((c) => c.spec), ...(t.otherwise ? [t.otherwise] : [])].some((s) =>
      WORKING_UNITS.has(s.unit),
    );
  return false;
}

/** The duration spec a resolved deadline came from, when it came from one. */
function chosenSpec(def: TimerDefinition, resolved: ResolvedTarget): DurationSpec | undefined {
  const t = def.target;
  if (t.kind === 'duration') return t.spec;
  if (t.kind !== 'byAttribute' || resolved.kind !== 'deadline') return undefined;
  return resolved.caseIndex === undefined ? t.otherwise : t.cases[resolved.caseIndex]?.spec;
}

function statusOf(phase: Phase): TimerStatus {
  if (phase === 'stopped') return 'met';
  return phase;
}

function isAfter(deadline: Deadline & { ms: number }, ms: number): boolean {
  return deadline.inclusive ? ms > deadline.ms : ms >= deadline.ms;
}

/**
 * Evaluates one timer definition for one subject at `ctx.now`.
 *
 * @param def - the timer definition
 * @param resolveDue - `def.target` compiled for `ctx` (see `compileTarget`)
 * @param subject - the subject id
 * @param events - the subject's events up to `now`, ordered
 * @param attributesAt - the subject's accumulated attributes after each event
 * @param assignees - who holds each role on the subject
 * @param ctx - now, zone, calendar
 * @param trace - receives one entry per instance outcome, and where the calendar's working days came
 *   from whenever a working-time figure reached beyond the calendar's data or used a dated notice
 * @param basisSeen - calendar provenance already in `trace` (share one set across a run so each
 *   year's basis is named once)
 * @returns the timer's instances' states
 */
export function evaluateDefinition(
  def: TimerDefinition,
  resolveDue: TargetResolver,
  subject: string,
  events: readonly ParsedEvent[],
  attributesAt: readonly Attributes[],
  assignees: Readonly<Record<string, string>>,
  ctx: EvalContext,
  trace: Trace,
  basisSeen: Set<string> = new Set(),
): TimerState[] {
  const finalAttributes = attributesAt[attributesAt.length - 1] ?? {};
  if (!matchesAll(def.appliesWhen, finalAttributes)) return [];
  const nowMs = toEpochMs(ctx.now);
  const out: TimerState[] = [];
  for (const inst of replay(def, events, attributesAt)) {
    const anomalies = [...inst.anomalies];
    const state: TimerState = {
      timerId: def.id,
      rule: def.rule,
      clause: def.clause,
      subject,
      cycle: inst.cycle,
      status: statusOf(inst.phase),
      severity: def.severity,
      pausedMs: 0,
      elapsedMs: 0,
      warningsReached: [],
      escalationsDue: [],
      violations: [],
      consequences: [],
      anomalies,
    };
    for (const a of inst.anomalies) {
      trace.add(
        def.rule,
        def.clause,
        `事件无法应用于计时器 ${def.id}:${a.kind}`,
        `event could not be applied to timer ${def.id}: ${a.kind}`,
        {
          subject,
          ...a,
        },
      );
    }
    if (inst.startMs === undefined || inst.startAt === undefined) {
      if (inst.phase === 'cancelled' || inst.phase === 'pending') out.push(state);
      continue;
    }
    state.startedAt = inst.startAt;
    const endMs = inst.stopMs ?? nowMs;
    const openPause =
      inst.phase === 'paused' && inst.pausedSinceMs !== undefined ? nowMs - inst.pausedSinceMs : 0;
    const pausedMs = inst.pausedMs + openPause;
    state.pausedMs = pausedMs;
    state.elapsedMs = Math.max(0, endMs - inst.startMs - pausedMs);
    if (inst.stopAt !== undefined && inst.phase !== 'cancelled') state.stoppedAt = inst.stopAt;

    const resolved = resolveDue(inst.startAt, finalAttributes, events);
    if (resolved.kind === 'unresolved') {
      if (resolved.reason !== 'awaiting_event') {
        anomalies.push({ kind: resolved.reason, detail: resolved.detail });
        trace.add(
          def.rule,
          def.clause,
          `无法确定时限:${resolved.detail}`,
          `cannot determine the target: ${resolved.detail}`,
          {
            subject,
            timerId: def.id,
          },
        );
      }
      out.push(state);
      continue;
    }
    if (resolved.kind === 'count') {
      const raw = inst.stopAttributes?.[resolved.attribute];
      const value = typeof raw === 'number' ? raw : null;
      state.measured = { attribute: resolved.attribute, value, max: resolved.max };
      if (inst.phase === 'stopped') {
        const ok = value !== null && value <= resolved.max;
        state.status = ok ? 'met' : 'breached';
        if (!ok) state.breachedAt = inst.stopAt;
        trace.add(
          def.rule,
          def.clause,
          `${def.title.zh}:实测 ${value ?? '无'},上限 ${resolved.max}`,
          `${def.title.en}: measured ${value ?? 'none'}, ceiling ${resolved.max}`,
          {
            subject,
            timerId: def.id,
            status: state.status,
          },
        );
      }
      if (state.status === 'breached')
        state.violations = violationsFor(def, subject, state, assignees, anomalies, undefined);
      out.push(state);
      continue;
    }
    let dueMs = toEpochMs(resolved.deadline.at) + (def.target.kind === 'beforeEvent' ? 0 : pausedMs);
    for (const x of inst.extensions) {
      const newMs = toEpochMs(x.newDue, ['attributes']);
      const agreedInTime = !x.mustPrecedeDue || x.ms <= dueMs;
      trace.add(
        def.rule,
        def.clause,
        agreedInTime && newMs > dueMs ? `延期至 ${toInstant(newMs)}(事先同意)` : '延期未生效:同意晚于原时限',
        agreedInTime && newMs > dueMs
          ? `extended to ${toInstant(newMs)} (agreed in advance)`
          : 'extension ignored: agreed after the original due time',
        {
          subject,
          timerId: def.id,
          agreedAt: x.at,
        },
      );
      if (agreedInTime && newMs > dueMs) dueMs = newMs;
    }
    const due = { ...resolved.deadline, at: toInstant(dueMs), ms: dueMs };
    state.dueAt = due.at;
    state.dueInclusive = due.inclusive;
    state.remainingMs = dueMs - endMs;
    // The instants whose local dates the calendar was read for: the working-time target's span, the
    // business-time figures and a lateness counted in working time. Their provenance is traced below.
    const calendarMs: number[] = [];
    const spec = chosenSpec(def, resolved);
    if (spec !== undefined && WORKING_UNITS.has(spec.unit))
      calendarMs.push(inst.startMs, toEpochMs(resolved.deadline.at));
    if (usesBusinessTime(def) && dueMs >= inst.startMs) {
      const endAt = toInstant(endMs);
      state.elapsedBusinessMinutes = ctx.calendar.businessTimeBetween(inst.startAt, endAt);
      state.remainingBusinessMinutes = ctx.calendar.businessTimeBetween(endAt, due.at);
      calendarMs.push(inst.startMs, endMs, dueMs);
    }
    const live = inst.phase === 'running' || inst.phase === 'paused';
    const late = inst.phase === 'stopped' ? isAfter(due, endMs) : live && isAfter(due, nowMs);
    if (late) {
      state.status = 'breached';
      state.breachedAt = due.at;
      const unit = def.breach?.lateness.unit ?? 'minutes';
      const rounding = def.breach?.lateness.rounding ?? 'ceil';
      const actual = toInstant(inst.phase === 'stopped' ? endMs : nowMs);
      const l = lateness(
        { at: due.at, inclusive: due.inclusive },
        actual,
        { unit, rounding },
        { zone: ctx.zone, calendar: ctx.calendar },
      );
      state.lateness = { unit, units: l.units, ms: l.ms };
      if (WORKING_UNITS.has(unit)) calendarMs.push(dueMs, toEpochMs(actual));
    }
    const horizon = inst.stopMs ?? nowMs;
    const reached = (ms: number) => ms <= nowMs && ms <= horizon;
    for (const w of def.warnings) {
      const ms =
        'fraction' in w
          ? inst.startMs + w.fraction * (dueMs - inst.startMs)
          : dueMs - w.minutesBeforeDue * 60_000;
      if (reached(Math.round(ms))) state.warningsReached.push(toInstant(Math.round(ms)));
    }
    for (const e of def.escalations) {
      let ms: number;
      if (e.when.kind === 'atStart') ms = inst.startMs;
      else if (e.when.kind === 'fraction')
        ms = Math.round(inst.startMs + e.when.fraction * (dueMs - inst.startMs));
      else if (e.when.kind === 'atDue') ms = dueMs;
      else ms = dueMs + e.when.minutes * 60_000;
      if (reached(ms) && (inst.phase !== 'stopped' || ms <= horizon)) {
        state.escalationsDue.push({ level: e.level, notify: [...e.notify], at: toInstant(ms) });
        trace.add(
          e.rule ?? def.rule,
          e.clause ?? def.clause,
          `升级第${e.level}级:通知 ${e.notify.join('、')}`,
          `escalation level ${e.level}: notify ${e.notify.join(', ')}`,
          {
            subject,
            timerId: def.id,
            at: toInstant(ms),
          },
        );
      }
    }
    if (calendarMs.length > 0) {
      const basis = calendarBasisTrace(
        trace,
        ctx.calendar,
        localDateOf(Math.min(...calendarMs), ctx.zone),
        localDateOf(Math.max(...calendarMs), ctx.zone),
        { when: 'notable', seen: basisSeen },
      );
      const years = basis.filter((b) => b.kind !== 'data').map((b) => b.year);
      if (years.length > 0) {
        state.provisional = true;
        state.provisionalYears = years;
      }
    }
    const zhStatus = {
      met: '按时完成',
      breached: '已超时',
      running: '计时中',
      paused: '已暂停',
      pending: '未开始',
      cancelled: '已取消',
    }[state.status];
    trace.add(
      def.rule,
      def.clause,
      `${def.title.zh}:${zhStatus},时限 ${due.at}${state.provisional ? `(暂定:${state.provisionalYears?.join('、')}年尚无放假通知)` : ''}${state.lateness ? `,超时 ${state.lateness.units} 个单位(${state.lateness.unit})` : ''}${def.severity === 'soft' && late ? '(建议性时限,仅预警)' : ''}`,
      `${def.title.en}: ${state.status}, due ${due.at}${state.provisional ? ` (provisional: no holiday notice for ${state.provisionalYears?.join(', ')} yet)` : ''}${state.lateness ? `, late by ${state.lateness.units} ${state.lateness.unit}` : ''}${def.severity === 'soft' && late ? ' (soft target: warning only)' : ''}`,
      {
        subject,
        timerId: def.id,
        startedAt: inst.startAt,
        dueAt: due.at,
        stoppedAt: state.stoppedAt ?? null,
        pausedMs,
        ...(state.provisional ? { provisional: true, provisionalYears: state.provisionalYears } : {}),
      },
    );
    if (late && def.severity === 'hard') {
      state.violations = violationsFor(def, subject, state, assignees, anomalies, inst.phase !== 'stopped');
      state.consequences = [...def.consequences];
    }
    out.push(state);
  }
  return out;
}

function violationsFor(
  def: TimerDefinition,
  subject: string,
  state: TimerState,
  assignees: Readonly<Record<string, string>>,
  anomalies: TimerAnomaly[],
  open: boolean | undefined,
): Violation[] {
  if (!def.breach) return [];
  const occurredAt = state.breachedAt ?? state.stoppedAt ?? state.startedAt;
  if (!occurredAt) return [];
  return def.breach.roles.map((role) => {
    const personId = assignees[role];
    if (!personId) anomalies.push({ kind: 'unassigned_role', detail: role });
    const v: Violation = {
      code: def.breach?.code ?? '',
      personId: personId ?? `role:${role}`,
      role,
      occurredAt,
      subject: { kind: 'slaSubject', id: subject },
      source: { module: 'sla', rule: def.rule, clause: def.clause },
      data: {
        timerId: def.id,
        cycle: state.cycle,
        dueAt: state.dueAt ?? null,
        stoppedAt: state.stoppedAt ?? null,
        open: open ?? false,
        ...(state.provisional ? { provisional: true, provisionalYears: state.provisionalYears } : {}),
      },
    };
    if (state.lateness)
      v.lateBy = { unit: state.lateness.unit, units: state.lateness.units, ms: state.lateness.ms };
    return v;
  });
}
