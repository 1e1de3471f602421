/**
 * The fake library's `sforce.opencti.CALL_TYPE` / `SCREENPOP_TYPE`. Deliberately not the strings a
 * reader might guess, so code that uses literals instead of the library's constants fails tests.
 */
export const FAKE_CALL_TYPE = Object.freeze({ INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' });
export const FAKE_SCREENPOP_TYPE = Object.freeze({
  SOBJECT: 'sobject',
  URL: 'url',
  OBJECTHOME: 'objecthome',
  LIST: 'list',
  SEARCH: 'search',
  NEW_RECORD_MODAL: 'newRecordModal',
  FLOW: 'flow',
});
