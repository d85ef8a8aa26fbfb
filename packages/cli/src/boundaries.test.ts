// Regressions for the faults `pnpm fuzz --filter cli.` found in the CLI's exported functions: each
// bad argument is a ZhiduError with a code and a path naming it, never a TypeError.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isZhiduError, type ModuleDecision } from '@zhidu/core';
import { getModule } from '@zhidu/modules';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as cli from './index.js';
import {
  buildProgram,
  type CliIo,
  diffJson,
  importCalendarFile,
  loadCalendarFiles,
  type ModuleTarget,
  moduleArg,
  policyFor,
  processIo,
  renderDecision,
} from './index.js';

const cliBin = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** The ZhiduError `fn` throws (or rejects with), or a failed expectation naming what it threw. */
async function refusal(fn: () => unknown): Promise<{ code: string; path: unknown[]; message: string }> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(isZhiduError(caught), `threw ${String((caught as Error)?.name ?? caught)}`).toBe(true);
  return caught as { code: string; path: unknown[]; message: string };
}

const io: CliIo = {
  out: () => {},
  err: () => {},
  readFile: () => {
    throw Object.assign(new Error('no files here'), { code: 'ENOENT' });
  },
  interactive: false,
  env: {},
};

const NOT_IO: unknown[] = [undefined, null, 1, 'io', [], {}, { out: () => {}, err: () => {} }];
const NOT_STRING = [undefined, null, 0, Number.NaN, true, {}, [], Object.create(null)];
const home = mkdtempSync(join(tmpdir(), 'zhidu-cli-boundaries-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('the public API is the program and the functions a script embeds', () => {
  it('exports no internal command-line helper, and no `evaluate` (that name is @zhidu/modules’)', () => {
    expect(Object.keys(cli).sort()).toEqual([
      'DEPRECATED_ALIASES',
      'MAX_INPUT_BYTES',
      'MODULES',
      'buildProgram',
      'calendarHome',
      'diffJson',
      'importCalendarFile',
      'loadCalendarFiles',
      'moduleArg',
      'parseJson',
      'policyFor',
      'processIo',
      'readJson',
      'renderDecision',
      'run',
    ]);
    for (const internal of [
      'evaluate',
      'contextFor',
      'contextOf',
      'calendarFor',
      'policyArgument',
      'resolvePolicy',
      'inputFor',
      'presetNames',
      'provisionalNote',
      'loadRegistry',
    ])
      expect(cli).not.toHaveProperty(internal);
  });
});

describe('buildProgram and processIo refuse what they cannot use', () => {
  it('buildProgram refuses an io without out, err and readFile at io (was a TypeError reading io.env)', async () => {
    for (const bad of NOT_IO) {
      const e = await refusal(() => buildProgram(bad as CliIo));
      expect(e).toMatchObject({ code: 'invalid_input', path: ['io'] });
      expect(e.message).toContain('io has out, err and readFile functions');
    }
    expect(buildProgram(io).name()).toBe('zhidu');
  });

  it('processIo.out and .err refuse a line that is not a string (was "Cannot convert object to primitive value")', async () => {
    for (const write of [processIo.out, processIo.err]) {
      for (const bad of NOT_STRING) {
        const e = await refusal(() => write(bad as string));
        expect(e).toMatchObject({ code: 'invalid_input', path: ['line'] });
      }
    }
  });
});

describe('moduleArg and policyFor refuse a bad io, target or value', () => {
  it('moduleArg refuses a non-CliIo io and a non-string module id', async () => {
    expect(await refusal(() => moduleArg(null as unknown as CliIo, 'sla.timers'))).toMatchObject({
      code: 'invalid_input',
      path: ['io'],
    });
    for (const bad of NOT_STRING) {
      expect(await refusal(() => moduleArg(io, bad as string))).toMatchObject({
        code: 'invalid_input',
        path: ['module'],
      });
    }
  });

  it('policyFor refuses a target that is not a registered module (was "Cannot read properties of undefined (reading \'module\')")', async () => {
    const cases: [unknown, unknown[]][] = [
      [undefined, ['target']],
      [null, ['target']],
      [[], ['target']],
      [{ kind: 'legacy', name: 'timers' }, ['target', 'kind']],
      [{ kind: 'module' }, ['target', 'module']],
      [{ kind: 'module', module: { presetNames: [] } }, ['target', 'module', 'id']],
      [{ kind: 'module', module: { id: 'x.y', presetNames: [1] } }, ['target', 'module', 'presetNames']],
      [{ kind: 'module', module: { id: 'x.y', presetNames: [] } }, ['target', 'module', 'policy']],
      [
        { kind: 'module', module: { id: 'x.y', presetNames: [], policy: () => ({}) } },
        ['target', 'module', 'preset'],
      ],
    ];
    for (const [target, path] of cases) {
      const e = await refusal(() => policyFor(io, target as ModuleTarget & { kind: 'module' }, 'p'));
      expect(e).toMatchObject({ code: 'invalid_input', path });
    }
  });

  it('policyFor refuses a non-CliIo io and a policy that is not a string (was "value.endsWith is not a function")', async () => {
    const target = { kind: 'module' as const, module: getModule('sla.timers') };
    expect(await refusal(() => policyFor(undefined as unknown as CliIo, target, 'dealer-000'))).toMatchObject(
      {
        code: 'invalid_input',
        path: ['io'],
      },
    );
    for (const bad of NOT_STRING) {
      const e = await refusal(() => policyFor(io, target, bad as string));
      expect(e).toMatchObject({ code: 'invalid_input', path: ['policy'] });
    }
    // the valid call is unchanged
    expect(policyFor(io, target, 'sla.timers/construction-000').id).toBe(
      getModule('sla.timers').preset('construction-000').id,
    );
  });
});

/** A minimal module decision with the given result, violations and trace. */
function decision(result: unknown, over: Record<string, unknown> = {}): ModuleDecision<unknown> {
  return {
    value: { result, violations: [] },
    trace: [],
    provenance: {
      module: 'x.demo',
      policy: { id: 'demo', version: '1', hash: 'sha256:00' },
    },
    ...over,
  } as unknown as ModuleDecision<unknown>;
}

describe('renderDecision refuses what is not a module decision', () => {
  it("names the first field that is not a module decision’s (was \"Cannot destructure property 'result' of 'decision.value'\")", async () => {
    const ok = decision({ n: 1 });
    const cases: [unknown, unknown[]][] = [
      [undefined, ['decision']],
      [null, ['decision']],
      [{}, ['decision', 'value']],
      [{ value: { result: 1 } }, ['decision', 'value', 'violations']],
      [{ ...ok, value: { result: 1, violations: [null] } }, ['decision', 'value', 'violations', 0]],
      [
        { ...ok, value: { result: 1, violations: [{ code: 'c', personId: 'p' }] } },
        ['decision', 'value', 'violations', 0, 'source'],
      ],
      [
        {
          ...ok,
          value: { result: 1, violations: [{ code: 'c', personId: {}, source: { rule: 'r' } }] },
        },
        ['decision', 'value', 'violations', 0, 'personId'],
      ],
      [{ ...ok, trace: undefined }, ['decision', 'trace']],
      [{ ...ok, trace: [{ rule: 'r', message: { zh: 'z' } }] }, ['decision', 'trace', 0, 'message', 'en']],
      [{ ...ok, provenance: null }, ['decision', 'provenance']],
      [
        { ...ok, provenance: { module: 'x.demo', policy: { id: 'd', version: 1 } } },
        ['decision', 'provenance', 'policy', 'version'],
      ],
    ];
    for (const [bad, path] of cases) {
      const e = await refusal(() => renderDecision(bad as ModuleDecision<unknown>));
      expect(e).toMatchObject({ code: 'invalid_input', path });
    }
    expect(await refusal(() => renderDecision(ok, null as unknown as { trace?: boolean }))).toMatchObject({
      code: 'invalid_input',
      path: ['options'],
    });
  });

  it('refuses 10^5 junk violations at the first one, in one pass', async () => {
    const junk = decision(1, { value: { result: 1, violations: Array.from({ length: 100_000 }, () => 7) } });
    expect(await refusal(() => renderDecision(junk))).toMatchObject({
      code: 'invalid_input',
      path: ['decision', 'value', 'violations', 0],
    });
  });

  it('refuses a result JSON cannot show (a bigint, a cycle) at decision.value.result', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const result of [10n, cyclic]) {
      expect(await refusal(() => renderDecision(decision(result)))).toMatchObject({
        code: 'invalid_input',
        path: ['decision', 'value', 'result'],
      });
    }
  });

  it('shows a result of a former module’s id but another shape as JSON instead of half-reading it', () => {
    const odd = [{ timerId: Object.create(null), status: 'open' }];
    const lines = renderDecision(
      decision(odd, { provenance: { ...decision(0).provenance, module: 'sla.timers' } }),
    );
    expect(lines.slice(0, 3)).toEqual(['[', '  {', '    "timerId": {},']);
    const ledger = { persons: [{ personId: 'p', periods: [{ period: '2024-03', total: 1.5, lines: [] }] }] };
    const asJson = renderDecision(
      decision(ledger, { provenance: { ...decision(0).provenance, module: 'penalty.ledger' } }),
    );
    expect(asJson[0]).toBe('{');
    expect(asJson).toContain('          "total": 1.5,');
    // the readable form is kept for the shape it was made for
    const good = { persons: [{ personId: 'p', periods: [{ period: '2024-03', total: 5000, lines: [] }] }] };
    expect(
      renderDecision(
        decision(good, { provenance: { ...decision(0).provenance, module: 'penalty.ledger' } }),
      )[0],
    ).toBe('p  2024-03  ¥50.00');
  });
});

describe('the stored calendar files: loadCalendarFiles and importCalendarFile', () => {
  it('refuse a directory that is not a non-empty path string (was "The \\"path\\" argument must be of type string")', async () => {
    for (const bad of [...NOT_STRING, '', 'a\u0000b', 1e308, -0]) {
      expect(await refusal(() => loadCalendarFiles(bad as string))).toMatchObject({
        code: 'invalid_input',
        path: ['dir'],
      });
      expect(await refusal(() => importCalendarFile(bad as string, {}, 'n.json'))).toMatchObject({
        code: 'invalid_input',
        path: ['dir'],
      });
    }
  });

  it('importCalendarFile refuses a file name that is not a string', async () => {
    for (const bad of NOT_STRING) {
      expect(await refusal(() => importCalendarFile(home, {}, bad as string))).toMatchObject({
        code: 'invalid_input',
        path: ['name'],
      });
    }
  });

  it.runIf(process.platform === 'linux')(
    "a home where no directory can be made (under /proc) is refused, not a spin: Node's recursive mkdir loops there",
    () => {
      // In a process of its own, killed after 30 s: the former code never returned (and a loop in
      // this process could not be timed out).
      const file = join(home, 'company-proc.json');
      writeFileSync(file, JSON.stringify({ source: '公司年度停业安排', published: '2030-11-01', days: {} }));
      const r = spawnSync(
        process.execPath,
        ['--conditions=@zhidu/source', '--import', 'tsx', cliBin, 'calendar', 'import', file],
        { env: { ...process.env, ZHIDU_HOME: '/proc/zhidu-nope' }, timeout: 30_000, encoding: 'utf8' },
      );
      expect(r.signal).toBeNull();
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /^error \[invalid_input\]: .*cannot store .* \((ENOENT|EACCES|EPERM|EROFS)\)/m,
      );
      expect(r.stderr).toContain('无法存储');
    },
    60_000,
  );

  it('a file where a directory should be is refused by path and errno, not a raw ENOTDIR', async () => {
    // `blocked` is a file: nothing is stored under it, and nothing can be written there
    const blocked = join(home, 'blocked');
    writeFileSync(blocked, 'not a directory');
    expect(loadCalendarFiles(blocked)).toEqual({ notices: [], companyDays: [] });
    const company = { source: '公司年度停业安排', published: '2030-11-01', days: {} };
    const e = await refusal(() => importCalendarFile(blocked, company, 'company.json'));
    expect(e.code).toBe('invalid_input');
    expect(e.path[0]).toMatch(/blocked[/\\]company[/\\]2030-11-01-[0-9a-f]{8}\.json$/);
    expect(e.message).toMatch(/cannot store .* \((ENOTDIR|EEXIST)\)/);
    expect(e.message).toContain('无法存储');
    // a `notices` entry that is a file, not a directory, cannot be listed
    const stored = mkdtempSync(join(home, 'stored-'));
    writeFileSync(join(stored, 'notices'), '');
    expect(await refusal(() => loadCalendarFiles(stored))).toMatchObject({
      code: 'invalid_input',
      path: [join(stored, 'notices')],
    });
  });
});

/** The former recursive diffJson, the reference for the iterative one on acyclic JSON. */
function reference(
  base: unknown,
  candidate: unknown,
  path = '',
): { path: string; base: unknown; candidate: unknown }[] {
  if (Object.is(base, candidate)) return [];
  const arrays = Array.isArray(base) && Array.isArray(candidate);
  const objects =
    !arrays &&
    base !== null &&
    candidate !== null &&
    typeof base === 'object' &&
    typeof candidate === 'object' &&
    !Array.isArray(base) &&
    !Array.isArray(candidate);
  if (arrays) {
    const a = base as unknown[];
    const b = candidate as unknown[];
    const out = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      out.push(...reference(a[i], b[i], `${path}[${i}]`));
    return out;
  }
  if (objects) {
    const a = base as Record<string, unknown>;
    const b = candidate as Record<string, unknown>;
    const own = (o: Record<string, unknown>, k: string) => (Object.hasOwn(o, k) ? o[k] : undefined);
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => reference(own(a, k), own(b, k), path ? `${path}.${k}` : k));
  }
  return [{ path: path || '(root)', base, candidate }];
}

describe('diffJson walks any JSON without recursion and refuses what is not JSON', () => {
  it('lists the same changes, in the same order, as the former recursive walk (property, seeded)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4 }), (a, b) => {
        expect(diffJson(a, b)).toEqual(reference(a, b));
        expect(diffJson(a, a)).toEqual([]);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('diffs 10^5 levels of nesting without a stack overflow', () => {
    let a: unknown = 1;
    let b: unknown = 2;
    for (let i = 0; i < 100_000; i++) {
      a = [a];
      b = [b];
    }
    const changes = diffJson(a, b);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.path).toBe('[0]'.repeat(100_000));
    expect(changes[0]).toMatchObject({ base: 1, candidate: 2 });
  });

  it('lists 10^5 changed elements of a long array (one frame, no spread of a huge list)', () => {
    const a = Array.from({ length: 100_000 }, (_, i) => i);
    const changes = diffJson([a], [[]]);
    expect(changes).toHaveLength(100_000);
    expect(changes[99_999]).toEqual({ path: '[0][99999]', base: 99_999, candidate: undefined });
  });

  it('refuses a value that contains itself (was a stack overflow) at its side and path', async () => {
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic.self = cyclic;
    expect(await refusal(() => diffJson(cyclic, { n: 1, self: { n: 2, self: {} } }))).toMatchObject({
      code: 'invalid_input',
      path: ['base', 'self'],
    });
    const list: unknown[] = [];
    list.push(list);
    expect(await refusal(() => diffJson([[1]], list))).toMatchObject({
      code: 'invalid_input',
      path: ['candidate', '[0]'],
    });
    // a value shared by both sides, or twice on one side, is not a cycle
    const shared = { x: 1 };
    expect(diffJson({ a: shared, b: shared }, { a: shared, b: { x: 2 } })).toEqual([
      { path: 'b.x', base: 1, candidate: 2 },
    ]);
  });

  it('refuses a cycle inside a value reported whole (the other side has nothing there), which printing then threw on', async () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(await refusal(() => diffJson(cyclic, {}))).toMatchObject({
      code: 'invalid_input',
      path: ['base', 'self'],
    });
    const deep: Record<string, unknown> = { inner: { list: [] as unknown[] } };
    ((deep.inner as { list: unknown[] }).list as unknown[]).push(deep.inner);
    expect(await refusal(() => diffJson({ x: 1 }, { x: 1, added: deep }))).toMatchObject({
      code: 'invalid_input',
      path: ['candidate', 'added'],
    });
    // Shared members of a value reported whole are not a cycle, and the change keeps the value.
    const shared = { n: 1 };
    const whole = { a: shared, b: [shared, shared] };
    expect(diffJson({}, { whole })).toEqual([{ path: 'whole', base: undefined, candidate: whole }]);
    expect(() => JSON.stringify(diffJson({}, { whole }))).not.toThrow();
  });

  it('compares a __proto__ key as an own key, not Object.prototype', () => {
    const a = JSON.parse('{"__proto__": {"x": 1}}');
    expect(diffJson(a, {})).toEqual([{ path: '__proto__', base: { x: 1 }, candidate: undefined }]);
  });

  it('refuses a path that is not a string', async () => {
    for (const bad of [null, 1, {}, Object.create(null)]) {
      expect(await refusal(() => diffJson(1, 2, bad as string))).toMatchObject({
        code: 'invalid_input',
        path: ['path'],
      });
    }
  });
});
