/**
 * The dev host renders the real Visualforce page the way Salesforce would: merge fields resolved,
 * the user scope from `?org=` / `?user=` (validated, never raw query text), unknown fields refused.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE_ORG_ID, FAKE_USER_ID } from '@biztel/opencti/fake';
import { OPENCTI_PATH, renderVisualforce } from './visualforce.js';

const PAGE = readFileSync(join(process.cwd(), 'force-app/main/default/pages/BiztelSoftphone.page'), 'utf8');

const render = (query = '') => renderVisualforce(PAGE, new URLSearchParams(query));
const userScope = (html: string) => /<meta name="biztel-user-scope" content="([^"]*)"\/>/.exec(html)?.[1];

describe('renderVisualforce', () => {
  it('renders a plain HTML document without the apex:page wrapper or merge fields', () => {
    const html = render();

    expect(html.startsWith('<!DOCTYPE html>\n<html lang="ja">')).toBe(true);
    expect(html).not.toContain('apex:page');
    expect(html).not.toMatch(/\{!/);
    expect(html).toContain(`<script src="${OPENCTI_PATH}"></script>`);
    expect(html).toContain('<script type="module" src="/resource/biztel_softphone/panel-ja.js"></script>');
  });

  it('takes the language from ?lang=en, anything else is Japanese, for the page and the bundle entry alike', () => {
    expect(render('lang=en')).toContain('<html lang="en">');
    expect(render('lang=en')).toContain('src="/resource/biztel_softphone/panel-en.js"');
    expect(render('lang=fr')).toContain('<html lang="ja">');
    expect(render('lang=fr')).toContain('src="/resource/biztel_softphone/panel-ja.js"');
  });

  it('preloads the start chunk and the transport chunk from the static resource (size-check checks the build makes them)', () => {
    const preloads = [...render().matchAll(/<link rel="modulepreload" href="([^"]+)"\/>/g)].map((m) => m[1]);

    expect(preloads).toEqual(['/resource/biztel_softphone/chunks/main.js', '/resource/biztel_softphone/chunks/socket-transport.js']);
  });

  it('puts the default org and user on the panel element as its user scope', () => {
    expect(userScope(render())).toBe(`${FAKE_ORG_ID}/${FAKE_USER_ID}`);
  });

  it.each([
    ['an 18-character user id', 'user=005000000000002AAA', `${FAKE_ORG_ID}/005000000000002AAA`],
    ['a 15-character user id', 'user=005000000000002', `${FAKE_ORG_ID}/005000000000002`],
    ['another org and user', 'org=00D5g000004SaMpEAK&user=0055g00000AbCdEAAZ', '00D5g000004SaMpEAK/0055g00000AbCdEAAZ'],
  ])('plays %s from the query', (_name, query, scope) => {
    expect(userScope(render(query))).toBe(scope);
  });

  it.each([
    ['markup', 'user="><script>alert(1)</script>'],
    ['a merge field', 'user={!$User.Email}'],
    ['a too short id', 'user=005000000001'],
    ['16 characters', 'user=0050000000000021'],
    ['a non-alphanumeric character', 'user=00500000000000-AAA'],
    ['an empty value', 'user='],
  ])('falls back to the default user for %s, never echoing the query', (_name, query) => {
    const html = render(`${query}&org=${encodeURIComponent('"<b>')}`);

    expect(userScope(html)).toBe(`${FAKE_ORG_ID}/${FAKE_USER_ID}`);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>');
  });

  it('refuses a merge field it does not know, so the dev host never diverges from the deployed page', () => {
    const page = PAGE.replace('<title>', '<title>{!$User.Email} ');

    expect(() => renderVisualforce(page, new URLSearchParams())).toThrow('dev host cannot render merge field {!$User.Email}');
  });

  it('points at a missing Open CTI library for ?opencti=missing', () => {
    expect(render('opencti=missing')).not.toContain(OPENCTI_PATH);
  });
});
