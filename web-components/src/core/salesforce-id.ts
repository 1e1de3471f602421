/** Salesforce record ids: the one check lives in the protocol package, re-exported for the panel's layers. */
export { caseSafeSuffix, isSalesforceId, toCaseSafeId } from '@biztel/protocol';
