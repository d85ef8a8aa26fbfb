export * from './seed000.js';
export * from './seed000b.js';
export * from './seed001.js';
export * from './seed001b.js';
export * from './seed002.js';
export * from './seed003-004.js';
