/**
 * Record templates, taxonomies, responsibility matrices and stage graphs for the catalog's core-model
 * ids: the shared vocabulary of the modules and the field lists an ERP form or an import validates against.
 */
export * from './catalog.js';
export * from './lifecycle.js';
export * from './matrix.js';
export * from './numbering.js';
export * from './rules.js';
export * from './taxonomy.js';
export * from './template.js';
