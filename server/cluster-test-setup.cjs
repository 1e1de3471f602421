// The `cluster` Jest project: shared state in Redis (a local redis-server unless TEST_REDIS_URL says otherwise).
process.env.TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
