// Options of the local venue: symbols (size decimals, leverage, start price), balance, seed, market source and pace, upstream of the mirror.
import { BadInputError } from '../../core/errors.js';
import { quoteJson } from '../../core/quote-input.js';

export interface SymbolSpec {
  readonly name: string;
  readonly szDecimals: number;
  readonly maxLeverage: number;
  /** Mid price the simulated market starts from. */
  readonly startPrice: number;
}

export interface LocalVenueOptions {
  readonly symbols: readonly SymbolSpec[];
  /** USDC credited to an address the first time the venue sees it. */
  readonly balance: number;
  readonly seed: number;
  /** Simulated market step (book and trades), ms of the injected clock. */
  readonly stepMs: number;
  /**
   * Where the market comes from: `legacy` the random walk of symbol-market.ts (the default), `sim`
   * the market simulator (regimes, volatility clusters, jumps, funding, open interest; its step
   * must divide 5 000 ms), `mirror` the live books and trades of an upstream Hyperliquid venue
   * (`upstream`), falling back to the simulator while it is unreachable, `replay` the books and
   * trades of recorded frames (`replay`), the simulator after their end.
   */
  readonly market?: 'legacy' | 'sim' | 'mirror' | 'replay';
  /** What `market: 'replay'` replays. */
  readonly replay?: ReplayOptions;
  /** Where `market: 'mirror'` reads the market from; unset means mainnet (`DEFAULT_UPSTREAM`). */
  readonly upstream?: UpstreamOptions;
  /** Annualised volatility of the random walk (0.6 = 60 %). */
  readonly volatility: number;
  /** One-minute candles generated before the start, so candle history is not empty. */
  readonly historyMinutes: number;
  /** L1 `source` the venue verifies: "a" mainnet, "b" testnet. */
  readonly testnet: boolean;
  /**
   * 'any': any address that signs (or is named in an info query or subscription) gets an account.
   * 'named': only addresses first named in /info or a WebSocket `user` field do; another signer gets
   * the venue's "User or API Wallet … does not exist." (catches hash bugs that recover a stranger).
   */
  readonly accounts: 'any' | 'named';
  /**
   * Accounts the venue keeps at most (each holds a ledger and a matching engine, ~100 KB): a new
   * signer beyond it is refused. Reading an address (/info, a subscription) creates none.
   */
  readonly maxAccounts: number;
  /**
   * A file keeping the accounts across restarts (balances, positions, orders, fills, nonces, API
   * wallets, id counters): restored on start, saved after every change before its answer or push.
   * Undefined: the accounts live in memory only. The market is not kept: it restarts from its seed.
   */
  readonly stateFile?: string;
}

/** One recorded WebSocket frame as `market: 'replay'` reads it (the store's RecordedFrame has this shape). */
export interface ReplayFrame {
  /** Receive time when recorded, ms: paces the replay. */
  readonly tsInit: number;
  /** The channel it arrived on; only `l2Book` and `trades` frames are replayed. */
  readonly channel: string;
  readonly payload: Uint8Array;
}

export interface ReplayOptions {
  /** Names the source in the log and errors, e.g. `recording 3`. */
  readonly label: string;
  /** The frames in arrival order; read once, ahead of the venue's clock. */
  readonly frames: AsyncIterable<ReplayFrame>;
  /** Recorded time passes this many times faster on the venue's clock (1: as recorded). */
  readonly speed: number;
}

export interface UpstreamOptions {
  /** The upstream's WebSocket URL (`wss://…/ws`). */
  readonly wsUrl: string;
  /** Upstream silent (no book or trade) this long: the market falls back to the simulator. */
  readonly timeoutMs: number;
}

export const DEFAULT_UPSTREAM: UpstreamOptions = Object.freeze({ wsUrl: 'wss://api.hyperliquid.xyz/ws', timeoutMs: 10_000 });

/**
 * `--upstream`: an API base URL (`https://api.hyperliquid.xyz`, `http://127.0.0.1:8090`, whose
 * WebSocket is `…/ws`) or a WebSocket URL (`wss://…/ws`) taken as it is.
 */
export function parseUpstreamUrl(text: string, where = '--upstream'): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch (e) {
    throw new BadInputError(where, `not a URL: ${quoteJson(text)}`, { cause: e });
  }
  if (url.protocol === 'ws:' || url.protocol === 'wss:') return url.toString();
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BadInputError(where, `expected an http(s) or ws(s) URL, got ${quoteJson(text)}`);
  if (url.search !== '' || url.hash !== '') throw new BadInputError(where, `expected an API base URL without query or fragment, got ${quoteJson(text)}`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = url.pathname.replace(/\/+$/, '') + '/ws';
  return url.toString();
}

/** Defaults for well-known coins: size decimals and max leverage as on mainnet; round start prices. */
const KNOWN: Readonly<Record<string, Omit<SymbolSpec, 'name'>>> = {
  BTC: { szDecimals: 5, maxLeverage: 40, startPrice: 100_000 },
  ETH: { szDecimals: 4, maxLeverage: 25, startPrice: 3_500 },
  SOL: { szDecimals: 2, maxLeverage: 20, startPrice: 150 },
  DOGE: { szDecimals: 0, maxLeverage: 10, startPrice: 0.2 },
  HYPE: { szDecimals: 2, maxLeverage: 10, startPrice: 30 },
  AVAX: { szDecimals: 2, maxLeverage: 10, startPrice: 25 },
  ARB: { szDecimals: 1, maxLeverage: 10, startPrice: 0.5 },
  kPEPE: { szDecimals: 0, maxLeverage: 10, startPrice: 0.01 },
};

export const DEFAULT_SYMBOLS = 'BTC,ETH,SOL';

export function defaultVenueOptions(overrides: Partial<LocalVenueOptions> = {}): LocalVenueOptions {
  return {
    symbols: overrides.symbols ?? parseSymbols(DEFAULT_SYMBOLS),
    balance: overrides.balance ?? 10_000,
    seed: overrides.seed ?? 1,
    stepMs: overrides.stepMs ?? 500,
    market: overrides.market ?? 'legacy',
    volatility: overrides.volatility ?? 0.6,
    historyMinutes: overrides.historyMinutes ?? 1_440,
    testnet: overrides.testnet ?? false,
    accounts: overrides.accounts ?? 'any',
    maxAccounts: overrides.maxAccounts ?? 1_000,
    ...(overrides.upstream !== undefined ? { upstream: overrides.upstream } : {}),
    ...(overrides.stateFile !== undefined ? { stateFile: overrides.stateFile } : {}),
    ...(overrides.replay !== undefined ? { replay: overrides.replay } : {}),
  };
}

/**
 * `BTC,ETH,DOGE` or with overrides `NAME[:szDecimals[:startPrice[:maxLeverage]]]`, e.g.
 * `XYZ:2:12.5:10`. Unknown names without overrides get szDecimals 2, price 10, leverage 10.
 */
export function parseSymbols(text: string, where = '--symbols'): SymbolSpec[] {
  const out: SymbolSpec[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const [name, sz, px, lev] = part.split(':');
    if (!/^[A-Za-z][A-Za-z0-9]{0,15}$/.test(name)) throw new BadInputError(where, `symbol name ${quoteJson(name)} must be letters and digits`);
    const base = KNOWN[name] ?? { szDecimals: 2, maxLeverage: 10, startPrice: 10 };
    const spec: SymbolSpec = {
      name,
      szDecimals: sz === undefined || sz === '' ? base.szDecimals : intIn(sz, 0, 8, `${where} ${name} szDecimals`),
      startPrice: px === undefined || px === '' ? base.startPrice : positive(px, `${where} ${name} start price`),
      maxLeverage: lev === undefined || lev === '' ? base.maxLeverage : intIn(lev, 1, 100, `${where} ${name} max leverage`),
    };
    if (out.some((s) => s.name === name)) throw new BadInputError(where, `symbol ${name} given twice`);
    out.push(spec);
  }
  if (out.length === 0) throw new BadInputError(where, 'needs at least one symbol');
  return out;
}

function intIn(text: string, lo: number, hi: number, where: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < lo || n > hi) throw new BadInputError(where, `expected an integer in [${lo}, ${hi}], got ${quoteJson(text)}`);
  return n;
}

function positive(text: string, where: string): number {
  const n = Number(text);
  if (!(Number.isFinite(n) && n > 0)) throw new BadInputError(where, `expected a positive number, got ${quoteJson(text)}`);
  return n;
}
