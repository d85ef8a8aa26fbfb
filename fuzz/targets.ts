// Enumerates what the fuzzer calls: every exported function of every package, the methods of every
// exported plain object (rule modules, calendars, registries…), the static methods and constructors of
// exported classes, and the methods of one in-memory event store. Nothing is listed by hand: a new
// export is fuzzed the day it is added. What is skipped is skipped below with its reason.

/** The packages, in the order their targets are numbered (the order is part of a seed's meaning). */
export const PACKAGES = [
  'core',
  'calendar-cn',
  'attribution',
  'sla',
  'penalty',
  'records',
  'credit',
  'service',
  'modules',
  'store-postgres',
  'cli',
] as const;

export type TargetKind = 'function' | 'method' | 'constructor' | 'store-method';

/** One callable the fuzzer calls. */
export interface Target {
  /** Stable name, e.g. `core.yuan`, `sla.slaTimers.evaluate`, `core.new PolicyHistory`. */
  name: string;
  pkg: string;
  kind: TargetKind;
  /** Declared parameter count (`fn.length`), a hint for how many arguments to pass. */
  arity: number;
}

/** A target as a worker holds it: with the thing to call. */
export interface LiveTarget extends Target {
  call(args: unknown[]): unknown;
  /** Set-up run once before the first timed call (opening the in-memory store). */
  prepare?: () => Promise<void>;
  /** Values {@link release} must not close (the shared in-memory store). */
  shared?: () => readonly unknown[];
}

/**
 * Callables deliberately not fuzzed, by name, and why. Everything else an index exports is.
 */
export const SKIPPED: Readonly<Record<string, string>> = {
  'core.new ZhiduError':
    'the error class itself: constructing one is how zhidu reports refusals, not an input boundary (its arguments come from zhidu code)',
  'attribution.new ZhiduError': 'the same ZhiduError class, re-exported',
  'store-postgres.openStore':
    'opens a PostgreSQL pool at a fuzzed connection string or creates a PGlite directory at a fuzzed path (side effects outside the process); the store it returns is fuzzed through store-postgres.store.* on an in-memory PGlite',
  'store-postgres.new EventStore':
    'needs a live SqlExecutor; the store built by openStore() is fuzzed method by method (store-postgres.store.*)',
  'store-postgres.fromPgPool':
    'wraps a pg.Pool, whose connect() would open sockets to fuzzed hosts; fuzzing a fake pool tests nothing of zhidu',
  'modules.readScenarioFile':
    'reads any path on this machine; its argument checks (type, regular file, size) are tested in packages/modules/src/scenarios.test.ts',
  'modules.runScenarioFile': 'reads any path on this machine (see modules.readScenarioFile)',
  'modules.runScenarios': 'walks and reads any directory on this machine (see modules.readScenarioFile)',
  'modules.findScenarioFiles': 'walks any directory on this machine (a fuzzed "/" would list the whole disk)',
  'modules.parameterCoverage':
    'walks and reads any directory it is given as scenarios (see modules.findScenarioFiles); its argument checks are tested in packages/modules/src/parameter-coverage.test.ts',
  'modules.coverageOfPresets':
    'reruns every scenario under packages/*/scenarios for every perturbation of every bundled preset (minutes, by design); argument checks tested in parameter-coverage.test.ts',
  'modules.coverageOfPresetsInWorkers': 'the same as modules.coverageOfPresets, in worker threads',
  'cli.processIo.readFile':
    'reads any path on this machine (fuzzed paths could read /dev/zero or a FIFO forever)',
};

/**
 * `EventStore.prototype` members that are not its public API (TypeScript's `private` is invisible
 * at run time), and `migrate`, which `openStore` has run (fuzzing it only re-runs DDL).
 */
const STORE_NOT_PUBLIC: Readonly<Record<string, string>> = {
  migrate: 'run by openStore',
  appendOnce: 'private',
  replay: 'private',
  translate: 'private',
  version: 'private',
  readWith: 'private',
};

/**
 * Closes what a fuzzed call opened: a value it returns with a `close()` method (an evaluation pool,
 * whose worker threads start at creation and live until `close()`) is closed right after the call,
 * outside its timing. Left open, every pool a run creates keeps a thread that loads all of zhidu
 * (seed 12 creates 45 pools in `modules.createEvaluationPool`'s 100 cases: 45 threads booting beside
 * the two fuzz workers and living to the end of the run). The shared in-memory store, which the
 * store methods return or use, is never closed here.
 *
 * @param value - what the call returned (awaited)
 * @param keep - values not to close (the shared store)
 * @returns whether something was closed
 * @example
 * await release(createEvaluationPool()); //=> true (its worker thread terminated)
 * await release({ id: 'p' }); //=> false
 */
export async function release(value: unknown, keep: readonly unknown[] = []): Promise<boolean> {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  if (keep.includes(value)) return false;
  let close: unknown;
  try {
    close = (value as { close?: unknown }).close;
  } catch {
    return false;
  }
  if (typeof close !== 'function') return false;
  try {
    await close.call(value);
  } catch {
    // A close() refusing (a fuzzed object's) is not this call's outcome.
  }
  return true;
}

function isClass(fn: unknown): fn is new (...args: unknown[]) => unknown {
  return typeof fn === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(fn));
}

function isZodSchema(value: unknown): boolean {
  // zod schemas throw ZodError from parse() by zod's own contract; zhidu's boundaries wrap them
  // (parseInput). Their methods are zod's API, not zhidu's.
  return typeof value === 'object' && value !== null && '_zod' in value;
}

function methodsOf(obj: object): string[] {
  const names = new Set<string>();
  for (const k of Object.keys(obj)) names.add(k);
  // Methods on a prototype (class instances such as a RulePipeline or a Map-like registry).
  let proto = Object.getPrototypeOf(obj);
  while (proto && proto !== Object.prototype && proto !== Map.prototype && proto !== Array.prototype) {
    for (const k of Object.getOwnPropertyNames(proto)) if (k !== 'constructor') names.add(k);
    proto = Object.getPrototypeOf(proto);
  }
  return [...names].filter((k) => {
    try {
      return typeof (obj as Record<string, unknown>)[k] === 'function';
    } catch {
      return false;
    }
  });
}

/**
 * Every target of one package's namespace, in a stable order.
 *
 * @param pkg - package name without scope, e.g. `core`
 * @param ns - the package's module namespace
 */
export function targetsOf(pkg: string, ns: Record<string, unknown>): LiveTarget[] {
  const out: LiveTarget[] = [];
  for (const key of Object.keys(ns).sort()) {
    const value = ns[key];
    if (isClass(value)) {
      const C = value;
      out.push({
        name: `${pkg}.new ${key}`,
        pkg,
        kind: 'constructor',
        arity: C.length,
        call: (args) => new C(...args),
      });
      for (const m of Object.getOwnPropertyNames(C).sort()) {
        if (['length', 'name', 'prototype'].includes(m)) continue;
        const f = (C as unknown as Record<string, unknown>)[m];
        if (typeof f !== 'function') continue;
        out.push({
          name: `${pkg}.${key}.${m}`,
          pkg,
          kind: 'method',
          arity: f.length,
          call: (args) => (f as (...a: unknown[]) => unknown).apply(C, args),
        });
      }
    } else if (typeof value === 'function') {
      const f = value as (...a: unknown[]) => unknown;
      out.push({ name: `${pkg}.${key}`, pkg, kind: 'function', arity: f.length, call: (args) => f(...args) });
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isZodSchema(value)) {
      for (const m of methodsOf(value).sort()) {
        const f = (value as Record<string, (...a: unknown[]) => unknown>)[m] as (...a: unknown[]) => unknown;
        out.push({
          name: `${pkg}.${key}.${m}`,
          pkg,
          kind: 'method',
          arity: f.length,
          call: (args) => f.apply(value, args),
        });
      }
    }
  }
  return out.filter((t) => SKIPPED[t.name] === undefined);
}

/**
 * Loads every package and lists its targets, the event store's methods last (named from
 * `EventStore.prototype`, called on one in-memory PGlite store that `prepare` opens before the first
 * timed call). Both the runner (for names) and each worker (to call them) build this same list.
 */
export async function loadTargets(): Promise<{ targets: LiveTarget[]; namespaces: Record<string, unknown> }> {
  const namespaces: Record<string, unknown> = {};
  const targets: LiveTarget[] = [];
  for (const pkg of PACKAGES) {
    const ns = (await import(`@zhidu/${pkg}`)) as Record<string, unknown>;
    namespaces[pkg] = ns;
    targets.push(...targetsOf(pkg, ns));
  }
  const sp = namespaces['store-postgres'] as {
    openStore: () => Promise<{ store: object }>;
    EventStore: { prototype: object };
  };
  type Methods = Record<string, (...a: unknown[]) => unknown>;
  let store: Methods | undefined;
  let opening: Promise<void> | undefined;
  const prepare = (): Promise<void> => {
    opening ??= sp.openStore().then((s) => {
      store = s.store as unknown as Methods;
    });
    return opening;
  };
  for (const m of methodsOf(sp.EventStore.prototype)
    .filter((k) => STORE_NOT_PUBLIC[k] === undefined)
    .sort()) {
    targets.push({
      name: `store-postgres.store.${m}`,
      pkg: 'store-postgres',
      kind: 'store-method',
      arity: (sp.EventStore.prototype as Methods)[m]?.length ?? 2,
      prepare,
      shared: () => (store ? [store] : []),
      call: (args) => {
        const s = store as Methods;
        return (s[m] as (...a: unknown[]) => unknown).apply(s, args);
      },
    });
  }
  return { targets, namespaces };
}
