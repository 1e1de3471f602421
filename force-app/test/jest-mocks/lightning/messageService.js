/*
 * Jest stub for lightning/messageService (the lwc-recipes pattern), mapped in jest.config.js.
 *
 * subscribe() remembers the handler per channel and returns a subscription object;
 * unsubscribe() forgets it; publish() calls every handler still subscribed to the channel,
 * so a test can act as the softphone panel:
 *
 *   import { publish } from 'lightning/messageService';
 *   publish(null, BIZTEL_CALL_STATE, { v: 1, state: 'ringing', number: '0312345678' });
 *
 * All functions are jest.fn() so tests can assert calls; use jest.clearAllMocks() between
 * tests (resetAllMocks would drop the implementations).
 */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

/** channel → Set of live subscriptions */
const subscriptionsByChannel = new Map();

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');
export const MessageContext = createTestWireAdapter(jest.fn());
export const createMessageChannel = jest.fn();
export const createMessageContext = jest.fn(() => ({}));
export const releaseMessageContext = jest.fn();

export const subscribe = jest.fn((messageContext, messageChannel, listener, subscriberOptions) => {
    const subscription = { messageChannel, listener, subscriberOptions };
    if (!subscriptionsByChannel.has(messageChannel)) {
        subscriptionsByChannel.set(messageChannel, new Set());
    }
    subscriptionsByChannel.get(messageChannel).add(subscription);
    return subscription;
});

export const unsubscribe = jest.fn((subscription) => {
    if (subscription) {
        subscriptionsByChannel.get(subscription.messageChannel)?.delete(subscription);
    }
});

export const publish = jest.fn((messageContext, messageChannel, message) => {
    const subscriptions = subscriptionsByChannel.get(messageChannel);
    if (subscriptions) {
        [...subscriptions].forEach((subscription) => subscription.listener(message));
    }
});

/** Test helper: how many handlers are currently subscribed to a channel. */
export const subscriberCount = (messageChannel) => subscriptionsByChannel.get(messageChannel)?.size ?? 0;
