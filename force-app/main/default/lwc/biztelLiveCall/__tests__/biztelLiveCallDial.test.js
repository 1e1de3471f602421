/** c-biztel-live-call: the 「… に発信」 buttons for the record's phone fields, and the dial requests they publish to the panel. */
import { publish } from 'lightning/messageService';
import { getRecord } from 'lightning/uiRecordApi';
import BIZTEL_DIAL_REQUEST from '@salesforce/messageChannel/BiztelDialRequest__c';
import { NOW, RINGING, byId, flush, mount, send, text } from './liveCallFixture';

const CONTACT_ID = '003000000000001AAA';

/** A getRecord result as LDS delivers it: only the optional fields the object has. */
const contact = (fields) => ({
    apiName: 'Contact',
    id: CONTACT_ID,
    fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, { value, displayValue: null }])),
});

const dialButtons = (element) => [...element.shadowRoot.querySelectorAll('[data-id="dial"] button')];
/** What the component asked the panel to dial (publishes on the other channels excluded). */
const dialRequests = () =>
    publish.mock.calls
        .filter(([, channel]) => channel === BIZTEL_DIAL_REQUEST)
        .map(([, , message]) => message)
        .filter((message) => message.request === undefined);

async function emitRecord(record) {
    getRecord.emit(record);
    await flush();
}

describe('c-biztel-live-call dial buttons', () => {
    beforeEach(() => {
        jest.useFakeTimers({ now: NOW, doNotFake: ['queueMicrotask', 'nextTick'] });
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('asks getRecord for the record with the standard phone and name fields as optional fields', async () => {
        mount(CONTACT_ID);
        await flush();

        const config = getRecord.getLastConfig();
        expect(config.recordId).toBe(CONTACT_ID);
        expect(config.fields).toBeUndefined();
        expect(config.optionalFields).toEqual(
            expect.arrayContaining([
                'Contact.Phone',
                'Contact.MobilePhone',
                'Contact.Name',
                'Account.Phone',
                'Account.Name',
                'Lead.Phone',
                'Lead.MobilePhone',
                'Lead.Name',
                'Case.ContactPhone',
            ]),
        );
    });

    it('shows one 「… に発信」 button per phone field of the record', async () => {
        const element = mount(CONTACT_ID);

        await emitRecord(contact({ Name: '山田 太郎', Phone: '03-1234-5678', MobilePhone: '090-1111-2222' }));

        const buttons = dialButtons(element);
        expect(buttons.map((b) => b.textContent.trim())).toEqual(['03-1234-5678 に発信', '090-1111-2222 に発信']);
        buttons.forEach((b) => expect(b.disabled).toBe(false));
        expect(byId(element, 'dial-unavailable')).toBeNull();
    });

    it.each([
        ['Account', { Name: '株式会社ビズテル', Phone: '03-5555-0000' }, ['03-5555-0000']],
        ['Lead', { Name: '佐藤 花子', Phone: '0312345678', MobilePhone: '+81 90-1234-5678' }, ['0312345678', '+81 90-1234-5678']],
        ['Case', { CaseNumber: '00001026', ContactPhone: '(03) 1234-5678' }, ['(03) 1234-5678']],
    ])('shows the phone buttons of a %s', async (apiName, values, numbers) => {
        const element = mount('001000000000001');

        await emitRecord({ ...contact(values), apiName });

        expect(dialButtons(element).map((b) => b.dataset.number)).toEqual(numbers);
    });

    it('publishes exactly { v, number, recordId, recordName } on BiztelDialRequest__c in application scope when clicked', async () => {
        const element = mount(CONTACT_ID);
        await emitRecord(contact({ Name: '山田 太郎', Phone: '03-1234-5678', MobilePhone: '090-1111-2222' }));

        dialButtons(element)[1].click();

        expect(dialRequests()).toHaveLength(1);
        expect(publish).toHaveBeenCalledWith(undefined, BIZTEL_DIAL_REQUEST, {
            v: 1,
            number: '090-1111-2222',
            recordId: CONTACT_ID,
            recordName: '山田 太郎',
        });
        expect(Object.keys(dialRequests()[0]).sort()).toEqual(['number', 'recordId', 'recordName', 'v']);
        expect(BIZTEL_DIAL_REQUEST).toBe('BiztelDialRequest__c');
    });

    it('leaves recordName out when the record has no name', async () => {
        const element = mount(CONTACT_ID);
        await emitRecord(contact({ Phone: '03-1234-5678' }));

        dialButtons(element)[0].click();

        expect(dialRequests()).toEqual([{ v: 1, number: '03-1234-5678', recordId: CONTACT_ID }]);
    });

    it('disables the buttons with 「通話中は発信できません」 while a call is live, and enables them when idle', async () => {
        const element = mount(CONTACT_ID);
        await emitRecord(contact({ Name: '山田 太郎', Phone: '03-1234-5678' }));

        for (const state of ['ringing', 'dialing', 'talking', 'held', 'parking']) {
            // eslint-disable-next-line no-await-in-loop
            await send({ v: 1, state, number: '0312345678' });
            expect(dialButtons(element).map((b) => b.disabled)).toEqual([true]);
            expect(text(element, 'dial-unavailable').trim()).toBe('通話中は発信できません');
        }

        dialButtons(element)[0].click();
        expect(dialRequests()).toEqual([]);

        await send({ v: 1, state: 'idle' });

        expect(dialButtons(element).map((b) => b.disabled)).toEqual([false]);
        expect(byId(element, 'dial-unavailable')).toBeNull();
        dialButtons(element)[0].click();
        expect(dialRequests()).toHaveLength(1);
    });

    it('links the disabled buttons to the explanation for assistive technology', async () => {
        const element = mount(CONTACT_ID);
        await emitRecord(contact({ Phone: '03-1234-5678' }));
        await send({ v: 1, state: 'talking', number: '0312345678', answeredAt: NOW });

        const [button] = dialButtons(element);
        const note = byId(element, 'dial-unavailable');
        expect(note.id).not.toBe('');
        expect(button.getAttribute('aria-describedby')).toBe(note.id);
    });

    it('shows no buttons when the record has no phone', async () => {
        const element = mount(CONTACT_ID);

        await emitRecord(contact({ Name: '山田 太郎', Phone: null, MobilePhone: '' }));

        expect(dialButtons(element)).toEqual([]);
        expect(byId(element, 'dial')).toBeNull();
    });

    it('shows no buttons for an object without standard phone fields', async () => {
        const element = mount('a01000000000001AAA');

        await emitRecord({ apiName: 'Opportunity', id: 'a01000000000001AAA', fields: { Phone: { value: '0312345678' } } });

        expect(byId(element, 'dial')).toBeNull();
    });

    it('shows no buttons outside a record page', async () => {
        const element = mount();
        await flush();

        expect(byId(element, 'dial')).toBeNull();
        expect(text(element, 'idle')).toBe('通話はありません');
    });

    it('shows no buttons and keeps working when getRecord fails', async () => {
        const element = mount(CONTACT_ID);
        await emitRecord(contact({ Phone: '03-1234-5678' }));
        expect(dialButtons(element)).toHaveLength(1);

        getRecord.error({ message: 'You do not have access to this record' }, 403, 'Forbidden');
        await flush();

        expect(byId(element, 'dial')).toBeNull();
        await send(RINGING);
        expect(text(element, 'state')).toBe('着信中');
    });

    it('does not offer a value the panel could not dial, and offers a shared number once', async () => {
        const element = mount(CONTACT_ID);

        await emitRecord(contact({ Phone: '03-1234-5678 内線12', MobilePhone: '03-1234-5678 内線12' }));
        expect(byId(element, 'dial')).toBeNull();

        await emitRecord(contact({ Phone: '０３－１２３４－５６７８', MobilePhone: '03-1234-5678' }));
        expect(dialButtons(element).map((b) => b.textContent.trim())).toEqual(['03-1234-5678 に発信']);
    });

    it('renders the phone value as text, never as markup', async () => {
        const element = mount(CONTACT_ID);

        await emitRecord(contact({ Name: '<img src=x onerror=alert(1)>', Phone: '03-1234-5678' }));

        expect(element.shadowRoot.querySelector('img')).toBeNull();
        dialButtons(element)[0].click();
        expect(dialRequests()[0].recordName).toBe('<img src=x onerror=alert(1)>');
    });
});
