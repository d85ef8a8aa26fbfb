import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { salesOffice001 } from '@zhidu/attribution';
import { openStore } from '@zhidu/store-postgres';
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../test/fake-io.js';
import { diffJson, run } from './index.js';

const milestoneEvents = [
  {
    type: 'mainStructureCompleted',
    subject: 'block-3',
    at: '2024-01-10T12:00:00+08:00',
    assignees: { emcDirector: 'u-emc', pdcDirector: 'u-pdc' },
  },
  { type: 'completionStandardMet', subject: 'block-3', at: '2024-04-12T10:00:00+08:00' },
];

const fields = { name: '李女士', phone: '13900001111' };
const salesLog = {
  staff: [{ id: 'A' }, { id: 'B' }],
  events: [
    {
      type: 'registration',
      at: '2025-03-01T10:05+08:00',
      customerId: 'c-88',
      salespersonId: 'B',
      channel: 'walkIn',
      fields,
    },
  ],
};

describe('zhidu deadline / day', () => {
  it('prints a working-day deadline on the PRC calendar and how late a completion is', async () => {
    const { io, out } = fakeIo();
    const code = await run(
      [
        'deadline',
        '2025-09-30T17:40:00+08:00',
        '3',
        'workingDays',
        '--done',
        '2025-10-13T10:00:00+08:00',
        '--late-unit',
        'workingDays',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(out).toEqual([
      'due 2025-10-11 23:59 (2025-10-11T15:59:59.999Z, inclusive)',
      'late: 1 workingDays',
    ]);
  });

  it('compares with plain Mon–Fri', async () => {
    const { io, out } = fakeIo();
    await run(['deadline', '2025-09-30T17:40:00+08:00', '3', 'workingDays', '--calendar', 'weekdays'], io);
    expect(out[0]).toMatch(/^due 2025-10-03 23:59/);
  });

  it('names a statutory day and counts working days from it', async () => {
    const { io, out } = fakeIo();
    await run(['day', '2025-10-11', '--add', '-3'], io);
    expect(out).toEqual(['2025-10-11: makeUpWorkday (国庆节)', '-3 working days later: 2025-09-30']);
  });

  it('refuses a start without an offset with exit code 2 and the error code', async () => {
    const { io, err } = fakeIo();
    expect(await run(['deadline', '2025-09-30', '3', 'workingDays'], io)).toBe(2);
    expect(err[0]).toMatch(/^error \[invalid_instant\]/);
  });
});

describe('zhidu evaluate', () => {
  it('runs timers from an events file and shows the breach (S000-MILESTONE-01)', async () => {
    const { io, out } = fakeIo({ 'events.json': milestoneEvents });
    const code = await run(
      [
        'evaluate',
        'timers',
        'events.json',
        '--policy',
        'construction-000',
        '--now',
        '2024-06-01T00:00:00+08:00',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(out.find((l) => l.startsWith('M01.completionStandard'))).toBe(
      'M01.completionStandard  @block-3  breached  due 2024-04-09 23:59  late 3 blocks24h',
    );
  });

  it('prices the same violations into a ledger and prints the JSON decision on request', async () => {
    const violations = [
      {
        code: 'records.handover.late',
        personId: 'sc-wang',
        role: 'salesConsultant',
        occurredAt: '2024-03-07T23:59:59+08:00',
        lateBy: { unit: 'workingDays', units: 2 },
        source: { module: '@zhidu/records', rule: 'S000-ARCHIVE-07' },
      },
    ];
    const { io, out } = fakeIo({ 'v.json': violations });
    await run(
      [
        'evaluate',
        'penalties',
        'v.json',
        '--policy',
        'dealerFile',
        '--now',
        '2024-03-31T18:00:00+08:00',
        '--json',
      ],
      io,
    );
    const decision = JSON.parse(out.join('\n'));
    // `penalties` is now the deprecated alias of penalty.ledger: the decision is the module's
    // { result, violations } with its provenance.
    expect(decision.value.result.persons[0].personId).toBe('sc-wang');
    expect(decision.value.result.persons[0].periods[0].total).toBe(5000);
    expect(decision.value.violations).toEqual([]);
    expect(decision.provenance.module).toBe('penalty.ledger');
    expect(decision.trace.length).toBeGreaterThan(0);
  });

  it('resolves ownership per customer with the trace (S001-ATTR-11)', async () => {
    const { io, out } = fakeIo({ 'log.json': salesLog });
    await run(
      [
        'evaluate',
        'ownership',
        'log.json',
        '--policy',
        'salesOffice001',
        '--now',
        '2025-03-02T09:00:00+08:00',
        '--trace',
      ],
      io,
    );
    expect(out[0]).toBe('c-88: owner B (registration), protected until 2025-05-01 00:00');
    expect(out.some((l) => l.includes('S001-ATTR-11'))).toBe(true);
  });

  it('refuses an unknown module, an unknown preset, a missing file and malformed JSON', async () => {
    for (const [args, code] of [
      // Module names are registry ids now: an unknown one is an unknown reference (with a suggestion).
      [['evaluate', 'nope', 'x.json', '--policy', 'p', '--now', '2025-01-01T00:00:00Z'], 'unknown_reference'],
      [
        ['evaluate', 'timers', 'e.json', '--policy', 'nope', '--now', '2025-01-01T00:00:00Z'],
        'unknown_reference',
      ],
      [
        ['evaluate', 'timers', 'missing.json', '--policy', 'gps-000', '--now', '2025-01-01T00:00:00Z'],
        'invalid_input',
      ],
      [
        ['evaluate', 'timers', 'bad.json', '--policy', 'gps-000', '--now', '2025-01-01T00:00:00Z'],
        'invalid_input',
      ],
      [
        ['evaluate', 'timers', 'obj.json', '--policy', 'gps-000', '--now', '2025-01-01T00:00:00Z'],
        'invalid_input',
      ],
    ] as const) {
      const { io, err } = fakeIo({ 'e.json': [], 'bad.json': '{not json', 'obj.json': { events: [] } });
      expect(await run([...args], io)).toBe(2);
      // err.at(-1): a former module name (timers) now prints its deprecation notice first.
      expect(err.at(-1)).toContain(`[${code}]`);
    }
  });
});

describe('zhidu diff', () => {
  it('shows what shortening protection from 2 months to 45 days would change', async () => {
    const candidate = {
      ...salesOffice001,
      version: 'proposal',
      params: {
        ...salesOffice001.params,
        protection: { ...salesOffice001.params.protection, default: { unit: 'days', amount: 45 } },
      },
    };
    const { io, out } = fakeIo({ 'log.json': salesLog, 'candidate.json': candidate });
    await run(
      [
        'diff',
        'ownership',
        'log.json',
        '--base',
        'salesOffice001',
        '--candidate',
        'candidate.json',
        '--now',
        '2025-03-02T09:00:00+08:00',
      ],
      io,
    );
    // The diff covers the module's whole outcome ({ result, violations }), so paths start at result.
    expect(out).toEqual([
      'result.customers.c-88.protectedUntil: "2025-04-30T16:00:00.000Z" → "2025-04-14T16:00:00.000Z"',
    ]);
  });

  it('compares the rules, not their dates: a candidate taking effect after the input is tried on it as if in force', async () => {
    const candidate = {
      ...salesOffice001,
      version: 'proposal',
      effectiveFrom: '2027-01-01',
      params: {
        ...salesOffice001.params,
        protection: { ...salesOffice001.params.protection, default: { unit: 'days', amount: 45 } },
      },
    };
    // The former name and the module id, each with its own preset name.
    for (const [name, base] of [
      ['ownership', 'salesOffice001'],
      ['attribution.ownership-batch', 'sales-office-001'],
    ] as const) {
      const { io, out, err } = fakeIo({ 'log.json': salesLog, 'candidate.json': candidate });
      await run(
        [
          'diff',
          name,
          '--input',
          'log.json',
          '--base',
          base,
          '--candidate',
          'candidate.json',
          '--now',
          '2025-03-02T09:00:00+08:00',
        ],
        io,
      );
      expect(
        err.filter((l) => !l.startsWith('notice:')),
        name,
      ).toEqual([]);
      expect(out, name).toEqual([
        'result.customers.c-88.protectedUntil: "2025-04-30T16:00:00.000Z" → "2025-04-14T16:00:00.000Z"',
      ]);
    }
  });

  it('says so when nothing changes', async () => {
    const { io, out, err } = fakeIo({ 'log.json': salesLog });
    await run(
      [
        'diff',
        'ownership',
        'log.json',
        '--base',
        'salesOffice001',
        '--candidate',
        'salesOffice001',
        '--now',
        '2025-03-02T09:00:00+08:00',
      ],
      io,
    );
    expect(err.filter((l) => !l.startsWith('notice:'))).toEqual([]);
    expect(out).toEqual(['no difference']);
  });

  it('diffs JSON leaf by leaf', () => {
    expect(diffJson({ a: [1, 2], b: { c: 'x' } }, { a: [1, 3, 4], b: {} })).toEqual([
      { path: 'a[1]', base: 2, candidate: 3 },
      { path: 'a[2]', base: undefined, candidate: 4 },
      { path: 'b.c', base: 'x', candidate: undefined },
    ]);
  });
});

describe('zhidu schema / presets / scenario', () => {
  it('prints a policy JSON Schema', async () => {
    const { io, out } = fakeIo();
    await run(['schema', 'penalties'], io);
    expect(JSON.parse(out.join('\n'))).toHaveProperty('type', 'object');
  });

  it('lists every preset of the registry in the one <module-id>/<preset> form', async () => {
    const { io, out } = fakeIo();
    await run(['presets'], io);
    // One preset per line, named as the registry names it (was one line of names per CLI module).
    expect(out).toContain('penalty.ledger/dealer-file');
    expect(out).toContain('attribution.ownership/sales-office-001');
    for (const line of out)
      expect(line).toMatch(/^[a-z][a-z0-9-]*\.[a-z][a-zA-Z0-9-]*\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('runs scenario files of any module in the one format and fails the run when expectations are not met', async () => {
    const scenario = {
      name: 'completion standard missed',
      rules: ['S000-MILESTONE-01'],
      module: 'sla.timers',
      preset: 'construction-000',
      context: { now: '2024-06-01T00:00:00+08:00' },
      input: { events: milestoneEvents },
      expected: {
        result: {
          $contains: [
            {
              timerId: 'M01.completionStandard',
              subject: 'block-3',
              status: 'breached',
              lateness: { units: 3 },
            },
          ],
        },
      },
    };
    const wrong = {
      ...scenario,
      expected: { result: { $contains: [{ timerId: 'M01.completionStandard', status: 'met' }] } },
    };
    const ok = fakeIo({ 's.scenario.json': scenario });
    expect(await run(['scenario', 's.scenario.json'], ok.io)).toBe(0);
    expect(ok.out).toEqual([
      '✓ sla.timers  completion standard missed  (s.scenario.json)',
      '1 passed, 0 failed',
    ]);
    const bad = fakeIo({ 's.scenario.json': wrong });
    expect(await run(['scenario', 's.scenario.json'], bad.io)).toBe(1);
    expect(bad.out.join('\n')).toContain('no element matches');
    expect(bad.out.at(-1)).toBe('0 passed, 1 failed');
    expect(bad.err).toEqual(['error [scenario_failed]: 1 个场景未通过 / 1 scenario(s) failed']);
  });

  it('reports a scenario naming an unknown module, with the file, and goes on', async () => {
    const good = {
      name: 'a penalty ledger scenario',
      rules: ['S000-MILESTONE-01'],
      module: 'sla.timerz',
      preset: 'construction-000',
      context: { now: '2024-06-01T00:00:00+08:00' },
      input: { events: [] },
      expected: { result: {} },
    };
    const { io, out } = fakeIo({ 'a.scenario.json': good });
    expect(await run(['scenario', 'a.scenario.json'], io)).toBe(1);
    expect(out.join('\n')).toContain('a.scenario.json');
    expect(out.join('\n')).toContain('did you mean sla.timers');
  });
});

describe('zhidu replay', () => {
  it('evaluates every stream of a PGlite store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhidu-replay-'));
    try {
      const { store, close } = await openStore({ dataDir: dir });
      await store.append(
        'project:block-3',
        milestoneEvents.map(({ type, at, ...payload }) => ({ type, occurredAt: at, payload })),
      );
      await close();
      const { io, out } = fakeIo();
      const code = await run(
        [
          'replay',
          'timers',
          '--policy',
          'construction-000',
          '--now',
          '2024-06-01T00:00:00+08:00',
          '--data-dir',
          dir,
        ],
        io,
      );
      expect(code).toBe(0);
      expect(out[0]).toBe('== project:block-3');
      expect(out).toContain(
        'M01.completionStandard  @block-3  breached  due 2024-04-09 23:59  late 3 blocks24h',
      );
      expect(out.at(-1)).toBe('1 stream(s) replayed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Two embedded PostgreSQL start-ups: generous on a busy machine.
  }, 120_000);
});
