export * from './schema.js';
export * from './messages.js';
