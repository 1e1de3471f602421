// Jest `setupFiles` of the `cluster` project: the server integration tests start two event-server
// nodes sharing Redis (see test-system.ts).
process.env['TEST_EVENT_NODES'] = '2';
