/**
 * Test support for the protocol fuzzers (server, transport and component tests): a small seeded
 * PRNG, a generator of hostile values, a mutator that corrupts one field of a valid message at a
 * time, the form a value takes after a trip over socket.io, and a prototype-pollution probe.
 * Deterministic for a seed: a failing run is reproduced with `FUZZ_SEED=<seed>`.
 * Test-only: nothing in the panel bundle or the server imports it.
 */

export * from './rng.js';
export * from './hostile-values.js';
export * from './mutate.js';
export * from './wire.js';
