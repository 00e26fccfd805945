// Public surface of the Hyperliquid transports (import from here, not from the files).
export { createHyperliquidTransport, type HyperliquidTransport, type HyperliquidTransportConfig, type HyperliquidTransportDeps } from './hyperliquid-transport.js';
export { HYPERLIQUID_ENDPOINTS, resolveEndpoints, type EndpointConfig, type HyperliquidEndpoints, type HyperliquidNetwork } from './endpoints.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffConfig } from './backoff.js';
export { HttpTransport, type HttpTransportConfig, type RequestOptions } from './http-transport.js';
export { RateLimitedError, VenueRejectedError } from './venue-errors.js';
export { RestGateway, DEFAULT_IP_BUDGET, type IpBudgetConfig, type RestGatewayConfig, type RestPort } from './rest-gateway.js';
export { AddressBudget, DEFAULT_ADDRESS_BUDGET, type AddressBudgetConfig, type UserRateLimit } from './address-budget.js';
export { TokenBucket, type TokenBucketConfig } from './token-bucket.js';
export { Singleflight } from './singleflight.js';
export type { Freshness } from './stale-cache.js';
export { exchangeClass, exchangeWeight, infoRowWeight, infoWeight, type RequestClass } from './request-weights.js';
export { WsSupervisor, type FrameHandler, type SocketFactory, type WsStats, type WsSupervisorOptions } from './ws-supervisor.js';
export { DEFAULT_WS_CONFIG, wsConfig, type StreamKind, type WsSupervisorConfig, type WsSupervisorSettings } from './ws-config.js';
export type { RepairFn, RepairRequest, RepairResult, StreamHealth, StreamStatus } from './stream-monitor.js';
export { restRepair, type InfoReader, type RepairSinks } from './rest-repair.js';
export { canTransition, isConnected, transition, type ConnectionState } from './connection-state.js';
export { channelOf, subscriptionKey, kindOf, type Subscription } from './subscriptions.js';
export { frameStreamKey, peekChannel } from './frame-peek.js';
export { sameSubscription, stableKey } from './stable-key.js';
export {
  HEALTH_SOURCE,
  type ConnectionStateEvent,
  type DegradedReason,
  type HealthEvent,
  type StaleReason,
  type StreamDegradedEvent,
  type StreamRecoveredEvent,
  type StreamStaleEvent,
} from './health-events.js';
