import { describe, expect, it } from '@jest/globals';
import { signInRequestSchema } from '@biztel/protocol';
import { checkSignInForm, type SignInForm, type SignInProblems } from './sign-in.js';

const validForm: SignInForm = {
  account: 'sato@example',
  password: 'correct horse',
  extension: '1001',
  seatId: 'A-12',
  initialStatusId: 'available',
  hardphone: false,
};

function problemsOf(form: SignInForm): SignInProblems {
  const check = checkSignInForm(form);
  if (check.ok) throw new Error(`expected problems, got ${JSON.stringify(check.request)}`);
  return check.problems;
}

describe('checkSignInForm', () => {
  it('turns a valid form into a sign-in request', () => {
    expect(checkSignInForm(validForm)).toEqual({
      ok: true,
      request: {
        account: 'sato@example',
        password: 'correct horse',
        extension: '1001',
        seatId: 'A-12',
        initialStatusId: 'available',
        hardphone: false,
      },
    });
  });

  it.each<[string, Partial<SignInForm>, SignInProblems]>([
    ['an empty account', { account: '' }, { account: 'required' }],
    ['a whitespace-only account', { account: '   ' }, { account: 'required' }],
    ['an account with a space inside', { account: 'sato taro' }, { account: 'accountFormat' }],
    ['an account with Japanese characters', { account: '佐藤' }, { account: 'accountFormat' }],
    ['an account of 65 characters', { account: 'a'.repeat(65) }, { account: 'tooLong' }],
    ['an empty password', { password: '' }, { password: 'required' }],
    ['a password of 129 characters', { password: 'p'.repeat(129) }, { password: 'tooLong' }],
    ['an empty extension', { extension: '' }, { extension: 'required' }],
    ['an extension with letters', { extension: '10a1' }, { extension: 'extensionFormat' }],
    ['an extension with full-width digits', { extension: '１００１' }, { extension: 'extensionFormat' }],
    ['an extension with a hyphen', { extension: '10-01' }, { extension: 'extensionFormat' }],
    ['an extension of 17 digits', { extension: '1'.repeat(17) }, { extension: 'tooLong' }],
    ['a seat ID with a space inside', { seatId: 'A 12' }, { seatId: 'seatFormat' }],
    ['a seat ID with a slash', { seatId: 'A/12' }, { seatId: 'seatFormat' }],
    ['a seat ID of 33 characters', { seatId: 's'.repeat(33) }, { seatId: 'tooLong' }],
    ['no initial status', { initialStatusId: '' }, { initialStatusId: 'required' }],
    ['an initial status the server cannot accept (33 characters)', { initialStatusId: 's'.repeat(33) }, { initialStatusId: 'tooLong' }],
    [
      'several faults at once',
      { account: '', password: '', extension: 'abc', seatId: '!', initialStatusId: '' },
      { account: 'required', password: 'required', extension: 'extensionFormat', seatId: 'seatFormat', initialStatusId: 'required' },
    ],
  ])('reports %s', (_what, patch, problems) => {
    expect(problemsOf({ ...validForm, ...patch })).toEqual(problems);
  });

  it('accepts values at their length limits', () => {
    const form = {
      ...validForm,
      account: 'a'.repeat(64),
      password: 'p'.repeat(128),
      extension: '1'.repeat(16),
      seatId: 's'.repeat(32),
    };

    expect(checkSignInForm(form).ok).toBe(true);
  });

  it('trims account, extension and seat ID before checking them', () => {
    const check = checkSignInForm({ ...validForm, account: '  sato@example ', extension: ' 1001\t', seatId: ' A-12 ' });

    expect(check).toMatchObject({ ok: true, request: { account: 'sato@example', extension: '1001', seatId: 'A-12' } });
  });

  it.each(['', '   '])('leaves seatId out of the request when it is %p', (seatId) => {
    const check = checkSignInForm({ ...validForm, seatId });

    expect(check.ok).toBe(true);
    if (check.ok) expect(Object.hasOwn(check.request, 'seatId')).toBe(false);
  });

  it.each(['  spaced  ', '   ', ' pw'])('never trims the password %p', (password) => {
    const check = checkSignInForm({ ...validForm, password });

    expect(check).toMatchObject({ ok: true, request: { password } });
  });

  it.each([true, false])('passes hardphone=%p through', (hardphone) => {
    expect(checkSignInForm({ ...validForm, hardphone })).toMatchObject({ ok: true, request: { hardphone } });
  });

  it.each<[string, Partial<SignInForm>]>([
    ['a typical form', {}],
    ['a form without seat', { seatId: '' }],
    [
      'a form at every limit',
      { account: 'a'.repeat(64), password: 'p'.repeat(128), extension: '9'.repeat(16), seatId: 's'.repeat(32), initialStatusId: 'x'.repeat(32) },
    ],
    ['a padded form', { account: ' a.b_c-d@e ', extension: ' 1002 ', seatId: ' seat_1 ' }],
    ['a hardphone sign-in as ログオフ', { initialStatusId: 'logoff', hardphone: true }],
  ])('produces a request the server validator accepts: %s', (_what, patch) => {
    const check = checkSignInForm({ ...validForm, ...patch });

    expect(check.ok).toBe(true);
    if (check.ok) expect(signInRequestSchema.check(check.request, 'req')).toEqual({ ok: true, value: check.request });
  });
});
