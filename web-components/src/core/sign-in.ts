/**
 * Sign-in form rules, checked before any network call. Mirrors the protocol's limits so a form
 * that passes here is never rejected by the server's validator.
 */
import type { SignInRequest } from '@biztel/protocol';

export interface SignInForm {
  account: string;
  password: string;
  extension: string;
  seatId: string;
  initialStatusId: string;
  hardphone: boolean;
}

export type SignInField = 'account' | 'password' | 'extension' | 'seatId' | 'initialStatusId';
export type FieldProblem = 'required' | 'accountFormat' | 'extensionFormat' | 'seatFormat' | 'tooLong';
export type SignInProblems = Partial<Record<SignInField, FieldProblem>>;

export type SignInCheck = { ok: true; request: SignInRequest } | { ok: false; problems: SignInProblems };

const ACCOUNT = /^[A-Za-z0-9_.@-]+$/;
const EXTENSION = /^[0-9]+$/;
const SEAT = /^[A-Za-z0-9_-]+$/;

export function checkSignInForm(form: SignInForm): SignInCheck {
  const problems: SignInProblems = {};
  const account = form.account.trim();
  const extension = form.extension.trim();
  const seatId = form.seatId.trim();

  if (account === '') problems.account = 'required';
  else if (account.length > 64) problems.account = 'tooLong';
  else if (!ACCOUNT.test(account)) problems.account = 'accountFormat';

  if (form.password === '') problems.password = 'required';
  else if (form.password.length > 128) problems.password = 'tooLong';

  if (extension === '') problems.extension = 'required';
  else if (extension.length > 16) problems.extension = 'tooLong';
  else if (!EXTENSION.test(extension)) problems.extension = 'extensionFormat';

  if (seatId.length > 32) problems.seatId = 'tooLong';
  else if (seatId !== '' && !SEAT.test(seatId)) problems.seatId = 'seatFormat';

  if (form.initialStatusId === '') problems.initialStatusId = 'required';
  else if (form.initialStatusId.length > 32) problems.initialStatusId = 'tooLong';

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: {
      account,
      password: form.password,
      extension,
      ...(seatId === '' ? {} : { seatId }),
      initialStatusId: form.initialStatusId,
      hardphone: form.hardphone,
    },
  };
}
