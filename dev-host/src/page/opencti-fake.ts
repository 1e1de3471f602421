/**
 * The dev host's `opencti_min.js`: like Salesforce's, a thin client that posts each call to the
 * Lightning page framing the softphone (or the window that popped it out) and relays the answers.
 */
import { createFakeOpenCti } from '@biztel/opencti/fake';
import { createPostMessageContainer } from '@biztel/opencti/fake';

const container = window.parent !== window ? window.parent : (window.opener as Window | null);
(window as unknown as { sforce: { opencti: unknown } }).sforce = {
  opencti: createFakeOpenCti(createPostMessageContainer(window, container, window.location.origin)),
};
