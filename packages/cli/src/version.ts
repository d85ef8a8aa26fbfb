/** The version of `@zhidu/cli` (kept equal to package.json by a test), printed by `zhidu --version`. */
export const VERSION = '0.1.0';
