import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as attribution from '@zhidu/attribution';
import * as calendarCn from '@zhidu/calendar-cn';
import * as core from '@zhidu/core';
import { duplicateJsonKey } from '@zhidu/core';
import * as credit from '@zhidu/credit';
import * as penalty from '@zhidu/penalty';
import * as records from '@zhidu/records';
import * as service from '@zhidu/service';
import * as sla from '@zhidu/sla';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { registry } from './index.js';

// Nothing a caller sends to a module is dropped without a word. zod drops two kinds of keys silently:
// an unknown key of an object that is not strict, and an own `__proto__` key of a record
// (`JSON.parse` makes one from `{"__proto__": …}`). This walks each module's policy and input schemas
// to every object and record in them: every object must be strict, and every record must be core's
// `recordOf`, which refuses a `__proto__` key. A record is held to it by parsing a record holding a
// `__proto__` key with it: one that dropped the key reports nothing at that key (not even a wrong
// value), so the test fails for a record made with `z.record` again.

type Def = Record<string, unknown> & { type: string };

/** Every record or object schema reachable from `root`, with the path that led to it. */
function recordsIn(
  root: z.ZodType,
  kind: 'record' | 'object' = 'record',
): { schema: z.ZodType; at: string }[] {
  const found: { schema: z.ZodType; at: string }[] = [];
  const seen = new Set<unknown>();
  const visit = (s: unknown, at: string): void => {
    if (s === undefined || s === null || seen.has(s)) return;
    seen.add(s);
    const def = (s as { _zod?: { def?: Def } })._zod?.def;
    if (def === undefined) return;
    const inner = (k: string, label = k) => visit(def[k], `${at}.${label}`);
    switch (def.type) {
      case 'record':
        if (kind === 'record') found.push({ schema: s as z.ZodType, at });
        inner('valueType', '*');
        return;
      case 'object':
        if (kind === 'object') found.push({ schema: s as z.ZodType, at });
        for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) visit(v, `${at}.${k}`);
        inner('catchall');
        return;
      case 'array':
        inner('element', '[]');
        return;
      case 'tuple':
        for (const [i, v] of (def.items as unknown[]).entries()) visit(v, `${at}[${i}]`);
        inner('rest');
        return;
      case 'union':
        for (const [i, v] of (def.options as unknown[]).entries()) visit(v, `${at}|${i}`);
        return;
      case 'intersection':
        inner('left');
        inner('right');
        return;
      case 'pipe':
        inner('in');
        inner('out');
        return;
      case 'lazy':
        visit((def.getter as () => unknown)(), at);
        return;
      case 'map':
      case 'set':
        inner('keyType');
        inner('valueType');
        return;
      default:
        if ('innerType' in def) visit(def.innerType, at);
    }
  };
  visit(root, '');
  return found;
}

describe('every record of every module refuses a __proto__ key (nothing a caller sends is dropped)', () => {
  const modules = [...registry.values()];
  const all = modules.flatMap((m) =>
    (['policy', 'input'] as const).flatMap((side) =>
      recordsIn(m.schemas[side]).map((r) => ({ ...r, where: `${m.id} ${side}${r.at}` })),
    ),
  );

  it('finds the records: modules of every package have some', () => {
    expect(modules.length).toBeGreaterThan(20);
    const packages = new Set(all.map((r) => r.where.split('.')[0]));
    for (const p of ['attribution', 'credit', 'penalty', 'records', 'service', 'sla'])
      expect(packages).toContain(p);
    expect(all.length).toBeGreaterThan(60);
  });

  it('each reports the key __proto__ of a record that holds one', () => {
    const silent = all.filter(({ schema }) => {
      const r = schema.safeParse(JSON.parse('{"__proto__":0}'));
      // At the key, or (a record keyed by an enumeration) as an unknown key of the record.
      return (
        r.success ||
        !r.error.issues.some(
          (i) =>
            (i.path.length === 1 && i.path[0] === '__proto__') ||
            (i.code === 'unrecognized_keys' && i.path.length === 0 && i.keys.includes('__proto__')),
        )
      );
    });
    expect(silent.map((r) => r.where)).toEqual([]);
  });
});

describe('every object of every module is strict (an unknown key is refused, never dropped)', () => {
  const objects = [...registry.values()].flatMap((m) =>
    (['policy', 'input'] as const).flatMap((side) =>
      recordsIn(m.schemas[side], 'object').map((r) => ({ ...r, where: `${m.id} ${side}${r.at}` })),
    ),
  );

  it('finds the objects', () => {
    expect(objects.length).toBeGreaterThan(1_000);
  });

  it('each has a catchall never: zod then refuses any key it does not declare', () => {
    const loose = objects.filter(
      ({ schema }) =>
        (schema._zod.def as { catchall?: { _zod: { def: { type: string } } } }).catchall?._zod.def.type !==
        'never',
    );
    expect(loose.map((o) => o.where)).toEqual([]);
  });
});

// The schemas the packages export (for functions outside the modules, files such as a holiday notice,
// and callers' own checks) are strict too — all but these, which describe what zhidu returns, not what
// it is given.
const OUTPUT_SCHEMAS: ReadonlySet<string> = new Set([
  'penalty.LedgerSchema', // the ledger assessPenalties returns
  'penalty.LineSchema',
  'penalty.PeriodLedgerSchema',
  'penalty.PersonLedgerSchema',
  'sla.TimerStateSchema', // a timer's state, as the pipeline computes it
  'sla.ServiceRowSchema', // the rows of the shipped 004 service table
]);

describe('every exported input schema of every package is strict', () => {
  const namespaces = { attribution, 'calendar-cn': calendarCn, core, credit, penalty, records, service, sla };
  const exported = Object.entries(namespaces).flatMap(([pkg, ns]) =>
    Object.entries(ns as Record<string, unknown>)
      .filter(([, v]) => typeof v === 'object' && v !== null && '_zod' in v)
      .map(([name, v]) => ({ name: `${pkg}.${name}`, schema: v as z.ZodType })),
  );

  it('finds them, and the outputs left aside are exported schemas', () => {
    expect(exported.length).toBeGreaterThan(150);
    const names = new Set(exported.map((e) => e.name));
    for (const o of OUTPUT_SCHEMAS) expect(names).toContain(o);
  });

  it('each object in each of them refuses an unknown key', () => {
    const loose = exported
      .filter((e) => !OUTPUT_SCHEMAS.has(e.name))
      .flatMap((e) =>
        recordsIn(e.schema, 'object')
          .filter(
            ({ schema }) =>
              (schema._zod.def as { catchall?: { _zod: { def: { type: string } } } }).catchall?._zod.def
                .type !== 'never',
          )
          .map((o) => `${e.name}${o.at}`),
      );
    expect(loose).toEqual([]);
  });
});

describe('no JSON file of the repository writes a key twice in one object', () => {
  it('presets, scenarios, schemas, examples and data files: JSON.parse would keep only the last', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const files = execFileSync('git', ['ls-files', '*.json'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      // Tool configuration (tsconfig, biome, typedoc) may hold comments: JSONC, not JSON data.
      .filter((f) => f !== '' && !f.includes('test/fixtures/scenarios-twice/'))
      .filter((f) => !/(^|\/)(tsconfig[^/]*|biome|typedoc[^/]*)\.json$/.test(f));
    expect(files.length).toBeGreaterThan(300);
    const repeated = files.flatMap((f) => {
      const dup = duplicateJsonKey(readFileSync(`${root}${f}`, 'utf8'));
      return dup === undefined ? [] : [`${f}:${dup.line}:${dup.column} ${dup.path.join('.')}`];
    });
    expect(repeated).toEqual([]);
  });
});
