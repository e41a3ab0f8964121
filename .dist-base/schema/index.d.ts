export * from './fields.js';
export * from './exchange.js';
export * from './account.js';
export * from './ddl.js';
export * from './limits.js';
