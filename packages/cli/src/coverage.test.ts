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
