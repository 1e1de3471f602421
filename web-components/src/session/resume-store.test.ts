import { describe, expect, it } from '@jest/globals';
import { memoryStore } from '../core/key-value-store.js';
import { ResumeStore, isUserScope } from './resume-store.js';
import { FakeLocks } from '../testing/fake-browser.js';
import { settle } from '../testing/wait.js';

const USER_A = '00D000000000001EAA/005000000000001AAA';
const USER_B = '00D000000000001EAA/005000000000002AAA';

describe('ResumeStore', () => {
  it('keeps the token per Salesforce user: another user on the same browser never reads it', () => {
    const storage = memoryStore();
    new ResumeStore(storage, USER_A, null).write('token-of-a');

    expect(new ResumeStore(storage, USER_A, null).read()).toBe('token-of-a');
    expect(new ResumeStore(storage, USER_B, null).read()).toBeNull();
  });

  it('forgets the token on clear (sign-out)', () => {
    const storage = memoryStore();
    const store = new ResumeStore(storage, USER_A, null);
    store.write('t1');

    store.clear();

    expect(new ResumeStore(storage, USER_A, null).read()).toBeNull();
  });

  it('without a user scope keeps the token in this page only', () => {
    const storage = memoryStore();
    const store = new ResumeStore(storage, null, null);

    store.write('page-token');

    expect(store.read()).toBe('page-token');
    expect(store.persistent).toBe(false);
    expect([...storage.data.values()]).toEqual([]);
  });

  it('still works in memory when the browser refuses storage', () => {
    const store = new ResumeStore(
      {
        get: () => {
          throw new Error('SecurityError');
        },
        set: () => {
          throw new Error('QuotaExceeded');
        },
      },
      USER_A,
      null,
    );

    store.write('t1');

    expect(store.read()).toBe('t1');
  });

  it('lets one page at a time use the token, so a single-use token is never used twice', async () => {
    const storage = memoryStore();
    const locks = new FakeLocks();
    const pageA = new ResumeStore(storage, USER_A, locks);
    const pageB = new ResumeStore(storage, USER_A, locks);
    pageA.write('t1');
    const used: string[] = [];
    const resume = (page: ResumeStore, next: string) =>
      page.exclusive(async () => {
        const token = page.read()!;
        used.push(token);
        await settle(3);
        page.write(next);
      });

    await Promise.all([resume(pageA, 't2'), resume(pageB, 't3')]);

    expect(used).toEqual(['t1', 't2']);
    expect(pageA.read()).toBe('t3');
  });

  it('runs the use unlocked when the browser refuses the lock itself, and passes on what the use throws', async () => {
    const denied = { request: () => Promise.reject(new DOMException('The request was denied.', 'SecurityError')) };
    const page = new ResumeStore(memoryStore(), USER_A, denied);
    await expect(page.exclusive(() => Promise.resolve('ran'))).resolves.toBe('ran');
    const granted = new ResumeStore(memoryStore(), USER_A, new FakeLocks());
    await expect(granted.exclusive(() => Promise.reject(new Error('refused token')))).rejects.toThrow('refused token');
  });

  it.each([
    ['00D000000000001EAA/005000000000001AAA', true],
    ['00D000000000001/005000000000001', true],
    ['', false],
    ['../../etc', false],
    ['00D000000000001EAA', false],
    ['00D000000000001EAA/005<script>AAAAAAA', false],
  ])('isUserScope(%p) is %p', (value, ok) => {
    expect(isUserScope(value)).toBe(ok);
  });
});
