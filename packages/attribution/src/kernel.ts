/**
 * The small slice of the shared foundation this package relies on: errors, traces, time arithmetic
 * on local dates, seeded randomness and the violation shape. Kept in one module so that every rule
 * file imports the same vocabulary.
 */
import { z } from 'zod';

/** Default zone of every seed regulation (Asia/Shanghai, UTC+8). */
export const DEFAULT_ZONE = 'Asia/Shanghai';

/** Stable machine-readable error codes (shared vocabulary plus module-specific strings). */
export type ZhiduErrorCode =
  | 'invalid_input'
  | 'invalid_instant'
  | 'out_of_order'
  | 'unknown_reference'
  | 'invalid_state'
  | 'invalid_ratio'
  | 'duplicate'
  | (string & {});

/**
 * Refused input. Rule outcomes (an invalid registration, a forfeited deal) are values, never errors.
 *
 * @example
 * throw new ZhiduError('out_of_order', ['events', 3, 'at'], 'events must be in time order');
 */
export class ZhiduError extends Error {
  override readonly name = 'ZhiduError';
  readonly code: ZhiduErrorCode;
  readonly path: (string | number)[];
  readonly details?: unknown;

  /**
   * @param code - stable machine-readable code
   * @param path - JSON path of the offending value
   * @param message - readable explanation
   * @param details - optional structured extras
   */
  constructor(code: ZhiduErrorCode, path: readonly (string | number)[], message: string, details?: unknown) {
    super(path.length > 0 ? `${message} (at ${path.join('.')})` : message);
    this.code = code;
    this.path = [...path];
    if (details !== undefined) this.details = details;
  }
}

/**
 * Parses untrusted input with a zod schema, refusing it with a `ZhiduError('invalid_input')` whose
 * path points into the input.
 *
 * @param schema - zod schema
 * @param input - untrusted value
 * @param path - prefix of the error path
 * @returns the parsed value
 * @example
 * parseInput(z.string(), 'x'); //=> 'x'
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, path: (string | number)[] = []): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const first = r.error.issues[0];
    const issuePath = (first?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
    throw new ZhiduError('invalid_input', [...path, ...issuePath], first?.message ?? 'invalid input', r.error.issues);
  }
  return r.data;
}

/** One step of an explanation: the catalog rule id, the clause, and a bilingual message. */
export type TraceEntry = {
  rule: string;
  clause?: string;
  message: { zh: string; en: string };
  data?: Record<string, unknown>;
};

/** A decision with its explanation. */
export type Decision<T> = { value: T; trace: TraceEntry[] };

/**
 * Collects trace entries while a rule runs.
 *
 * @example
 * const t = new Trace().add('S001-ATTR-12', '001 L158', '有效', 'valid');
 * t.decide(true); //=> { value: true, trace: [...] }
 */
export class Trace {
  readonly entries: TraceEntry[] = [];
  /**
   * @param rule - catalog rule id
   * @param clause - seed citation
   * @param zh - Chinese message
   * @param en - English message
   * @param data - structured facts behind the message
   * @returns this trace, for chaining
   */
  add(rule: string, clause: string | undefined, zh: string, en: string, data?: Record<string, unknown>): this {
    const entry: TraceEntry = { rule, message: { zh, en } };
    if (clause !== undefined) entry.clause = clause;
    if (data !== undefined) entry.data = data;
    this.entries.push(entry);
    return this;
  }
  /**
   * @param value - the decided value
   * @returns the decision carrying every entry collected so far
   */
  decide<T>(value: T): Decision<T> {
    return { value, trace: [...this.entries] };
  }
}

/** Deterministic random source (seeded); rule code never calls `Math.random()`. */
export interface Rng {
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(xs: readonly T[]): T;
}

/**
 * A reproducible random source (mulberry32 over a string/number seed).
 *
 * @param seed - any number or string
 * @returns an `Rng`
 * @example
 * seededRng('audit-2024-03').int(3); // same value on every run
 */
export function seededRng(seed: number | string): Rng {
  let h = 1779033703;
  const s = String(seed);
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (maxExclusive) => Math.floor(next() * maxExclusive),
    pick<T>(xs: readonly T[]): T {
      const x = xs[Math.floor(next() * xs.length)];
      if (x === undefined) throw new ZhiduError('invalid_input', [], 'cannot pick from an empty list');
      return x;
    },
  };
}

/** Evaluation context: the instant of evaluation, the zone, and an optional seeded rng. */
export type EvalContext = { now: string; zone: string; rng?: Rng };

/**
 * Builds an evaluation context.
 *
 * @param input - `now` (ISO with offset or epoch ms), optional `zone` and `seed`
 * @returns the context
 * @example
 * makeContext({ now: '2024-04-01T00:00:00+08:00', seed: 1 });
 */
export function makeContext(input: { now: string | number; zone?: string; seed?: number | string }): EvalContext {
  const ctx: EvalContext = { now: toInstant(input.now, ['now']), zone: input.zone ?? DEFAULT_ZONE };
  if (input.seed !== undefined) ctx.rng = seededRng(input.seed);
  return ctx;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Normalises an instant to canonical ISO UTC; input must carry an offset (or be epoch ms).
 *
 * @param input - ISO-8601 with offset, or epoch milliseconds
 * @param path - error path
 * @returns canonical instant
 * @example
 * toInstant('2024-03-01T10:00+08:00'); //=> '2024-03-01T02:00:00.000Z'
 */
export function toInstant(input: string | number, path: (string | number)[] = []): string {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new ZhiduError('invalid_instant', path, 'epoch ms must be finite');
    return new Date(input).toISOString();
  }
  if (!ISO_WITH_OFFSET.test(input)) {
    throw new ZhiduError('invalid_instant', path, `"${input}" is not an ISO-8601 instant with an offset`);
  }
  const ms = Date.parse(input);
  if (Number.isNaN(ms)) throw new ZhiduError('invalid_instant', path, `"${input}" is not a valid instant`);
  return new Date(ms).toISOString();
}

/** zod schema accepting an ISO instant with offset and producing the canonical UTC form. */
export const InstantSchema = z.string().transform((s, ctx) => {
  if (!ISO_WITH_OFFSET.test(s) || Number.isNaN(Date.parse(s))) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not an ISO-8601 instant with an offset` });
    return z.NEVER;
  }
  return new Date(Date.parse(s)).toISOString();
});

/** zod schema of a local calendar date `YYYY-MM-DD`. */
export const LocalDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** zod schema of a local time `HH:mm`. */
export const LocalTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');

const partsCache = new Map<string, Intl.DateTimeFormat>();
function localParts(instant: string, zone: string): { date: string; time: string } {
  let f = partsCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsCache.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(instant))) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/**
 * @param instant - canonical instant
 * @param zone - IANA zone
 * @returns the local calendar date in that zone
 * @example
 * localDateOf('2024-03-01T16:30:00.000Z', 'Asia/Shanghai'); //=> '2024-03-02'
 */
export function localDateOf(instant: string, zone: string): string {
  return localParts(instant, zone).date;
}

/**
 * @param instant - canonical instant
 * @param zone - IANA zone
 * @returns the local wall-clock time `HH:mm`
 * @example
 * localTimeOf('2024-03-01T10:00:00.000Z', 'Asia/Shanghai'); //=> '18:00'
 */
export function localTimeOf(instant: string, zone: string): string {
  return localParts(instant, zone).time;
}

/**
 * Instant of a local wall-clock time on a local date.
 *
 * @param date - local date
 * @param time - local time `HH:mm`
 * @param zone - IANA zone
 * @returns canonical instant
 * @example
 * atLocal('2024-06-10', '18:00', 'Asia/Shanghai'); //=> '2024-06-10T10:00:00.000Z'
 */
export function atLocal(date: string, time: string, zone: string): string {
  const guess = Date.parse(`${date}T${time}:00Z`);
  // Two passes are enough for any real zone offset (no DST transitions in Asia/Shanghai since 1991).
  let ms = guess;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(ms).toISOString(), zone);
    const shown = Date.parse(`${p.date}T${p.time}:00Z`);
    ms += guess - shown;
  }
  return new Date(ms).toISOString();
}

function ymd(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? 1, d ?? 1];
}
function fmt(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * @param date - local date
 * @param n - days to add (may be negative)
 * @returns the shifted date
 * @example
 * addDays('2024-02-28', 2); //=> '2024-03-01'
 */
export function addDays(date: string, n: number): string {
  const [y, m, d] = ymd(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * Same day-of-month `n` months later, clamped to the month's end (the catalog's `addMonths`).
 *
 * @param date - local date
 * @param n - months to add
 * @returns the shifted date
 * @example
 * addMonthsClamped('2023-12-31', 2); //=> '2024-02-29'
 */
export function addMonthsClamped(date: string, n: number): string {
  const [y, m, d] = ymd(date);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return fmt(ny, nm, Math.min(d, last));
}

/** A rule breach as a value, priced later by the penalty package. */
export const ViolationSchema = z.object({
  code: z.string(),
  personId: z.string(),
  role: z.string().optional(),
  departmentId: z.string().optional(),
  occurredAt: z.string(),
  quantity: z.number().int().min(1).optional(),
  subject: z.object({ kind: z.string(), id: z.string() }).optional(),
  source: z.object({ module: z.string(), rule: z.string(), clause: z.string().optional() }),
  data: z.record(z.string(), z.unknown()).optional(),
});
/** A rule breach as a value. */
export type Violation = z.output<typeof ViolationSchema>;
