/**
 * Pure helpers for the BiztelCallState__c message (payload version 1) published by the
 * softphone panel. No DOM, no timers: time is passed in.
 *
 * Payload: { v: 1, state: 'idle'|'ringing'|'dialing'|'talking'|'held'|'parking',
 *            direction?: 'inbound'|'outbound', number?: string, callId?: string,
 *            answeredAt?: number (epoch ms), businessLabel?: string }
 */

export const PAYLOAD_VERSION = 1;
export const CALL_STATES = Object.freeze(['idle', 'ringing', 'dialing', 'talking', 'held', 'parking']);
export const DIRECTIONS = Object.freeze(['inbound', 'outbound']);
/** States during which the call is connected and its duration is shown. */
export const CONNECTED_STATES = Object.freeze(['talking', 'held', 'parking']);

export const MAX_NUMBER_LENGTH = 64;
export const MAX_CALL_ID_LENGTH = 128;
export const MAX_BUSINESS_LABEL_LENGTH = 128;

const INVALID = Symbol('invalid');

/** An optional string field: absent (undefined/null) → undefined; wrong type or too long → INVALID. */
function optionalString(value, maxLength) {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== 'string' || value.length > maxLength) {
        return INVALID;
    }
    return value;
}

function optionalEnum(value, allowed) {
    if (value === undefined || value === null) {
        return undefined;
    }
    return allowed.includes(value) ? value : INVALID;
}

function optionalEpochMs(value) {
    if (value === undefined || value === null) {
        return undefined;
    }
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : INVALID;
}

/**
 * Validates a message from the channel.
 * @returns a frozen call snapshot, or null when the message is malformed (caller ignores it).
 *          Never throws, even for hostile objects (throwing getters, proxies).
 */
export function parseCallStateMessage(message) {
    try {
        if (message === null || typeof message !== 'object' || Array.isArray(message)) {
            return null;
        }
        if (message.v !== PAYLOAD_VERSION || !CALL_STATES.includes(message.state)) {
            return null;
        }
        const snapshot = {
            state: message.state,
            direction: optionalEnum(message.direction, DIRECTIONS),
            number: optionalString(message.number, MAX_NUMBER_LENGTH),
            callId: optionalString(message.callId, MAX_CALL_ID_LENGTH),
            answeredAt: optionalEpochMs(message.answeredAt),
            businessLabel: optionalString(message.businessLabel, MAX_BUSINESS_LABEL_LENGTH),
        };
        if (Object.values(snapshot).includes(INVALID)) {
            return null;
        }
        return Object.freeze(snapshot);
    } catch (e) {
        return null;
    }
}

/** True when the number is missing, blank or the PBX's "anonymous" marker. */
export function isWithheldNumber(number) {
    if (typeof number !== 'string') {
        return true;
    }
    const trimmed = number.trim();
    return trimmed === '' || trimmed.toLowerCase() === 'anonymous';
}

/** True when the snapshot is a connected call with a usable answer time (the timer runs). */
export function hasRunningTimer(snapshot) {
    return Boolean(snapshot) && CONNECTED_STATES.includes(snapshot.state) && snapshot.answeredAt !== undefined;
}

const pad2 = (n) => String(n).padStart(2, '0');

/** mm:ss below an hour, hh:mm:ss from an hour on. Negative (clock skew) counts as 0. */
export function formatElapsed(elapsedMs) {
    const totalSeconds = Math.floor(Math.max(0, Number.isFinite(elapsedMs) ? elapsedMs : 0) / 1000);
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    return hours > 0 ? `${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}` : `${pad2(minutes)}:${pad2(seconds)}`;
}
