// The typed configuration of the trading daemon (`sextant.yaml`, camelCase here, snake_case in the file) and its fixed vocabularies.
import type { KillLevel } from './risk-config.js';
import type { RiskSection } from './risk-overrides.js';

/** Daemon modes (backtests are not configured here). */
export type Mode = 'paper' | 'dry-live' | 'live';
export const MODES: readonly Mode[] = ['paper', 'dry-live', 'live'];

/** Where market data comes from: the venue, the simulator, or a recording (`replay:RUN`). */
export type MarketSpec = 'hyperliquid' | 'sim' | `replay:${string}`;

export type Network = 'mainnet' | 'testnet';
export const NETWORKS: readonly Network[] = ['mainnet', 'testnet'];

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** Environment variables holding the secrets the file must never hold. */
export const SECRET_ENV = {
  /** Hex private key of the trading wallet or API (agent) wallet (venues/hyperliquid/signing/env-signer.ts). */
  privateKey: 'SEXTANT_HL_PRIVATE_KEY',
  telegramToken: 'SEXTANT_TELEGRAM_TOKEN',
  discordWebhook: 'SEXTANT_DISCORD_WEBHOOK',
} as const;

export interface VenueConfig {
  readonly network: Network;
  /** REST and WebSocket endpoints; absent = the network's public endpoints. */
  readonly apiUrl?: string;
  readonly wsUrl?: string;
  /** Paper mode: a local venue started with `sextant venue`; absent = one in-process. */
  readonly localVenueUrl?: string;
  /** The account traded (live) or read (dry-live); 0x + 40 hex digits. Its key comes from SEXTANT_HL_PRIVATE_KEY. */
  readonly walletAddress?: string;
  /** A sub-account or vault traded on behalf of the wallet. */
  readonly vaultAddress?: string;
}

/** A bot's share of the account: a fraction of equity, or a fixed amount in USD. */
export type CapitalAllocation = { readonly kind: 'fraction'; readonly fraction: number } | { readonly kind: 'usd'; readonly usd: number };

/** A strategy parameter's value as written (checked against the strategy's declared params by the caller). */
export type ConfigParamValue = number | boolean | string;

export interface BotConfig {
  /** Unique among bots; names the bot in logs, audit and alerts. */
  readonly id: string;
  /** A built-in strategy name or a path to a strategy file. */
  readonly strategy: string;
  /** Optional strategy config file (as `--strategy-config`). */
  readonly strategyConfig?: string;
  readonly symbols: readonly string[];
  /** The bar interval as written (`1s`, `1m`, `1h`) and in ms. */
  readonly interval: string;
  readonly intervalMs: number;
  /** Parameter names are kept as written (they are the strategy's own names). */
  readonly params: Readonly<Record<string, ConfigParamValue>>;
  readonly capital: CapitalAllocation;
  readonly enabled: boolean;
}

export interface KillConfig {
  /** The level at start (SEXTANT_KILL in the environment, when set, wins). */
  readonly initial: KillLevel;
  /** The kill file, polled without restart (relative paths: against the data dir). */
  readonly file: string;
  readonly pollMs: number;
}

export interface ReconcileConfig {
  readonly intervalSeconds: number;
}

export interface AlertsConfig {
  /** The bot token is SEXTANT_TELEGRAM_TOKEN; only these chat ids may send commands or receive alerts. */
  readonly telegram: { readonly enabled: boolean; readonly chatIds: readonly number[] };
  /** The webhook URL is SEXTANT_DISCORD_WEBHOOK. */
  readonly discord: { readonly enabled: boolean };
}

export interface LoggingConfig {
  readonly level: LogLevel;
}

/** The whole validated `sextant.yaml`, defaults filled in. */
export interface SextantConfig {
  /** The mode `sextant start` uses when `--mode` is not given. */
  readonly mode: Mode;
  readonly dataDir: string;
  readonly port: number;
  readonly market: MarketSpec;
  readonly venue: VenueConfig;
  readonly bots: readonly BotConfig[];
  readonly risk: RiskSection;
  readonly kill: KillConfig;
  readonly reconcile: ReconcileConfig;
  readonly alerts: AlertsConfig;
  readonly logging: LoggingConfig;
}

/** The recording a `replay:RUN` market replays, or undefined for the other markets. */
export function replayRun(market: MarketSpec): string | undefined {
  return market.startsWith('replay:') ? market.slice('replay:'.length) : undefined;
}
