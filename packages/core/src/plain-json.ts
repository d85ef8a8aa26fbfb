import { describeValue, ZhiduError } from './errors.js';

/** Thrown by {@link exactReplacer} when a value is not one JSON carries exactly. */
const NOT_EXACT = new Error('not exactly JSON');

/**
 * `JSON.stringify` replacer of {@link exactJson}: refuses (throws) any value that JSON would drop,
 * change or lose — read before any `toJSON`.
 */
function exactReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  switch (typeof raw) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(raw) || Object.is(raw, -0)) throw NOT_EXACT;
      return value;
    case 'object': {
      if (raw === null) return value;
      if (Array.isArray(raw)) {
        for (let i = 0; i < raw.length; i++) if (!(i in raw)) throw NOT_EXACT; // a hole
      } else {
        const proto = Object.getPrototypeOf(raw);
        if (proto !== Object.prototype && proto !== null) throw NOT_EXACT; // a Date, Map, RegExp, class…
        if (Object.getOwnPropertyNames(raw).length !== Object.keys(raw).length) throw NOT_EXACT;
      }
      if (Object.getOwnPropertySymbols(raw).length !== 0) throw NOT_EXACT;
      if (typeof (raw as { toJSON?: unknown }).toJSON === 'function') throw NOT_EXACT;
      return value;
    }
    default:
      throw NOT_EXACT; // undefined, a function, a symbol, a BigInt
  }
}

/**
 * The JSON text of a value JSON carries exactly, or `undefined` for any other: only plain objects
 * (prototype `Object.prototype` or `null`, no symbol or non-enumerable keys, no `toJSON`), arrays
 * without holes, strings, booleans, `null` and finite numbers other than `-0`. Two values with the same
 * text are then the same data, keys in the same order — what makes the text a safe cache key (a
 * `Date`, `undefined`, `Infinity` or `-0` would share a text with a different value). Never throws: a
 * cycle or a value nested too deep is `undefined` too.
 *
 * @param value - any value
 * @returns its JSON text, or `undefined`
 * @example
 * exactJson({ a: [1, 'x', null] }); //=> '{"a":[1,"x",null]}'
 * exactJson({ a: undefined }); //=> undefined
 * exactJson({ at: new Date(0) }); //=> undefined
 * exactJson(-0); //=> undefined
 */
export function exactJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value, exactReplacer);
  } catch {
    return undefined;
  }
}

/**
 * The most recently used values by text key, bounded by their number and by the characters of their
 * keys (the least recently used go first: a value read or set is the newest): a cache whose keys are
 * JSON texts (see {@link exactJson}) of what the values were made from. A key longer than `maxChars`
 * is not kept at all.
 *
 * @example
 * const recent = new RecentByText<number>(2, 1_000);
 * recent.set('{"a":1}', 1);
 * recent.set('{"a":2}', 2);
 * recent.set('{"a":3}', 3);
 * recent.get('{"a":1}'); //=> undefined
 * recent.get('{"a":3}'); //=> 3
 */
export class RecentByText<V> {
  readonly #values = new Map<string, V>();
  #chars = 0;
  readonly #maxEntries: number;
  readonly #maxChars: number;

  /**
   * @param maxEntries - at most this many values (a positive integer)
   * @param maxChars - at most this many characters of keys in all (a positive integer)
   * @throws ZhiduError `invalid_input` when either is not a positive safe integer
   */
  constructor(maxEntries: number, maxChars: number) {
    for (const [name, n] of [
      ['maxEntries', maxEntries],
      ['maxChars', maxChars],
    ] as const) {
      if (!Number.isSafeInteger(n) || n < 1) {
        throw new ZhiduError(
          'invalid_input',
          [name],
          `${name} 须为正整数，实际为 ${describeValue(n)} / ${name} must be a positive integer, got ${describeValue(n)}`,
        );
      }
    }
    this.#maxEntries = maxEntries;
    this.#maxChars = maxChars;
  }

  /** The value kept under `key` (which is then the newest), or `undefined`. */
  get(key: string): V | undefined {
    const value = this.#values.get(key);
    if (value !== undefined) {
      // Used now: the last to go (a busy key outlives 64 others set since it was made).
      this.#values.delete(key);
      this.#values.set(key, value);
    }
    return value;
  }

  /** Keeps `value` under `key`, the least recently used values going first to stay within both bounds. */
  set(key: string, value: V): void {
    if (key.length > this.#maxChars) return;
    if (this.#values.has(key)) {
      this.#values.delete(key);
      this.#chars -= key.length;
    }
    while (
      this.#values.size > 0 &&
      (this.#values.size >= this.#maxEntries || this.#chars + key.length > this.#maxChars)
    ) {
      const oldest = this.#values.keys().next().value as string;
      this.#values.delete(oldest);
      this.#chars -= oldest.length;
    }
    this.#values.set(key, value);
    this.#chars += key.length;
  }
}
