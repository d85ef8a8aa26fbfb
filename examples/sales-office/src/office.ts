// 临溪府售楼处 (Linxi Residence sales office of 望川置业, fictitious): a week of the office on the store,
// under the bundled sales-office-001 policy (客户归属: first registration wins, 2-month protection,
// splits) and rotation-001 (前台轮值). Every event goes through `store.record`, which validates it,
// appends it, judges the stream with the module and writes the projections in one transaction.

import { sharesOf, splitAmount } from '@zhidu/attribution';
import { DEFAULT_ZONE, formatMoney, localDateOf, localTimeOf, type TraceEntry } from '@zhidu/core';
import { openStore } from '@zhidu/store-postgres';

/** The presets the office runs on. */
export const PRESETS = { ownership: 'sales-office-001', rotation: 'rotation-001' } as const;

/** The sales team (置业顾问), in the order of the front-desk rotation set by the manager. */
export const STAFF = [
  { id: 'lin-xiao', name: '林晓' },
  { id: 'chen-mo', name: '陈默' },
  { id: 'zhou-ning', name: '周宁' },
  { id: 'xu-le', name: '许乐' },
] as const;

/** The customers of the week (fictitious names and numbers). */
export const CUSTOMERS = {
  'c-wang': '王建国',
  'c-zhao': '赵敏',
} as const;

/** The rotation's stream: one per week of the desk. */
export const ROTATION_STREAM = 'rotation:linxi-2024-w10';

/** The commission of 赵敏's big deposit (大定) on unit 5-0801, in fen: ¥12,345.67. */
export const ZHAO_COMMISSION_FEN = 1_234_567;

const staff = STAFF.map((s) => ({ id: s.id, name: s.name }));
const nameOf = (id: string): string => STAFF.find((s) => s.id === id)?.name ?? id;

/** `2024-03-04 10:05` in Beijing time. */
export const beijing = (at: string): string =>
  `${localDateOf(at, DEFAULT_ZONE)} ${localTimeOf(at, DEFAULT_ZONE)}`;

/** One thing that happened at the office, recorded on its stream. */
export interface WeekEntry {
  /** what the desk would write in the day book (日志) */
  note: string;
  module: 'attribution.ownership' | 'attribution.rotation';
  stream: string;
  event: Record<string, unknown>;
}

const reception = (at: string, receiverId: string, note: string): WeekEntry => ({
  note,
  module: 'attribution.rotation',
  stream: ROTATION_STREAM,
  event: { type: 'reception', at, kind: 'newWalkIn', receiverId },
});

const customerEvent = (note: string, event: Record<string, unknown> & { customerId: string }): WeekEntry => ({
  note,
  module: 'attribution.ownership',
  stream: `customer:${event.customerId}`,
  event,
});

/**
 * The week of 4–10 March 2024, in the order the desk recorded it.
 *
 * @example
 * WEEK.length; //=> 11
 */
export const WEEK: readonly WeekEntry[] = [
  reception(
    '2024-03-04T10:00:00+08:00',
    'lin-xiao',
    '周一 新客到访,林晓按轮序接待 / a walk-in, received in turn',
  ),
  customerEvent('周一 林晓为王建国登记(来访) / 林晓 registers 王建国 (walk-in)', {
    type: 'registration',
    at: '2024-03-04T10:05:00+08:00',
    customerId: 'c-wang',
    salespersonId: 'lin-xiao',
    channel: 'walkIn',
    fields: { name: '王建国', phone: '13900001111' },
  }),
  customerEvent('周一 周宁为来电客户赵敏登记 / 周宁 registers a caller, 赵敏', {
    type: 'registration',
    at: '2024-03-04T16:00:00+08:00',
    customerId: 'c-zhao',
    salespersonId: 'zhou-ning',
    channel: 'phoneCall',
    fields: { name: '赵敏', phone: '13700002222' },
  }),
  reception(
    '2024-03-05T09:40:00+08:00',
    'lin-xiao',
    '周二 新客到访,林晓按轮序接待 / a walk-in, received in turn',
  ),
  reception(
    '2024-03-05T10:20:00+08:00',
    'xu-le',
    '周二 轮到陈默,许乐抢先接待新客 / 陈默 is on turn, 许乐 takes the walk-in',
  ),
  customerEvent('周二 王建国来电,陈默再次登记(撞单) / 王建国 calls, 陈默 registers him again (a clash)', {
    type: 'registration',
    at: '2024-03-05T11:00:00+08:00',
    customerId: 'c-wang',
    salespersonId: 'chen-mo',
    channel: 'phoneCall',
    fields: { name: '王建国', phone: '13900001111' },
  }),
  customerEvent('周三 赵敏回访,周宁外出,许乐协助接待 / 赵敏 returns while 周宁 is out; 许乐 assists', {
    type: 'visit',
    at: '2024-03-06T10:00:00+08:00',
    customerId: 'c-zhao',
    onTurnId: 'xu-le',
    intake: { visitedBefore: 'yes', named: ['zhou-ning'] },
    presentIds: ['xu-le', 'chen-mo'],
  }),
  customerEvent('周四 王建国回访,点名林晓 / 王建国 returns and names 林晓', {
    type: 'visit',
    at: '2024-03-07T15:00:00+08:00',
    customerId: 'c-wang',
    onTurnId: 'chen-mo',
    intake: { visitedBefore: 'yes', named: ['lin-xiao'] },
    presentIds: ['lin-xiao', 'chen-mo'],
  }),
  customerEvent(
    '周五 林晓与陈默争5-1502,经理裁定归林晓 / a dispute over unit 5-1502, the manager rules for 林晓',
    {
      type: 'dispute',
      at: '2024-03-08T11:00:00+08:00',
      customerId: 'c-wang',
      unitId: '5-1502',
      parties: ['lin-xiao', 'chen-mo'],
      outcome: 'managerRuling',
      winnerId: 'lin-xiao',
    },
  ),
  customerEvent('周六 王建国签约5-1502 / 王建国 signs the contract for 5-1502', {
    type: 'deal',
    at: '2024-03-09T16:00:00+08:00',
    customerId: 'c-wang',
    stage: 'contract',
    closerId: 'lin-xiao',
    unitId: '5-1502',
  }),
  customerEvent('周日 赵敏交大定5-0801,许乐经办 / 赵敏 pays the big deposit on 5-0801 with 许乐', {
    type: 'deal',
    at: '2024-03-10T15:00:00+08:00',
    customerId: 'c-zhao',
    stage: 'bigDeposit',
    closerId: 'xu-le',
    unitId: '5-0801',
  }),
];

/** What the week leaves in the store, as the office manager reads it on Sunday evening. */
export interface WeekReport {
  /** each customer's owner from the owner projection, with the trace's rule ids and Chinese messages */
  owners: {
    customerId: string;
    name: string;
    owner: string | null;
    protectedUntil: string | null;
    /** who registered the customer, earliest first (a clash, 撞单, when more than one) */
    claims: string[];
    trace: { rule: string; zh: string }[];
  }[];
  /** every deal with its performance (业绩) and bonus (提成) shares, in percent */
  deals: { customerId: string; unit: string | null; performance: string; bonus: string }[];
  /** 赵敏's commission split to the fen by the bonus shares */
  commission: { total: string; shares: Record<string, string> };
  /** the violations stored for March (grabbing at the desk) */
  violations: { code: string; personId: string; at: string; rule: string }[];
  /** events in the store after the week */
  storedEvents: number;
}

type Share = { party: string; bp: number };
type OwnerResult = {
  owner: string | null;
  protectedUntil: string | null;
  deals: { unitId?: string | null; performance: Share[]; bonus: Share[]; status?: string }[];
};

const percent = (shares: Share[]): string =>
  shares.map((s) => `${nameOf(s.party)} ${s.bp / 100}%`).join(' / ');

/**
 * Runs the week on an in-memory PGlite store and reads back what the office needs: the owners with
 * their traces, the deals and their split, the commission to the fen and the month's violations.
 *
 * @example
 * const report = await runWeek();
 * report.owners.map((o) => o.owner); //=> ['lin-xiao', 'zhou-ning']
 */
export async function runWeek(): Promise<WeekReport> {
  const { store, close } = await openStore();
  try {
    await store.putPolicy('attribution.ownership', PRESETS.ownership);
    await store.putPolicy('attribution.rotation', PRESETS.rotation);
    const started = new Set<string>();
    for (const entry of WEEK) {
      const first = !started.has(entry.stream);
      started.add(entry.stream);
      const input =
        entry.module === 'attribution.rotation'
          ? { order: STAFF.map((s) => s.id) }
          : { customerId: String(entry.event.customerId), staff };
      await store.record(entry.module, entry.stream, [entry.event], {
        ...(first ? { input } : {}),
        now: '2024-03-10T20:00:00+08:00',
      });
    }

    const owners: WeekReport['owners'] = [];
    const deals: WeekReport['deals'] = [];
    let zhaoBonus: Share[] = [];
    for (const [customerId, name] of Object.entries(CUSTOMERS)) {
      const o = await store.owner(customerId);
      const result = o?.result as OwnerResult | undefined;
      const trace = (o?.trace ?? []) as TraceEntry[];
      owners.push({
        customerId,
        name,
        owner: o?.owner ?? null,
        protectedUntil: result?.protectedUntil ? beijing(result.protectedUntil) : null,
        claims:
          (trace.find((t) => t.rule === 'S001-ATTR-11')?.data as { claims?: string[] } | undefined)?.claims ??
          [],
        trace: trace
          .filter((t) => t.rule !== 'zhidu.policy.version')
          .map((t) => ({ rule: t.rule, zh: t.message.zh })),
      });
      for (const d of result?.deals ?? []) {
        deals.push({
          customerId,
          unit: d.unitId ?? null,
          performance: percent(d.performance),
          bonus: percent(d.bonus),
        });
        if (customerId === 'c-zhao') zhaoBonus = d.bonus;
      }
    }

    const split = splitAmount(
      ZHAO_COMMISSION_FEN,
      sharesOf(zhaoBonus.map((s) => [s.party, s.bp / 100] as [string, number])),
    );
    const violations = (await store.violations({ period: '2024-03' })).map((v) => ({
      code: v.code,
      personId: v.personId,
      at: beijing(v.occurredAt),
      rule: v.rule,
    }));
    const storedEvents = (await store.readAll({ limit: 1000 })).length;
    return {
      owners,
      deals,
      commission: {
        total: formatMoney(ZHAO_COMMISSION_FEN),
        shares: Object.fromEntries(Object.entries(split).map(([p, fen]) => [nameOf(p), formatMoney(fen)])),
      },
      violations,
      storedEvents,
    };
  } finally {
    await close();
  }
}
