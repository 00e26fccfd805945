// The local venue's fault injection, for tests of the layers above it (live, app) that drive it as a harness.
export { FaultInjector, parseFaults } from '../../localnet/hyperliquid/fault-injection.js';
