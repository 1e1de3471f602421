/**
 * Pure helpers for the BiztelCallState__c message (payload version 1) published by the
 * softphone panel. No DOM, no timers: time is passed in.
 *
 * Payload: { v: 1, state: 'idle'|'ringing'|'dialing'|'talking'|'held'|'parking',
 *            direction?: 'inbound'|'outbound', number?: string, callId?: string,
 *            answeredAt?: number (epoch ms, server clock), clockOffsetMs?: number (server − local
 *            clock of the panel's machine, ms), businessLabel?: string, chat?: Chat }
 *   Chat: { status: 'ok', messages: [{ from: 'customer'|'bot', kind: 'text'|'url'|'upload',
 *                                      text: string, url?: string, at: number (epoch ms) }] }
 *       | { status: 'error', error: 'connect'|'wrongNumber'|'fetch'|'server' }
 * `chat` was added to version 1 as an optional field (and `wrongNumber` to its errors later: a
 * subscriber older than that drops such a chat); a malformed chat is dropped on its own
 * (the call is still shown), while any other malformed field rejects the whole message.
 */

export const PAYLOAD_VERSION = 1;
export const CALL_STATES = Object.freeze(['idle', 'ringing', 'dialing', 'talking', 'held', 'parking']);
export const DIRECTIONS = Object.freeze(['inbound', 'outbound']);
/** States during which the call is connected and its duration is shown. */
export const CONNECTED_STATES = Object.freeze(['talking', 'held', 'parking']);

export const MAX_NUMBER_LENGTH = 64;
export const MAX_CALL_ID_LENGTH = 128;
export const MAX_BUSINESS_LABEL_LENGTH = 128;

export const CHAT_SENDERS = Object.freeze(['customer', 'bot']);
export const CHAT_KINDS = Object.freeze(['text', 'url', 'upload']);
export const CHAT_ERRORS = Object.freeze(['connect', 'wrongNumber', 'fetch', 'server']);
export const MAX_CHAT_MESSAGES = 50;
export const MAX_CHAT_TEXT_LENGTH = 1000;
export const MAX_CHAT_URL_LENGTH = 2000;

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

/** The panel's server-clock offset (server − local, ms): within a day, else malformed. */
const MAX_CLOCK_OFFSET_MS = 24 * 60 * 60 * 1000;
function optionalOffsetMs(value) {
    if (value === undefined || value === null) {
        return undefined;
    }
    return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_CLOCK_OFFSET_MS ? value : INVALID;
}

/** A request for the live call, published by a component that just opened (the owner page answers). */
export function buildCallStateRequest() {
    return { v: PAYLOAD_VERSION, request: 'callState' };
}

function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function requiredString(value, maxLength) {
    return typeof value === 'string' && value.length <= maxLength ? value : INVALID;
}

function requiredEnum(value, allowed) {
    return allowed.includes(value) ? value : INVALID;
}

function requiredEpochMs(value) {
    return value === undefined || value === null ? INVALID : optionalEpochMs(value);
}

function parseChatMessage(value) {
    if (!isPlainObject(value)) {
        return INVALID;
    }
    const message = {
        from: requiredEnum(value.from, CHAT_SENDERS),
        kind: requiredEnum(value.kind, CHAT_KINDS),
        text: requiredString(value.text, MAX_CHAT_TEXT_LENGTH),
        url: optionalString(value.url, MAX_CHAT_URL_LENGTH),
        at: requiredEpochMs(value.at),
    };
    return Object.values(message).includes(INVALID) ? INVALID : Object.freeze(message);
}

/**
 * Validates the optional `chat` field.
 * @returns undefined when absent or malformed (the call is shown without it), else a frozen copy
 *          whose messages are sorted oldest first (stable: same-time messages keep their order).
 *          Never throws.
 */
export function parseChat(value) {
    try {
        if (!isPlainObject(value)) {
            return undefined;
        }
        if (value.status === 'error') {
            return CHAT_ERRORS.includes(value.error) ? Object.freeze({ status: 'error', error: value.error }) : undefined;
        }
        if (value.status !== 'ok') {
            return undefined;
        }
        const raw = value.messages;
        if (!Array.isArray(raw) || raw.length > MAX_CHAT_MESSAGES) {
            return undefined;
        }
        const messages = [];
        for (let i = 0; i < raw.length; i++) {
            const message = parseChatMessage(raw[i]);
            if (message === INVALID) {
                return undefined;
            }
            messages.push(message);
        }
        messages.sort((a, b) => a.at - b.at);
        return Object.freeze({ status: 'ok', messages: Object.freeze(messages) });
    } catch {
        return undefined;
    }
}

function chatOf(message) {
    try {
        return parseChat(message.chat);
    } catch {
        return undefined;
    }
}

const HTTP_PREFIX = /^https?:\/\//i;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\s]/u;

/**
 * The URL to put in a link's href, or null when it must stay plain text: only absolute http(s)
 * URLs with a host and without credentials, written as `http(s)://…` with no spaces or control
 * characters (so `javascript:`, `data:`, relative and `https://user:pass@host` forms are refused).
 * Same rule as the panel's safeHttpUrl (web-components/src/core/links.ts).
 */
export function safeHttpUrl(url) {
    if (typeof url !== 'string' || !HTTP_PREFIX.test(url) || CONTROL_OR_SPACE.test(url)) {
        return null;
    }
    let parsed;
    try {
        parsed = new URL(url);
    } catch {
        return null;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        return null;
    }
    if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') {
        return null;
    }
    return parsed.href;
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
            clockOffsetMs: optionalOffsetMs(message.clockOffsetMs),
            businessLabel: optionalString(message.businessLabel, MAX_BUSINESS_LABEL_LENGTH),
        };
        if (Object.values(snapshot).includes(INVALID)) {
            return null;
        }
        // Checked last and on its own: a bad chat (even a throwing getter) never hides the call.
        snapshot.chat = chatOf(message);
        return Object.freeze(snapshot);
    } catch {
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
