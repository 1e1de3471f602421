/**
 * Custom Labels for the LWC tests, read from the metadata itself: `@salesforce/label/c.<name>`
 * resolves to the label's master value (Japanese) from labels/CustomLabels.labels-meta.xml, or to
 * a translation from translations/<lang>.translation-meta.xml after `useLabelLanguage(lang)` (for
 * components required afterwards: `jest.isolateModules`). A label missing from the metadata
 * throws when imported, so a component cannot use a label that would not deploy.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const DEFAULT = join(__dirname, '..', '..', 'main', 'default');

const unescapeXml = (text) =>
    text
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');

/** Every `<tag>…</tag>` block of `xml`, each as a map of its simple child elements. */
function blocks(xml, tag) {
    const out = [];
    for (const [, body] of xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))) {
        const fields = {};
        for (const [, name, value] of body.matchAll(/<(\w+)>([\s\S]*?)<\/\1>/g)) fields[name] = unescapeXml(value);
        out.push(fields);
    }
    return out;
}

/** name → master value, from the CustomLabels file. */
function masterLabels() {
    const xml = readFileSync(join(DEFAULT, 'labels', 'CustomLabels.labels-meta.xml'), 'utf8');
    return Object.fromEntries(blocks(xml, 'labels').map((l) => [l.fullName, l.value]));
}

/** name → translated value, from a Translations file. */
function translatedLabels(lang) {
    const xml = readFileSync(join(DEFAULT, 'translations', `${lang}.translation-meta.xml`), 'utf8');
    return Object.fromEntries(blocks(xml, 'customLabels').map((l) => [l.name, l.label]));
}

module.exports = { masterLabels, translatedLabels, blocks };
