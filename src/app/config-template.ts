// The commented sextant.yaml written on first start: paper mode, trend-confidence on BTC, ETH and SOL, the default risk limits spelled out.
import { DEFAULT_RISK_LIMITS as D } from '../config/risk-overrides.js';
import { CONFIG_DEFAULTS } from '../config/read-config.js';
import { SECRET_ENV } from '../config/sextant-config.js';

/** The template's text (the risk values are the built-in defaults, so the file shows what applies). */
export function configTemplate(): string {
  return `# sextant.yaml: the configuration of the trading daemon (\`sextant start\`), written on first start.
#
# Edit it while the daemon runs. A valid change applies at once where it can (bots and their params,
# risk limits, kill file, reconcile, alerts, logging); mode, data_dir, port, market and venue wait for a
# restart (the daemon's log says which). An invalid edit is refused with every error and its line, and
# the daemon keeps the config it runs with. Every reload is journaled with its diff.
# Check an edit first:   sextant config check --config sextant.yaml
# See what applies:      sextant config show --config sextant.yaml [--mode live] [--symbol BTC]
#
# Secrets never go in this file; they come from the environment:
#   ${SECRET_ENV.privateKey}   the wallet's (or API wallet's) private key, hex
#   ${SECRET_ENV.telegramToken}   the Telegram bot token
#   ${SECRET_ENV.discordWebhook}  the Discord webhook URL
# Unknown keys are errors (a typo never silently does nothing). Relative paths are relative to this file.

# The mode when \`sextant start\` gets no --mode: paper (simulated money, the live order path against a
# local venue), dry-live (reads the real account, computes and journals orders, sends none) or live
# (real money: also needs SEXTANT_LIVE=1 and SEXTANT_LIVE_CONFIRM in the environment).
mode: ${CONFIG_DEFAULTS.mode}

# Database, journals, audit trail and the kill file live here.
data_dir: ${CONFIG_DEFAULTS.dataDir}

# The daemon's HTTP port (/health, /ready, /metrics, /api/...); 0 picks a free one.
port: ${CONFIG_DEFAULTS.port}

# Market data: hyperliquid (the venue; paper falls back to the simulator when it is unreachable, and
# says so), sim (the deterministic simulator) or replay:RUN (a recording, see \`sextant recordings\`).
market: ${CONFIG_DEFAULTS.market}

venue:
  network: mainnet                          # mainnet | testnet
  # api_url: https://api.hyperliquid.xyz    # default: the network's public endpoints
  # ws_url: wss://api.hyperliquid.xyz/ws
  # local_venue_url: http://127.0.0.1:8090  # paper: a venue started with \`sextant venue\` (default: in-process)
  # wallet_address: 0x0000000000000000000000000000000000000000   # the account traded (live) or read (dry-live)

# Bots: strategy instances on one account and one risk manager. Adding, removing or changing a bot
# (its symbols, interval, params, capital, enabled) applies live.
bots:
  - id: trend-1
    strategy: trend-confidence      # a built-in strategy, or a path to your strategy file (.ts)
    # strategy_config: aiquant.yaml # the strategy's own config file, as --strategy-config
    symbols: [BTC, ETH, SOL]
    interval: 1m                    # bar interval: 1s, 30s, 1m, 15m, 1h, 1d (tuned on 1h; 1m shows paper trades within minutes)
    params: {}                      # the strategy's declared parameters, e.g. lookback: 200
    capital:
      fraction: 1                   # share of account equity (enabled bots add up to at most 1), or usd: 5000
    enabled: true

# Risk limits, merged for each (mode, symbol) in this order, later wins key by key:
#   built-in defaults <- global <- per_symbol.<SYMBOL> <- per_mode.<mode>
# so a per-mode value beats a per-symbol one. null removes an optional limit set lower down.
# Notionals in USD; percents as percents (2 = 2 %).
risk:
  global:
    max_order_notional: ${D.maxOrderNotional}
    max_symbol_notional: ${D.maxSymbolNotional}
    max_account_notional: ${D.maxAccountNotional}   # gross, all symbols
    max_leverage: ${D.maxLeverage}                     # 1 to 50
    max_open_positions: ${D.maxOpenPositions}
    min_order_notional: ${D.minOrderNotional}                # Hyperliquid refuses orders under 10 USD
    max_slippage_bps: ${D.maxSlippageBps}                  # against the live book's touch
    require_stop_loss: ${D.requireStopLoss}
    # stop_loss_pct: { min: 0.5, max: 10 }  # allowed stop distance from entry
    # take_profit_pct: { min: 1, max: 30 }
    # min_reward_risk: 1.5                  # take-profit distance / stop distance
    # max_daily_loss: 500                   # USD, net of fees and funding, per UTC day
    max_drawdown_pct: ${D.maxDrawdownPct}                  # from the trailing equity peak
    drawdown_peak_reset: ${D.drawdownPeakReset}           # never | daily | on_resume
    on_breach: ${D.onBreach}                 # the kill level a daily-loss or drawdown breach sets
    rates:                                  # token buckets, orders per minute
      entries_per_min: ${D.rates.entriesPerMin}
      entries_per_symbol_per_min: ${D.rates.entriesPerSymbolPerMin}
      exits_per_min: ${D.rates.exitsPerMin}
      cancels_per_min: ${D.rates.cancelsPerMin}
  per_symbol:
    SOL:
      max_leverage: 3
  per_mode:
    live:                                   # real money: tighter
      max_order_notional: 1000
      max_daily_loss: 250
      on_breach: halt_all

# Kill switch. Levels: off, close_only (no opens or adds), halt_all (no new orders), hard (blocks exits
# too), flatten (close everything, then halt_all). SEXTANT_KILL in the environment wins over initial;
# writing a level into the kill file (or \`sextant kill LEVEL\`) changes it without a restart.
kill:
  initial: ${CONFIG_DEFAULTS.kill.initial}
  file: ${CONFIG_DEFAULTS.kill.file}                        # relative to data_dir
  poll_ms: ${CONFIG_DEFAULTS.kill.pollMs}

# Venue positions, open orders and fills against ours: at start and every N seconds.
reconcile:
  interval_seconds: ${CONFIG_DEFAULTS.reconcileIntervalSeconds}

# Alerts (fills, kill-level changes, stale data, reconciliation differences, a daily summary).
alerts:
  telegram:
    enabled: false
    chat_ids: []        # only these chats get alerts and may send /status /kill ...
  discord:
    enabled: false

logging:
  level: ${CONFIG_DEFAULTS.logLevel}         # trace | debug | info | warn | error | fatal | silent
`;
}
