import { describe, expect, it } from '@jest/globals';
import { en } from './en.js';
import { enStart } from './en-start.js';
import { enViews } from './en-views.js';
import { ja } from './ja.js';
import { jaStart } from './ja-start.js';
import { jaViews } from './ja-views.js';
import { completeCatalogue, provideCatalogue, provided } from './provided.js';

describe('the catalogue a bundle page provides', () => {
  it('starts with the start strings and is completed in place with the views strings', async () => {
    provideCatalogue(jaStart, async () => jaViews);
    const page = provided!;

    expect(page.appName).toBe(ja.appName);
    expect(page.diagClose).toBeUndefined();

    await completeCatalogue();

    expect(provided).toBe(page);
    expect(page).toEqual(ja);
  });

  it('loads the views strings once, and again after a failed load', async () => {
    let loads = 0;
    provideCatalogue(enStart, async () => {
      loads += 1;
      if (loads === 1) throw new Error('offline');
      return enViews;
    });

    await expect(completeCatalogue()).rejects.toThrow('offline');
    await completeCatalogue();
    await completeCatalogue();

    expect(loads).toBe(2);
    expect(provided).toEqual(en);
  });

  it('keeps the two parts of each language apart and together complete', () => {
    for (const [start, views, whole] of [
      [jaStart, jaViews, ja],
      [enStart, enViews, en],
    ] as const) {
      const startKeys = Object.keys(start);
      expect(Object.keys(views).filter((k) => startKeys.includes(k))).toEqual([]);
      expect({ ...start, ...views }).toEqual(whole);
    }
    expect(Object.keys(enStart).sort()).toEqual(Object.keys(jaStart).sort());
  });
});
