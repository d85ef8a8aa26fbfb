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
