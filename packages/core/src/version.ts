/** The version of `@zhidu/core` (kept equal to package.json by a test), stamped on every decision's provenance. */
export const VERSION = '0.1.0';
