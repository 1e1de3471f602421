/**
 * c-biztel-live-call's words are Custom Labels: every label it imports is in the labels'
 * metadata, every label has an English translation with the same placeholders, and a user whose
 * language is English sees English.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import BIZTEL_CALL_STATE from '@salesforce/messageChannel/BiztelCallState__c';
import { masterLabels, translatedLabels, blocks } from '../../../../../test/jest-mocks/labels.cjs';

const COMPONENT = join(__dirname, '..');
const LABELS_FILE = join(__dirname, '..', '..', '..', 'labels', 'CustomLabels.labels-meta.xml');

/** Every `@salesforce/label/c.<name>` the component's modules import. */
function importedLabels() {
    const names = new Set();
    for (const file of readdirSync(COMPONENT).filter((f) => f.endsWith('.js'))) {
        for (const [, name] of readFileSync(join(COMPONENT, file), 'utf8').matchAll(/from '@salesforce\/label\/c\.(\w+)'/g)) names.add(name);
    }
    return [...names];
}

const placeholders = (text) => (text.match(/\{\d+\}/g) ?? []).sort();

describe('c-biztel-live-call: Custom Labels', () => {
    const master = masterLabels();
    const english = translatedLabels('en_US');

    it('imports only labels that the metadata defines (an undefined one would show as "c.Name")', () => {
        const imported = importedLabels();

        expect(imported.length).toBeGreaterThan(15);
        expect(imported.filter((name) => !(name in master))).toEqual([]);
        expect(Object.keys(master).filter((name) => !imported.includes(name))).toEqual([]);
    });

    it('defines each label once, Japanese master values, with the fields the Metadata API requires', () => {
        const labels = blocks(readFileSync(LABELS_FILE, 'utf8'), 'labels');

        expect(new Set(labels.map((l) => l.fullName)).size).toBe(labels.length);
        for (const label of labels) {
            expect([label.fullName, label.language, label.protected]).toEqual([expect.stringMatching(/^BiztelLiveCall_[A-Za-z]+$/), 'ja', 'false']);
            expect(label.shortDescription.length).toBeLessThanOrEqual(80);
            expect(label.value.length).toBeGreaterThan(0);
            expect(label.value.length).toBeLessThanOrEqual(1000);
        }
    });

    it('translates every label into English, keeping its placeholders', () => {
        expect(Object.keys(english).sort()).toEqual(Object.keys(master).sort());
        for (const [name, value] of Object.entries(english)) {
            expect([name, value.trim().length > 0, /[\u3040-\u30ff\u4e00-\u9fff]/.test(value)]).toEqual([name, true, false]);
            expect([name, placeholders(value)]).toEqual([name, placeholders(master[name])]);
        }
    });

    it('shows English to a user whose language is English', async () => {
        global.useLabelLanguage('en_US');
        try {
            let element;
            let send;
            jest.isolateModules(() => {
                const { createElement } = require('lwc');
                const { publish } = require('lightning/messageService');
                element = createElement('c-biztel-live-call', { is: require('c/biztelLiveCall').default });
                send = (message) => publish(null, BIZTEL_CALL_STATE, message);
            });
            document.body.appendChild(element);
            const idle = element.shadowRoot.querySelector('[data-id="idle"]').textContent;

            send({ v: 1, state: 'held', direction: 'inbound', number: 'anonymous', callId: 'c1', answeredAt: Date.now() });
            await Promise.resolve();

            expect(idle).toBe('No call');
            expect(element.shadowRoot.querySelector('[data-id="state"]').textContent).toBe('On hold');
            expect(element.shadowRoot.querySelector('[data-id="number"]').textContent).toBe('Anonymous');
            expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Call status');
        } finally {
            global.useLabelLanguage('ja');
            document.body.replaceChildren();
        }
    });
});
