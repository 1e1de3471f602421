/**
 * Test support for the c-biztel-live-call tests (a helper module, not a test: sfdx-lwc-jest runs
 * only `*.test.js`, and `.forceignore` keeps `__tests__` out of deploys): the clock's start,
 * realistic call-state payloads, mounting the component, publishing a call state to it, and
 * queries on its shadow DOM.
 */
import { createElement } from 'lwc';
import BiztelLiveCall from 'c/biztelLiveCall';
import { publish } from 'lightning/messageService';
import BIZTEL_CALL_STATE from '@salesforce/messageChannel/BiztelCallState__c';

export const NOW = new Date('2025-04-01T10:00:00+09:00').getTime();

/** Realistic payloads as the softphone panel publishes them. */
export const RINGING = Object.freeze({
    v: 1,
    state: 'ringing',
    direction: 'inbound',
    number: '0312345678',
    callId: 'c-20250401-0001',
    businessLabel: 'サポート窓口',
});
export const TALKING = Object.freeze({ ...RINGING, state: 'talking', answeredAt: NOW });

/** LWC re-renders in a microtask; wait for it. */
export const flush = () => Promise.resolve();

/** Puts a c-biztel-live-call on the page, on the record `recordId` when given. */
export function mount(recordId) {
    const element = createElement('c-biztel-live-call', { is: BiztelLiveCall });
    if (recordId !== undefined) {
        element.recordId = recordId;
    }
    document.body.appendChild(element);
    return element;
}

/** Publishes `message` on BiztelCallState__c as the panel does, and waits for the re-render. */
export async function send(message) {
    publish(null, BIZTEL_CALL_STATE, message);
    await flush();
}

export const byId = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
export const text = (element, id) => byId(element, id)?.textContent ?? null;
/** Everything a user can read in the component, whitespace-normalised. */
export const visibleText = (element) => element.shadowRoot.textContent.replace(/\s+/g, ' ').trim();
