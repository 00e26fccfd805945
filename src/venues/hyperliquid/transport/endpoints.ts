// Mainnet/testnet base URLs (hyperliquid.md §0), overridable for the local venue; no keys live here.
import { BadInputError } from '../../../core/errors.js';

export type HyperliquidNetwork = 'mainnet' | 'testnet';

export interface HyperliquidEndpoints {
  /** Base of `/info` and `/exchange`, without a trailing slash. */
  readonly httpUrl: string;
  /** The WebSocket URL. */
  readonly wsUrl: string;
}

export const HYPERLIQUID_ENDPOINTS: Readonly<Record<HyperliquidNetwork, HyperliquidEndpoints>> = Object.freeze({
  mainnet: Object.freeze({ httpUrl: 'https://api.hyperliquid.xyz', wsUrl: 'wss://api.hyperliquid.xyz/ws' }),
  testnet: Object.freeze({ httpUrl: 'https://api.hyperliquid-testnet.xyz', wsUrl: 'wss://api.hyperliquid-testnet.xyz/ws' }),
});

export interface EndpointConfig {
  readonly network?: HyperliquidNetwork;
  /** Overrides the network's REST base (e.g. `http://127.0.0.1:8090` for the local venue). */
  readonly httpUrl?: string;
  /** Overrides the network's WebSocket URL. */
  readonly wsUrl?: string;
}

/** The endpoints for a config (`network` defaults to mainnet); URLs are checked and trailing slashes dropped. */
export function resolveEndpoints(config: EndpointConfig = {}, where = 'hyperliquid'): HyperliquidEndpoints {
  const network = config.network ?? 'mainnet';
  if (network !== 'mainnet' && network !== 'testnet') throw new BadInputError(`${where}.network`, `expected "mainnet" or "testnet", got ${JSON.stringify(network)}`);
  const base = HYPERLIQUID_ENDPOINTS[network];
  return Object.freeze({
    httpUrl: checkUrl(config.httpUrl ?? base.httpUrl, ['http:', 'https:'], `${where}.httpUrl`).replace(/\/+$/, ''),
    wsUrl: checkUrl(config.wsUrl ?? base.wsUrl, ['ws:', 'wss:'], `${where}.wsUrl`),
  });
}

function checkUrl(url: string, protocols: readonly string[], where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (e) {
    throw new BadInputError(where, `not a URL: ${JSON.stringify(url)}`, { cause: e });
  }
  if (!protocols.includes(parsed.protocol)) throw new BadInputError(where, `expected ${protocols.join(' or ')} URL, got ${JSON.stringify(url)}`);
  return url;
}
