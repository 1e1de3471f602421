/** Every server error code maps to what the agent is told, after a command and on the sign-in form. */
import { describe, expect, it } from '@jest/globals';
import { ERROR_CODES, type ErrorCode } from '@biztel/protocol';
import { noticeForError, signInErrorFor, type NoticeCode, type SignInError } from './panel-errors.js';

describe('error mappings', () => {
  const NOTICE: Record<ErrorCode, NoticeCode> = {
    INVALID_PAYLOAD: 'rejected',
    AUTH_FAILED: 'rejected',
    NOT_SIGNED_IN: 'rejected',
    SOFTPHONE_NOT_RUNNING: 'softphoneNotRunning',
    NO_SUCH_CALL: 'noSuchCall',
    BUSY: 'busy',
    TIMEOUT: 'timeout',
    DISCONNECTED: 'disconnected',
    SEAT_TAKEN: 'rejected',
    LINE_TAKEN: 'rejected',
    NOT_ALLOWED: 'notAllowed',
    SESSION_EXPIRED: 'rejected',
    INTERNAL: 'rejected',
    RATE_LIMITED: 'rateLimited',
    SOFTPHONE_RECONNECTING: 'softphoneReconnecting',
    SOFTPHONE_MISMATCH: 'softphoneMismatch',
    RESULT_UNKNOWN: 'resultUnknown',
    EXPIRED: 'commandExpired',
    EXTENSION_IN_USE: 'rejected',
    UNSUPPORTED_PROTOCOL: 'rejected',
  };
  const SIGN_IN: Record<ErrorCode, SignInError> = {
    INVALID_PAYLOAD: 'rejected',
    AUTH_FAILED: 'authFailed',
    NOT_SIGNED_IN: 'rejected',
    SOFTPHONE_NOT_RUNNING: 'rejected',
    NO_SUCH_CALL: 'rejected',
    BUSY: 'rejected',
    TIMEOUT: 'timeout',
    DISCONNECTED: 'disconnected',
    SEAT_TAKEN: 'rejected',
    LINE_TAKEN: 'rejected',
    NOT_ALLOWED: 'rejected',
    SESSION_EXPIRED: 'sessionExpired',
    INTERNAL: 'rejected',
    RATE_LIMITED: 'rateLimited',
    SOFTPHONE_RECONNECTING: 'rejected',
    SOFTPHONE_MISMATCH: 'rejected',
    RESULT_UNKNOWN: 'rejected',
    EXPIRED: 'rejected',
    EXTENSION_IN_USE: 'rejected',
    UNSUPPORTED_PROTOCOL: 'rejected',
  };

  it.each(ERROR_CODES.map((code) => [code, NOTICE[code]] as const))('noticeForError(%s) → %s', (code, notice) => {
    expect(noticeForError(code)).toBe(notice);
  });

  it.each(ERROR_CODES.map((code) => [code, SIGN_IN[code]] as const))('signInErrorFor(%s) → %s', (code, error) => {
    expect(signInErrorFor(code)).toBe(error);
  });
});
