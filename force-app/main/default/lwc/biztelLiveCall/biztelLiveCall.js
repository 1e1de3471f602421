import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { APPLICATION_SCOPE, MessageContext, publish, subscribe, unsubscribe } from 'lightning/messageService';
import BIZTEL_CALL_STATE from '@salesforce/messageChannel/BiztelCallState__c';
import BIZTEL_DIAL_REQUEST from '@salesforce/messageChannel/BiztelDialRequest__c';
import { buildCallStateRequest, formatElapsed, hasRunningTimer, isWithheldNumber, parseCallStateMessage, safeHttpUrl } from './callState';
import { OPTIONAL_FIELDS, buildDialRequest, phonesFromRecord, recordNameOf } from './dialRequest';
import { LABELS } from './labels';

const TICK_MS = 1000;

/**
 * @summary Shows the agent's current BIZTEL call (state, number, business, duration and, for a
 * call from the chatbot IVR, the chat transcript) on record, app and home pages. Listens to the BiztelCallState__c message channel that the Open CTI
 * softphone panel publishes to; malformed messages are ignored and the last good state stays.
 * On a record page it also offers the record's standard phone numbers as 「… に発信」 buttons that
 * ask the panel to dial over BiztelDialRequest__c (disabled while a call is live).
 * Chat messages are rendered as text only; a url/upload message becomes a 「リンクを開く」 link
 * (new tab, noopener noreferrer) only when safeHttpUrl accepts its URL, else stays plain text.
 */
export default class BiztelLiveCall extends LightningElement {
    labels = LABELS;

    /** Set by record pages; undefined on app and home pages (then no dial buttons). */
    @api recordId;

    /** Dialable numbers of the record and its display name, from the getRecord wire. */
    phones = [];
    recordName;

    /** Last valid snapshot from the channel; null until the first one (rendered as idle). */
    call = null;
    /** Clock reading used to render the duration; refreshed every second while connected. */
    now = 0;

    subscription = null;
    timerId = null;

    @wire(MessageContext)
    messageContext;

    @wire(getRecord, { recordId: '$recordId', optionalFields: OPTIONAL_FIELDS })
    wiredRecord({ data, error }) {
        if (data && !error) {
            this.phones = phonesFromRecord(data);
            this.recordName = recordNameOf(data);
        } else {
            // No record yet, no access or an LDS error: just no buttons.
            this.phones = [];
            this.recordName = undefined;
        }
    }

    connectedCallback() {
        if (!this.subscription) {
            this.subscription = subscribe(this.messageContext, BIZTEL_CALL_STATE, (message) => this.handleMessage(message), { scope: APPLICATION_SCOPE });
            // Opened mid-call: the panel publishes only on change, so ask it for the live call.
            publish(this.messageContext, BIZTEL_DIAL_REQUEST, buildCallStateRequest());
        }
    }

    disconnectedCallback() {
        if (this.subscription) {
            unsubscribe(this.subscription);
            this.subscription = null;
        }
        this.stopTimer();
    }

    handleMessage(message) {
        const snapshot = parseCallStateMessage(message);
        if (!snapshot) {
            return; // malformed: keep showing the previous state
        }
        this.call = snapshot.state === 'idle' ? null : snapshot;
        if (hasRunningTimer(this.call)) {
            this.now = Date.now();
            this.startTimer();
        } else {
            this.stopTimer();
        }
    }

    handleDial(event) {
        if (this.dialDisabled) {
            return;
        }
        const message = buildDialRequest(event.currentTarget.dataset.number, this.recordId, this.recordName);
        if (message) {
            publish(this.messageContext, BIZTEL_DIAL_REQUEST, message);
        }
    }

    startTimer() {
        if (this.timerId !== null) {
            return;
        }
        // Duration is recomputed from answeredAt on each tick, so a late tick never drifts.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.timerId = setInterval(() => {
            this.now = Date.now();
        }, TICK_MS);
    }

    stopTimer() {
        if (this.timerId !== null) {
            clearInterval(this.timerId);
            this.timerId = null;
        }
    }

    get hasCall() {
        return this.call !== null;
    }

    get stateLabel() {
        return this.call ? LABELS.states[this.call.state] : '';
    }

    get displayNumber() {
        if (!this.call) {
            return '';
        }
        return isWithheldNumber(this.call.number) ? LABELS.withheld : this.call.number.trim();
    }

    get businessLabel() {
        return this.call?.businessLabel ?? '';
    }

    get showTimer() {
        return hasRunningTimer(this.call);
    }

    get elapsedText() {
        // On the panel's server clock, as the panel's own timer counts.
        return this.showTimer ? formatElapsed(this.now + (this.call.clockOffsetMs ?? 0) - this.call.answeredAt) : '';
    }

    get chat() {
        return this.call?.chat;
    }

    get hasChat() {
        return this.chat !== undefined;
    }

    get chatErrorText() {
        return this.chat?.status === 'error' ? LABELS.chatErrors[this.chat.error] : '';
    }

    get chatEmpty() {
        return this.chat?.status === 'ok' && this.chat.messages.length === 0;
    }

    /** The transcript, oldest first (parseCallStateMessage sorted it), ready for the template. */
    get chatItems() {
        if (this.chat?.status !== 'ok') {
            return [];
        }
        return this.chat.messages.map((message, index) => {
            const inbound = message.from === 'customer';
            const href = message.kind === 'text' ? null : safeHttpUrl(message.url);
            const caption = href !== null && message.text !== '' && message.text !== message.url ? message.text : '';
            return {
                key: `${index}`,
                from: message.from,
                sender: inbound ? LABELS.chatCustomer : LABELS.chatBot,
                itemClass: `slds-chat-listitem ${inbound ? 'slds-chat-listitem_inbound' : 'slds-chat-listitem_outbound'}`,
                bubbleClass: `slds-chat-message__text ${inbound ? 'slds-chat-message__text_inbound' : 'slds-chat-message__text_outbound'} bubble`,
                href,
                caption,
                text: href === null ? message.text || message.url || '' : '',
            };
        });
    }

    get hasPhones() {
        return this.phones.length > 0;
    }

    /** The panel cannot dial while a call rings, is being dialled or is connected. */
    get dialDisabled() {
        return this.hasCall;
    }

    get dialButtons() {
        return this.phones.map((number) => ({ number, label: LABELS.dial(number) }));
    }
}
