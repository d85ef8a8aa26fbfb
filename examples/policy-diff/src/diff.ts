// 观澜台售楼处 (Guanlan Terrace sales office, fictitious) revises two rules from 1 April 2024: the
// customer protection period (客户保护期) goes from 2 months to 45 days, and the fine for taking a
// walk-in out of turn (抢客) from ¥200 to ¥500. Before adopting them, the office replays the first
// quarter's history from its store under both versions, lists the decisions that change, and pins
// the new versions with scenarios and policy-parameter coverage.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Change, diffJson } from '@zhidu/cli';
import { DEFAULT_ZONE, formatMoney, localDateOf } from '@zhidu/core';
import { evaluate, parameterCoverage } from '@zhidu/modules';
import { openStore } from '@zhidu/store-postgres';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const load = (file: string): Record<string, unknown> & { version: string; params: unknown } =>
  JSON.parse(readFileSync(here(`../policies/${file}`), 'utf8'));

/** The two versions of each policy: the one in force (2023) and the revision (from 1 April 2024). */
export const POLICIES = {
  ownership: { current: load('ownership-2023.json'), revised: load('ownership-2024-04.json') },
  fines: { current: load('fines-2023.json'), revised: load('fines-2024-04.json') },
} as const;

/** The scenario files that pin the revised versions. */
export const SCENARIO_DIRS = {
  ownership: here('../scenarios/ownership'),
  fines: here('../scenarios/fines'),
} as const;

/** The sales team (置业顾问), in rotation order. */
export const STAFF: Record<string, string> = { 'tang-yu': '唐雨', 'fang-zhe': '方哲', 'gu-ming': '顾明' };
const ORDER = Object.keys(STAFF);
const roster = ORDER.map((id) => ({ id }));

/** The streams of the quarter: one per customer, the front desk's rotation, the fines ledger. */
const ROTATION = 'rotation:guanlan';
const FINES = 'fines:guanlan';

type Event = Record<string, unknown>;
const registration = (customerId: string, at: string, salespersonId: string, channel: string): Event => ({
  type: 'registration',
  at,
  customerId,
  salespersonId,
  channel,
  fields: { name: `客户${customerId}`, phone: '13800000000' },
});

/**
 * The first quarter of 2024 as the office recorded it (fictitious customers).
 *
 * @example
 * Object.keys(HISTORY); //=> ['customer:c-liu', 'customer:c-huang', 'customer:c-qian', 'customer:c-sun']
 */
export const HISTORY: Record<string, Event[]> = {
  // 刘洋: 唐雨 registers him on 8 January; 方哲 registers him again on 26 February (day 49), and signs.
  'customer:c-liu': [
    registration('c-liu', '2024-01-08T10:00:00+08:00', 'tang-yu', 'walkIn'),
    registration('c-liu', '2024-02-26T11:00:00+08:00', 'fang-zhe', 'phoneCall'),
    {
      type: 'visit',
      at: '2024-02-28T14:00:00+08:00',
      customerId: 'c-liu',
      onTurnId: 'fang-zhe',
      intake: { visitedBefore: 'yes', named: ['fang-zhe'] },
      presentIds: ['fang-zhe', 'tang-yu'],
    },
    {
      type: 'deal',
      at: '2024-03-02T16:00:00+08:00',
      customerId: 'c-liu',
      stage: 'contract',
      closerId: 'fang-zhe',
      unitId: '2-1101',
    },
  ],
  // 黄蕾: registered and signed within a month by 方哲.
  'customer:c-huang': [
    registration('c-huang', '2024-01-15T15:00:00+08:00', 'fang-zhe', 'walkIn'),
    {
      type: 'visit',
      at: '2024-02-10T10:00:00+08:00',
      customerId: 'c-huang',
      onTurnId: 'gu-ming',
      intake: { visitedBefore: 'yes', named: ['fang-zhe'] },
      presentIds: ['fang-zhe', 'gu-ming'],
    },
    {
      type: 'deal',
      at: '2024-02-20T11:00:00+08:00',
      customerId: 'c-huang',
      stage: 'contract',
      closerId: 'fang-zhe',
      unitId: '3-0602',
    },
  ],
  // 钱峰: 顾明 registers him on 10 January; he returns on 29 February (day 50) while 顾明 is out.
  'customer:c-qian': [
    registration('c-qian', '2024-01-10T09:30:00+08:00', 'gu-ming', 'phoneCall'),
    {
      type: 'visit',
      at: '2024-02-29T15:00:00+08:00',
      customerId: 'c-qian',
      onTurnId: 'tang-yu',
      intake: { visitedBefore: 'yes', named: ['gu-ming'] },
      presentIds: ['tang-yu'],
    },
    {
      type: 'deal',
      at: '2024-03-09T10:00:00+08:00',
      customerId: 'c-qian',
      stage: 'bigDeposit',
      closerId: 'tang-yu',
      unitId: '1-1803',
    },
  ],
  // 孙悦: registered on 20 February, still protected at the end of March under either version.
  'customer:c-sun': [registration('c-sun', '2024-02-20T10:00:00+08:00', 'tang-yu', 'walkIn')],
};

/** Walk-ins taken out of turn at the front desk (the rotation's stream). */
const DESK: Event[] = [
  { type: 'reception', at: '2024-02-05T10:00:00+08:00', kind: 'newWalkIn', receiverId: 'tang-yu' },
  { type: 'reception', at: '2024-02-05T10:30:00+08:00', kind: 'newWalkIn', receiverId: 'gu-ming' },
  { type: 'reception', at: '2024-03-12T09:30:00+08:00', kind: 'newWalkIn', receiverId: 'tang-yu' },
  { type: 'reception', at: '2024-03-12T11:00:00+08:00', kind: 'newWalkIn', receiverId: 'fang-zhe' },
  { type: 'reception', at: '2024-03-12T14:00:00+08:00', kind: 'newWalkIn', receiverId: 'fang-zhe' },
];

/** When the quarter is judged. */
export const NOW = '2024-03-31T20:00:00+08:00';

/**
 * Records the quarter in a store (in-memory PGlite) under the versions in force, as the office did
 * day by day: the ownership and rotation streams, then the rotation's violations onto the fines
 * ledger.
 *
 * @example
 * const { store, close } = await recordQuarter();
 * (await store.readAll({ limit: 100 })).length; //=> 18
 * await close();
 */
export async function recordQuarter() {
  const opened = await openStore();
  const { store } = opened;
  await store.putPolicy('attribution.ownership', POLICIES.ownership.current);
  await store.putPolicy('attribution.rotation', 'rotation-001');
  await store.putPolicy('penalty.ledger', POLICIES.fines.current);
  for (const [stream, events] of Object.entries(HISTORY)) {
    const customerId = stream.replace('customer:', '');
    await store.record('attribution.ownership', stream, events, {
      input: { customerId, staff: roster },
      now: NOW,
    });
  }
  await store.record('attribution.rotation', ROTATION, DESK, { input: { order: ORDER }, now: NOW });
  const violations = await store.violations({ moduleId: 'attribution.rotation' });
  await store.record(
    'penalty.ledger',
    FINES,
    violations.map((v) => v.violation),
    { now: NOW },
  );
  return opened;
}

/** One decision of the replay that the revision changes. */
export interface DecisionChange {
  stream: string;
  /** what changed, e.g. `owner` or `fines 方哲 2024-03` */
  what: string;
  current: string;
  revised: string;
}

/** What the replay found. */
export interface ReplayReport {
  /** the parameters the revisions change (`diffJson` of the two versions' `params`) */
  parameters: { policy: string; path: string; current: unknown; revised: unknown }[];
  /** events replayed, read back from the store */
  events: number;
  /** streams replayed (the ownership streams and the fines ledger) */
  streams: number;
  changes: DecisionChange[];
  /** streams `putPolicy` of the revision recomputed in the store (events from 1 April on only) */
  recomputedOnAdoption: string[];
}

type Share = { party: string; bp: number };
type Ownership = {
  owner: string | null;
  protectedUntil: string | null;
  deals: { unitId?: string; performance: Share[]; bonus: Share[]; status: string }[];
  visits: { case: string; receiverId?: string | null }[];
};

const who = (id: string | null | undefined): string => (id ? (STAFF[id] ?? id) : '无 none');
const shares = (s: Share[]): string => s.map((x) => `${who(x.party)} ${x.bp / 100}%`).join(' / ') || '—';
const day = (at: string | null): string => (at ? localDateOf(at, DEFAULT_ZONE) : '—');

/** A version judged as if it had been in force for the whole history (its envelope's window moved back). */
const asIfAlwaysInForce = (policy: Record<string, unknown>): Record<string, unknown> => ({
  ...policy,
  effectiveFrom: '2000-01-01',
});

function ownershipFacts(r: Ownership): Record<string, string> {
  const facts: Record<string, string> = {
    owner: who(r.owner),
    'protected until 保护至': day(r.protectedUntil),
  };
  r.visits.forEach((v, i) => {
    facts[`visit ${i + 1} case 来访情形`] = v.case;
  });
  for (const d of r.deals) {
    const unit = d.unitId ?? '?';
    facts[`deal ${unit} status`] = d.status;
    facts[`deal ${unit} performance 业绩`] = shares(d.performance);
    facts[`deal ${unit} bonus 奖金`] = shares(d.bonus);
  }
  return facts;
}

type Ledger = { persons: { personId: string; periods: { period: string; total: number }[] }[] };
function ledgerFacts(r: Ledger): Record<string, string> {
  const facts: Record<string, string> = {};
  for (const p of r.persons) {
    for (const period of p.periods)
      facts[`fines ${who(p.personId)} ${period.period}`] = formatMoney(period.total);
  }
  return facts;
}

/**
 * Records the quarter, reads back from the store which module each stream is bound to
 * (`store.streamInfo`) and the input the store evaluates for it (`store.moduleInput`), replays each
 * stream under the current and the revised version (the revision judged as if in force all along), and lists the
 * decisions that differ. Then adopts the revisions in the store (`putPolicy`, effective 1 April) to
 * show what the store itself recomputes.
 *
 * @example
 * const report = await replayQuarter();
 * report.changes.filter((c) => c.what === 'owner').map((c) => c.stream); //=> ['customer:c-liu', 'customer:c-qian']
 */
export async function replayQuarter(): Promise<ReplayReport> {
  const parameters = (['ownership', 'fines'] as const).flatMap((policy) =>
    diffJson(POLICIES[policy].current.params, POLICIES[policy].revised.params, 'params').map((c: Change) => ({
      policy,
      path: c.path,
      current: c.candidate === undefined ? undefined : c.base,
      revised: c.candidate,
    })),
  );

  const { store, close } = await recordQuarter();
  try {
    // Every event, read back without personal values (the replay needs none), then per stream the
    // module it is bound to (`streamInfo`) and the input the store evaluates (`moduleInput`).
    const stored = await store.readAll({ limit: 10_000, personal: false });
    const streamIds = [...new Set(stored.map((e) => e.streamId))];

    const changes: DecisionChange[] = [];
    let streams = 0;
    for (const stream of streamIds) {
      const info = await store.streamInfo(stream);
      const policy =
        info?.module === 'attribution.ownership'
          ? 'ownership'
          : info?.module === 'penalty.ledger'
            ? 'fines'
            : undefined;
      if (policy === undefined) continue; // the rotation's policy does not change
      const { module, inputs } = await store.moduleInput(stream);
      const [input] = inputs; // one input: both modules read an event list
      const pair: { current: Record<string, unknown>; revised: Record<string, unknown> } = POLICIES[policy];
      const facts = (version: Record<string, unknown>): Record<string, string> => {
        const result = evaluate(module, input, version, { now: NOW }).value.result;
        return policy === 'ownership' ? ownershipFacts(result as Ownership) : ledgerFacts(result as Ledger);
      };
      streams++;
      const before = facts(pair.current);
      const after = facts(asIfAlwaysInForce(pair.revised));
      for (const what of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (before[what] !== after[what]) {
          changes.push({ stream, what, current: before[what] ?? '—', revised: after[what] ?? '—' });
        }
      }
    }

    const adopted = [
      await store.putPolicy('attribution.ownership', POLICIES.ownership.revised, { now: NOW }),
      await store.putPolicy('penalty.ledger', POLICIES.fines.revised, { now: NOW }),
    ];
    return {
      parameters,
      events: stored.length,
      streams,
      changes,
      recomputedOnAdoption: adopted.flatMap((a) => a.recomputed.streams),
    };
  } finally {
    await close();
  }
}

/** Coverage of one revised policy: the parameters the revision changes, and all its numbers. */
export interface PinReport {
  policy: string;
  scenarios: number;
  baselineFailures: number;
  /** the changed parameters (text such as titles is not a parameter), each pinned or not */
  changed: { path: string; kind: string; pinned: boolean; escaped: string[] }[];
  /** money, durations, counts, thresholds, ratios and times of the whole policy */
  numbers: { pinned: number; total: number };
}

const NUMERIC = new Set(['money', 'duration', 'count', 'threshold', 'ratio', 'time']);

/** `params.items[0].charges[0].outcome.amount` → `/params/items/0/charges/0/outcome/amount`. */
const pointer = (path: string): string =>
  `/${path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .join('/')}`;

/**
 * Pins the revisions: runs the scenario files against each revised policy file (`match: 'all'`,
 * as `zhidu coverage <policy.json> <scenarios> --module <id>` does) and perturbs every parameter
 * (money ±1 fen ×2 ÷2, counts ±1 ×2 ÷2, the other unit …); each changed one must be caught.
 *
 * @example
 * pinRevisions().every((p) => p.changed.every((x) => x.pinned)); //=> true
 */
export function pinRevisions(): PinReport[] {
  const runs = [
    { policy: 'ownership', module: 'attribution.ownership', dir: SCENARIO_DIRS.ownership },
    { policy: 'fines', module: 'penalty.ledger', dir: SCENARIO_DIRS.fines },
  ] as const;
  return runs.map(({ policy, module, dir }) => {
    const versions = POLICIES[policy];
    const changed = new Set(
      diffJson(versions.current.params, versions.revised.params, 'params').map((c) => pointer(c.path)),
    );
    const cov = parameterCoverage({ policy: versions.revised, module, scenarios: [dir], match: 'all' });
    const parameters = cov.parameters;
    const numeric = parameters.filter((x) => NUMERIC.has(x.kind));
    return {
      policy: `${String(versions.revised.id)}@${versions.revised.version}`,
      scenarios: cov.scenarios,
      baselineFailures: cov.baselineFailures.length,
      changed: parameters
        .filter((x) => changed.has(x.path))
        .map((x) => ({ path: x.path, kind: x.kind, pinned: x.pinned, escaped: [...x.escaped] })),
      numbers: { pinned: numeric.filter((x) => x.pinned).length, total: numeric.length },
    };
  });
}
