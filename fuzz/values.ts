// The values the fuzzer passes: arbitrary JSON-ish values (fast-check), the edge values careless
// callers and attackers send, zhidu-shaped values (dates, instants, contexts, presets, module inputs),
// and one-field mutations of valid inputs.
import fc from 'fast-check';

/** 10^5 elements: the size at which a per-element refusal becomes a denial of service. */
export const BIG = 100_000;

const protoKey = (): Record<string, unknown> => JSON.parse('{"__proto__": {"polluted": true}, "id": "p"}');

/** The edge values of the list, as thunks (fresh objects per case). */
const EDGE: readonly (() => unknown)[] = [
  () => null,
  () => undefined,
  () => true,
  () => false,
  () => 0,
  () => -0,
  () => -1,
  () => 0.5,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.NEGATIVE_INFINITY,
  () => 1e308,
  () => -1e308,
  () => Number.MAX_SAFE_INTEGER + 2,
  () => 2 ** 31,
  () => 1e21,
  () => '',
  () => ' ',
  () => '0',
  () => 'NaN',
  () => '😀',
  () => '👨‍👩‍👧‍👦客户',
  () => 'a\u0000b',
  () => '\ud800',
  () => '__proto__',
  () => 'constructor',
  () => 'toString',
  () => 'x'.repeat(BIG), // a 10^5-character string
  () => '0001-01-01',
  () => '9999-12-31',
  () => '2024-02-30',
  () => '2024-03-01',
  () => '2024-03-01T10:00:00+08:00',
  () => '2024-03-01T10:00:00+14:00',
  () => '2024-03-01T10:00:00-12:00',
  () => '0001-01-01T00:00:00Z',
  () => '9999-12-31T23:59:59+14:00',
  () => '+275760-09-13T00:00:00Z',
  () => 'Asia/Shanghai',
  () => 'America/New_York',
  () => 'Mars/Olympus',
  () => '25:61',
  () => 'P1D',
  () => new Date(Number.NaN),
  () => new Date('2024-03-01T02:00:00Z'),
  () => [],
  () => ({}),
  () => protoKey(),
  () => Object.create(null),
  () => [null],
  () => [Number.NaN, '😀', {}],
  () => ({ now: '2024-03-01T10:00:00+08:00' }),
  () => ({ now: '2024-03-01T10:00:00+08:00', seed: null }),
  () => ({ now: '2024-03-01T10:00:00+08:00', zone: 'Mars/Olympus' }),
  () => ({ now: '9999-12-31T23:59:59+14:00' }),
  () => ({ now: Number.NaN }),
];

/** Big arrays, rare (they cost a few ms to build). */
const BIG_ARRAYS: readonly (() => unknown)[] = [
  () => new Array(BIG).fill(null),
  () => new Array(BIG).fill('x'),
  () => new Array(BIG).fill(0).map((_, i) => i),
  () => new Array(BIG).fill(0).map(() => ({})),
];

/** Values drawn from the packages themselves (module ids, preset names, policies, inputs). */
export interface Domain {
  strings: readonly string[];
  values: readonly unknown[];
}

/** A fresh copy of a JSON value; calendars and other objects with functions are passed as they are. */
const clone = (v: unknown): unknown => {
  try {
    return structuredClone(v);
  } catch {
    return v;
  }
};

/**
 * Any value a caller could pass: JSON, edge values, zhidu-shaped values, small containers of them
 * and, rarely, a 10^5-element array.
 *
 * @param domain - strings and values taken from the packages (presets, inputs, ids)
 */
export function anyValue(domain: Domain): fc.Arbitrary<unknown> {
  const edge = fc.integer({ min: 0, max: EDGE.length - 1 }).map((i) => (EDGE[i] as () => unknown)());
  const dom =
    domain.values.length > 0
      ? fc.integer({ min: 0, max: domain.values.length - 1 }).map((i) => clone(domain.values[i]))
      : edge;
  const domStr =
    domain.strings.length > 0 ? fc.constantFrom(...domain.strings) : fc.string({ unit: 'grapheme' });
  const big = fc
    .integer({ min: 0, max: BIG_ARRAYS.length - 1 })
    .map((i) => (BIG_ARRAYS[i] as () => unknown)());
  const leaf = fc.oneof(
    { weight: 4, arbitrary: edge },
    { weight: 2, arbitrary: domStr },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.integer() },
  );
  return fc.oneof(
    { weight: 12, arbitrary: leaf },
    { weight: 4, arbitrary: dom },
    { weight: 2, arbitrary: fc.array(leaf, { maxLength: 4 }) },
    {
      weight: 2,
      arbitrary: fc.dictionary(fc.oneof(domStr, fc.string({ maxLength: 6 })), leaf, { maxKeys: 4 }),
    },
    { weight: 1, arbitrary: fc.array(dom, { maxLength: 3 }) },
    { weight: 1, arbitrary: big },
  ) as fc.Arbitrary<unknown>;
}

/**
 * An argument list for a function of declared arity `arity`: mostly that many arguments, sometimes
 * fewer or one more.
 */
export function argsFor(arity: number, domain: Domain): fc.Arbitrary<unknown[]> {
  const n = Math.max(arity, 1);
  return fc
    .oneof(
      { weight: 6, arbitrary: fc.constant(n) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: n + 1 }) },
    )
    .chain((len) => fc.tuple(...Array.from({ length: len }, () => anyValue(domain))));
}

/** One path into a JSON value (keys and indexes), and its node. */
type Node = { path: (string | number)[]; value: unknown };

function nodes(value: unknown, path: (string | number)[] = [], out: Node[] = [], depth = 0): Node[] {
  out.push({ path, value });
  if (depth > 8 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const [i, v] of value.slice(0, 20).entries()) nodes(v, [...path, i], out, depth + 1);
  } else for (const [k, v] of Object.entries(value)) nodes(v, [...path, k], out, depth + 1);
  return out;
}

/** The mutations of one field. */
export const MUTATIONS = [
  'replace', // wrong type / edge value
  'delete', // missing
  'null',
  'nan',
  'infinity',
  'negative-zero',
  'huge',
  'year-0001',
  'year-9999',
  'offset+14',
  'emoji',
  'big-array',
  'big-array-bad',
  'duplicate',
  'proto-key',
  'unknown-key',
  'symbol-key',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

function setAt(
  root: unknown,
  path: (string | number)[],
  f: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  if (path.length === 0) {
    const box: Record<string, unknown> = { v: root };
    f(box, 'v');
    return box.v;
  }
  let parent = root as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  f(parent, path[path.length - 1] as string | number);
  return root;
}

/**
 * Applies one mutation to one field of a (cloned) valid value.
 *
 * @param valid - a valid input, policy or context (left untouched)
 * @param pick - which node (modulo the number of nodes)
 * @param mutation - what to do to it
 * @param replacement - the value for `replace`
 * @returns the mutated copy and the path mutated
 */
export function mutate(
  valid: unknown,
  pick: number,
  mutation: Mutation,
  replacement: unknown,
): { value: unknown; path: (string | number)[] } {
  const root = structuredClone(valid);
  const all = nodes(root);
  const node = all[pick % all.length] as Node;
  const value = setAt(root, node.path, (parent, key) => {
    const cur = parent[key];
    switch (mutation) {
      case 'replace':
        parent[key] = replacement;
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 'null':
        parent[key] = null;
        break;
      case 'nan':
        parent[key] = Number.NaN;
        break;
      case 'infinity':
        parent[key] = pick % 2 === 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
        break;
      case 'negative-zero':
        parent[key] = -0;
        break;
      case 'huge':
        parent[key] = pick % 2 === 0 ? 1e308 : -1e308;
        break;
      case 'year-0001':
      case 'year-9999': {
        const y = mutation === 'year-0001' ? '0001' : '9999';
        parent[key] =
          typeof cur === 'string' && /^\d{4}-/.test(cur)
            ? `${y}${cur.slice(4)}`
            : `${y}-12-31T23:59:59+08:00`;
        break;
      }
      case 'offset+14':
        parent[key] =
          typeof cur === 'string' && /T\d\d:\d\d/.test(cur)
            ? cur.replace(/(Z|[+-]\d\d:?\d\d)?$/, '+14:00')
            : '2024-03-01T00:30:00+14:00';
        break;
      case 'emoji':
        parent[key] = typeof cur === 'string' ? `${cur}😀` : '👨‍👩‍👧‍👦';
        break;
      case 'big-array':
        parent[key] = new Array(BIG).fill(Array.isArray(cur) && cur.length > 0 ? cur[0] : cur);
        break;
      case 'big-array-bad':
        parent[key] = new Array(BIG).fill(replacement);
        break;
      case 'duplicate':
        if (Array.isArray(cur) && cur.length > 0) cur.push(structuredClone(cur[0]));
        else if (Array.isArray(parent)) parent.push(structuredClone(cur));
        else parent[key] = [cur, cur];
        break;
      case 'proto-key':
        if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) {
          Object.defineProperty(cur, '__proto__', {
            value: { polluted: true },
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else parent[key] = protoKey();
        break;
      case 'unknown-key':
        if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) {
          Reflect.set(cur, 'constructor', 'x');
        } else parent[key] = { ...(typeof cur === 'object' ? {} : { value: cur }), extra: 1 };
        break;
      case 'symbol-key':
        // A framework's marker on the object (or list) itself, or on the one holding the value: not
        // data, so never a reason to refuse or to decide otherwise.
        Reflect.set(cur !== null && typeof cur === 'object' ? cur : parent, Symbol('fuzz.marker'), {
          polluted: true,
        });
        break;
    }
  });
  return { value, path: node.path };
}

/** Arbitrary of a mutation choice: which node, which mutation, the replacement value. */
export function mutationArb(
  domain: Domain,
): fc.Arbitrary<{ pick: number; mutation: Mutation; replacement: unknown }> {
  return fc.record({
    pick: fc.nat({ max: 10_000 }),
    // The 10^5-element mutations one case in 16 (they dominate the run time).
    mutation: fc.oneof(
      { weight: 15, arbitrary: fc.constantFrom(...MUTATIONS.filter((m) => !m.startsWith('big-array'))) },
      { weight: 1, arbitrary: fc.constantFrom<Mutation>('big-array', 'big-array-bad') },
    ),
    replacement: anyValue(domain).filter((v) => !Array.isArray(v) || v.length < BIG),
  });
}
