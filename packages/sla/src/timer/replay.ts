import type { Instant } from '@zhidu/core';
import { type Attributes, matchesAll } from '../conditions.js';
import type { ParsedEvent } from '../events.js';
import type { EventMatcher, TimerDefinition } from './definition.js';
import type { TimerAnomaly } from './state.js';

/** Where one timer instance stands after replaying its subject's events. */
export type Phase = 'pending' | 'running' | 'paused' | 'stopped' | 'cancelled';

/** One timer instance (one cycle) as the replay leaves it; the evaluation turns it into a state. */
export interface Instance {
  cycle: number;
  phase: Phase;
  startMatched: Set<number>;
  stopMatched: Set<number>;
  startMs?: number;
  startAt?: Instant;
  stopMs?: number;
  stopAt?: Instant;
  stopAttributes?: Attributes;
  pausedMs: number;
  pausedSinceMs?: number;
  extensions: { ms: number; at: Instant; newDue: string; mustPrecedeDue: boolean }[];
  anomalies: TimerAnomaly[];
}

function matches(matchers: readonly EventMatcher[], event: ParsedEvent, attributes: Attributes): number {
  for (let i = 0; i < matchers.length; i++) {
    const m = matchers[i];
    if (m && m.type === event.type && matchesAll(m.when, attributes)) return i;
  }
  return -1;
}

/**
 * Replays one subject's events through one timer definition and returns its instances.
 * Pauses extend the due time by the paused wall-clock time (ServiceNow "pause" semantics, and
 * 000 L465 "48小时内(不含对数时间)"), so adding a pause can never bring a due time forward.
 *
 * @param def - the timer definition
 * @param events - the subject's events, in time order
 * @param attributesAt - the subject's accumulated attributes after each event
 * @returns the instances (cycles) with their phase, start/stop instants, pauses, extensions and anomalies
 * @example
 * replay(def, subjectEvents, attributesAt)[0]?.phase; //=> 'stopped'
 */
export function replay(
  def: TimerDefinition,
  events: readonly ParsedEvent[],
  attributesAt: readonly Attributes[],
): Instance[] {
  const instances: Instance[] = [];
  let current: Instance | undefined;
  // A plain loop with no closure per event (issue 21: a log of 10^4 subjects replays each timer's
  // events once; a closure per event cost more than the replay itself).
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as ParsedEvent;
    const attrs = attributesAt[i] ?? {};
    const active = current !== undefined && (current.phase === 'running' || current.phase === 'paused');
    if (matches(def.cancel, event, attrs) >= 0 && current && (active || current.phase === 'pending')) {
      if (current.phase === 'paused' && current.pausedSinceMs !== undefined)
        current.pausedMs += event.ms - current.pausedSinceMs;
      current.phase = 'cancelled';
      current.stopMs = event.ms;
      current.stopAt = event.at;
      continue;
    }
    if (matches(def.reset, event, attrs) >= 0) {
      if (current && active) {
        current.phase = 'running';
        current.startMs = event.ms;
        current.startAt = event.at;
        current.pausedMs = 0;
        current.pausedSinceMs = undefined;
      } else current = note(instances, current, event, 'reset_while_not_running');
      continue;
    }
    const ext = extensionOf(def.extend, event.type);
    if (ext && current && active) {
      const newDue = event.attributes?.[ext.attribute];
      if (typeof newDue === 'string')
        current.extensions.push({ ms: event.ms, at: event.at, newDue, mustPrecedeDue: ext.mustPrecedeDue });
      continue;
    }
    const stopIndex = matches(def.stop, event, attrs);
    if (stopIndex >= 0) {
      if (current && active) {
        // stopMode 'all': every listed event must have happened ("both documents obtained").
        current.stopMatched.add(stopIndex);
        if (def.stopMode === 'all' && current.stopMatched.size < def.stop.length) continue;
        if (current.phase === 'paused' && current.pausedSinceMs !== undefined) {
          current.pausedMs += event.ms - current.pausedSinceMs;
          current.pausedSinceMs = undefined;
        }
        current.phase = 'stopped';
        current.stopMs = event.ms;
        current.stopAt = event.at;
        current.stopAttributes = attrs;
      } else if (!current || current.phase === 'pending')
        current = note(instances, current, event, 'stop_before_start');
      else if (current.phase === 'stopped')
        current = note(instances, current, event, 'stop_after_completion');
      continue;
    }
    if (matches(def.pause, event, attrs) >= 0) {
      if (current && current.phase === 'running') {
        current.phase = 'paused';
        current.pausedSinceMs = event.ms;
      } else current = note(instances, current, event, 'pause_while_not_running');
      continue;
    }
    if (matches(def.resume, event, attrs) >= 0) {
      if (current && current.phase === 'paused' && current.pausedSinceMs !== undefined) {
        current.pausedMs += event.ms - current.pausedSinceMs;
        current.pausedSinceMs = undefined;
        current.phase = 'running';
      } else current = note(instances, current, event, 'resume_while_not_paused');
      continue;
    }
    const s = matches(def.start, event, attrs);
    if (s >= 0) {
      if (current && active) {
        current = note(instances, current, event, 'start_while_running');
        continue;
      }
      if (current && (current.phase === 'stopped' || current.phase === 'cancelled')) {
        if (!def.repeat) {
          current = note(instances, current, event, 'start_after_completion');
          continue;
        }
        current = undefined;
      }
      if (!current) {
        current = fresh(instances.length);
        instances.push(current);
      }
      current.startMatched.add(s);
      if (def.startMode === 'any' || current.startMatched.size === def.start.length) {
        current.phase = 'running';
        current.startMs = event.ms;
        current.startAt = event.at;
      }
      continue;
    }
    if (matches(def.open, event, attrs) >= 0 && !current) {
      current = fresh(instances.length);
      instances.push(current);
    }
  }
  return instances;
}

/** A new, pending instance: the `cycle`-th of its subject. */
function fresh(cycle: number): Instance {
  return {
    cycle,
    phase: 'pending',
    startMatched: new Set(),
    stopMatched: new Set(),
    pausedMs: 0,
    extensions: [],
    anomalies: [],
  };
}

/**
 * Notes an event that cannot apply on the current instance (opening a pending one when there is
 * none) and returns the instance it was noted on.
 */
function note(
  instances: Instance[],
  current: Instance | undefined,
  event: ParsedEvent,
  kind: TimerAnomaly['kind'],
): Instance {
  const target = current ?? fresh(instances.length);
  if (!current) instances.push(target);
  target.anomalies.push({ kind, at: event.at, eventIndex: event.index, detail: event.type });
  return target;
}

/** The first extension matcher of an event type. */
function extensionOf(
  extend: TimerDefinition['extend'],
  type: string,
): TimerDefinition['extend'][number] | undefined {
  for (let i = 0; i < extend.length; i++) if ((extend[i] as { type: string }).type === type) return extend[i];
  return undefined;
}
