// The typed config written back in the file's own shape (snake_case keys): for `config show` and for diffs that name YAML paths.
import type { RiskLimits } from './risk-config.js';
import type { RiskOverrides } from './risk-overrides.js';
import type { BotConfig, SextantConfig } from './sextant-config.js';

export type Doc = { [key: string]: unknown };

/** `maxOrderNotional` → `max_order_notional` (risk keys are regular camelCase words). */
function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

// The order risk keys are shown in, whatever order the layers set them in.
const RISK_ORDER: readonly string[] = ['maxOrderNotional', 'maxSymbolNotional', 'maxAccountNotional', 'maxLeverage', 'maxOpenPositions', 'minOrderNotional', 'stopLossPct', 'takeProfitPct', 'requireStopLoss', 'minRewardRisk', 'maxSlippageBps', 'rates', 'maxDailyLoss', 'maxDrawdownPct', 'drawdownPeakReset', 'onBreach', 'min', 'max', 'entriesPerMin', 'entriesPerSymbolPerMin', 'exitsPerMin', 'cancelsPerMin'];
const rank = (k: string): number => {
  const i = RISK_ORDER.indexOf(k);
  return i < 0 ? RISK_ORDER.length : i;
};

/** A risk object (limits or one layer of overrides) with YAML key names, nested ranges and rates too, in a fixed key order. */
export function riskDocument(r: RiskLimits | RiskOverrides): Doc {
  const out: Doc = {};
  const entries = Object.entries(r).sort((a, b) => rank(a[0]) - rank(b[0]));
  for (const [k, v] of entries) out[snake(k)] = typeof v === 'object' && v !== null ? riskDocument(v as RiskOverrides) : v;
  return out;
}

export function botDocument(b: BotConfig): Doc {
  return {
    id: b.id,
    strategy: b.strategy,
    ...(b.strategyConfig !== undefined ? { strategy_config: b.strategyConfig } : {}),
    symbols: [...b.symbols],
    interval: b.interval,
    params: { ...b.params },
    capital: b.capital.kind === 'fraction' ? { fraction: b.capital.fraction } : { usd: b.capital.usd },
    enabled: b.enabled,
  };
}

/** The whole config as sextant.yaml would spell it, defaults included. */
export function configDocument(c: SextantConfig): Doc {
  const v = c.venue;
  const perSymbol: Doc = {};
  for (const [sym, o] of Object.entries(c.risk.perSymbol)) perSymbol[sym] = riskDocument(o);
  const perMode: Doc = {};
  for (const [mode, o] of Object.entries(c.risk.perMode)) if (o !== undefined) perMode[mode] = riskDocument(o);
  return {
    mode: c.mode,
    data_dir: c.dataDir,
    port: c.port,
    market: c.market,
    venue: {
      network: v.network,
      ...(v.apiUrl !== undefined ? { api_url: v.apiUrl } : {}),
      ...(v.wsUrl !== undefined ? { ws_url: v.wsUrl } : {}),
      ...(v.localVenueUrl !== undefined ? { local_venue_url: v.localVenueUrl } : {}),
      ...(v.walletAddress !== undefined ? { wallet_address: v.walletAddress } : {}),
      ...(v.vaultAddress !== undefined ? { vault_address: v.vaultAddress } : {}),
    },
    bots: c.bots.map(botDocument),
    risk: { global: riskDocument(c.risk.global), per_symbol: perSymbol, per_mode: perMode },
    kill: { initial: c.kill.initial, file: c.kill.file, poll_ms: c.kill.pollMs },
    reconcile: { interval_seconds: c.reconcile.intervalSeconds },
    alerts: { telegram: { enabled: c.alerts.telegram.enabled, chat_ids: [...c.alerts.telegram.chatIds] }, discord: { enabled: c.alerts.discord.enabled } },
    logging: { level: c.logging.level },
  };
}
