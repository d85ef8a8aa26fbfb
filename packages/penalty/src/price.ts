import {
  addDays,
  BilingualText,
  calendarBasisTrace,
  type EvalContext,
  type Fen,
  type LocalDate,
  nearestKey,
  recordOf,
  startOfLocalDay,
  Trace,
  type TraceEntry,
  toInstant,
  type Violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { addFen, applyViolationCaps, fileLines, inFilingOrderFrom } from './filing.js';
import { yuanText } from './format.js';
import type { Ledger, Line } from './ledger.js';
import { canonicalMs, type Entry, matcher, readAhead, sortEntries, tierFor } from './matching.js';
import {
  type ChargeContext,
  type DraftLine,
  type FineTextCache,
  type Inputs,
  payKey,
  priceChargeInto,
} from './outcomes.js';
import { localDayNamers, periodNamer, periodOfDayNamer } from './period.js';
import type { PenaltyCustomRule, PenaltyStage } from './pipeline.js';
import { Entry4, EscalationData, MatchedEntry, Note } from './plain.js';
import type { Escalation, FineItem, FineScheduleParams, TallyWindow, Tier } from './schedule.js';

/** Options of {@link assessPenalties}. */
export interface AssessOptions {
  /**
   * `lines` (default): one trace entry per ledger line, the audit trail.
   * `summary`: one entry per person and period — for bulk runs where the lines themselves are the record.
   */
  trace?: 'lines' | 'summary';
  /**
   * A company's own rules, inserted before, after or instead of a built-in step of
   * `LEDGER_STEPS` (see `ledgerPipeline`). Their trace entries appear in place.
   */
  customRules?: readonly PenaltyCustomRule[];
}

/** Role → person for charges that name a role (工程管理中心总监 → `p-emc`). */
export const RosterSchema = recordOf(z.string().min(1), z.string().min(1));
/** A pay figure (fen) of one person's pay component, in one period or in all. */
export const PayEntrySchema = z
  .object({
    personId: z.string().min(1),
    period: z.string().min(1).optional(),
    component: z.string().min(1),
    amount: z.number().int().nonnegative().refine(Number.isSafeInteger),
  })
  .strict();

interface Recharge {
  at: string;
  k: number;
  amount: Fen;
  entry: Entry;
  status: 'charged' | 'proposed';
  countsTowardTally: boolean;
  role: string | undefined;
  rule: string;
  clause: string;
}

/** An escalation's trace entry and the draft lines its tier multiplied (numbered once filed). */
export interface EscalationNote {
  entry: TraceEntry;
  tally: string;
  lines: DraftLine[];
}

/** Days since 1970-01-01 of a local date `YYYY-MM-DD`. */
function dayNumber(date: string): number {
  return Math.round(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000,
  );
}

/**
 * Draft lists the pricing step wrote in filing order (violators by id, each one's lines by period
 * and time), checked a violator at a time while the lines were fresh; only consulted when no company
 * rule sees the drafts before filing (then the list reaches the filing step unchanged).
 */
const FILING_ORDER = new WeakSet<readonly DraftLine[]>();

/**
 * The instants the match step read, as numbers (`canonicalMs`, NaN for other forms) by violation
 * index, per entry list it returned; only consulted when no company rule sees the stage between the
 * match and pricing steps (then the list reaches pricing unchanged).
 */
const MATCHED_MS = new WeakMap<readonly Entry[], Float64Array>();

/** The message of an escalation entry until the filing step names its lines (shared, frozen). */
const EMPTY_MESSAGE: TraceEntry['message'] = Object.freeze({ zh: '', en: '' });
/** The line ids of an escalation entry until the filing step names them (shared, frozen). */
const NO_LINES: readonly string[] = Object.freeze([]);

/**
 * An escalation entry's data, keys in the order the trace has always had them: person, period, the
 * tally count, what the tier does (`multiplier` for ×k, else `add`, `amount` or `outcome`, its kind), the
 * escalation's id, and the lines (named when filed).
 */
function escalationData(
  personId: string,
  period: string,
  tallyIndex: number,
  tier: Tier,
  escalation: string,
): Record<string, unknown> {
  if (tier.multiplier !== undefined)
    return new EscalationData(
      personId,
      period,
      tallyIndex,
      'multiplier',
      tier.multiplier,
      escalation,
      NO_LINES,
    );
  if (tier.add !== undefined)
    return new EscalationData(personId, period, tallyIndex, 'add', tier.add, escalation, NO_LINES);
  if (tier.amount !== undefined)
    return new EscalationData(personId, period, tallyIndex, 'amount', tier.amount, escalation, NO_LINES);
  return new EscalationData(
    personId,
    period,
    tallyIndex,
    'outcome',
    tier.outcome?.kind ?? '',
    escalation,
    NO_LINES,
  );
}

/** The words of a tier step (`罚款 ×2` / `fines ×2` / `×2`), built once per distinct step. */
const STEP_TEXTS = new Map<string, { zh: string; en: string; tier: string }>();

function stepWords(data: Record<string, unknown>): { zh: string; en: string; tier: string } {
  const { multiplier, add, amount, outcome } = data as {
    multiplier?: number;
    add?: number;
    amount?: number;
    outcome?: string;
  };
  const key =
    multiplier !== undefined
      ? `m${multiplier}`
      : add !== undefined
        ? `a${add}`
        : amount !== undefined
          ? `f${amount}`
          : `o${outcome}`;
  let step = STEP_TEXTS.get(key);
  if (step === undefined) {
    step =
      multiplier !== undefined
        ? { zh: `罚款 ×${multiplier}`, en: `fines ×${multiplier}`, tier: `×${multiplier}` }
        : add !== undefined
          ? { zh: `加处 +${add}`, en: `+${add} added`, tier: `+${add}` }
          : amount !== undefined
            ? { zh: `改按定额 ${amount}`, en: `fixed at ${amount}`, tier: `= ${amount}` }
            : { zh: `改为 ${outcome}`, en: `${outcome} instead`, tier: `${outcome}` };
    // Bounded: a schedule has few distinct steps; a pathological one is simply not cached further.
    if (STEP_TEXTS.size < 1000) STEP_TEXTS.set(key, step);
  }
  return step;
}

/**
 * The constant parts of the escalation messages of one violator, period, tally and tier step: a bulk
 * ledger escalates most violations of a busy violator, and the notes of one violator come one after
 * another, so the parts are built once per run of notes instead of once per note.
 */
interface EscalationWords {
  personId: string;
  period: string;
  tally: string;
  multiplier: unknown;
  add: unknown;
  amount: unknown;
  outcome: unknown;
  /** `<person> 在 <period> 第`, then the count. */
  zhHead: string;
  /** `次违规(<tally>),<step>(`, then the line ids. */
  zhTail: string;
  /** `<person>: violation #`, then the count. */
  enHead: string;
  /** ` of <period> in tally <tally>, <step> (`, then the line ids. */
  enTail: string;
  step: { zh: string; en: string; tier: string };
  /** `<count><zhTail>` by count: the same for every violator (see {@link CountTexts}). */
  zhCounts: string[];
  /** `<count><enTail>` by count: the same for every violator of the period. */
  enCounts: string[];
}

/**
 * The middle of escalation messages, `<count>次违规(<tally>),<step>(` and `<count> of <period> in
 * tally <tally>, <step> (`, by tail and count: these do not name the violator, so one string serves
 * every violator's n-th escalation (a message is then the violator's head, this part and the line
 * ids, three pieces instead of five). Per filing, so nothing outlives the ledger.
 */
type CountTexts = Map<string, string[]>;

/** The list of `<count><tail>` strings of a tail (filled as counts come). */
function countTexts(cache: CountTexts, tail: string): string[] {
  let list = cache.get(tail);
  if (list === undefined) {
    list = [];
    cache.set(tail, list);
  }
  return list;
}

/** Counts from this one on are not kept (a list stays small; such counts are rare). */
const COUNTS_KEPT = 4096;

/** `<count><tail>`, built once per count and tail. */
function countText(list: string[], count: number, tail: string): string {
  if (!Number.isInteger(count) || count < 0 || count >= COUNTS_KEPT) return `${count}${tail}`;
  let text = list[count];
  if (text === undefined) {
    text = `${count}${tail}`;
    list[count] = text;
  }
  return text;
}

/**
 * Completes an escalation's trace entry once its lines carry ids (`last`: the previous note's words).
 * `inPlace`: no one sees the note after filing (no company rules), so its list of lines becomes the
 * list of their ids instead of a second array per note.
 */
function describeEscalation(
  note: EscalationNote,
  last: EscalationWords | undefined,
  inPlace: boolean,
  counts: CountTexts,
): EscalationWords {
  const data = note.entry.data ?? {};
  const personId = data.personId as string;
  const period = data.period as string;
  const tallyIndex = data.tallyIndex as number;
  // fileLines completes the drafts in place, so each now carries its ledger id.
  const lines = note.lines;
  const ids: string[] = inPlace ? (lines as unknown as string[]) : new Array(lines.length);
  for (let i = 0; i < lines.length; i++) ids[i] = (lines[i] as DraftLine & { id?: string }).id ?? '';
  data.lines = ids;
  let words = last;
  if (
    words === undefined ||
    words.personId !== personId ||
    words.period !== period ||
    words.tally !== note.tally ||
    words.multiplier !== data.multiplier ||
    words.add !== data.add ||
    words.amount !== data.amount ||
    words.outcome !== data.outcome
  ) {
    const step = stepWords(data);
    const zhTail = `次违规(${note.tally}),${step.zh}(`;
    const enTail = ` of ${period} in tally ${note.tally}, ${step.en} (`;
    words = {
      personId,
      period,
      tally: note.tally,
      multiplier: data.multiplier,
      add: data.add,
      amount: data.amount,
      outcome: data.outcome,
      zhHead: `${personId} 在 ${period} 第`,
      zhTail,
      enHead: `${personId}: violation #`,
      enTail,
      step,
      zhCounts: countTexts(counts, zhTail),
      enCounts: countTexts(counts, enTail),
    };
  }
  if (ids.length === 0) {
    const step = words.step;
    note.entry.message = new BilingualText(
      `${personId} 在 ${period} 第${tallyIndex}次违规(${note.tally}),达到 ${step.tier} 档,但本项没有可加倍的罚款`,
      `${personId}: violation #${tallyIndex} of ${period} in tally ${note.tally} reaches the ${step.tier} tier, but no fine of this item escalates`,
    );
    return words;
  }
  // `<ids>)` ends both messages; with one line it is the same text in both, built once.
  const zhIds = ids.length === 1 ? `${ids[0] as string})` : `${ids.join('、')})`;
  const enIds = ids.length === 1 ? zhIds : `${ids.join(', ')})`;
  note.entry.message = new BilingualText(
    words.zhHead + countText(words.zhCounts, tallyIndex, words.zhTail) + zhIds,
    words.enHead + countText(words.enCounts, tallyIndex, words.enTail) + enIds,
  );
  return words;
}

/**
 * Number of working days that ended without a correction (S000-PENALTY-09): the k-th re-charge falls
 * due when working day k after the order day ends (C2: the order day is not counted). A correction
 * on day D covers every working day up to and including D.
 */
function missedWorkdays(ctx: EvalContext, orderDay: LocalDate, endDay: LocalDate): number {
  if (endDay <= orderDay) return 0;
  const n = ctx.calendar.workdaysBetween(orderDay, endDay) - (ctx.calendar.isWorkday(endDay) ? 1 : 0);
  return Math.max(0, n);
}

/**
 * Traces where the working days of a re-charge clock `(orderDay, endDay]` come from when some year
 * of it is beyond the calendar's data (the re-charges were then counted provisionally): the
 * decision's provenance says provisional. Ordinary spans add nothing. `beyond` remembers, per pair
 * of years, whether the span is beyond the data (a bulk run asks for the same few); `seen` names
 * each year once per call.
 */
function traceRechargeBasis(
  ctx: EvalContext,
  orderDay: LocalDate,
  endDay: LocalDate,
  beyond: Map<string, boolean>,
  seen: Set<string>,
  trace: TraceEntry[],
): void {
  const calendar = ctx.calendar;
  if (endDay <= orderDay || calendar.basis === undefined) return;
  const years = `${orderDay.slice(0, 4)}-${endDay.slice(0, 4)}`;
  let known = beyond.get(years);
  if (known === undefined) {
    known = calendar.basis(orderDay, endDay).some((b) => b.kind !== 'data');
    beyond.set(years, known);
  }
  if (!known) return;
  const basis = new Trace();
  calendarBasisTrace(basis, calendar, orderDay, endDay, { when: 'notable', seen });
  for (const entry of basis.entries) trace.push(entry);
}

/** `unpriced: 'refuse'`: a violation no item prices is refused, naming the priced code meant. */
function refuseUnpriced(params: FineScheduleParams, v: Violation, index: number): never {
  const codes = [...new Set(params.items.map((i) => i.match.code))];
  if (!codes.includes(v.code)) {
    const guess = nearestKey(v.code, codes);
    const hint = guess === undefined ? '' : `；是否应为 ${guess}？`;
    const hintEn = guess === undefined ? '' : `; did you mean ${guess}?`;
    throw new ZhiduError(
      'unknown_reference',
      ['violations', index, 'code'],
      `罚则不对违规代码 ${v.code} 定价${hint} / the schedule prices no violation ${v.code}${hintEn}`,
      guess === undefined ? undefined : { suggestion: guess },
    );
  }
  throw new ZhiduError(
    'unknown_reference',
    ['violations', index],
    `罚则中没有与此 ${v.code} 违规（角色 ${v.role ?? '无'}）匹配的条目 / no item of the schedule prices this ${v.code} violation (role ${v.role ?? 'none'}, its data)`,
  );
}

function orderInstant(e: Entry): string {
  const raw = e.v.data?.correctionOrderedAt;
  if (raw === undefined) return e.v.occurredAt;
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    throw new ZhiduError(
      'invalid_instant',
      ['violations', e.index, 'data', 'correctionOrderedAt'],
      '须为时刻 / expected an instant',
    );
  }
  const at = toInstant(raw, ['violations', e.index, 'data', 'correctionOrderedAt']);
  if (at < e.v.occurredAt) {
    throw new ZhiduError(
      'out_of_order',
      ['violations', e.index, 'data', 'correctionOrderedAt'],
      '责令整改不能早于违规发生 / a correction cannot be ordered before the violation occurred',
    );
  }
  return at;
}

/**
 * The lines a tier stepped (×k, + or a fixed amount, or an outcome instead): a new note's list, sized
 * to them (most notes name one line; an array grown by a push would reserve seventeen slots). By
 * `Array.of`, not an array literal: a literal's allocation site is pretenured once a bulk call's
 * notes outlive a young collection (see ./plain.ts); `Array.of` has no site.
 */
function steppedLines(mine: readonly DraftLine[]): DraftLine[] {
  let first: DraftLine | undefined;
  let n = 0;
  for (let i = 0; i < mine.length; i++) {
    const line = mine[i] as DraftLine;
    if (line.multiplier === undefined && line.escalation === undefined) continue;
    first ??= line;
    n++;
  }
  if (first === undefined) return Array.of();
  if (n === 1) return Array.of(first);
  const out: DraftLine[] = [];
  for (const line of mine) if (line.multiplier !== undefined || line.escalation !== undefined) out.push(line);
  return out;
}

/** A tally event counted once for several items (`countAs`): an instant's event of one subject. */
interface TallyEvent {
  countAs: string;
  at: string;
  kind: string;
  id: string;
  tallyIndex: number;
}

/** The joined key of a tally event (the identity when one of its fields holds U+0000). */
function eventKey(countAs: string, at: string, kind: string, id: string): string {
  return `${countAs}\u0000${at}\u0000${kind}\u0000${id}`;
}

/** The events one list may hold before they move to joined keys (a scan stays short). */
const EVENTS_LISTED = 32;
/** In place of a list once its events went to joined keys (shared, never written). */
const KEYED_EVENTS: TallyEvent[] = Object.freeze([]) as unknown as TallyEvent[];

/** Whether the fields of an event's key are free of U+0000 (then the fields compare as the key). */
function plainEvent(countAs: string, kind: string, id: string): boolean {
  return !countAs.includes('\u0000') && !kind.includes('\u0000') && !id.includes('\u0000');
}

/**
 * The list an event is looked for in: its subject's id, or its instant when it has no subject. A
 * subject's events are few (the items one file's check priced), where one instant of a bulk list
 * holds the events of many subjects: keyed by instant, a lookup scanned up to 32 other subjects'
 * events (issue 21). Two keys that happen to be equal (an id spelt as an instant) share a list, whose
 * events are compared on every field.
 */
const listKey = (at: string, id: string): string => (id === '' ? at : id);

/** A {@link TallyEvent}, by `new` (a per-person scratch object: no literal's allocation site). */
class ListedEvent implements TallyEvent {
  constructor(
    readonly countAs: string,
    readonly at: string,
    readonly kind: string,
    readonly id: string,
    readonly tallyIndex: number,
  ) {}
}

/**
 * One violator's tally events counted once for several items (`countAs`). {@link prior} looks an
 * event up; when it was not counted yet, {@link record} keeps its count from what that lookup read
 * (its fields and the list it looked in), so a fresh event is read and looked up once.
 *
 * Events are listed by subject (see {@link listKey}) and compared field by field: the same answer
 * as the joined key `countAs␀instant␀kind␀id`, without building it per violation. An event whose
 * fields hold U+0000, and every event of a list that grew past {@link EVENTS_LISTED}, is kept under
 * its joined key instead.
 */
class CountAsEvents {
  private readonly lists = new Map<string, TallyEvent[]>();
  private readonly keys = new Map<string, number>();
  // The event of the last lookup, and the list it was looked for in (undefined: none yet).
  private countAs = '';
  private at = '';
  private kind = '';
  private id = '';
  private plain = true;
  private list: TallyEvent[] | undefined = undefined;

  /** The count the event of `v` was already given (by an earlier item), or undefined. */
  prior(countAs: string, v: Violation): number | undefined {
    const kind = v.subject?.kind ?? '';
    const id = v.subject?.id ?? '';
    const at = v.occurredAt;
    this.countAs = countAs;
    this.at = at;
    this.kind = kind;
    this.id = id;
    this.plain = plainEvent(countAs, kind, id);
    if (!this.plain) return this.keys.get(eventKey(countAs, at, kind, id));
    const list = this.lists.get(listKey(at, id));
    this.list = list;
    if (list === undefined) return undefined;
    if (list === KEYED_EVENTS) return this.keys.get(eventKey(countAs, at, kind, id));
    for (let i = 0; i < list.length; i++) {
      const e = list[i] as TallyEvent;
      if (e.at === at && e.countAs === countAs && e.kind === kind && e.id === id) return e.tallyIndex;
    }
    return undefined;
  }

  /** Keeps the count of the event {@link prior} has just not found. */
  record(tallyIndex: number): void {
    const { countAs, at, kind, id, list } = this;
    if (!this.plain || list === KEYED_EVENTS) {
      this.keys.set(eventKey(countAs, at, kind, id), tallyIndex);
      return;
    }
    const event: TallyEvent = new ListedEvent(countAs, at, kind, id, tallyIndex);
    if (list === undefined) this.lists.set(listKey(at, id), Array.of(event));
    else if (list.length < EVENTS_LISTED) list.push(event);
    else {
      // A crowded list (one subject's many events, or one instant's without a subject): its events go
      // to joined keys, so a lookup never scans a long list.
      for (const e of list) this.keys.set(eventKey(e.countAs, e.at, e.kind, e.id), e.tallyIndex);
      this.keys.set(eventKey(countAs, at, kind, id), tallyIndex);
      this.lists.set(listKey(at, id), KEYED_EVENTS);
    }
  }
}

/** Who holds which role and the pay figures, as given to an assessment (validated here). */
export interface PriceInputs {
  roster?: unknown;
  pay?: readonly unknown[] | undefined;
}

/**
 * Match step: each violation is checked against the schedule's dates (in force when it occurred,
 * corrected after it occurred) and matched to the item that prices it; the entries are put in
 * pricing order (violators by id, each one's violations in canonical order). A violation no item
 * prices is reported in `unpriced` (or refused when the schedule says `unpriced: 'refuse'`).
 *
 * @internal
 */
export function matchViolations(stage: PenaltyStage, trace: TraceEntry[]): PenaltyStage {
  const { schedule } = stage;
  const params = schedule.params;
  const match = matcher(params);
  const byPerson = new Map<string, Entry[]>();
  // Each violation's instant as a number, for the canonical sort (NaN: compared as text).
  const ms = new Float64Array(stage.violations.length);
  stage.violations.forEach((v, index) => {
    ms[index] = canonicalMs(v.occurredAt);
    if (
      v.occurredAt < schedule.effectiveFrom ||
      (schedule.effectiveTo !== undefined && v.occurredAt >= schedule.effectiveTo)
    ) {
      throw new ZhiduError(
        'policy_not_in_force',
        ['violations', index, 'occurredAt'],
        `罚则 ${schedule.id} v${schedule.version} 在 ${v.occurredAt} 不在有效期内 / schedule ${schedule.id} v${schedule.version} is not in force at ${v.occurredAt}`,
      );
    }
    if (v.correctedAt !== undefined && v.correctedAt < v.occurredAt) {
      throw new ZhiduError(
        'out_of_order',
        ['violations', index, 'correctedAt'],
        '整改时间早于违规发生时间 / corrected before it occurred',
      );
    }
    const item = match(v, index);
    const entry: Entry = new MatchedEntry(v, index, item);
    const list = byPerson.get(v.personId);
    // Array.of, not a literal: no allocation site to pretenure (see ./plain.ts).
    if (list === undefined) byPerson.set(v.personId, Array.of(entry));
    else list.push(entry);
  });
  const entries: Entry[] = [];
  const unpriced: Ledger['unpriced'] = [...stage.unpriced];
  for (const personId of [...byPerson.keys()].sort()) {
    for (const entry of sortEntries(byPerson.get(personId) ?? [], ms)) {
      const { v, item } = entry;
      if (item === undefined) {
        if (params.unpriced === 'refuse') refuseUnpriced(params, v, entry.index);
        const u: Ledger['unpriced'][number] = {
          code: v.code,
          personId: v.personId,
          occurredAt: v.occurredAt,
        };
        if (v.role !== undefined) u.role = v.role;
        unpriced.push(u);
        trace.push({
          rule: v.source.rule,
          ...(v.source.clause === undefined ? {} : { clause: v.source.clause }),
          message: {
            zh: `${v.code}:本罚则未定价,未计入台账`,
            en: `${v.code}: not priced by schedule ${schedule.id}; left out of the ledger`,
          },
          data: { personId: v.personId, occurredAt: v.occurredAt },
        });
      }
      entries.push(entry);
    }
  }
  MATCHED_MS.set(entries, ms);
  return { ...stage, entries, unpriced };
}

/**
 * The priced entries of each violator, violators in order of first appearance. The match step
 * leaves each violator's entries together, so they are cut into runs; entries a company's rule
 * interleaved are gathered as well.
 */
function pricedByPerson(all: readonly Entry[]): Map<string, Entry[]> {
  const byPerson = new Map<string, Entry[]>();
  let i = 0;
  while (i < all.length) {
    const personId = (all[i] as Entry).v.personId;
    let j = i + 1;
    while (j < all.length && (all[j] as Entry).v.personId === personId) j++;
    let list: Entry[] | undefined;
    for (let k = i; k < j; k++) {
      const entry = all[k] as Entry;
      if (entry.item === undefined) continue;
      // Listed from the violator's first priced entry on (one with none priced has no list).
      if (list === undefined) {
        list = byPerson.get(personId);
        if (list === undefined) {
          list = Array.of();
          byPerson.set(personId, list);
        }
      }
      list.push(entry);
    }
    i = j;
  }
  return byPerson;
}

/**
 * Pricing step: walks each violator's matched entries in order and prices every charge — amounts
 * per occurrence, item or unit of lateness, pay shares, liability — with the escalation tallies
 * ("from the 2nd violation in a month, doubled"), the consequences a tally reaches, the re-charges
 * for each working day without correction (counted in the tallies in time order, 同额 the doubled
 * amount) and the per-violation caps. Lines are not yet numbered; with `idSlots` (no company rule
 * sees the drafts before filing) bulk-shape fine lines carry an empty `id` key the filing fills.
 *
 * @internal
 */
export function priceEntries(
  stage: PenaltyStage,
  ctx: EvalContext,
  trace: TraceEntry[],
  idSlots = false,
): PenaltyStage {
  const { schedule } = stage;
  const params = schedule.params;
  const pay = new Map<string, Fen>();
  for (const e of stage.pay) pay.set(payKey(e.personId, e.period, e.component), e.amount);
  const inputs: Inputs = { roster: stage.roster, pay };
  // One day namer (by instant string or by its number, one cache) for the period names and the
  // re-charge clock.
  const days = localDayNamers(schedule.zone);
  const dayOf = days.ofInstant;
  const dayOfMs = days.ofMs;
  const periodOf = periodNamer(params.window, schedule.zone, dayOf);
  // Without company rules: each violation's day from the instant number the match step read (the
  // instant string is not read again), its period from that day.
  const msAt = idSlots ? MATCHED_MS.get(stage.entries) : undefined;
  const periodOfDay = periodOfDayNamer(params.window);
  const now = toInstant(ctx.now, ['ctx', 'now']);
  const texts: ChargeContext['texts'] = new Map();
  const fineTexts: FineTextCache = new Map();
  const byPerson = pricedByPerson(stage.entries);
  const personIds = [...byPerson.keys()];
  // Re-charge clocks counted beyond the calendar's data (see traceRechargeBasis).
  const beyondData = new Map<string, boolean>();
  const basisSeen = new Set<string>();

  // tally → role ('' for every role) → escalation: looked up per violation without building a key.
  const escalationFor = new Map<string, Map<string, Escalation>>();
  for (const esc of params.escalations) {
    let byRole = escalationFor.get(esc.tally);
    if (byRole === undefined) {
      byRole = new Map();
      escalationFor.set(esc.tally, byRole);
    }
    byRole.set(esc.role ?? '', esc);
  }
  const findEscalation = (tally: string, role: string | undefined): Escalation | undefined => {
    const byRole = escalationFor.get(tally);
    if (byRole === undefined) return undefined;
    return (role === undefined ? undefined : byRole.get(role)) ?? byRole.get('');
  };

  // Tallies counted over a window of their own (an item's `tallyWindow` other than the schedule's).
  const windowOf = new Map<string, TallyWindow>();
  for (const item of params.items) {
    if (item.tally !== undefined && item.tallyWindow !== undefined && item.tallyWindow !== params.window)
      windowOf.set(item.tally, item.tallyWindow);
  }

  const drafts: DraftLine[] = [...stage.lines];
  const escalations: EscalationNote[] = [...stage.escalations];
  // Whether the drafts so far are in filing order (see FILING_ORDER), and up to where that was checked.
  let inOrder = idSlots;
  let checked = 0;

  // One charge context and one list of a violation's lines for the whole call, set per violation
  // (keys in the order a fresh literal had them: a copy of it, `{ ...cc }`, is the same object).
  const cc: ChargeContext = {
    violation: undefined as unknown as Violation,
    index: 0,
    item: undefined as unknown as FineItem,
    params,
    inputs,
    tier: undefined,
    tallyIndex: undefined,
    at: '',
    period: '',
    texts,
    fineTexts,
    idSlot: idSlots,
  };
  const mine: DraftLine[] = [];

  // 2. Walk each violator's violations (and the re-charges they cause) in time order.
  for (const personId of personIds) {
    const entries = byPerson.get(personId) ?? [];
    readAhead(entries);
    const tallies = new Map<string, number>();
    // Ledger-period tallies: tally → period → count, found without building a key per violation.
    const periodTallies = new Map<string, Map<string, number>>();
    const pending: Recharge[] = Array.of();
    // Tally events counted once for several items (`countAs`), by subject.
    const events = new CountAsEvents();
    const notes = new Map<string, EscalationNote>();
    // Notes by tally, ledger period and count, found without building a key per escalation.
    const notesBy = new Map<string, Map<string, EscalationNote[]>>();

    const rolling = new Map<string, number[]>();
    // The violator's n-th violation of a tally in its window: the ledger period (the schedule's
    // window, continued from earlier versions under a policy history), another calendar period, the
    // whole history, or the last N days (counted on local days; walked in time order, so each day
    // list is sorted and old days are dropped from its front).
    const count = (tally: string, period: string, at: string): number => {
      const window = windowOf.get(tally);
      if (window === undefined) {
        let byPeriod = periodTallies.get(tally);
        if (byPeriod === undefined) {
          byPeriod = new Map();
          periodTallies.set(tally, byPeriod);
        }
        const n =
          (byPeriod.get(period) ?? stage.priorTallies?.get(`${personId}\u0000${tally}\u0000${period}`) ?? 0) +
          1;
        byPeriod.set(period, n);
        return n;
      }
      if (typeof window === 'object') {
        const day = dayNumber(dayOf(at));
        const days = rolling.get(tally) ?? [];
        while (days.length > 0 && (days[0] ?? 0) < day - window.rollingDays) days.shift();
        days.push(day);
        rolling.set(tally, days);
        return days.length;
      }
      const key = `${tally}\u0000${window === 'history' ? '*' : periodNamer(window, schedule.zone)(at)}`;
      const n = (tallies.get(key) ?? 0) + 1;
      tallies.set(key, n);
      return n;
    };

    const reach = (
      esc: Escalation | undefined,
      n: number,
      entry: Entry,
      at: string,
      period: string,
    ): void => {
      if (esc === undefined || entry.item === undefined) return;
      const onReach = esc.onReach;
      if (onReach === undefined) return;
      for (let i = 0; i < onReach.length; i++) {
        const r = onReach[i] as NonNullable<Escalation['onReach']>[number];
        if (r.count !== n) continue;
        const cc: ChargeContext = {
          violation: entry.v,
          index: entry.index,
          item: { ...entry.item, id: `${esc.id}@${n}`, rule: r.rule, clause: r.clause, title: r.title },
          params,
          inputs,
          tallyIndex: n,
          at,
          period,
          texts,
          fineTexts,
        };
        priceChargeInto(r.charge, cc, drafts);
      }
    };

    const flush = (before: string | undefined): void => {
      while (pending.length > 0) {
        const next = pending[0];
        if (next === undefined || (before !== undefined && next.at > before)) break;
        pending.shift();
        const item = next.entry.item;
        if (item === undefined) continue;
        const period = periodOf(next.at);
        let tallyIndex: number | undefined;
        let esc: Escalation | undefined;
        if (item.tally !== undefined && next.countsTowardTally) {
          tallyIndex = count(item.tally, period, next.at);
          esc = findEscalation(item.tally, next.role);
        }
        const arithmetic = `${yuanText(next.amount)} (same amount, working day ${next.k} uncorrected)`;
        const line: DraftLine = {
          personId,
          period,
          at: next.at,
          item: item.id,
          rule: next.rule,
          clause: next.clause,
          code: next.entry.v.code,
          violatorId: personId,
          kind: 'recharge',
          status: next.status,
          amount: next.amount,
          arithmetic,
          base: next.amount,
          units: 1,
          repeat: next.k,
          message: {
            zh: `${item.title.zh}:第${next.k}个工作日仍未改正,视同再次违规,同额处罚 ${yuanText(next.amount)} 元`,
            en: `${item.title.en}: still uncorrected after working day ${next.k}, deemed a repeat, same fine ${yuanText(next.amount)} CNY`,
          },
        };
        if (next.role !== undefined) line.role = next.role;
        if (next.entry.v.subject !== undefined) line.subject = next.entry.v.subject;
        if (tallyIndex !== undefined) line.tallyIndex = tallyIndex;
        drafts.push(line);
        if (tallyIndex !== undefined) reach(esc, tallyIndex, next.entry, next.at, period);
      }
    };

    for (const entry of entries) {
      const v = entry.v;
      const item = entry.item;
      if (item === undefined) continue;
      if (pending.length > 0) flush(v.occurredAt);
      const atMs = msAt === undefined ? Number.NaN : (msAt[entry.index] as number);
      const period = !Number.isNaN(atMs) ? periodOfDay(dayOfMs(atMs)) : periodOf(v.occurredAt);
      let tallyIndex: number | undefined;
      let esc: Escalation | undefined;
      let fresh = true;
      if (item.tally !== undefined) {
        const countAs = item.countAs;
        const prior = countAs === undefined ? undefined : events.prior(countAs, v);
        if (prior !== undefined) {
          tallyIndex = prior;
          fresh = false;
        } else {
          tallyIndex = count(item.tally, period, v.occurredAt);
          if (countAs !== undefined) events.record(tallyIndex);
        }
        esc = findEscalation(item.tally, v.role);
      }
      const tier = tallyIndex === undefined ? undefined : tierFor(esc, tallyIndex);
      // The call's one charge context, set for this violation (pricing reads it and keeps nothing of it).
      cc.violation = v;
      cc.index = entry.index;
      cc.item = item;
      cc.tier = tier;
      cc.tallyIndex = tallyIndex;
      cc.at = v.occurredAt;
      cc.period = period;
      // This violation's lines, in the call's one scratch list (notes and drafts copy what they keep).
      mine.length = 0;
      if (tier?.outcome !== undefined) {
        // A different sanction at this tier (第三次予以辞退): the violator's own charges of the kinds
        // the tier names are replaced by the tier's outcome; charges on named roles stay.
        const replaced = tier.appliesTo;
        const plain: ChargeContext = { ...cc, tier: undefined };
        for (const charge of item.charges) {
          const own = charge.to.length === 1 && charge.to[0]?.kind === 'violator';
          if (own && (replaced === undefined || replaced.includes(charge.outcome.kind))) continue;
          priceChargeInto(charge, plain, mine);
        }
        const from = mine.length;
        priceChargeInto({ to: [{ kind: 'violator' }], outcome: tier.outcome }, plain, mine);
        for (let i = from; i < mine.length; i++) {
          const line = mine[i] as DraftLine;
          line.escalation = { tier: 'outcome' };
          line.tallyIndex = tallyIndex;
        }
      } else {
        for (const charge of item.charges) priceChargeInto(charge, cc, mine);
      }
      let stepped = false;
      if (tier !== undefined && tier.multiplier !== 1) {
        for (const l of mine) {
          if (l.multiplier !== undefined || l.escalation !== undefined) {
            stepped = true;
            break;
          }
        }
      }
      if (
        esc !== undefined &&
        tallyIndex !== undefined &&
        tier !== undefined &&
        (tier.multiplier !== 1 || stepped)
      ) {
        // One trace entry per escalated tally event, naming every ledger line the tier multiplied
        // (fines and wage deductions of the violator), so the trace states exactly what the ledger holds.
        // Two entries share a tally event only when an event is counted once for several items
        // (`countAs`) or the tally has a window of its own; otherwise each count in a period is new,
        // and no key is built.
        const tally = item.tally ?? '';
        const window = windowOf.get(tally);
        const shared = item.countAs !== undefined || window !== undefined;
        // The note's identity is (tally, period, count[, instant for a rolling window]): nested maps
        // when the fields cannot run into one another, else the joined key as before.
        const keyed = shared && (typeof window === 'object' || tally.includes('\u0000'));
        const key = keyed
          ? `${tally}\u0000${period}\u0000${tallyIndex}\u0000${typeof window === 'object' ? v.occurredAt : ''}`
          : undefined;
        let byCount: EscalationNote[] | undefined;
        if (shared && !keyed) {
          let byPeriod = notesBy.get(tally);
          if (byPeriod === undefined) {
            byPeriod = new Map();
            notesBy.set(tally, byPeriod);
          }
          byCount = byPeriod.get(period);
          if (byCount === undefined) {
            byCount = [];
            byPeriod.set(period, byCount);
          }
        }
        let note = key !== undefined ? notes.get(key) : byCount?.[tallyIndex];
        if (note === undefined) {
          note = new Note(
            new Entry4(
              esc.rule,
              esc.clause,
              EMPTY_MESSAGE,
              escalationData(personId, period, tallyIndex, tier, esc.id),
            ),
            item.tally ?? '',
            steppedLines(mine),
          );
          if (key !== undefined) notes.set(key, note);
          else if (byCount !== undefined) byCount[tallyIndex] = note;
          escalations.push(note);
          trace.push(note.entry);
        } else {
          for (const line of mine)
            if (line.multiplier !== undefined || line.escalation !== undefined) note.lines.push(line);
        }
      }
      applyViolationCaps(params, item, mine);
      for (let i = 0; i < mine.length; i++) drafts.push(mine[i] as DraftLine);
      if (tallyIndex !== undefined && fresh) reach(esc, tallyIndex, entry, v.occurredAt, period);

      const repeat = item.repeatUntilCorrected;
      if (repeat !== undefined) {
        // 同额: the amount the violator was charged for the original, doubling included.
        let same = 0;
        for (const l of mine)
          if (l.kind === 'fine' && l.personId === personId && l.status !== 'pending')
            same = addFen(same, l.amount);
        const explicitOrder = v.data?.correctionOrderedAt !== undefined;
        const ordered = orderInstant(entry);
        const orderDay = ordered === v.occurredAt && !Number.isNaN(atMs) ? dayOfMs(atMs) : dayOf(ordered);
        // The ledger is as of ctx.now: a correction after now has not happened yet.
        const endDay = dayOf(v.correctedAt !== undefined && v.correctedAt < now ? v.correctedAt : now);
        const clockRuns = repeat.clockStartsAt === 'finding' || explicitOrder;
        const n = same > 0 && clockRuns ? missedWorkdays(ctx, orderDay, endDay) : 0;
        if (same > 0 && clockRuns) traceRechargeBasis(ctx, orderDay, endDay, beyondData, basisSeen, trace);
        for (let k = 1; k <= n; k++) {
          const at = startOfLocalDay(addDays(ctx.calendar.addWorkdays(orderDay, k), 1), schedule.zone);
          const r: Recharge = {
            at,
            k,
            amount: same,
            entry,
            status: repeat.status,
            countsTowardTally: repeat.countsTowardTally,
            role: v.role,
            rule: repeat.rule,
            clause: repeat.clause,
          };
          let lo = 0;
          let hi = pending.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            const p = pending[mid];
            if (p !== undefined && p.at <= at) lo = mid + 1;
            else hi = mid;
          }
          pending.splice(lo, 0, r);
        }
      }
    }
    flush(undefined);
    if (inOrder) {
      inOrder = inFilingOrderFrom(drafts, checked);
      checked = drafts.length;
    }
  }
  if (inOrder && inFilingOrderFrom(drafts, checked)) FILING_ORDER.add(drafts);

  return { ...stage, lines: drafts, escalations };
}

/**
 * Enforcement step (S000-PENALTY-11): names who levies the fines and who may order corrections,
 * when the schedule says so and anything was charged.
 *
 * @internal
 */
export function noteEnforcement(stage: PenaltyStage, trace: TraceEntry[]): PenaltyStage {
  const enforcement = stage.schedule.params.enforcement;
  if (enforcement !== undefined && stage.lines.length > 0) {
    trace.push({
      rule: enforcement.rule,
      clause: enforcement.clause,
      message: {
        zh: `以上处罚由 ${enforcement.levyBy.join('、')} 检查、执行;${enforcement.correctionOrderBy.join('、')} 可责令改正`,
        en: `Levied by ${enforcement.levyBy.join(', ')}; corrections may be ordered by ${enforcement.correctionOrderBy.join(', ')}`,
      },
      data: { levyBy: enforcement.levyBy, correctionOrderBy: enforcement.correctionOrderBy },
    });
  }
  return stage;
}

/** The identity of a draft line, for finding it again once filed when a custom rule copied it. */
function lineKey(l: DraftLine): string {
  return [l.personId, l.at, l.item, l.code, l.kind, l.tallyIndex ?? '', l.multiplier ?? ''].join('\u0000');
}

/**
 * Filing step: files the lines by person and period (numbered `personId/period/#n`), applies the
 * period caps, sums each period (charged, proposed, discretionary ranges, demotion grades, expenses
 * withheld, open items) and each person; completes the escalation entries with the ids of the lines
 * they multiplied; and records one trace entry per line (or per period in `summary` mode) and per
 * period's total.
 *
 * @internal
 */
export function fileLedger(
  stage: PenaltyStage,
  traceMode: 'lines' | 'summary',
  trace: TraceEntry[],
  mayCopyLines = true,
): PenaltyStage {
  const { schedule } = stage;
  const clause = schedule.source.clause ?? schedule.source.title;
  // Without company rules the drafts are the pricing step's own list, whose order it checked; and the
  // trace is written while filing, in ledger order (one pass over the lines).
  if (!mayCopyLines) {
    const drafts = stage.lines;
    const ledger = fileLines(drafts, schedule.params, schedule, stage.unpriced, FILING_ORDER.has(drafts), {
      entries: trace,
      lines: traceMode === 'lines',
      clause,
    });
    let words: EscalationWords | undefined;
    const counts: CountTexts = new Map();
    for (const note of stage.escalations) words = describeEscalation(note, words, true, counts);
    return { ...stage, ledger };
  }
  const drafts = [...stage.lines];
  const ledger = fileLines(drafts, schedule.params, schedule, stage.unpriced);
  let filed: Set<DraftLine> | undefined;
  let byKey: Map<string, DraftLine> | undefined;
  let words: EscalationWords | undefined;
  const counts: CountTexts = new Map();
  for (const note of stage.escalations) {
    // A custom rule before this step may have copied the lines: find them again by their identity
    // (the index of identities is built only when a line is not among the filed drafts).
    filed ??= new Set<DraftLine>(drafts);
    const lines = note.lines;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as DraftLine;
      if (filed.has(l)) continue;
      if (byKey === undefined) {
        byKey = new Map<string, DraftLine>();
        for (const person of ledger.persons)
          for (const p of person.periods)
            for (const f of p.lines) if (!byKey.has(lineKey(f))) byKey.set(lineKey(f), f);
      }
      lines[i] = byKey.get(lineKey(l)) ?? l;
    }
    words = describeEscalation(note, words, false, counts);
  }
  for (const person of ledger.persons) {
    for (const p of person.periods) {
      if (traceMode === 'lines') {
        const lines = p.lines;
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i] as Line;
          trace.push({
            rule: line.rule,
            clause: line.clause,
            message: line.message,
            data: { line: line.id, amount: line.amount },
          });
        }
      }
      trace.push({
        rule: 'penalty.ledger',
        clause,
        message: {
          zh: `${person.personId} ${p.period}:${p.lines.length} 行,合计 ${yuanText(p.total)} 元${p.proposed > 0 ? `,另建议 ${yuanText(p.proposed)} 元` : ''}${p.openItems > 0 ? `,${p.openItems} 项待人工决定` : ''}`,
          en: `${person.personId} ${p.period}: ${p.lines.length} line(s), total ${yuanText(p.total)} CNY${p.proposed > 0 ? `, ${yuanText(p.proposed)} CNY proposed` : ''}${p.openItems > 0 ? `, ${p.openItems} item(s) for a human to settle` : ''}`,
        },
        data: { personId: person.personId, period: p.period, total: p.total },
      });
    }
  }
  return { ...stage, ledger };
}
