/**
 * `@biztel/testing`: test support shared by the server, dev-host, panel and e2e tests. Test-only:
 * nothing in the panel bundle or the server imports it.
 */
export { FUZZ_TEST_TIMEOUT_MS, WAIT_TIMEOUT_MS, macrotask, sleep, until, type UntilOptions } from './wait.js';
