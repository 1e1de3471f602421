/** The memory container behind the fake: navigation, getAppViewInfo and click-to-dial. */
import { describe, expect, it } from '@jest/globals';
import { SAMPLE, YAMADA, invoke, org, recordView } from './fake-opencti-test-helpers.js';

describe('memory container: navigation and getAppViewInfo', () => {
  it('starts on the home page: getAppViewInfo returns only a url', async () => {
    const { api } = org();

    expect(await invoke(api, 'getAppViewInfo')).toEqual({ success: true, returnValue: { url: '/lightning/page/home' }, errors: null });
  });

  it('navigate(id) opens the record, tells the page and getAppViewInfo follows', async () => {
    const { api, container, navigations } = org();

    expect(container.navigate(YAMADA.Id)).toBe(true);

    expect(navigations).toEqual([recordView(YAMADA)]);
    expect((await invoke(api, 'getAppViewInfo')).returnValue).toEqual(recordView(YAMADA));
    expect(container.page).toEqual({ kind: 'record', record: YAMADA });
  });

  it('navigate(null) goes home with a payload without recordId', () => {
    const { container, navigations } = org();
    container.navigate(YAMADA.Id);

    container.navigate(null);

    expect(navigations.at(-1)).toEqual({ url: '/lightning/page/home' });
  });

  it('navigate to an unknown id changes nothing', () => {
    const { container, navigations } = org();

    expect(container.navigate('003xx000004TmiQ')).toBe(false);
    expect(navigations).toEqual([]);
    expect(container.page).toEqual({ kind: 'home' });
  });
});

describe('memory container: click-to-dial', () => {
  it('is disabled until the softphone enables it, then emits the documented payload', async () => {
    const { api, container, dials } = org();

    expect(container.clickToDial(YAMADA)).toBe(false);
    await invoke(api, 'enableClickToDial');
    expect(container.clickToDial(YAMADA)).toBe(true);
    container.clickToDial(YAMADA, 'MobilePhone');

    expect(container.clickToDialEnabled).toBe(true);
    expect(dials).toEqual([
      { number: '03-1234-5678', recordId: YAMADA.Id, recordName: '山田 太郎', objectType: 'Contact' },
      { number: '090-1234-5678', recordId: YAMADA.Id, recordName: '山田 太郎', objectType: 'Contact' },
    ]);
  });

  it('disableClickToDial turns the links off again', async () => {
    const { api, container, dials } = org();
    await invoke(api, 'enableClickToDial');

    await invoke(api, 'disableClickToDial');

    expect(container.clickToDial(YAMADA)).toBe(false);
    expect(dials).toEqual([]);
  });

  it('a record without a mobile has no mobile link', async () => {
    const { api, container, dials } = org();
    await invoke(api, 'enableClickToDial');

    expect(container.clickToDial(SAMPLE, 'MobilePhone')).toBe(false);
    expect(dials).toEqual([]);
  });
});
