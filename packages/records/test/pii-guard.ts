import { type Decision, Trace, type TraceEntry, ZhiduError } from '@zhidu/core';
import { afterAll, expect } from 'vitest';
import { findPii } from '../src/masking.js';
import * as modules from '../src/modules.js';

/**
 * PII guard for the records tests. Every records test file imports it first; it records every
 * `ZhiduError` constructed (thrown or caught), every trace entry added, every violation inside a
 * decision, and every decision a records module returns (its trace entries and its violations:
 * the modules' fast and general paths build their traces as arrays, not through `Trace.add`), and
 * after the file's tests fails if any of them holds a phone, landline, ID-card or bank number in
 * clear (as {@link findPii} recognises them).
 */

type Collected = { errors: ZhiduError[]; entries: TraceEntry[]; values: unknown[] };

const GUARD = Symbol.for('zhidu.records.piiGuard');
type Patched = { [GUARD]?: Collected };

function install(): Collected {
  const proto = Trace.prototype as Trace & Patched;
  const existing = proto[GUARD];
  if (existing) return existing;
  const collected: Collected = { errors: [], entries: [], values: [] };
  proto[GUARD] = collected;
  const add = Trace.prototype.add;
  Trace.prototype.add = function (this: Trace, ...args: Parameters<Trace['add']>) {
    const out = add.apply(this, args);
    const entry = this.entries.at(-1);
    if (entry) collected.entries.push(entry);
    return out;
  };
  const decide = Trace.prototype.decide;
  Trace.prototype.decide = function <T>(this: Trace, value: T): Decision<T> {
    collected.values.push(value);
    return decide.call(this, value) as Decision<T>;
  };
  // Every records module's decisions: its `evaluate` (the fast path, the general path and a
  // history answer through it; a batch's files after its first are assembled without it, and the
  // named checks' repeated calls may be too) records the trace and the value it returns.
  for (const m of Object.values(modules) as unknown[]) {
    if (m === null || typeof m !== 'object') continue;
    const mod = m as { id?: unknown; evaluate?: unknown };
    const evaluate = mod.evaluate;
    if (typeof mod.id !== 'string' || !mod.id.startsWith('records.') || typeof evaluate !== 'function')
      continue;
    mod.evaluate = function (this: unknown, ...args: unknown[]) {
      const d = evaluate.apply(this, args) as { value: unknown; trace: readonly TraceEntry[] };
      for (const entry of d.trace) collected.entries.push(entry);
      collected.values.push(d.value);
      return d;
    };
  }
  // ZhiduError calls super(message): put a recording class between it and Error.
  class Recording extends Error {
    constructor(message?: string, options?: ErrorOptions) {
      super(message, options);
      collected.errors.push(this as unknown as ZhiduError);
    }
  }
  Object.setPrototypeOf(Recording, Object.getPrototypeOf(ZhiduError));
  Object.setPrototypeOf(Recording.prototype, Object.getPrototypeOf(ZhiduError.prototype));
  Object.setPrototypeOf(ZhiduError, Recording);
  Object.setPrototypeOf(ZhiduError.prototype, Recording.prototype);
  return collected;
}

const collected = install();

/** Violations anywhere inside a decision value: objects with a `code` and a `source.module`. */
function violations(value: unknown, out: unknown[] = [], depth = 0): unknown[] {
  if (value === null || typeof value !== 'object' || depth > 8) return out;
  if (Array.isArray(value)) {
    for (const v of value) violations(v, out, depth + 1);
    return out;
  }
  const o = value as Record<string, unknown>;
  const source = o.source as { module?: unknown } | undefined;
  if (typeof o.code === 'string' && typeof source?.module === 'string') out.push(value);
  for (const v of Object.values(o)) violations(v, out, depth + 1);
  return out;
}

/** What the guard has seen so far, as texts to scan. */
export function observed(): { errors: number; entries: number; violations: number } {
  return {
    errors: collected.errors.length,
    entries: collected.entries.length,
    violations: collected.values.flatMap((v) => violations(v)).length,
  };
}

/** Every error message, trace entry and violation seen so far that holds a number in clear. */
export function leaks(): string[] {
  const texts: string[] = [
    ...collected.errors.map((e) => `error: ${e.message} ${JSON.stringify(e.details) ?? ''}`),
    ...collected.entries.map(
      (t) => `trace ${t.rule}: ${t.message.zh} | ${t.message.en} | ${JSON.stringify(t.data) ?? ''}`,
    ),
    ...collected.values.flatMap((v) => violations(v)).map((v) => `violation: ${JSON.stringify(v)}`),
  ];
  return texts.filter((t) => findPii(t).length > 0);
}

/** Forgets what was seen (for the guard's own test, which plants leaks on purpose). */
export function forget(): void {
  collected.errors.length = 0;
  collected.entries.length = 0;
  collected.values.length = 0;
}

afterAll(() => {
  expect(leaks(), 'error messages, traces and violations must not hold a number in clear').toEqual([]);
});
