// Wires the adapter in one call: frame router (parser) → transports (HTTP, REST gateway, WS supervisor) → adapter.
import type { Clock, Scheduler } from '../../core/clock.js';
import type { Rng } from '../../core/rng.js';
import { FrameRouter } from './adapter/frame-router.js';
import type { FillsPageOptions } from './adapter/fills-pager.js';
import { HyperliquidAdapter, type AdapterSigner } from './hyperliquid-adapter.js';
import type { HealthEvent } from './transport/health-events.js';
import { createHyperliquidTransport, type HyperliquidTransport, type HyperliquidTransportConfig } from './transport/hyperliquid-transport.js';
import type { SocketFactory } from './transport/ws-supervisor.js';

export interface CreateAdapterDeps {
  readonly config: HyperliquidTransportConfig;
  /** Timers and wall time of the transports (LiveClock in production). */
  readonly scheduler: Scheduler;
  /** tsInit of parsed envelopes and the dead man's switch's "now". */
  readonly clock: Clock;
  readonly rng: Rng;
  /** Health of the streams and the socket: stream.stale / recovered / degraded, connection.state. */
  readonly onHealth: (event: HealthEvent) => void;
  readonly signer?: AdapterSigner;
  readonly user?: string;
  readonly spot?: boolean;
  readonly fillsPaging?: FillsPageOptions;
  readonly fetch?: typeof fetch;
  readonly createSocket?: SocketFactory;
}

export interface HyperliquidVenue {
  readonly adapter: HyperliquidAdapter;
  readonly transport: HyperliquidTransport;
  readonly router: FrameRouter;
  /** Opens the WebSocket; subscriptions made before or after are sent once it is up. */
  start(): void;
  close(): Promise<void>;
}

export function createHyperliquidAdapter(deps: CreateAdapterDeps): HyperliquidVenue {
  const router = new FrameRouter(deps.clock);
  const transport = createHyperliquidTransport({
    config: deps.config,
    scheduler: deps.scheduler,
    rng: deps.rng,
    handler: router.onFrame,
    onEvent: deps.onHealth,
    repair: router.repairSinks(),
    ...(deps.fetch !== undefined ? { fetch: deps.fetch } : {}),
    ...(deps.createSocket !== undefined ? { createSocket: deps.createSocket } : {}),
  });
  const adapter = new HyperliquidAdapter({
    rest: transport.rest,
    ws: transport.ws,
    router,
    clock: deps.clock,
    ...(deps.signer !== undefined ? { signer: deps.signer } : {}),
    ...(deps.user !== undefined ? { user: deps.user } : {}),
    ...(deps.spot !== undefined ? { spot: deps.spot } : {}),
    ...(deps.fillsPaging !== undefined ? { fillsPaging: deps.fillsPaging } : {}),
  });
  return {
    adapter,
    transport,
    router,
    start: () => transport.ws.start(),
    close: () => transport.ws.close(),
  };
}
