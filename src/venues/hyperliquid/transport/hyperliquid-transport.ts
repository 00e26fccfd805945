// Builds the venue's transports from one config block: HTTP, the rate-limited REST gateway and the WebSocket supervisor.
import type { Rng } from '../../../core/rng.js';
import { AddressBudget, type AddressBudgetConfig } from './address-budget.js';
import type { BackoffConfig } from './backoff.js';
import { resolveEndpoints, type EndpointConfig, type HyperliquidEndpoints } from './endpoints.js';
import type { HealthEvent } from './health-events.js';
import { HttpTransport } from './http-transport.js';
import { RestGateway, type IpBudgetConfig } from './rest-gateway.js';
import { restRepair, type RepairSinks } from './rest-repair.js';
import type { Scheduler } from '../../../core/clock.js';
import type { RepairFn } from './stream-monitor.js';
import type { WsSupervisorSettings } from './ws-config.js';
import { WsSupervisor, type FrameHandler, type SocketFactory } from './ws-supervisor.js';

/** The `hyperliquid` config block (keys documented in TRANSPORT.md). No keys or secrets: those come from the environment elsewhere. */
export interface HyperliquidTransportConfig extends EndpointConfig {
  readonly http?: { readonly infoTimeoutMs?: number; readonly exchangeTimeoutMs?: number };
  readonly rateLimits?: {
    readonly ip?: Partial<IpBudgetConfig>;
    readonly cooldown?: BackoffConfig;
    /** Set to track the signer's action budget (trading processes). */
    readonly address?: AddressBudgetConfig;
    readonly cacheEntries?: number;
  };
  readonly ws?: WsSupervisorSettings;
}

export interface HyperliquidTransportDeps {
  readonly config: HyperliquidTransportConfig;
  /** LiveClock in production; the only wall clock the transports see. */
  readonly scheduler: Scheduler;
  readonly rng: Rng;
  readonly handler: FrameHandler;
  readonly onEvent: (event: HealthEvent) => void;
  /** Where REST repairs land (the standard repair), or a repair callback of your own. */
  readonly repair: RepairSinks | RepairFn;
  readonly fetch?: typeof fetch;
  readonly createSocket?: SocketFactory;
}

export interface HyperliquidTransport {
  readonly endpoints: HyperliquidEndpoints;
  readonly http: HttpTransport;
  readonly rest: RestGateway;
  readonly ws: WsSupervisor;
  readonly addressBudget: AddressBudget | undefined;
}

export function createHyperliquidTransport(deps: HyperliquidTransportDeps): HyperliquidTransport {
  const { config, scheduler, rng } = deps;
  const endpoints = resolveEndpoints(config);
  const http = new HttpTransport({
    httpUrl: endpoints.httpUrl,
    scheduler,
    ...(config.http?.infoTimeoutMs !== undefined ? { infoTimeoutMs: config.http.infoTimeoutMs } : {}),
    ...(config.http?.exchangeTimeoutMs !== undefined ? { exchangeTimeoutMs: config.http.exchangeTimeoutMs } : {}),
    ...(deps.fetch !== undefined ? { fetch: deps.fetch } : {}),
  });
  const addressBudget = config.rateLimits?.address !== undefined ? new AddressBudget(scheduler, config.rateLimits.address) : undefined;
  const rest = new RestGateway({
    rest: http,
    scheduler,
    rng,
    ...(config.rateLimits?.ip !== undefined ? { ipBudget: config.rateLimits.ip } : {}),
    ...(config.rateLimits?.cooldown !== undefined ? { cooldown: config.rateLimits.cooldown } : {}),
    ...(config.rateLimits?.cacheEntries !== undefined ? { cacheEntries: config.rateLimits.cacheEntries } : {}),
    ...(addressBudget !== undefined ? { addressBudget } : {}),
  });
  const repair = typeof deps.repair === 'function' ? deps.repair : restRepair(rest, deps.repair);
  const ws = new WsSupervisor({
    url: endpoints.wsUrl,
    scheduler,
    rng,
    handler: deps.handler,
    onEvent: deps.onEvent,
    repair,
    ...(config.ws !== undefined ? { config: config.ws } : {}),
    ...(deps.createSocket !== undefined ? { createSocket: deps.createSocket } : {}),
  });
  return { endpoints, http, rest, ws, addressBudget };
}
