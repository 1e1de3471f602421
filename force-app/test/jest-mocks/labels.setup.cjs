/** Registers every Custom Label as `@salesforce/label/c.<name>` (see labels.cjs). */
const { masterLabels, translatedLabels } = require('./labels.cjs');

const master = masterLabels();
// `mock…` names: jest lets module factories read them (they are read lazily, at import).
let mockLabels = master;

/** The language later imports see: 'ja' (the master values) or a translation's language code. */
global.useLabelLanguage = (lang) => {
    mockLabels = lang === 'ja' ? master : { ...master, ...translatedLabels(lang) };
};

for (const mockName of Object.keys(master)) {
    jest.mock(`@salesforce/label/c.${mockName}`, () => ({ default: mockLabels[mockName] }), { virtual: true });
}
