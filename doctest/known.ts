// Examples and guide blocks that do not run yet, by `<package>.<export>` and `<file>#<n>` (the n-th
// ts block of the file, from 1). The doc tests tolerate these (and only these) while they are being
// rewritten, and fail when one starts passing so that it is taken off the list.
export const KNOWN_EXAMPLES: ReadonlySet<string> = new Set([]);

export const KNOWN_BLOCKS: ReadonlySet<string> = new Set([]);
