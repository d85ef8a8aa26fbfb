// The pricing code before issue 21's second bulk pass (countAs events and escalation notes by
// field, the shared day namer, single-literal lines), kept verbatim (imports aside) as the oracle of
// the seeded properties in oracle.test.ts: the new code must price every violation list exactly as
// this one did (ledger, trace, refusals). Not exported by the package.
import {
  addMoney,
  allocate,
  type Fen,
  formatDuration,
  multiplyMoney,
  type Violation,
  ZhiduError,
} from '@zhidu/core';
import { ratioText, yuanText } from '../format.js';
import type { Line } from '../ledger.js';
import {
  bandBounds,
  bandFor,
  type Charge,
  DEFAULT_TIER_KINDS,
  type FineItem,
  type FineScheduleParams,
  lossBandsAsBands,
  type OutcomeKind,
  type Target,
  type Tier,
} from '../schedule.js';

/** A ledger line before it is numbered. */
export type DraftLine = Omit<Line, 'id'>;

/** A pay figure (monthly performance pay, base pay, bonus …) for one person, optionally one period. */
export interface PayEntry {
  personId: string;
  /** Ledger period (`2024-03` for a calendar month); absent = every period. */
  period?: string;
  component: string;
  amount: Fen;
}

/** Lookup of the figures an assessment may need beyond the violations themselves. */
export interface Inputs {
  /** Role → person, for charges that name a role (工程管理中心总监 → `p-emc`). */
  roster: Readonly<Record<string, string>>;
  pay: ReadonlyMap<string, Fen>;
}

/** Key of a pay figure in {@link Inputs.pay}. */
export function payKey(personId: string, period: string | undefined, component: string): string {
  return `${personId}\u0000${period ?? '*'}\u0000${component}`;
}

/** Chinese names of the pay components the bundled schedules use; a company's own id is shown as given. */
const PAY_COMPONENT_ZH: Readonly<Record<string, string>> = Object.freeze({
  performancePay: '绩效工资',
  monthlyBasePay: '月基本工资',
  monthBonus: '月奖金',
  monthDealBonus: '当月成交奖金',
});

/** A pay component's name for a Chinese message. */
function payComponentZh(component: string): string {
  return Object.hasOwn(PAY_COMPONENT_ZH, component) ? (PAY_COMPONENT_ZH[component] as string) : component;
}

function lookupPay(inputs: Inputs, personId: string, period: string, component: string): Fen | undefined {
  return (
    inputs.pay.get(payKey(personId, period, component)) ??
    inputs.pay.get(payKey(personId, undefined, component))
  );
}

/** Everything pricing one charge of one violation needs. */
export interface ChargeContext {
  violation: Violation;
  /** Index of the violation in the caller's input, for error paths. */
  index: number;
  item: FineItem;
  params: FineScheduleParams;
  inputs: Inputs;
  /** Escalation multiplier of the violator for this violation (1 outside every tier). */
  multiplier: number;
  /** The escalation tier of the violator's counted violation (undefined outside every tier). */
  tier?: Tier | undefined;
  tallyIndex: number | undefined;
  /** Instant and period the charge is filed under. */
  at: string;
  period: string;
  /** Per-assessment cache of arithmetic texts (shared, immutable). */
  texts: Map<string, { arithmetic: string; message: { zh: string; en: string } }>;
  /**
   * Per-assessment cache of the texts of unshared fines, found without building a key: item id →
   * outcome → tier step → units.
   */
  fineTexts?: FineTextCache;
}

/** A fine line's arithmetic and message. */
type FineText = { arithmetic: string; message: { zh: string; en: string } };
/** Fine texts by item id, outcome, tier step and units (see {@link ChargeContext.fineTexts}). */
export type FineTextCache = Map<string, Map<object, Map<Tier | undefined, FineText[]>>>;

/** ` × k` / ` + N` of a tier step in yuan, built once per tier. */
const STEP_YUAN = new WeakMap<Tier, string>();

interface Resolved {
  personId: string;
  role: string | undefined;
}

/**
 * Finds who bears a charge: the violator, or the holder of a named role (from the violation's
 * `data.parties`, the violator's own role, or the roster).
 *
 * @throws ZhiduError `unknown_reference` when no one holds the role
 */
export function resolveTarget(target: Target, cc: ChargeContext): Resolved {
  const v = cc.violation;
  if (target.kind === 'violator') return { personId: v.personId, role: v.role };
  if (v.role === target.role) return { personId: v.personId, role: target.role };
  const parties = v.data?.parties;
  if (parties !== undefined && parties !== null && typeof parties === 'object') {
    const named = (parties as Record<string, unknown>)[target.role];
    if (typeof named === 'string' && named.length > 0) return { personId: named, role: target.role };
  }
  const rostered = cc.inputs.roster[target.role];
  if (rostered !== undefined) return { personId: rostered, role: target.role };
  throw new ZhiduError(
    'unknown_reference',
    ['violations', cc.index, 'data', 'parties', target.role],
    `罚则条目 ${cc.item.id} 处罚 ${target.role}，但违规记录的 data.parties 和人员名册都未指明此人 / item ${cc.item.id} charges the ${target.role}, but neither the violation's data.parties nor the roster names one`,
  );
}

/**
 * The tier step a charge takes: the violator's tier when it computes (×, +, fixed amount), the charge
 * falls on the violator alone, the outcome does not opt out (`escalates: false`) and the tier applies
 * to its kind; undefined otherwise.
 */
function stepFor(
  cc: ChargeContext,
  kind: OutcomeKind,
  escalates: boolean | undefined,
  soleViolator: boolean,
): Tier | undefined {
  const t = cc.tier;
  if (t === undefined || t.outcome !== undefined || !soleViolator || escalates === false) return undefined;
  if (t.multiplier === 1) return undefined;
  return (t.appliesTo ?? DEFAULT_TIER_KINDS).includes(kind) ? t : undefined;
}

/** Marks a line with the tier step it took (× as `multiplier`, + and fixed amounts as `escalation`). */
function markStep(line: DraftLine, step: Tier | undefined, cc: ChargeContext): DraftLine {
  if (step === undefined) return line;
  if (cc.tallyIndex !== undefined) line.tallyIndex = cc.tallyIndex;
  if (step.multiplier !== undefined) line.multiplier = step.multiplier;
  else if (step.add !== undefined) line.escalation = { tier: 'add', value: step.add };
  else if (step.amount !== undefined) line.escalation = { tier: 'amount', value: step.amount };
  return line;
}

/** ` × k`, ` + N` (formatted by `fmt`) or nothing: the step's part of an arithmetic text. */
function stepText(step: Tier | undefined, fmt: (n: number) => string): string {
  if (step?.multiplier !== undefined) return ` × ${step.multiplier}`;
  if (step?.add !== undefined) return ` + ${fmt(step.add)}`;
  return '';
}

function safeProduct(a: number, b: number, path: (string | number)[]): number {
  const p = a * b;
  if (!Number.isSafeInteger(p))
    throw new ZhiduError(
      'invalid_money',
      path,
      '罚款金额超出安全整数范围 / the fine exceeds the safe integer range',
    );
  return p;
}

function exactSum(values: readonly Fen[], path: (string | number)[]): Fen {
  try {
    return addMoney(...values);
  } catch {
    throw new ZhiduError(
      'invalid_money',
      path,
      '扣款超出安全整数范围 / the deduction exceeds the safe integer range',
    );
  }
}

function dataFen(cc: ChargeContext, field: string): Fen | undefined {
  const raw = cc.violation.data?.[field];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) {
    throw new ZhiduError(
      'invalid_money',
      ['violations', cc.index, 'data', field],
      `data.${field} 须为以分计的非负整数金额 / data.${field} must be a non-negative integer amount of fen`,
    );
  }
  return raw;
}

/**
 * Counts the units a per-unit fine multiplies: 1 per occurrence, the items (beyond a threshold),
 * or the units of lateness in the clause's unit (converted from `lateBy.ms` when the emitter counted
 * in another unit and the conversion is exact: minutes, hours, 24-hour blocks).
 */
function fineUnits(cc: ChargeContext, outcome: Extract<Charge['outcome'], { kind: 'fine' }>): number {
  const v = cc.violation;
  if (outcome.per === 'occurrence') return 1;
  if (outcome.per === 'item') return Math.max(0, (v.quantity ?? 1) - (outcome.itemsOver ?? 0));
  return lateUnits(cc, outcome.lateUnit);
}

/**
 * The lateness of a violation in `unit`: as given, or converted from `lateBy.ms` (minutes, hours,
 * 24-hour blocks, rounded by `latenessRounding`), a day count standing in for 24-hour blocks (C3).
 */
function lateUnits(
  cc: ChargeContext,
  unit: Extract<Charge['outcome'], { kind: 'fine' }>['lateUnit'],
): number {
  const v = cc.violation;
  const late = v.lateBy;
  if (late === undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['violations', cc.index, 'lateBy'],
      `罚则条目 ${cc.item.id} 按 ${unit} 计算逾期，但违规记录没有 lateBy / item ${cc.item.id} prices lateness in ${unit}, but the violation carries no lateBy`,
    );
  }
  if (late.unit === unit) return late.units;
  const blockMs =
    unit === 'minutes' ? 60_000 : unit === 'hours' ? 3_600_000 : unit === 'blocks24h' ? 86_400_000 : 0;
  if (blockMs > 0 && late.ms !== undefined) {
    const blocks = late.ms / blockMs;
    return cc.params.latenessRounding === 'ceil' ? Math.ceil(blocks) : Math.floor(blocks);
  }
  // C3: "X元/天" is charged per started 24-hour block; with date-only data that equals the number of
  // calendar days late, so a day count stands in for blocks when no ms is given (and vice versa).
  const dayLike = (u: string | undefined): boolean => u === 'blocks24h' || u === 'calendarDays';
  if (dayLike(unit) && dayLike(late.unit)) return late.units;
  throw new ZhiduError(
    'invalid_input',
    ['violations', cc.index, 'lateBy', 'unit'],
    `罚则条目 ${cc.item.id} 按 ${unit} 计算逾期；违规记录以 ${late.unit} 计，且未给出可换算的毫秒数 ms / item ${cc.item.id} prices lateness in ${unit}; the violation counts ${late.unit} and gives no ms to convert`,
  );
}

function base(
  cc: ChargeContext,
  who: Resolved,
): Omit<DraftLine, 'kind' | 'status' | 'amount' | 'arithmetic' | 'message'> {
  const line: Omit<DraftLine, 'kind' | 'status' | 'amount' | 'arithmetic' | 'message'> = {
    personId: who.personId,
    period: cc.period,
    at: cc.at,
    item: cc.item.id,
    rule: cc.item.rule,
    clause: cc.item.clause,
    code: cc.violation.code,
    violatorId: cc.violation.personId,
  };
  if (who.role !== undefined) line.role = who.role;
  if (cc.violation.subject !== undefined) line.subject = cc.violation.subject;
  if (cc.item.assessedBy !== undefined) line.assessedBy = cc.item.assessedBy;
  return line;
}

type BandsOutcome = Extract<Charge['outcome'], { kind: 'bands' }>;

/** The name of what bands measure, for texts: `lateBy minutes`, `quantity`, `data.daysOverdue`. */
function measureName(o: BandsOutcome): string {
  if (o.measure === 'lateBy') return `lateBy ${o.lateUnit}`;
  return typeof o.measure === 'string' ? o.measure : o.measure.join('.');
}

/**
 * The measured value as Chinese text reads it: a lateness with its unit's name (`超时 15 分钟`), the
 * quantity as 数量; a field of the violation by its own name.
 */
function measuredZh(o: { kind: string }, what: string, measured: number): string {
  if (o.kind !== 'bands') return `${what} ${measured}`;
  const b = o as BandsOutcome;
  if (b.measure === 'lateBy' && b.lateUnit !== undefined)
    return `超时 ${formatDuration(measured, b.lateUnit, 'zh-CN')}`;
  if (b.measure === 'quantity') return `数量 ${measured}`;
  return `${what} ${measured}`;
}

/**
 * The value bands measure: the lateness in the bands' unit, the quantity (default 1), or the number
 * at a path of the violation (`data.daysOverdue`); undefined when the violation does not carry it.
 *
 * @throws ZhiduError `invalid_input` when the field holds something other than a finite number
 */
function measureOf(cc: ChargeContext, o: BandsOutcome): number | undefined {
  const v = cc.violation;
  if (o.measure === 'lateBy') return lateUnits(cc, o.lateUnit);
  if (o.measure === 'quantity') return v.quantity ?? 1;
  const keys = typeof o.measure === 'string' ? [o.measure] : o.measure;
  let at: unknown = v;
  for (const k of keys) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, k)) return undefined;
    at = (at as Record<string, unknown>)[k];
  }
  if (at === undefined || at === null) return undefined;
  if (typeof at !== 'number' || !Number.isFinite(at)) {
    throw new ZhiduError(
      'invalid_input',
      ['violations', cc.index, ...keys],
      `分档依据 ${keys.join('.')} 须为数字 / item ${cc.item.id} bands on ${keys.join('.')}, which must be a number, got ${typeof at}`,
    );
  }
  return at;
}

/** A measured value a band takes a ratio of: it must be an amount of fen. */
function measuredFen(cc: ChargeContext, o: BandsOutcome, measured: number): Fen {
  if (!Number.isSafeInteger(measured) || measured < 0) {
    const keys = typeof o.measure === 'string' ? [o.measure] : o.measure;
    throw new ZhiduError(
      'invalid_money',
      ['violations', cc.index, ...keys],
      `按比例分档须以整数分计量 / a band's ratio applies to an amount of fen, got ${measured}`,
    );
  }
  return measured;
}

/**
 * Prices one charge of a matched violation into draft lines, one per person charged.
 *
 * @param charge - the charge from the schedule item
 * @param cc - the violation, its item, escalation and inputs
 * @returns the draft lines (none when the charge comes to nothing, e.g. no items over the threshold)
 */
export function priceCharge(charge: Charge, cc: ChargeContext): DraftLine[] {
  if (charge.outcome.kind === 'fine') {
    const out: DraftLine[] = [];
    priceFineInto(charge, charge.outcome, cc, out);
    return out;
  }
  return priceOutcome(charge, cc);
}

/**
 * Prices one charge into `out` (appended in order): what {@link priceCharge} returns, without an
 * array per charge on the hot path of bulk pricing (a fine to the violator).
 *
 * @param charge - the charge from the schedule item
 * @param cc - the violation, its item, escalation and inputs
 * @param out - the lines priced so far; this charge's lines are appended
 */
export function priceChargeInto(charge: Charge, cc: ChargeContext, out: DraftLine[]): void {
  if (charge.outcome.kind === 'fine') {
    priceFineInto(charge, charge.outcome, cc, out);
    return;
  }
  const lines = priceOutcome(charge, cc);
  for (let i = 0; i < lines.length; i++) out.push(lines[i] as DraftLine);
}

type FineOutcome = Extract<Charge['outcome'], { kind: 'fine' }>;

/** The arithmetic and message of a fine line, built once per assessment for each distinct figure. */
function fineText(
  cc: ChargeContext,
  o: FineOutcome,
  step: Tier | undefined,
  rate: Fen,
  units: number,
  steps: string,
  total: Fen,
  share: Fen,
  split: string,
): { arithmetic: string; message: { zh: string; en: string } } {
  const cache = split === '' && share === total && units < 1024 ? cc.fineTexts : undefined;
  let byUnits: FineText[] | undefined;
  if (cache !== undefined) {
    let byOutcome = cache.get(cc.item.id);
    if (byOutcome === undefined) {
      byOutcome = new Map();
      cache.set(cc.item.id, byOutcome);
    }
    let byStep = byOutcome.get(o);
    if (byStep === undefined) {
      byStep = new Map();
      byOutcome.set(o, byStep);
    }
    byUnits = byStep.get(step);
    if (byUnits === undefined) {
      byUnits = [];
      byStep.set(step, byUnits);
    }
    const hit = byUnits[units];
    if (hit !== undefined) return hit;
  }
  // Everything the text is made of is in the key: two charges of one item may differ in what they
  // count (per occurrence, item or unit of lateness), and two versions of a schedule may give one
  // item id two titles.
  const unitWord = o.per === 'occurrence' ? '' : o.per === 'item' ? ' item(s)' : ` ${o.lateUnit}`;
  const title = cc.item.title;
  const key = `${cc.item.id}\u0000${title.zh}\u0000${title.en}\u0000${unitWord}\u0000${rate}\u0000${units}\u0000${steps}\u0000${share}\u0000${split}`;
  let text = cc.texts.get(key);
  if (text === undefined) {
    const arithmetic = `${yuanText(rate)} × ${units}${steps} = ${yuanText(total)}${split}`;
    text = {
      arithmetic,
      message: {
        zh: `${title.zh}:${arithmetic} 元`,
        en: `${title.en}: ${arithmetic} CNY (${units}${unitWord})`,
      },
    };
    cc.texts.set(key, text);
  }
  if (byUnits !== undefined) byUnits[units] = text;
  return text;
}

/** One fine line (the hot path of bulk pricing: one object literal, optional fields added after). */
function fineLine(
  cc: ChargeContext,
  personId: string,
  role: string | undefined,
  status: DraftLine['status'],
  share: Fen,
  rate: Fen,
  units: number,
  text: { arithmetic: string; message: { zh: string; en: string } },
  soleViolator: boolean,
  step: Tier | undefined,
): DraftLine {
  const v = cc.violation;
  const item = cc.item;
  const line: DraftLine = {
    personId,
    period: cc.period,
    at: cc.at,
    item: item.id,
    rule: item.rule,
    clause: item.clause,
    code: v.code,
    violatorId: v.personId,
    kind: 'fine',
    status,
    amount: share,
    arithmetic: text.arithmetic,
    base: rate,
    units,
    message: text.message,
  };
  if (role !== undefined) line.role = role;
  if (v.subject !== undefined) line.subject = v.subject;
  if (item.assessedBy !== undefined) line.assessedBy = item.assessedBy;
  if (soleViolator && cc.tallyIndex !== undefined) line.tallyIndex = cc.tallyIndex;
  return markStep(line, step, cc);
}

/**
 * Prices a fine: amount per occurrence, item or unit of lateness, the violator's tier step, shared by
 * weight when the charge names several people. Appends its lines to `out`.
 */
function priceFineInto(charge: Charge, o: FineOutcome, cc: ChargeContext, out: DraftLine[]): void {
  const targets = charge.to;
  const soleViolator = targets.length === 1 && targets[0]?.kind === 'violator';
  // Who bears it is resolved first (a role no one holds is refused before anything else).
  const weights = charge.weights;
  const who = soleViolator && weights === undefined ? undefined : targets.map((t) => resolveTarget(t, cc));
  const units = fineUnits(cc, o);
  if (units === 0) return;
  const step = stepFor(cc, 'fine', o.escalates, soleViolator);
  const multiplier = step?.multiplier ?? 1;
  const rate = step?.amount ?? o.amount;
  const add = step?.add ?? 0;
  let product = rate * units;
  if (!Number.isSafeInteger(product)) product = safeProduct(rate, units, ['violations', cc.index]);
  product *= multiplier;
  if (!Number.isSafeInteger(product))
    product = safeProduct(rate * units, multiplier, ['violations', cc.index]);
  const total = add === 0 ? product : exactSum([product, add], ['violations', cc.index]);
  let steps = '';
  if (step !== undefined) {
    const known = STEP_YUAN.get(step);
    if (known === undefined) {
      steps = stepText(step, yuanText);
      STEP_YUAN.set(step, steps);
    } else steps = known;
  }
  const status = charge.status ?? 'charged';
  if (who === undefined) {
    const v = cc.violation;
    const text = fineText(cc, o, step, rate, units, steps, total, total, '');
    out.push(fineLine(cc, v.personId, v.role, status, total, rate, units, text, true, step));
    return;
  }
  if (weights === undefined) {
    for (const r of who) {
      const text = fineText(cc, o, step, rate, units, steps, total, total, '');
      out.push(fineLine(cc, r.personId, r.role, status, total, rate, units, text, soleViolator, step));
    }
    return;
  }
  const parts = allocate(total, weights);
  const sum = weights.reduce((a, b) => a + b, 0);
  who.forEach((r, i) => {
    const share = parts[i] ?? 0;
    const split = ` → ${weights[i] ?? 0}/${sum} = ${yuanText(share)}`;
    const text = fineText(cc, o, step, rate, units, steps, total, share, split);
    out.push(fineLine(cc, r.personId, r.role, status, share, rate, units, text, soleViolator, step));
  });
}

/** Every outcome but a fine (see {@link priceCharge}). */
function priceOutcome(charge: Charge, cc: ChargeContext): DraftLine[] {
  const who = charge.to.map((t) => resolveTarget(t, cc));
  const o = charge.outcome;
  const title = cc.item.title;
  const status = charge.status ?? 'charged';
  const soleViolator = charge.to.length === 1 && charge.to[0]?.kind === 'violator';
  const path = ['violations', cc.index];

  // Money computed once for the charge, then given to each target in full or shared by weight;
  // `split` ends the arithmetic with the share step (` → 1/3 = 33.33`), empty when not shared.
  const spread = (total: Fen, make: (share: Fen, r: Resolved, split: string) => DraftLine): DraftLine[] => {
    if (charge.weights === undefined) return who.map((r) => make(total, r, ''));
    const parts = allocate(total, charge.weights);
    const sum = charge.weights.reduce((a, b) => a + b, 0);
    return who.map((r, i) => {
      const share = parts[i] ?? 0;
      return make(share, r, ` → ${charge.weights?.[i] ?? 0}/${sum} = ${yuanText(share)}`);
    });
  };
  // A money outcome whose arithmetic is `head`, then the share step, priced in CNY.
  const moneyLines = (kind: 'loss' | 'liability', total: Fen, head: string): DraftLine[] =>
    spread(total, (share, r, split) => {
      const arithmetic = `${head}${split}`;
      return {
        ...base(cc, r),
        kind,
        status,
        amount: share,
        arithmetic,
        message: { zh: `${title.zh}:${arithmetic} 元`, en: `${title.en}: ${arithmetic} CNY` },
      };
    });
  // A money outcome that cannot be priced until the violation carries `data.<field>`.
  const pendingLines = (
    kind: 'loss' | 'liability',
    field: string,
    message: DraftLine['message'],
  ): DraftLine[] =>
    who.map((r) => ({
      ...base(cc, r),
      kind,
      status: 'pending',
      amount: 0,
      arithmetic: `needs data.${field}`,
      message,
    }));

  // A measured value no band covers: the regulation sets no amount for it, a manager decides.
  const noBand = (what: string, measured: number): DraftLine[] =>
    who.map((r) => ({
      ...base(cc, r),
      kind: 'unspecified',
      status: 'info',
      amount: 0,
      arithmetic: `${what} ${measured}: no band`,
      message: {
        zh: `${title.zh}:${measuredZh(o, what, measured)} 不属于任何分档,制度未规定处罚标准,由主管决定`,
        en: `${title.en}: ${what} ${measured} falls in no band; the regulation sets no amount, a manager decides`,
      },
    }));

  switch (o.kind) {
    case 'fine': {
      const out: DraftLine[] = [];
      priceFineInto(charge, o, cc, out);
      return out;
    }
    case 'demotion': {
      const n = o.per === 'item' ? (cc.violation.quantity ?? 1) : 1;
      const step = stepFor(cc, 'demotion', o.escalates, soleViolator);
      const stated = step?.amount === undefined ? o.grades : { min: step.amount, max: step.amount };
      const scale = (g: number): number =>
        exactSum([safeProduct(safeProduct(g, n, path), step?.multiplier ?? 1, path), step?.add ?? 0], path);
      const grades = { min: scale(stated.min), max: scale(stated.max) };
      const text = grades.min === grades.max ? `${grades.min}` : `${grades.min}–${grades.max}`;
      const head = stated.min === stated.max ? `${stated.min}` : `${stated.min}–${stated.max}`;
      return who.map((r) =>
        markStep(
          {
            ...base(cc, r),
            kind: 'demotion',
            status: 'info',
            amount: 0,
            arithmetic: `${head} × ${n}${stepText(step, String)} = ${text} grade(s)`,
            grades,
            message: { zh: `${title.zh}:降${text}级工资`, en: `${title.en}: down ${text} salary grade(s)` },
          },
          step,
          cc,
        ),
      );
    }
    case 'points': {
      const n = o.per === 'item' ? (cc.violation.quantity ?? 1) : 1;
      const step = stepFor(cc, 'points', o.escalates, soleViolator);
      const rate = step?.amount ?? o.points;
      const points = exactSum(
        [safeProduct(safeProduct(rate, n, path), step?.multiplier ?? 1, path), step?.add ?? 0],
        path,
      );
      return who.map((r) =>
        markStep(
          {
            ...base(cc, r),
            ...(soleViolator && cc.tallyIndex !== undefined ? { tallyIndex: cc.tallyIndex } : {}),
            kind: 'points',
            status: 'info',
            amount: 0,
            arithmetic: `${rate} × ${n}${stepText(step, String)} = ${points} point(s)`,
            points,
            scale: o.scale,
            message: {
              zh: `${title.zh}:扣${o.scale} ${points} 分`,
              en: `${title.en}: ${points} point(s) off ${o.scale}`,
            },
          },
          step,
          cc,
        ),
      );
    }
    case 'payRange': {
      const label = payComponentZh(o.component);
      return who.map((r) => {
        const pay = lookupPay(cc.inputs, r.personId, cc.period, o.component);
        const min = pay === undefined ? null : multiplyMoney(pay, o.min);
        const max = pay === undefined ? null : multiplyMoney(pay, o.max);
        const span = `${ratioText(o.min)}–${ratioText(o.max)}`;
        const arithmetic =
          pay === undefined || min === null || max === null
            ? `${span} × ${o.component} (not given)`
            : `${span} × ${yuanText(pay)} = ${yuanText(min)}–${yuanText(max)}`;
        return {
          ...base(cc, r),
          kind: 'payRange',
          status: 'info',
          amount: 0,
          arithmetic,
          range: { component: o.component, minRatio: ratioText(o.min), maxRatio: ratioText(o.max), min, max },
          message: {
            zh: `${title.zh}:可视情况扣罚${label} ${
              pay === undefined || min === null || max === null ? `${span} × ${label}(未提供)` : arithmetic
            },由主管决定`,
            en: `${title.en}: discretionary deduction of ${arithmetic} from ${o.component}, for a manager to settle`,
          },
        };
      });
    }
    case 'payDeduction': {
      // The escalation tier multiplies a wage deduction like a fine (两次以上加倍): the deduction of
      // the violator's n-th counted violation is the pay share × the tier's multiplier (or + N fen,
      // or a fixed amount instead).
      const step = stepFor(cc, 'payDeduction', o.escalates, soleViolator);
      const multiplier = step?.multiplier ?? 1;
      const times = stepText(step, yuanText);
      const escalated = (line: DraftLine): DraftLine => {
        if (soleViolator && cc.tallyIndex !== undefined) line.tallyIndex = cc.tallyIndex;
        return markStep(line, step, cc);
      };
      if (step?.amount !== undefined) {
        const fixed = step.amount;
        return who.map((r) => {
          const arithmetic = `fixed ${yuanText(fixed)} = ${yuanText(fixed)}`;
          return escalated({
            ...base(cc, r),
            kind: 'payDeduction',
            status,
            amount: fixed,
            arithmetic,
            message: {
              zh: `${title.zh}:本次按升级档定额扣款 ${yuanText(fixed)} 元`,
              en: `${title.en}: the tier's fixed deduction of ${yuanText(fixed)} CNY`,
            },
          });
        });
      }
      return who.map((r) => {
        const figures = o.parts.map((p) => lookupPay(cc.inputs, r.personId, cc.period, p.component));
        const missing = o.parts.filter((_, i) => figures[i] === undefined).map((p) => p.component);
        if (missing.length > 0) {
          return escalated({
            ...base(cc, r),
            kind: 'payDeduction',
            status: 'pending',
            amount: 0,
            arithmetic: `needs ${missing.join(', ')}${times === '' ? '' : `, then${times}`}`,
            message: {
              zh: `${title.zh}:缺少薪资数据(${missing.map(payComponentZh).join('、')}),无法计算${times === '' ? '' : `(计算后${times.trim()})`}`,
              en: `${title.en}: cannot compute without ${missing.join(', ')}${times === '' ? '' : ` (then${times})`}`,
            },
          });
        }
        const parts = o.parts.map((p, i) => multiplyMoney(figures[i] ?? 0, p.ratio));
        const subtotal = exactSum(parts, path);
        const product = safeProduct(subtotal, multiplier, path);
        const amount = step?.add === undefined ? product : exactSum([product, step.add], path);
        const terms = o.parts
          .map((p, i) => `${yuanText(figures[i] ?? 0)} × ${ratioText(p.ratio)}`)
          .join(' + ');
        const arithmetic = `${terms} = ${yuanText(subtotal)}${times === '' ? '' : `${times} = ${yuanText(amount)}`}`;
        const line: DraftLine = {
          ...base(cc, r),
          kind: 'payDeduction',
          status,
          amount,
          arithmetic,
          message: { zh: `${title.zh}:${arithmetic} 元`, en: `${title.en}: ${arithmetic} CNY` },
        };
        if (step !== undefined) line.base = subtotal;
        return escalated(line);
      });
    }
    case 'bands': {
      const measured = measureOf(cc, o);
      const lineKind = o.line ?? 'fine';
      const what = measureName(o);
      if (measured === undefined) {
        return who.map((r) => ({
          ...base(cc, r),
          kind: lineKind,
          status: 'pending',
          amount: 0,
          arithmetic: `needs ${what}`,
          message: {
            zh: `${title.zh}:缺少分档依据(${what})`,
            en: `${title.en}: the measured value (${what}) is missing`,
          },
        }));
      }
      const band = bandFor(o.bands, measured);
      if (band === undefined) return noBand(what, measured);
      const bounds = bandBounds(band);
      const rate = band.amount ?? multiplyMoney(measuredFen(cc, o, measured), band.ratio ?? 0);
      const label = `${what} ${measured} in ${bounds.en}`;
      if (lineKind !== 'fine') {
        return moneyLines(lineKind, rate, `${label}: ${yuanText(rate)}`).map((l) => ({
          ...l,
          band: { measured, bounds: bounds.en },
        }));
      }
      const step = stepFor(cc, 'bands', o.escalates, soleViolator);
      const multiplier = step?.multiplier ?? 1;
      const stated = step?.amount ?? rate;
      const product = safeProduct(stated, multiplier, path);
      const total = step?.add === undefined ? product : exactSum([product, step.add], path);
      const steps = stepText(step, yuanText);
      return spread(total, (share, r, split) => {
        const arithmetic = `${label}: ${yuanText(stated)} × 1${steps} = ${yuanText(total)}${split}`;
        const line: DraftLine = {
          ...base(cc, r),
          kind: 'fine',
          status,
          amount: share,
          arithmetic,
          base: stated,
          units: 1,
          band: { measured, bounds: bounds.en },
          message: {
            zh: `${title.zh}:${measuredZh(o, what, measured)} 属于 ${bounds.zh} 档,${yuanText(stated)} × 1${steps} = ${yuanText(total)}${split} 元`,
            en: `${title.en}: ${arithmetic} CNY`,
          },
        };
        if (soleViolator && cc.tallyIndex !== undefined) line.tallyIndex = cc.tallyIndex;
        return markStep(line, step, cc);
      });
    }
    case 'lossBands': {
      const loss = dataFen(cc, o.lossField);
      if (loss === undefined) {
        return pendingLines('loss', o.lossField, {
          zh: `${title.zh}:缺少损失金额`,
          en: `${title.en}: the loss amount is missing`,
        });
      }
      if (loss === 0) return [];
      // The lossBands spelling of the one band mechanism: `[from, to)` → `gte` / `lt`.
      const band = bandFor(lossBandsAsBands(o.bands), loss);
      if (band === undefined) {
        return who.map((r) => ({
          ...base(cc, r),
          kind: 'unspecified',
          status: 'info',
          amount: 0,
          arithmetic: `loss ${yuanText(loss)}: no band`,
          message: {
            zh: `${title.zh}:损失 ${yuanText(loss)} 元,制度未规定处罚标准,由主管按损失大小决定`,
            en: `${title.en}: loss ${yuanText(loss)} CNY; the regulation sets no scale, a manager decides`,
          },
        }));
      }
      const total = band.amount ?? multiplyMoney(loss, band.ratio ?? 0);
      const how =
        band.amount !== undefined
          ? `band ${yuanText(band.gte ?? 0)}+`
          : `${yuanText(loss)} × ${ratioText(band.ratio ?? 0)}`;
      return moneyLines('loss', total, `${how} = ${yuanText(total)}`);
    }
    case 'dataAmount': {
      const amount = dataFen(cc, o.field);
      if (amount === undefined) {
        return pendingLines('liability', o.field, {
          zh: `${title.zh}:缺少金额(data.${o.field})`,
          en: `${title.en}: the amount (data.${o.field}) is missing`,
        });
      }
      return moneyLines('liability', amount, yuanText(amount));
    }
    case 'notReimbursed': {
      const expense = dataFen(cc, o.expenseField);
      return who.map((r) => {
        const line: DraftLine = {
          ...base(cc, r),
          kind: 'notReimbursed',
          status: 'info',
          amount: 0,
          arithmetic: expense === undefined ? 'not reimbursed' : `${yuanText(expense)} not reimbursed`,
          message: {
            zh: `${title.zh}:${expense === undefined ? '' : `${yuanText(expense)} 元`}不予报销`,
            en: `${title.en}: ${expense === undefined ? 'expense' : `${yuanText(expense)} CNY`} not reimbursed`,
          },
        };
        if (expense !== undefined) line.withheld = expense;
        return line;
      });
    }
    case 'sanction': {
      const list = o.measures.join(o.select === 'all' ? ' + ' : ' | ');
      return who.map((r) => ({
        ...base(cc, r),
        kind: 'sanction',
        status: 'info',
        amount: 0,
        arithmetic: list,
        measures: [...o.measures],
        select: o.select,
        message: {
          zh: `${title.zh}:${o.select === 'all' ? '处理' : '可选处理'} ${list}`,
          en: `${title.en}: ${o.select === 'all' ? 'measures' : `choose ${o.select === 'one' ? 'one' : 'one or more'} of`} ${list}`,
        },
      }));
    }
    case 'unspecified': {
      return who.map((r) => ({
        ...base(cc, r),
        kind: 'unspecified',
        status: 'info',
        amount: 0,
        arithmetic: `${o.measure}: not stated`,
        message: { zh: `${title.zh}:${o.note.zh}`, en: `${title.en}: ${o.note.en}` },
      }));
    }
  }
}
