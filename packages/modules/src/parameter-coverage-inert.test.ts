import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, getModule, getPreset, readScenarioFile } from './index.js';
import { coverageTotals, parameterCoverage, policyParameters } from './parameter-coverage.js';

type Timer = { id: string; start: unknown[]; stop: unknown[]; startMode: string; stopMode: string };
type TimersPolicy = { params: { timers: Timer[] } } & Record<string, unknown>;

const timers = getModule('sla.timers');
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A scenario's decision under a policy, or the code it is refused with (the flip tests compare the two). */
function decide(
  module: string,
  s: { input: unknown; context: Record<string, unknown> },
  policy: unknown,
): unknown {
  try {
    return evaluate(module, s.input, policy as never, s.context as never).value;
  } catch (e) {
    return { refused: (e as { code?: string }).code };
  }
}

describe('inert parameters (x-zhidu-inert-unless)', () => {
  it('startMode/stopMode of a timer with one start (stop) event are listed inert with the reason; with two they are parameters', () => {
    const policy = clone(getPreset('sla.timers/retail-000')) as unknown as TimersPolicy;
    const first = policy.params.timers[0] as Timer;
    expect(first.start).toHaveLength(1);
    let params = policyParameters(timers, policy);
    const start = params.find((p) => p.path === '/params/timers/0/startMode');
    expect(start?.kind).toBe('enum');
    expect(start?.inert?.en).toBe(
      'with one start event, "any" and "all" give the same answer (start has 1 member)',
    );
    expect(start?.inert?.zh).toContain('只有一个开始事件');
    // The same timer with two start events: the mode decides, so it is a parameter like any other.
    // (A fresh object: a parsed policy is cached by identity.)
    const two = clone(policy);
    (two.params.timers[0] as Timer).start = [...first.start, { type: 'customerCalledAgain' }];
    params = policyParameters(timers, two);
    const again = params.find((p) => p.path === '/params/timers/0/startMode');
    expect(again?.kind).toBe('enum');
    expect(again?.inert).toBeUndefined();
    expect(again?.alternatives).toEqual(['all']);
  });

  it('an inert parameter is reported, not perturbed, and not counted in the totals', () => {
    const c = parameterCoverage({
      policy: getPreset('sla.timers/retail-000'),
      scenarios: ['packages/sla/scenarios/retail-000'],
    });
    const inert = c.parameters.filter((p) => p.inert !== undefined);
    expect(inert.map((p) => p.path).sort()).toEqual(
      c.parameters
        .filter((p) => /\/timers\/\d+\/(start|stop)Mode$/.test(p.path))
        .map((p) => p.path)
        .sort(),
    );
    expect(inert.length).toBeGreaterThan(0);
    for (const p of inert) {
      expect(p.pinned).toBe(false);
      expect(p.escaped).toEqual([]);
    }
    const totals = coverageTotals([c]);
    expect(totals.inert).toBe(inert.length);
    expect(totals.total).toBe(c.parameters.length - inert.length);
    expect(totals.pinned).toBe(c.parameters.filter((p) => p.pinned).length);
  });

  // The declaration must be true, not a way to hide parameters: flipping every inert mode of the
  // two largest presets leaves every decision of their scenarios unchanged.
  it.each(['construction-000', 'property-service-004'])(
    'flipping every inert startMode/stopMode of %s changes no decision of its scenarios',
    (name) => {
      const preset = getPreset(`sla.timers/${name}`) as unknown as TimersPolicy;
      const inertPaths = new Set(
        policyParameters(timers, preset)
          .filter((p) => p.inert !== undefined)
          .map((p) => p.path),
      );
      const flipped = clone(preset);
      let n = 0;
      flipped.params.timers.forEach((t, i) => {
        for (const k of ['startMode', 'stopMode'] as const) {
          if (inertPaths.has(`/params/timers/${i}/${k}`)) {
            t[k] = t[k] === 'any' ? 'all' : 'any';
            n++;
          }
        }
      });
      expect(n).toBeGreaterThan(50);
      const dir = join('packages/sla/scenarios', name);
      let compared = 0;
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.scenario.json'))) {
        const s = readScenarioFile(join(dir, f)) as {
          preset?: string;
          policyPatch?: unknown;
          module: string;
          input: unknown;
          context: Record<string, unknown>;
        };
        if (s.module !== 'sla.timers' || s.policyPatch !== undefined) continue;
        if (s.preset !== undefined && s.preset !== name && s.preset !== `sla.timers/${name}`) continue;
        const run = (p: unknown) => decide('sla.timers', s, p);
        expect(run(flipped), f).toEqual(run(preset));
        compared++;
      }
      expect(compared).toBeGreaterThan(3);
    },
  );
});

describe('inert parameters by a pointer from the policy root (records masking switches)', () => {
  type Field = { id: string; sensitive?: string; internalOnly?: boolean };
  type RecordsPolicy = {
    params: { accessRules?: unknown[]; fileTypes: { fields?: Field[] }[] };
  } & Record<string, unknown>;
  const completeness = getModule('records.completeness');

  it('sensitive/internalOnly are inert under sales-site (no access rules) and parameters under customer-archive', () => {
    const site = policyParameters(completeness, getPreset('records.completeness/sales-site'));
    const masking = site.filter((p) => /\/fields\/\d+\/(sensitive|internalOnly)$/.test(p.path));
    expect(masking.length).toBeGreaterThan(60);
    for (const p of masking) {
      expect(p.inert?.en).toContain('(/params/accessRules has 0 members)');
      expect(p.inert?.zh).toContain('records.read');
    }
    // The other switches of the same fields stay parameters.
    const required = site.find((p) => p.path === '/params/fileTypes/0/fields/0/required');
    expect(required?.kind).toBe('boolean');
    expect(required?.inert).toBeUndefined();
    const archive = policyParameters(completeness, getPreset('records.completeness/customer-archive'));
    const archiveMasking = archive.filter((p) => /\/fields\/\d+\/(sensitive|internalOnly)$/.test(p.path));
    expect(archiveMasking.length).toBeGreaterThan(20);
    expect(archiveMasking.filter((p) => p.inert !== undefined)).toEqual([]);
  });

  it('the same sales-site policy given one access rule: its masking switches become parameters', () => {
    const policy = clone(getPreset('records.completeness/sales-site')) as unknown as RecordsPolicy;
    policy.params.accessRules = [
      {
        rule: 'S000B-ARCHIVE-04',
        clause: '000_4818bcf0bb2aaeac.txt L1089',
        fileTypes: ['customerInformationFile'],
        actions: ['view'],
        exemptRoles: ['fileKeeper'],
      },
    ];
    let params: ReturnType<typeof policyParameters>;
    try {
      params = policyParameters(completeness, policy);
    } catch (e) {
      throw new Error(`access rule refused: ${(e as Error).message}`);
    }
    const masking = params.filter((p) => /\/fields\/\d+\/(sensitive|internalOnly)$/.test(p.path));
    expect(masking.length).toBeGreaterThan(60);
    expect(masking.filter((p) => p.inert !== undefined)).toEqual([]);
  });

  // Proof of the declaration: flipping every masking switch of sales-site changes no decision of any
  // scenario of that policy, whatever its module.
  it('flipping every sensitive/internalOnly of sales-site changes no decision of its scenarios', () => {
    const preset = getPreset('records.completeness/sales-site') as unknown as RecordsPolicy;
    const flipped = clone(preset);
    let n = 0;
    for (const t of flipped.params.fileTypes) {
      for (const f of t.fields ?? []) {
        f.internalOnly = !(f.internalOnly ?? false);
        if (f.sensitive === undefined) f.sensitive = 'personal';
        else f.sensitive = f.sensitive === 'phone' ? 'idCard' : 'phone';
        n += 2;
      }
    }
    expect(n).toBeGreaterThan(100);
    const dir = 'packages/records/scenarios/salesSite';
    let compared = 0;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.scenario.json'))) {
      const s = readScenarioFile(join(dir, f)) as {
        policyPatch?: unknown;
        module: string;
        input: unknown;
        context: Record<string, unknown>;
      };
      if (s.policyPatch !== undefined) continue;
      const run = (p: unknown) => decide(s.module, s, p);
      expect(run(flipped), f).toEqual(run(preset));
      compared++;
    }
    expect(compared).toBeGreaterThan(2);
  });
});

describe('inert parameters while sibling fields are unset (service follow-up switches)', () => {
  type FollowUp = {
    due: unknown;
    targetPercent?: number;
    ratePeriod?: string;
    lateCountsForRate?: boolean;
    severity?: string;
    latenessUnit?: string;
  };
  type ServicePolicy = {
    params: { followUps?: FollowUp[]; reception?: { classes?: { budgetKind?: string }[] } };
  } & Record<string, unknown>;
  const followup = getModule('service.followup');
  const scenarioDir = 'packages/service/scenarios';

  it('a follow-up without a time limit or a rate lists its rate, severity and lateness switches inert; with them they are parameters', () => {
    const params = policyParameters(followup, getPreset('service.followup/s000b-property-revisit'));
    // followUps/3 (major-holiday visit, 000 L1027): no time limit, no rate.
    for (const k of ['ratePeriod', 'lateCountsForRate', 'severity', 'latenessUnit']) {
      expect(params.find((p) => p.path === `/params/followUps/3/${k}`)?.inert, k).toBeDefined();
    }
    expect(params.find((p) => p.path === '/params/followUps/3/latenessUnit')?.inert?.en).toBe(
      'no time limit: nothing is ever late, so the lateness unit changes nothing (no due)',
    );
    expect(params.find((p) => p.path === '/params/followUps/3/severity')?.inert?.zh).toContain(
      '未设定 due、targetPercent',
    );
    // followUps/0 (complaint revisit within 3 days, 50 %): every switch is a parameter.
    for (const k of ['ratePeriod', 'lateCountsForRate', 'severity', 'latenessUnit']) {
      expect(params.find((p) => p.path === `/params/followUps/0/${k}`)?.inert, k).toBeUndefined();
    }
  });

  // Proof of the declaration: flipping every inert follow-up switch (and reception budget kind) of every
  // service preset changes no decision of any scenario of that preset, whatever its module.
  it('flipping every inert follow-up switch and budget kind of every service preset changes no decision of its scenarios', () => {
    const files = readdirSync(scenarioDir).flatMap((d) =>
      readdirSync(join(scenarioDir, d))
        .filter((f) => f.endsWith('.scenario.json'))
        .map((f) => join(scenarioDir, d, f)),
    );
    let flippedSwitches = 0;
    let compared = 0;
    const byPreset = new Map<string, { module: string; files: string[] }>();
    for (const file of files) {
      const s = readScenarioFile(file) as { module: string; preset?: string; policyPatch?: unknown };
      if (s.preset === undefined || s.policyPatch !== undefined) continue;
      const name = s.preset.includes('/') ? (s.preset.split('/')[1] as string) : s.preset;
      const seen = byPreset.get(name) ?? { module: s.module, files: [] };
      seen.files.push(file);
      byPreset.set(name, seen);
    }
    for (const [name, { module, files: list }] of byPreset) {
      const preset = getPreset(`${module}/${name}`) as unknown as ServicePolicy;
      const inert = new Set(
        policyParameters(getModule(module), preset)
          .filter((p) => p.inert !== undefined)
          .map((p) => p.path),
      );
      const flipped = clone(preset);
      (flipped.params.followUps ?? []).forEach((r, i) => {
        const at = (k: string) => inert.has(`/params/followUps/${i}/${k}`);
        if (at('ratePeriod')) r.ratePeriod = r.ratePeriod === 'all' ? 'month' : 'all';
        if (at('lateCountsForRate')) r.lateCountsForRate = !(r.lateCountsForRate ?? false);
        if (at('severity')) r.severity = r.severity === 'soft' ? 'hard' : 'soft';
        if (at('latenessUnit')) r.latenessUnit = r.latenessUnit === 'hours' ? 'minutes' : 'hours';
        for (const k of ['ratePeriod', 'lateCountsForRate', 'severity', 'latenessUnit'])
          if (at(k)) flippedSwitches++;
      });
      (flipped.params.reception?.classes ?? []).forEach((c, i) => {
        if (!inert.has(`/params/reception/classes/${i}/budgetKind`)) return;
        c.budgetKind = c.budgetKind === 'cap' ? 'approximate' : 'cap';
        flippedSwitches++;
      });
      for (const file of list) {
        const s = readScenarioFile(file) as {
          module: string;
          input: unknown;
          context: Record<string, unknown>;
        };
        const run = (p: unknown) => decide(s.module, s, p);
        expect(run(flipped), file).toEqual(run(preset));
        compared++;
      }
    }
    expect(flippedSwitches).toBeGreaterThan(40);
    expect(compared).toBeGreaterThan(50);
  });
});

describe('equivalent duration units', () => {
  it('0 minutes ("on time", S001B-FOLLOWUP-06) is not perturbed to 0 seconds or 0 hours, but still to other units and amounts', () => {
    const followup = getModule('service.followup');
    const params = policyParameters(followup, getPreset('service.followup/s001b-return-visit'));
    const due = params.find((p) => p.path === '/params/followUps/0/due');
    expect(due?.value).toEqual({ unit: 'minutes', amount: 0 });
    expect(due?.alternatives).not.toContain('seconds');
    expect(due?.alternatives).not.toContain('hours');
    expect(due?.alternatives).toContain('calendarDays');
    expect(due?.alternatives).toContain('workingDays');
  });
});

describe('inert parameters by a pointer from the policy root (attribution lifecycle phases)', () => {
  type Lifecycle = { effectiveContact?: unknown[]; phases: Record<string, { countFrom?: string }> };
  type OfficePolicy = { params: { lifecycle: Lifecycle } } & Record<string, unknown>;
  const ownership = getModule('attribution.ownership');
  const countFrom = /^\/params\/lifecycle\/phases\/[^/]+\/countFrom$/;

  it('a phase countFrom is inert under 北辰地产 (no effective-contact rules) and a parameter under 兰亭置业 (S001-ATTR-12)', () => {
    const beichen = policyParameters(ownership, getPreset('attribution.ownership/example-beichen-property'));
    const inert = beichen.filter((p) => countFrom.test(p.path));
    expect(inert.map((p) => p.path)).toEqual([
      '/params/lifecycle/phases/registered/countFrom',
      '/params/lifecycle/phases/visited/countFrom',
      '/params/lifecycle/phases/reassigned/countFrom',
    ]);
    for (const p of inert)
      expect(p.inert?.en).toContain('(/params/lifecycle/effectiveContact has 0 members)');
    const lanting = policyParameters(ownership, getPreset('attribution.ownership/example-lanting-realty'));
    const counted = lanting.filter((p) => countFrom.test(p.path));
    expect(counted.length).toBe(2);
    expect(counted.filter((p) => p.inert !== undefined)).toEqual([]);
  });

  // Proof of the declaration: counting every phase of 北辰地产 from the latest effective contact
  // changes no decision of any of its scenarios, whatever the module.
  it('flipping every phase countFrom of 北辰地产 changes no decision of its scenarios', () => {
    const preset = getPreset('attribution.ownership/example-beichen-property') as unknown as OfficePolicy;
    expect(preset.params.lifecycle.effectiveContact ?? []).toEqual([]);
    const flipped = clone(preset);
    const phases = Object.values(flipped.params.lifecycle.phases);
    for (const ph of phases)
      ph.countFrom = ph.countFrom === 'latestEffectiveContact' ? 'entry' : 'latestEffectiveContact';
    expect(phases.length).toBe(3);
    const dir = 'packages/attribution/scenarios/exampleBeichenProperty';
    let compared = 0;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.scenario.json'))) {
      const s = readScenarioFile(join(dir, f)) as {
        policyPatch?: unknown;
        module: string;
        input: unknown;
        context: Record<string, unknown>;
      };
      if (s.policyPatch !== undefined) continue;
      const run = (p: unknown) => decide(s.module, s, p);
      expect(run(flipped), f).toEqual(run(preset));
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });
});

describe('inert parameters by a pointer from the policy root (records defaultAccess)', () => {
  type RecordsPolicy = { params: { accessRules?: unknown[]; defaultAccess?: string } } & Record<
    string,
    unknown
  >;
  const completeness = getModule('records.completeness');

  it('defaultAccess is inert under sales-site (no access rules) and a parameter under dealer-files (S000B-ARCHIVE-04)', () => {
    const site = policyParameters(completeness, getPreset('records.completeness/sales-site'));
    const def = site.find((p) => p.path === '/params/defaultAccess');
    expect(def?.inert?.en).toContain('(/params/accessRules has 0 members)');
    expect(def?.inert?.zh).toContain('records.access');
    const dealer = policyParameters(completeness, getPreset('records.completeness/dealer-files'));
    const counted = dealer.find((p) => p.path === '/params/defaultAccess');
    expect(counted?.kind).toBe('enum');
    expect(counted?.inert).toBeUndefined();
  });

  // Proof of the declaration: allowing by default under sales-site changes no decision of any of its
  // scenarios, whatever the module.
  it('flipping defaultAccess of sales-site changes no decision of its scenarios', () => {
    const preset = getPreset('records.completeness/sales-site') as unknown as RecordsPolicy;
    expect(preset.params.accessRules ?? []).toEqual([]);
    const flipped = clone(preset);
    flipped.params.defaultAccess = (preset.params.defaultAccess ?? 'deny') === 'deny' ? 'allow' : 'deny';
    const dir = 'packages/records/scenarios/salesSite';
    let compared = 0;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.scenario.json'))) {
      const s = readScenarioFile(join(dir, f)) as {
        policyPatch?: unknown;
        module: string;
        input: unknown;
        context: Record<string, unknown>;
      };
      if (s.policyPatch !== undefined) continue;
      const run = (p: unknown) => decide(s.module, s, p);
      expect(run(flipped), f).toEqual(run(preset));
      compared++;
    }
    expect(compared).toBeGreaterThan(2);
  });
});

describe('inert parameters by wildcard pointers from the policy root (penalty latenessRounding)', () => {
  type Schedule = { params: { latenessRounding: string } } & Record<string, unknown>;
  const ledger = getModule('penalty.ledger');
  const rounding = (preset: string) =>
    policyParameters(ledger, getPreset(`penalty.ledger/${preset}`)).find(
      (p) => p.path === '/params/latenessRounding',
    );

  it('latenessRounding is inert where no charge counts lateness in minutes, hours or 24-hour blocks (dealer-file, and 青山 counting calendar days) and a parameter under construction (S000-PENALTY-09, S000-MILESTONE-01)', () => {
    for (const preset of [
      'dealer-file',
      'sales-office',
      'property-service',
      'example-qingshan-building-materials',
    ]) {
      const p = rounding(preset);
      expect(p?.inert?.en, preset).toContain('/params/items/*/charges/*/outcome/lateUnit');
      expect(p?.inert?.en, preset).toContain('has 0 members');
    }
    expect(rounding('construction')?.kind).toBe('enum');
    expect(rounding('construction')?.inert).toBeUndefined();
    expect(rounding('example-jinma-auto-group')?.inert).toBeUndefined();
  });

  it('one charge priced per 24-hour block, even inside an escalation, makes it a parameter again', () => {
    const policy = clone(getPreset('penalty.ledger/dealer-file')) as unknown as {
      params: { items: { charges: { outcome: Record<string, unknown> }[] }[] };
    } & Record<string, unknown>;
    const outcome = policy.params.items[0]?.charges[0]?.outcome;
    if (outcome === undefined) throw new Error('dealer-file has no first charge');
    Object.assign(outcome, { per: 'lateUnit', lateUnit: 'blocks24h' });
    const p = policyParameters(ledger, policy).find((x) => x.path === '/params/latenessRounding');
    expect(p?.kind).toBe('enum');
    expect(p?.inert).toBeUndefined();
  });

  // Proof of the declaration: rounding down instead of up changes no decision of the scenarios of any
  // preset where the field is declared inert.
  it('flipping latenessRounding of every preset where it is inert changes no decision of its scenarios', () => {
    const root = 'packages/penalty/scenarios';
    let compared = 0;
    let presets = 0;
    for (const dir of readdirSync(root)) {
      for (const f of readdirSync(join(root, dir)).filter((f) => f.endsWith('.scenario.json'))) {
        const s = readScenarioFile(join(root, dir, f)) as {
          policyPatch?: unknown;
          module: string;
          preset: string;
          input: unknown;
          context: Record<string, unknown>;
        };
        if (s.policyPatch !== undefined || s.module !== 'penalty.ledger') continue;
        const name = s.preset.includes('/') ? (s.preset.split('/')[1] as string) : s.preset;
        if (rounding(name)?.inert === undefined) continue;
        const preset = getPreset(`penalty.ledger/${name}`) as unknown as Schedule;
        const flipped = clone(preset);
        flipped.params.latenessRounding = preset.params.latenessRounding === 'ceil' ? 'floor' : 'ceil';
        const run = (p: unknown) => decide(s.module, s, p);
        expect(run(flipped), f).toEqual(run(preset));
        compared++;
        if (f === readdirSync(join(root, dir)).find((x) => x.endsWith('.scenario.json'))) presets++;
      }
    }
    expect(compared).toBeGreaterThan(15);
    expect(presets).toBeGreaterThanOrEqual(7);
  });
});

describe('inert parameters while a replacing section is set (attribution protection under a lifecycle)', () => {
  type Protection = { countFrom: string; renewal: string };
  type OfficePolicy = { params: { protection: Protection; lifecycle?: unknown } } & Record<string, unknown>;
  const ownership = getModule('attribution.ownership');
  const replaced = /^\/params\/protection\/(countFrom|renewal)$/;
  const presets: [string, string][] = [
    ['example-lanting-realty', 'exampleLantingRealty'],
    ['example-beichen-property', 'exampleBeichenProperty'],
    ['example-haiancheng-marketing-center', 'exampleHaianchengMarketingCenter'],
  ];

  it('countFrom and renewal are inert under a preset with a lifecycle (S001-ATTR-12) and parameters under sales-office-001', () => {
    for (const [name] of presets) {
      const ps = policyParameters(ownership, getPreset(`attribution.ownership/${name}`)).filter((p) =>
        replaced.test(p.path),
      );
      expect(ps.map((p) => p.path).sort(), name).toEqual([
        '/params/protection/countFrom',
        '/params/protection/renewal',
      ]);
      for (const p of ps) expect(p.inert?.en, name).toContain('(/params/lifecycle is set)');
    }
    const office = policyParameters(ownership, getPreset('attribution.ownership/sales-office-001')).filter(
      (p) => replaced.test(p.path),
    );
    expect(office).toHaveLength(2);
    expect(office.filter((p) => p.inert !== undefined)).toEqual([]);
  });

  // Proof of the declaration: another value of both fields, under each lifecycle preset,
  // changes no decision of any of its scenarios, whatever the module.
  it('flipping countFrom and renewal under every lifecycle preset changes no decision of its scenarios', () => {
    let compared = 0;
    for (const [name, dirName] of presets) {
      const preset = getPreset(`attribution.ownership/${name}`) as unknown as OfficePolicy;
      expect(preset.params.lifecycle, name).toBeDefined();
      const flipped = clone(preset);
      const p = flipped.params.protection;
      p.countFrom = p.countFrom === 'registration' ? 'latestEffectiveFollowUp' : 'registration';
      p.renewal = p.renewal === 'none' ? 'free' : 'none';
      const dir = join('packages/attribution/scenarios', dirName);
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.scenario.json'))) {
        const s = readScenarioFile(join(dir, f)) as {
          policyPatch?: unknown;
          module: string;
          input: unknown;
          context: Record<string, unknown>;
        };
        if (s.policyPatch !== undefined) continue;
        expect(decide(s.module, s, flipped), `${name} ${f}`).toEqual(decide(s.module, s, preset));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30);
  });
});
