/**
 * The dev host's HTTP side (`@biztel/dev-host/server`): the server that plays Salesforce for
 * local work, and how it renders the softphone's Visualforce page.
 */
export { createDevHost, devHostHandler, type DevHostOptions, type RequestHandler } from './dev-host.js';
export { OPENCTI_PATH, PANEL_RESOURCE_URL, renderVisualforce } from './visualforce.js';
export { selfSignedCertificate } from './tls.js';
