import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import type { WorkCalendar } from './calendar.js';
import { weekdayCalendar } from './calendar.js';
import { describeValue, type ErrorPath, ZhiduError } from './errors.js';
import { expectKnownKeys, hasMethods } from './guards.js';
import { assertZone, DEFAULT_ZONE, type Instant, type InstantInput, toInstant } from './time.js';

/**
 * A seeded random source. Rule code that must "draw lots" (e.g. reassigning a departed
 * salesperson's customers by random draw, S001-ATTR-28) takes it from the context, so the same
 * seed always gives the same draw and an auditor can replay it.
 */
export interface Rng {
  /** The seed this generator was created from. */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

function hashSeed(seed: number | string): number {
  if (typeof seed !== 'number' && typeof seed !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['seed'],
      `随机种子须为整数或字符串 / seed must be an integer or a string, got ${seed === null ? 'null' : typeof seed}`,
    );
  }
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed))
      throw new ZhiduError(
        'invalid_input',
        ['seed'],
        `随机种子须为整数，实为 ${seed} / seed must be an integer, got ${seed}`,
      );
    // Seeds beyond 32 bits (record ids, timestamps) are hashed so distinct seeds give distinct draws.
    if (seed >= -0x80000000 && seed <= 0x7fffffff) return seed | 0;
    return hashSeed(`#${seed}`);
  }
  // FNV-1a over UTF-16 code units: stable across platforms.
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * The 32-bit finaliser "lowbias32" (Chris Wellons' hash prospector): a bijection on 32-bit numbers
 * in which each input bit flips each output bit about half the time. xoroshiro128+ seeded with `s`
 * starts from the state (-1, ~s, s, 0), so its first outputs are a near-linear function of `s`;
 * mixing first makes neighbouring seeds (i and i + 1, strings differing in one character) draw like
 * unrelated ones, and, being a bijection, keeps distinct 32-bit seeds distinct.
 */
function mixSeed(seed: number): number {
  let h = seed;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * A reproducible random generator (xoroshiro128+ from `pure-rand`, seeded with the seed's number
 * passed through a 32-bit finaliser, so neighbouring seeds draw like unrelated ones).
 *
 * @param seed - an integer or any string (hashed); `rng.seed` is that number, before the finaliser
 * @returns an {@link Rng}
 * @example
 * const rng = seededRng('2025-06 reassignment');
 * rng.pick(['A', 'B', 'C']); // same answer every run
 */
export function seededRng(seed: number | string): Rng {
  const rng = generator(hashSeed(seed));
  seeded.set(rng, rng.seed);
  return rng;
}

/** The numeric seed of each generator {@link seededRng} made. */
const seeded = new WeakMap<Rng, number>();

/**
 * The random source one decision draws from: for a generator {@link seededRng} made (a context's
 * `seed`, or one given as its `rng`) or this function made, a new generator at the start of the same
 * stream, so that every decision made with one context draws the same lots however many decisions
 * the context made before — a decision depends on its input, its policy and its context, not on how
 * often the context or the generator was used; for a generator of your own (any other object with
 * the {@link Rng} methods), that generator itself (its state is its owner's).
 *
 * @param rng - the context's random source
 * @returns a generator at the start of the seed's stream, or `rng`
 * @example
 * const rng = seededRng(12);
 * const first = freshRng(rng).int(1000);
 * rng.int(1000); // the context's generator moves on …
 * freshRng(rng).int(1000) === first; //=> true
 */
export function freshRng(rng: Rng): Rng {
  const seed = seeded.get(rng);
  if (seed === undefined) return rng;
  // Itself a seeded generator: a fresh one from it starts the stream again too.
  const fresh = generator(seed);
  seeded.set(fresh, seed);
  return fresh;
}

/** The generator of a numeric seed (see {@link seededRng}). */
function generator(numeric: number): Rng {
  const gen = xoroshiro128plus(mixSeed(numeric));
  const int = (maxExclusive: number): number => {
    if (!Number.isSafeInteger(maxExclusive) || maxExclusive <= 0) {
      throw new ZhiduError(
        'invalid_input',
        ['maxExclusive'],
        `maxExclusive 须为正整数，实为 ${describeValue(maxExclusive)} / maxExclusive must be a positive integer, got ${describeValue(maxExclusive)}`,
      );
    }
    return unsafeUniformIntDistribution(0, maxExclusive - 1, gen);
  };
  return {
    seed: numeric,
    next: () => unsafeUniformIntDistribution(0, 0x7fffffff, gen) / 0x80000000,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0)
        throw new ZhiduError(
          'invalid_input',
          ['items'],
          '不能从空列表中抽取 / cannot pick from an empty list',
        );
      return items[int(items.length)] as T;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
}

/**
 * Everything rule code may know about the outside world: the evaluation instant, the policy zone,
 * the working-day calendar and, when a rule draws lots, a seeded random source.
 */
export interface EvalContext {
  now: Instant;
  zone: string;
  calendar: WorkCalendar;
  rng?: Rng;
}

/** Input for {@link makeContext}. */
export interface ContextInput {
  now: InstantInput;
  zone?: string;
  calendar?: WorkCalendar;
  seed?: number | string;
}

/** The keys a context may have: {@link ContextInput}'s, and an {@link EvalContext}'s `rng`. */
const CONTEXT_KEYS: readonly string[] = ['now', 'zone', 'calendar', 'seed', 'rng'];

/**
 * Refuses a context key nothing reads (`unknown_key` at `path` + the key, naming the key meant): a
 * misspelt `calender` would otherwise leave the default calendar in place without a word.
 *
 * @internal
 */
export function checkContextKeys(input: object, path: ErrorPath = []): void {
  expectKnownKeys(input, CONTEXT_KEYS, path);
}

/** The contexts {@link makeContext} built: checked, so a module reads them as they are. */
const made = new WeakSet<object>();

/** Whether `ctx` is a context {@link makeContext} built. @internal */
export function isMadeContext(ctx: unknown): ctx is EvalContext {
  return typeof ctx === 'object' && ctx !== null && made.has(ctx);
}

/**
 * Builds and validates an evaluation context.
 *
 * @param input - `now` is required; zone defaults to the calendar's or Asia/Shanghai, the calendar
 *   to Mon–Fri (pass `chinaCalendar()` for statutory working days)
 * @returns the context
 * @throws ZhiduError `invalid_instant` / `invalid_zone`; `unknown_key` for a key nothing reads
 *   (`calender`), naming the key meant
 * @example
 * const ctx = makeContext({ now: '2025-02-05T09:00:00+08:00', calendar: chinaCalendar(), seed: 42 });
 */
export function makeContext(input: ContextInput): EvalContext {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ZhiduError(
      'invalid_input',
      [],
      `上下文须为对象（至少含 now） / a context is an object with at least now, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`,
    );
  }
  checkContextKeys(input);
  if (input.calendar !== undefined && !hasMethods(input.calendar, ['isWorkday'])) {
    throw new ZhiduError(
      'invalid_input',
      ['calendar'],
      '日历须为 WorkCalendar（例如 chinaCalendar()） / calendar must be a WorkCalendar (e.g. chinaCalendar())',
    );
  }
  const calendar = input.calendar ?? weekdayCalendar();
  const zone = assertZone(input.zone ?? calendar.zone ?? DEFAULT_ZONE, ['zone']);
  const ctx: EvalContext = { now: toInstant(input.now, ['now']), zone, calendar };
  if (input.seed !== undefined) ctx.rng = seededRng(input.seed);
  // An EvalContext made again keeps its random source (with a seed too, which one would be meant?).
  const rng = (input as { rng?: unknown }).rng;
  if (rng !== undefined) {
    if (input.seed !== undefined || !hasMethods(rng, ['next', 'int', 'pick']))
      throw new ZhiduError(
        'invalid_input',
        ['rng'],
        input.seed !== undefined
          ? '同时给出了 seed 和 rng，只能给一个 / both seed and rng are given; give one'
          : 'rng 须为随机源（seededRng(...)） / rng must be a random source (seededRng(...))',
      );
    ctx.rng = rng as Rng;
  }
  if (input.calendar === undefined) defaulted.add(ctx);
  made.add(ctx);
  return ctx;
}

const defaulted = new WeakSet<EvalContext>();

/**
 * Whether a context's calendar is the Mon–Fri fallback `makeContext` chose because none was given.
 * Modules that count working days refuse such a context rather than silently assume Mon–Fri.
 *
 * @example
 * isCalendarDefaulted(makeContext({ now: '2025-01-01T00:00:00Z' }));                               //=> true
 * isCalendarDefaulted(makeContext({ now: '2025-01-01T00:00:00Z', calendar: weekdayCalendar() })); //=> false
 */
export function isCalendarDefaulted(ctx: EvalContext): boolean {
  return defaulted.has(ctx);
}
