/**
 * The dev host's `opencti_min.js`: like Salesforce's, a thin client that posts each call to the
 * Lightning page framing the softphone (or the window that popped it out) and relays the answers.
 */
import { createFakeOpenCti } from '../../web-components/src/crm/fake/fake-opencti.js';
import { createPostMessageContainer } from '../../web-components/src/crm/fake/postmessage-bridge.js';

const container = window.parent !== window ? window.parent : (window.opener as Window | null);
(window as unknown as { sforce: { opencti: unknown } }).sforce = {
  opencti: createFakeOpenCti(createPostMessageContainer(window, container, window.location.origin)),
};
