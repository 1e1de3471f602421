export * from './schema.js';
export * from './messages.js';
export * from './device-messages.js';
export * from './commands.js';
export * from './salesforce-id.js';
