import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from './index.js';

const ROOT = join(__dirname, '../../../..');

describe('the committed protocol docs', () => {
  it.each(Object.entries(generatedFiles()))('%s is what the code generates now (else: run npm run spec)', (file, content) => {
    const committed = readFileSync(join(ROOT, file), 'utf8');

    // Compared line by line first: a failure shows where they part.
    expect(committed.split('\n')).toEqual(content.split('\n'));
    expect(committed).toBe(content);
  });
});
