/**
 * UI strings of biztelLiveCall: Custom Labels (force-app/main/default/labels/), Japanese master
 * values with an English translation (translations/en_US), so Salesforce shows each user their
 * language and an admin can change or add languages in Translation Workbench.
 */
import title from '@salesforce/label/c.BiztelLiveCall_Title';
import noCall from '@salesforce/label/c.BiztelLiveCall_NoCall';
import withheld from '@salesforce/label/c.BiztelLiveCall_Withheld';
import elapsed from '@salesforce/label/c.BiztelLiveCall_Elapsed';
import dial from '@salesforce/label/c.BiztelLiveCall_Dial';
import dialUnavailable from '@salesforce/label/c.BiztelLiveCall_DialUnavailable';
import chatHeading from '@salesforce/label/c.BiztelLiveCall_ChatHeading';
import chatCustomer from '@salesforce/label/c.BiztelLiveCall_ChatCustomer';
import chatBot from '@salesforce/label/c.BiztelLiveCall_ChatBot';
import chatOpenLink from '@salesforce/label/c.BiztelLiveCall_ChatOpenLink';
import chatNewTab from '@salesforce/label/c.BiztelLiveCall_ChatNewTab';
import chatEmpty from '@salesforce/label/c.BiztelLiveCall_ChatEmpty';
import chatErrorConnect from '@salesforce/label/c.BiztelLiveCall_ChatErrorConnect';
import chatErrorWrongNumber from '@salesforce/label/c.BiztelLiveCall_ChatErrorWrongNumber';
import chatErrorFetch from '@salesforce/label/c.BiztelLiveCall_ChatErrorFetch';
import chatErrorServer from '@salesforce/label/c.BiztelLiveCall_ChatErrorServer';
import stateRinging from '@salesforce/label/c.BiztelLiveCall_StateRinging';
import stateDialing from '@salesforce/label/c.BiztelLiveCall_StateDialing';
import stateTalking from '@salesforce/label/c.BiztelLiveCall_StateTalking';
import stateHeld from '@salesforce/label/c.BiztelLiveCall_StateHeld';
import stateParking from '@salesforce/label/c.BiztelLiveCall_StateParking';

/** `{0}` in a label replaced with `value` (Custom Labels carry their placeholders that way). */
export function fillLabel(label, value) {
    return String(label).split('{0}').join(value);
}

export const LABELS = Object.freeze({
    title,
    noCall,
    withheld,
    elapsed,
    /** Button text for asking the softphone panel to dial one of the record's numbers. */
    dial: (number) => fillLabel(dial, number),
    dialUnavailable,
    /** Chat history of a call that came through the chatbot IVR (seed 004). */
    chatHeading,
    chatCustomer,
    chatBot,
    chatOpenLink,
    chatNewTab,
    chatEmpty,
    /** The chatbot integration's errors, worded as the manual words them (seed 004). */
    chatErrors: Object.freeze({
        connect: chatErrorConnect,
        wrongNumber: chatErrorWrongNumber,
        fetch: chatErrorFetch,
        server: chatErrorServer,
    }),
    states: Object.freeze({
        ringing: stateRinging,
        dialing: stateDialing,
        talking: stateTalking,
        held: stateHeld,
        parking: stateParking,
    }),
});
