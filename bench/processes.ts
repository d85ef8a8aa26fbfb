// The results of one bench file run in several processes (`pnpm bench --processes N`), merged into
// one list of results: see medianOfProcesses.

/** A comparison as a bench file prints it (harness.ts `Report#compare`). */
export type Comparison = {
  path: string;
  ratio: number;
  target?: string;
  met?: boolean;
  [k: string]: unknown;
};
/** A result as a bench file prints it: a name, comparisons and figures (or a shape of its own). */
export type Result = { comparisons?: Comparison[]; figures?: Record<string, unknown>; [k: string]: unknown };

/**
 * One file's results over several processes, paired by result `name` and comparison `path` (not by
 * position): each comparison is the one of the process whose ratio is the median (the lower middle
 * for an even count) among the processes that printed it, with every process's ratio in `ratios` in
 * run order (`null` where a process printed no such comparison); a numeric figure is the median of the
 * processes'. Results without comparisons (the store's, the server's) are the first process's, with the
 * others' in `otherProcesses`. `missingIn` lists the processes (1-based) that printed no such result.
 */
export function medianOfProcesses(runs: unknown[][]): unknown[] {
  const byName = new Map<string, (Result | undefined)[]>();
  runs.forEach((json, p) => {
    for (const [i, r] of (json as Result[]).entries()) {
      const name = typeof r.name === 'string' ? r.name : `#${i}`;
      let same = byName.get(name);
      if (same === undefined) {
        same = new Array<Result | undefined>(runs.length).fill(undefined);
        byName.set(name, same);
      }
      same[p] = r;
    }
  });
  const lowerMiddle = <T>(sorted: T[]): T | undefined => sorted[Math.floor((sorted.length - 1) / 2)];
  return [...byName.values()].map((same) => {
    const present = same.filter((r): r is Result => r !== undefined);
    const base = present[0] as Result;
    const missing = same.flatMap((r, p) => (r === undefined ? [p + 1] : []));
    const gaps = missing.length > 0 ? { missingIn: missing } : {};
    if (!present.some((r) => Array.isArray(r.comparisons)))
      return { ...base, otherProcesses: present.slice(1), ...gaps };
    const paths: string[] = [];
    for (const r of present)
      for (const c of r.comparisons ?? []) if (!paths.includes(c.path)) paths.push(c.path);
    const comparisons = paths.map((path) => {
      const all = same.map((r) => r?.comparisons?.find((c) => c.path === path));
      const got = all.filter((c): c is Comparison => c !== undefined).sort((a, b) => a.ratio - b.ratio);
      return { ...(lowerMiddle(got) as Comparison), ratios: all.map((c) => c?.ratio ?? null) };
    });
    const figures: Record<string, unknown> = {};
    for (const r of present) {
      for (const [k, v] of Object.entries(r.figures ?? {})) {
        if (k in figures) continue;
        const xs = present
          .map((x) => x.figures?.[k])
          .filter((x): x is number => typeof x === 'number')
          .sort((a, b) => a - b);
        figures[k] = typeof v === 'number' ? lowerMiddle(xs) : v;
      }
    }
    return { ...base, comparisons, figures, ...gaps };
  });
}

/** One comparison of a bench file as run in this tree and in another one (`pnpm bench --against`). */
export type TreeRow = {
  /** The result's `name` (a bench file may print several). */
  name: string;
  /** The comparison's `path`. */
  path: string;
  /** The median ratio zhidu ÷ peer here, and every process's in run order (`null`: not printed). */
  here: number | null;
  hereRatios: (number | null)[];
  /** The same in the other tree. */
  there: number | null;
  thereRatios: (number | null)[];
  /** here ÷ there of the median ratios: above 1, this tree does better against the same peer. */
  change: number | null;
};

/**
 * Pairs the comparisons of one bench file run alternately in this tree and in another (its processes
 * merged by {@link medianOfProcesses} on each side) by result `name` and comparison `path`: each row
 * holds both medians, every process's ratio on each side, and their quotient. A comparison printed on
 * one side only has `null` on the other. Each side's ratio is against a peer timed in that side's own
 * processes, so a machine that slows down between processes slows both the path and its peer.
 *
 * @example
 * const row = (ratio: number) => [[{ name: 'p', comparisons: [{ path: 'x', ratio }] }]];
 * compareTrees(row(0.5), row(0.4))[0]?.change; //=> 1.25
 */
export function compareTrees(here: unknown[][], there: unknown[][]): TreeRow[] {
  // medianOfProcesses gives every merged comparison its processes' ratios.
  type Merged = Result & { comparisons?: (Comparison & { ratios: (number | null)[] })[] };
  const side = (runs: unknown[][]) => {
    const merged = medianOfProcesses(runs) as Merged[];
    const rows = new Map<string, { name: string; path: string; ratio: number; ratios: (number | null)[] }>();
    merged.forEach((r, i) => {
      const name = typeof r.name === 'string' ? r.name : `#${i}`;
      for (const c of r.comparisons ?? [])
        rows.set(`${name}\u0000${c.path}`, {
          name,
          path: c.path,
          ratio: c.ratio,
          ratios: c.ratios,
        });
    });
    return rows;
  };
  const a = side(here);
  const b = side(there);
  const keys = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))];
  return keys.map((k) => {
    const x = a.get(k);
    const y = b.get(k);
    const hereRatio = x?.ratio ?? null;
    const thereRatio = y?.ratio ?? null;
    return {
      name: (x ?? y)?.name ?? '',
      path: (x ?? y)?.path ?? '',
      here: hereRatio,
      hereRatios: x?.ratios ?? here.map(() => null),
      there: thereRatio,
      thereRatios: y?.ratios ?? there.map(() => null),
      change: hereRatio !== null && thereRatio !== null && thereRatio !== 0 ? hereRatio / thereRatio : null,
    };
  });
}
