/**
 * A scriptable fake of Salesforce's Open CTI with the real API's contract: the `sforce.opencti`
 * object (`createFakeOpenCti`), the Lightning side it talks to (`createMemoryContainer`, or a
 * container in another window behind the postMessage bridge) and the fake org's user. Used by the
 * panel's unit tests, the dev host and the end-to-end tests; never by the panel bundle.
 */
export * from './constants.js';
export * from './container.js';
export * from './fake-opencti.js';
export * from './fake-user.js';
export * from './postmessage-bridge.js';
