// Faults `pnpm fuzz` has found that are not fixed yet, by callable: the seeded sample in `pnpm test`
// tolerates these (and only these) so that it guards everything else against regressions while they
// are being fixed. Remove an entry when its fault is fixed; `fuzz/sample.test.ts` reports entries
// that no longer fail.
//
// Owned by colleagues working on issue 12 at the same time (store-postgres, cli, core/src/time.ts)
// or left for a follow-up: see fuzz/README.md.
export const KNOWN_FAULTS: readonly string[] = [];

/** Whether a failing target (or near-valid module case) is a known, not yet fixed fault. */
export function isKnown(target: string): boolean {
  return KNOWN_FAULTS.some((k) => target === k || target.startsWith(`${k} `) || target.startsWith(`${k}.`));
}
