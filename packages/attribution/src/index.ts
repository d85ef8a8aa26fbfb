/**
 * @packageDocumentation
 * Customer ownership (客户归属), protection periods, performance and bonus splits, reception rotation.
 */
export {};
