// Stops the redis-server cluster-global-setup.cjs started, if it started one.
module.exports = async function clusterGlobalTeardown() {
  globalThis.__clusterRedis?.kill();
};
