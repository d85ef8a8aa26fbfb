import { getPreset } from '@zhidu/modules';
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../test/fake-io.js';
import { run } from './index.js';

const scenario = new URL('../../sla/scenarios/retail-000/seven-day-close.scenario.json', import.meta.url)
  .pathname;

type CoverageJson = {
  policies: {
    id: string;
    parameters: { path: string; rule: string | null; kind: string; pinned: boolean; escaped: string[] }[];
  }[];
  pinned: number;
  total: number;
  percent: number;
  inert: number;
  byKind: Record<string, { pinned: number; total: number; percent: number }>;
  ms: number;
};

describe('zhidu coverage', () => {
  it('exit 0: prints the table of a preset with pinned and NOT pinned parameters and the totals', async () => {
    const { io, out, err } = fakeIo();
    const code = await run(['coverage', 'sla.timers/retail-000', scenario], io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/\/params\/timers\/0\/target\/spec\s+S000-COMPLAINT-17\s+duration\s+pinned/);
    expect(text).toMatch(
      /\/params\/recurring\/0\/due\/day\s+S000-COMPLAINT-18\s+count\s+NOT pinned \(escaped: .*-1/,
    );
    expect(text).toMatch(/^total: \d+\/\d+ parameters pinned \(\d+\.\d%\) over 1 policy/m);
    expect(text).toMatch(/^run time: \d+ ms$/m);
  });

  it('--json prints { policies: [{ id, parameters }], pinned, total, percent, ms }', async () => {
    const { io, out } = fakeIo();
    const code = await run(['coverage', 'sla.timers/retail-000', scenario, '--json'], io);
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n')) as CoverageJson;
    expect(json.policies).toHaveLength(1);
    expect(json.policies[0]?.id).toBe(getPreset('sla.timers/retail-000').id);
    const spec = json.policies[0]?.parameters.find((p) => p.path === '/params/timers/0/target/spec');
    expect(spec).toEqual({
      path: '/params/timers/0/target/spec',
      rule: 'S000-COMPLAINT-17',
      kind: 'duration',
      pinned: true,
      escaped: [],
    });
    expect(json.pinned).toBe(json.policies[0]?.parameters.filter((p) => p.pinned).length);
    expect(json.percent).toBe(Math.floor((json.pinned / json.total) * 1000) / 10);
    expect(typeof json.ms).toBe('number');
  });

  it('a variant inherits the scenarios of its base (same policy id): counted in the table and in --json', async () => {
    const dir = new URL('../../sla/scenarios', import.meta.url).pathname;
    const args = [
      'coverage',
      'sla.timers/conference-marketing-001-calendar-days',
      `${dir}/conference-marketing-001`,
      `${dir}/conference-marketing-001-calendar-days`,
    ];
    const table = fakeIo();
    expect(await run(args, table.io)).toBe(0);
    const inheritedLine = table.out.find((l) => l.includes('inherited'));
    // Scenarios whose answer the variant changes (a calendar-day reading of a working-day limit) are left out.
    expect(inheritedLine).toMatch(
      /inherited (\d+) scenario\(s\) of the policies with id zhidu\.sla\.conference-marketing-001, (\d+) left out/,
    );
    const inheritedCount = Number(/inherited (\d+)/.exec(inheritedLine ?? '')?.[1]);
    const leftOut = Number(/(\d+) left out/.exec(inheritedLine ?? '')?.[1]);
    expect(inheritedCount).toBeGreaterThanOrEqual(4);
    const { io, out } = fakeIo();
    expect(await run([...args, '--json'], io)).toBe(0);
    const json = JSON.parse(out.join('\n')) as {
      policies: { scenarios: number; inherited: { scenarios: number; leftOut: unknown[] } }[];
    };
    expect(json.policies[0]?.inherited.scenarios).toBe(inheritedCount);
    expect(json.policies[0]?.inherited.leftOut).toHaveLength(leftOut);
    // Its own scenario(s) and the inherited ones.
    expect(json.policies[0]?.scenarios).toBeGreaterThan(inheritedCount - leftOut);
  }, 60_000);

  it('exit 1 with one error line when the pinned percentage is under --min', async () => {
    const { io, err } = fakeIo();
    const code = await run(['coverage', 'sla.timers/retail-000', scenario, '--min', '100'], io);
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^error \[scenario_failed\]: .*under --min 100%/);
    const ok = fakeIo();
    expect(await run(['coverage', 'sla.timers/retail-000', scenario, '--min', '1'], ok.io)).toBe(0);
  });

  it('--kind duration,count,enum: only those kinds are perturbed, listed and totalled (table and --json byKind)', async () => {
    const args = ['coverage', 'sla.timers/retail-000', scenario, '--kind', 'duration,count,enum'];
    const { io, out } = fakeIo();
    expect(await run([...args, '--json'], io)).toBe(0);
    const json = JSON.parse(out.join('\n')) as CoverageJson;
    const kinds = new Set(json.policies[0]?.parameters.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['count', 'duration', 'enum']);
    // The seven-day limit is pinned; the monthly statistics day (S000-COMPLAINT-18) is not.
    expect(json.byKind.duration).toEqual({ pinned: 1, total: 1, percent: 100 });
    expect(json.byKind.count).toEqual({ pinned: 0, total: 1, percent: 0 });
    expect(Object.keys(json.byKind)).toEqual(['duration', 'count', 'enum']);
    const enums = json.policies[0]?.parameters.filter((p) => p.kind === 'enum' && !('inert' in p)) ?? [];
    expect(json.byKind.enum?.total).toBe(enums.length);
    expect(json.byKind.enum?.pinned).toBe(enums.filter((p) => p.pinned).length);
    expect(json.total).toBe(2 + enums.length);
    // Every kind: the role lists and switches are there too.
    const every = fakeIo();
    expect(await run(['coverage', 'sla.timers/retail-000', scenario, '--json'], every.io)).toBe(0);
    const all = JSON.parse(every.out.join('\n')) as CoverageJson;
    expect(Object.keys(all.byKind)).toEqual(
      expect.arrayContaining(['duration', 'count', 'enum', 'list', 'boolean']),
    );
    expect(all.total).toBeGreaterThan(json.total);
    // The table lists the kinds asked and their totals only.
    const table = fakeIo();
    expect(await run(args, table.io)).toBe(0);
    expect(
      table.out.filter((l) => /^ {3}\/params\//.test(l)).every((l) => /\s(duration|count|enum)\s/.test(l)),
    ).toBe(true);
    expect(table.out).toContain('  duration  1/1 (100.0%)');
    expect(table.out).toContain('  count     0/1 (0.0%)');
    expect(table.out.some((l) => /^ {2}list /.test(l))).toBe(false);
  });

  it('--min-kind: exit 0 when every named kind is at its minimum; exit 1 with one error line per kind under it', async () => {
    const base = ['coverage', 'sla.timers/retail-000', scenario];
    const ok = fakeIo();
    expect(await run([...base, '--min-kind', 'duration=100,count=0'], ok.io)).toBe(0);
    expect(ok.err).toEqual([]);
    // Repeatable and comma-separated alike; --min still applies beside it.
    const { io, err } = fakeIo();
    const code = await run(
      [
        ...base,
        '--kind',
        'duration,count,enum',
        '--min-kind',
        'duration=100,count=100',
        '--min-kind',
        'enum=100',
      ],
      io,
    );
    expect(code).toBe(1);
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(
      /^error \[scenario_failed\]: count 参数 0\/1（0%）.* \/ count: 0\/1 \(0%\) pinned, under --min-kind count=100%$/,
    );
    expect(err[1]).toMatch(
      /^error \[scenario_failed\]: enum .* \/ enum: \d+\/\d+ \(\d+(\.\d)?%\) pinned, under --min-kind enum=100%$/,
    );
    expect(err.some((l) => l.includes('duration'))).toBe(false);
    const both = fakeIo();
    expect(await run([...base, '--kind', 'count', '--min', '50', '--min-kind', 'count=1'], both.io)).toBe(1);
    expect(both.err).toHaveLength(2);
    expect(both.err[0]).toMatch(/under --min 50%$/);
    expect(both.err[1]).toMatch(/count: 0\/1 \(0%\) pinned, under --min-kind count=1%$/);
    // A kind with no parameter under the policy counts nothing: 0/0 is 100 %, as the totals count it.
    const none = fakeIo();
    expect(await run([...base, '--min-kind', 'money=100'], none.io)).toBe(0);
  });

  it('exit 2 with one bilingual error line for bad --kind and --min-kind values', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--kind', 'colour'],
        /--kind 须为.*未知.*"colour" \/ --kind is a comma-separated list of parameter kinds \(money, duration, count, threshold, ratio, time, enum, boolean, list\); unknown: "colour"/,
      ],
      [['--kind', 'money,'], /unknown: ""/],
      [['--kind', 'Money'], /unknown: "Money"/],
      [['--min-kind', 'money'], /--min-kind is <kind>=<percent>\[,…\]; "money": missing '='/],
      [['--min-kind', 'money=101'], /"money=101": the minimum is a percentage from 0 to 100/],
      [['--min-kind', 'money=-1'], /"money=-1": the minimum is a percentage from 0 to 100/],
      [['--min-kind', 'money=abc'], /the minimum is a percentage from 0 to 100/],
      [['--min-kind', 'money='], /the minimum is a percentage from 0 to 100/],
      [
        ['--min-kind', 'colour=5'],
        /"colour=5": unknown parameter kind "colour"; the kinds are money, duration, count, threshold, ratio, time, enum, boolean, list/,
      ],
      [['--min-kind', 'money=100,,enum=90'], /"": missing '='/],
      [
        ['--kind', 'money', '--min-kind', 'enum=90'],
        /--min-kind names enum, not among --kind money: nothing would be measured/,
      ],
    ];
    for (const [flags, message] of cases) {
      const { io, err, out } = fakeIo();
      const code = await run(['coverage', 'sla.timers/retail-000', scenario, ...flags], io);
      expect([flags.join(' '), code]).toEqual([flags.join(' '), 2]);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(/^error \[invalid_input\]: /);
      expect(err[0]).toMatch(message);
      // The path names the flag.
      expect(err[0]).toMatch(flags.includes('--min-kind') ? / \(at min-kind\)$/ : / \(at kind\)$/);
      // Refused before any run: nothing printed.
      expect(out).toEqual([]);
    }
    // With --all as well: refused before any preset runs.
    const all = fakeIo();
    expect(await run(['coverage', '--all', '--kind', 'enums', '--workers', '2'], all.io)).toBe(2);
    expect(all.err).toEqual([
      expect.stringMatching(/^error \[invalid_input\]: .*unknown: "enums" \(at kind\)$/),
    ]);
  });

  it('exit 2 with one bilingual error line for bad arguments', async () => {
    const cases: [string[], string][] = [
      [['coverage'], 'invalid_input'],
      [['coverage', 'sla.timers/retail-000'], 'invalid_input'],
      [['coverage', 'sla.timers/retail-000', scenario, '--min', 'abc'], 'invalid_input'],
      [['coverage', 'sla.timers/retail-000', scenario, '--min', '120'], 'invalid_input'],
      [['coverage', 'sla.timers/retail-000', scenario, '--sample', '3'], 'invalid_input'],
      [['coverage', '--all', 'sla.timers/retail-000'], 'invalid_input'],
      [['coverage', '--all', '--sample', '-1'], 'invalid_input'],
      [['coverage', '--all', '--sample', '2', '--seed', 'x'], 'invalid_input'],
      [['coverage', 'sla.timers/retail-999', scenario], 'unknown_reference'],
      [['coverage', 'sla.timers/retail-000', '/no/such/dir'], 'unknown_reference'],
      [['coverage', 'missing.json', scenario], 'invalid_input'],
    ];
    for (const [args, codeName] of cases) {
      const { io, err } = fakeIo();
      const code = await run(args, io);
      expect([args.join(' '), code]).toEqual([args.join(' '), 2]);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(new RegExp(`^error \\[${codeName}\\]: `));
    }
    const { io, err } = fakeIo();
    await run(['coverage', 'sla.timers/retail-000', scenario, '--min', 'abc'], io);
    expect(err[0]).toMatch(/须为.* \/ --min is a percentage/);
  });

  it("a company's policy file with a changed limit: the scenario that pinned it now fails and is reported", async () => {
    // The company copies the retail preset and allows 8 days instead of 7.
    const own = structuredClone(getPreset('sla.timers/retail-000')) as {
      params: { timers: { target: { spec: { amount: number } } }[] };
    };
    const timer = own.params.timers[0];
    if (!timer) throw new Error('no timer');
    timer.target.spec.amount = 8;
    const { io, out } = fakeIo({ 'our-policy.json': own });
    const code = await run(['coverage', 'our-policy.json', scenario, '--module', 'sla.timers'], io);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/baseline failure \(left out\): .*seven-day-close\.scenario\.json/);
    expect(text).toMatch(/^== .* 0 scenario\(s\)/m);
    // Unchanged, the same file is covered by the scenario like the preset.
    const same = fakeIo({ 'same.json': getPreset('sla.timers/retail-000') });
    expect(await run(['coverage', 'same.json', scenario, '--json'], same.io)).toBe(0);
    const json = JSON.parse(same.out.join('\n')) as CoverageJson & { policies: { scenarios: number }[] };
    expect(json.policies[0]?.scenarios).toBe(1);
  });
});
