import { conditionAttributes, evaluateCondition, type Violation, ZhiduError } from '@zhidu/core';
import type { Escalation, FineItem, FineScheduleParams, Tier } from './schedule.js';
import { isCanonicalInstant } from './violation-input.js';

// Which item prices a violation, which tier multiplies it, and the canonical order violations are
// walked in (so a ledger never depends on input order).

interface Candidate {
  item: FineItem;
  index: number;
  specificity: number;
}

/** Finds the schedule item pricing a violation: the most specific match (role, data equalities and `when` conditions). */
export function matcher(params: FineScheduleParams): (v: Violation, at: number) => FineItem | undefined {
  const byCode = new Map<string, Candidate[]>();
  params.items.forEach((item, index) => {
    const list = byCode.get(item.match.code) ?? [];
    const specificity =
      (item.match.role === undefined ? 0 : 1000) +
      Object.keys(item.match.data ?? {}).length +
      (item.match.when === undefined ? 0 : conditionAttributes(item.match.when).length);
    list.push({ item, index, specificity });
    byCode.set(item.match.code, list);
  });
  return (v, at) => {
    const list = byCode.get(v.code);
    if (list === undefined) return undefined;
    let best: Candidate | undefined;
    let tie: Candidate | undefined;
    for (const c of list) {
      const m = c.item.match;
      if (m.role !== undefined && m.role !== v.role) continue;
      if (m.data !== undefined) {
        let ok = true;
        for (const [k, want] of Object.entries(m.data)) {
          if (v.data?.[k] !== want) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
      }
      if (m.when !== undefined && !evaluateCondition(m.when, v, ['items', c.index, 'match', 'when']).holds)
        continue;
      if (best === undefined || c.specificity > best.specificity) {
        best = c;
        tie = undefined;
      } else if (c.specificity === best.specificity) {
        tie = c;
      }
    }
    if (best !== undefined && tie !== undefined) {
      throw new ZhiduError(
        'policy_overlap',
        ['violations', at],
        `罚则条目 ${best.item.id} 与 ${tie.item.id} 都对这项 ${v.code} 违规定价 / items ${best.item.id} and ${tie.item.id} both price this ${v.code} violation`,
      );
    }
    return best?.item;
  };
}

/** The tier containing the n-th violation (undefined outside every tier). */
export function tierFor(esc: Escalation | undefined, n: number): Tier | undefined {
  if (esc === undefined) return undefined;
  for (const t of esc.tiers) {
    if (n >= t.from && (t.to === undefined || n <= t.to)) return t;
  }
  return undefined;
}

/** The multiplier of the tier containing the n-th violation (1 outside every tier or for a tier that does not multiply). */
export function multiplierFor(esc: Escalation | undefined, n: number): number {
  return tierFor(esc, n)?.multiplier ?? 1;
}

/** A violation with its canonical position, so the ledger never depends on input order. */
export interface Entry {
  v: Violation;
  index: number;
  item: FineItem | undefined;
  /**
   * Formerly the cached tie-break key; no longer set (the tie-break compares fields in place).
   * Kept so a company's rule that copies entries keeps type-checking.
   */
  key?: string;
}

function canonicalKey(v: Violation): string {
  return `${v.code}\u0000${v.role ?? ''}\u0000${v.subject?.kind ?? ''}\u0000${v.subject?.id ?? ''}\u0000${v.quantity ?? 1}`;
}

/**
 * The order of two different tie-break fields as their keys order them: the keys join the fields
 * with U+0000, the least character. Where the fields differ at a position both have, the keys
 * differ there too; where one field is a prefix of the other, its key's U+0000 sorts it first
 * unless the longer field holds a U+0000 right there (then undefined: the caller compares the whole
 * keys). So no field is scanned for U+0000.
 */
function fieldOrder(a: string, b: string): number | undefined {
  if (a.length < b.length) {
    if (b.charCodeAt(a.length) === 0 && b.startsWith(a)) return undefined;
  } else if (b.length < a.length) {
    if (a.charCodeAt(b.length) === 0 && a.startsWith(b)) return undefined;
  }
  return a < b ? -1 : 1;
}

/**
 * The canonical order of two entries (time, then code, role, subject, quantity, then content). The
 * tie-break compares field by field, as the joined {@link canonicalKey} would, without building the
 * key: nine violations in ten of a bulk ledger share their instant with another, and a key per
 * entry was a string per violation kept alive for the whole assessment.
 */
export function compareEntries(a: Entry, b: Entry): number {
  // Canonical instants sort as strings; most pairs differ in time.
  const va = a.v;
  const vb = b.v;
  if (va.occurredAt !== vb.occurredAt) return va.occurredAt < vb.occurredAt ? -1 : 1;
  return compareTied(va, vb);
}

/**
 * The order of two violations of the same instant (the tie-break of {@link compareEntries}): code,
 * role, subject, quantity, then content. {@link sortEntries} calls it directly when the instants'
 * numbers are equal, so the two instant strings (equal, but distinct strings) are not compared
 * character by character once more.
 */
function compareTied(va: Violation, vb: Violation): number {
  let order: number | undefined = 0;
  if (va.code !== vb.code) order = fieldOrder(va.code, vb.code);
  else if ((va.role ?? '') !== (vb.role ?? '')) order = fieldOrder(va.role ?? '', vb.role ?? '');
  else if ((va.subject?.kind ?? '') !== (vb.subject?.kind ?? ''))
    order = fieldOrder(va.subject?.kind ?? '', vb.subject?.kind ?? '');
  else if ((va.subject?.id ?? '') !== (vb.subject?.id ?? ''))
    order = fieldOrder(va.subject?.id ?? '', vb.subject?.id ?? '');
  else if ((va.quantity ?? 1) !== (vb.quantity ?? 1))
    // The key holds the quantity as text: `10` sorts before `9`.
    order = String(va.quantity ?? 1) < String(vb.quantity ?? 1) ? -1 : 1;
  if (order === undefined) {
    const ka = canonicalKey(va);
    const kb = canonicalKey(vb);
    if (ka !== kb) return ka < kb ? -1 : 1;
    order = 0;
  }
  if (order !== 0) return order;
  // Same instant, code and subject: fall back to the full content; identical violations are
  // interchangeable, so any order among them gives the same ledger.
  const ja = JSON.stringify(va);
  const jb = JSON.stringify(vb);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

const digitsAt = (s: string, from: number, len: number): number => {
  let x = 0;
  for (let k = from; k < from + len; k++) x = x * 10 + (s.charCodeAt(k) - 48);
  return x;
};

/**
 * The epoch milliseconds of a canonical instant `YYYY-MM-DDTHH:mm:ss.sssZ` of a year from 0100 on
 * (where these strings sort as their instants do, and one instant has one string), or NaN for any
 * other form — a space for the `T`, a second 60, 30 February: strings no validated violation holds,
 * but which a company's rule could put in a stage. So two instants with the same number are the
 * same string, and {@link sortEntries} breaks a tie of numbers without comparing the strings.
 *
 * @example
 * canonicalMs('2024-03-01T00:00:00.000Z'); //=> 1709251200000
 * canonicalMs('2024-03-01T08:00:00+08:00'); //=> NaN (not canonical: compared as text)
 * canonicalMs('2024-03-01 00:00:00.000Z'); //=> NaN
 */
export function canonicalMs(instant: string): number {
  if (!isCanonicalInstant(instant)) return Number.NaN;
  const year = digitsAt(instant, 0, 4);
  if (year < 100) return Number.NaN;
  return Date.UTC(
    year,
    digitsAt(instant, 5, 2) - 1,
    digitsAt(instant, 8, 2),
    digitsAt(instant, 11, 2),
    digitsAt(instant, 14, 2),
    digitsAt(instant, 17, 2),
    digitsAt(instant, 20, 3),
  );
}

/**
 * Reads, entry by entry, the fields of each violation a later pass reads again and again (the
 * instants, the code and the subject's id, each string as far as its length): one violator's
 * violations of a bulk list were parsed in input order and lie scattered across the heap, so every
 * first read of one waits on memory. In this one tight loop the reads of successive entries do not
 * depend on one another and wait together; the sort's tie-breaks (three a violation in the bulk
 * bench) and the pricing walk then find them in cache. Measured on a million violations (issue 21,
 * a CPU profile of the build): the tie-breaks' own time fell from 0.7 s to 0.1 s and the count
 * lookups' from 0.5 s to under 0.1 s; part of that wait moved into this loop, and the whole call
 * gained 5–17 % (docs/performance.md). A subject without an id (a stage a company's rule built,
 * run by `ledgerPipeline().run` without the stage check) reads as none.
 *
 * The figure of what was read goes to {@link readAhead.figure}, which nothing else reads: a store
 * the compiler must keep, so that it keeps the reads.
 *
 * @internal
 */
export function readAhead(list: readonly Entry[]): void {
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const v = (list[i] as Entry).v;
    n += v.occurredAt.length + v.code.length + (v.subject?.id?.length ?? 0) + (v.correctedAt?.length ?? 0);
  }
  readAhead.figure = n;
}
/** The last figure {@link readAhead} read (kept only so the reads are kept). */
readAhead.figure = 0;

/**
 * Sorts one violator's entries into the canonical order of {@link compareEntries}, comparing their
 * instants as numbers (`ms[entry.index]`, from {@link canonicalMs}) instead of as strings: the same
 * order, since canonical instants sort as their strings do and one instant has one string. Any entry
 * without a number (NaN) sends the whole list to {@link compareEntries}.
 *
 * @param list - entries of one violator (sorted in place)
 * @param ms - the instant of each violation by its index
 * @returns the list
 * @example
 * const ms = new Float64Array(entries.length);
 * for (const e of entries) ms[e.index] = canonicalMs(e.v.occurredAt);
 * sortEntries(entries, ms); // the order of entries.sort(compareEntries)
 */
export function sortEntries(list: Entry[], ms: Float64Array): Entry[] {
  if (list.length < 2) return list;
  for (let i = 0; i < list.length; i++) {
    if (Number.isNaN(ms[(list[i] as Entry).index] as number)) return list.sort(compareEntries);
  }
  readAhead(list);
  return list.sort((a, b) => {
    const x = ms[a.index] as number;
    const y = ms[b.index] as number;
    if (x !== y) return x < y ? -1 : 1;
    // Equal numbers: one canonical instant, so one string; the tie-break decides.
    return compareTied(a.v, b.v);
  });
}

/**
 * The order {@link compareEntries} gave before the field-by-field tie-break: the joined key
 * compared as one string. Kept as the reference the property tests compare against.
 *
 * @internal
 */
export function compareEntriesByKey(a: Entry, b: Entry): number {
  if (a.v.occurredAt !== b.v.occurredAt) return a.v.occurredAt < b.v.occurredAt ? -1 : 1;
  const ka = canonicalKey(a.v);
  const kb = canonicalKey(b.v);
  if (ka !== kb) return ka < kb ? -1 : 1;
  const ja = JSON.stringify(a.v);
  const jb = JSON.stringify(b.v);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}
