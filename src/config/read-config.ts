// Validates a parsed sextant.yaml document into a SextantConfig: every problem reported (path, value, expectation), defaults filled in.
import { parseInterval } from '../core/bars.js';
import { IssueList, looksLikePrivateKey, pathText, type ConfigIssue, type ConfigPath } from './config-issues.js';
import { KILL_LEVELS } from './risk-config.js';
import { readRiskSection, SYMBOL_PATTERN } from './read-risk.js';
import { resolveRiskLimits, riskLimitProblems, type RiskSection } from './risk-overrides.js';
import { field, isMapping, readBoolean, readChoice, readList, readMapping, readNumber, readString, type Mapping } from './read-values.js';
import { LOG_LEVELS, MODES, NETWORKS, SECRET_ENV, type AlertsConfig, type BotConfig, type CapitalAllocation, type ConfigParamValue, type KillConfig, type MarketSpec, type SextantConfig, type VenueConfig } from './sextant-config.js';

export type ConfigResult = { readonly ok: true; readonly config: SextantConfig } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** A path the OS can open and a terminal can show: no NUL, no other C0 control, no DEL. */
const PATH_TEXT = /^[^\u0000-\u001f\u007f]+$/;

export const TOP_KEYS = ['mode', 'data_dir', 'port', 'market', 'venue', 'bots', 'risk', 'kill', 'reconcile', 'alerts', 'logging'] as const;

/** The values an absent key takes. */
export const CONFIG_DEFAULTS = {
  mode: 'paper',
  dataDir: 'data',
  port: 8080,
  market: 'hyperliquid',
  kill: { initial: 'off', file: 'KILL', pollMs: 1000 },
  reconcileIntervalSeconds: 30,
  logLevel: 'info',
} as const;

const BOT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Checks a parsed YAML document (any JSON-like value) and returns the typed config or every issue. */
export function readSextantConfig(doc: unknown): ConfigResult {
  const issues = new IssueList();
  scanForKeys(doc, [], issues);
  const top = readMapping(doc, [], issues, { keys: TOP_KEYS });
  const config = readTop(top ?? {}, issues);
  return issues.count === 0 ? { ok: true, config } : { ok: false, issues: issues.all() };
}

function readTop(m: Mapping, issues: IssueList): SextantConfig {
  const bots = readBots(m.bots, ['bots'], issues);
  const risk = readRiskSection(m.risk, ['risk'], issues);
  checkMergedRisk(risk, bots, issues);
  return {
    mode: field(m, 'mode', [], CONFIG_DEFAULTS.mode, (v, p) => readChoice(v, p, issues, MODES)),
    dataDir: field(m, 'data_dir', [], CONFIG_DEFAULTS.dataDir, (v, p) => readString(v, p, issues, { expectation: 'a directory path (no control characters)', pattern: PATH_TEXT })),
    port: field(m, 'port', [], CONFIG_DEFAULTS.port, (v, p) => readNumber(v, p, issues, { integer: true, min: 0, max: 65_535 })),
    market: field(m, 'market', [], CONFIG_DEFAULTS.market as MarketSpec, (v, p) => readMarket(v, p, issues)),
    venue: readVenue(m.venue, ['venue'], issues),
    bots,
    risk,
    kill: readKill(m.kill, ['kill'], issues),
    reconcile: {
      intervalSeconds: field(readMapping(m.reconcile, ['reconcile'], issues, { keys: ['interval_seconds'] }), 'interval_seconds', ['reconcile'], CONFIG_DEFAULTS.reconcileIntervalSeconds, (v, p) =>
        readNumber(v, p, issues, { min: 1, max: 3600 }),
      ),
    },
    alerts: readAlerts(m.alerts, ['alerts'], issues),
    logging: { level: field(readMapping(m.logging, ['logging'], issues, { keys: ['level'] }), 'level', ['logging'], CONFIG_DEFAULTS.logLevel, (v, p) => readChoice(v, p, issues, LOG_LEVELS)) },
  };
}

function readMarket(v: unknown, path: ConfigPath, issues: IssueList): MarketSpec | undefined {
  if (v === 'hyperliquid' || v === 'sim') return v;
  if (typeof v === 'string' && /^replay:[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v)) return v as MarketSpec;
  issues.expected(path, 'hyperliquid, sim or replay:RUN (RUN: a recording, see sextant recordings)', v);
  return undefined;
}

function readUrl(v: unknown, path: ConfigPath, issues: IssueList, protocols: readonly string[]): string | undefined {
  const expectation = `a URL starting ${protocols.map((p) => p + '//').join(' or ')}`;
  if (typeof v === 'string') {
    try {
      if (protocols.includes(new URL(v).protocol)) return v;
    } catch {
      // Not a URL at all: reported below like any other bad value.
    }
  }
  issues.expected(path, expectation, v);
  return undefined;
}

function readVenue(v: unknown, path: ConfigPath, issues: IssueList): VenueConfig {
  const m = readMapping(v, path, issues, { keys: ['network', 'api_url', 'ws_url', 'local_venue_url', 'wallet_address', 'vault_address'], secretEnv: SECRET_ENV.privateKey });
  const out: { -readonly [K in keyof VenueConfig]: VenueConfig[K] } = { network: field(m, 'network', path, 'mainnet', (x, p) => readChoice(x, p, issues, NETWORKS)) };
  const opt = (key: string, read: (x: unknown, p: ConfigPath) => string | undefined): string | undefined => (m?.[key] === undefined ? undefined : read(m[key], [...path, key]));
  const apiUrl = opt('api_url', (x, p) => readUrl(x, p, issues, ['http:', 'https:']));
  const wsUrl = opt('ws_url', (x, p) => readUrl(x, p, issues, ['ws:', 'wss:']));
  const localVenueUrl = opt('local_venue_url', (x, p) => readUrl(x, p, issues, ['http:', 'https:']));
  const address = (x: unknown, p: ConfigPath): string | undefined => readString(x, p, issues, { pattern: ADDRESS, expectation: `an address: 0x and 40 hex digits (the private key goes in ${SECRET_ENV.privateKey}, never here)` });
  const walletAddress = opt('wallet_address', address);
  const vaultAddress = opt('vault_address', address);
  if (apiUrl !== undefined) out.apiUrl = apiUrl;
  if (wsUrl !== undefined) out.wsUrl = wsUrl;
  if (localVenueUrl !== undefined) out.localVenueUrl = localVenueUrl;
  if (walletAddress !== undefined) out.walletAddress = walletAddress;
  if (vaultAddress !== undefined) out.vaultAddress = vaultAddress;
  return out;
}

const BOT_KEYS = ['id', 'strategy', 'strategy_config', 'symbols', 'interval', 'params', 'capital', 'enabled'];

function readBots(v: unknown, path: ConfigPath, issues: IssueList): readonly BotConfig[] {
  if (v === undefined || v === null) return [];
  const list = readList(v, path, issues, 'a list of bots (each: - id: …, strategy: …, symbols: […], interval: …)');
  if (list === undefined) return [];
  const bots: BotConfig[] = [];
  list.forEach((b, i) => {
    const bot = readBot(b, [...path, i], issues);
    if (bot !== undefined) bots.push(bot);
  });
  const seen = new Map<string, number>();
  list.forEach((b, i) => {
    const id = isMapping(b) ? b.id : undefined;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first !== undefined) issues.add([...path, i, 'id'], `bot id ${JSON.stringify(id)} is already used by bots[${first}]; ids must be unique`);
    else seen.set(id, i);
  });
  const fractions = bots.filter((b) => b.enabled && b.capital.kind === 'fraction');
  const sum = fractions.reduce((s, b) => s + (b.capital.kind === 'fraction' ? b.capital.fraction : 0), 0);
  if (sum > 1 + 1e-9) {
    const parts = fractions.map((b) => `${b.id} ${b.capital.kind === 'fraction' ? b.capital.fraction : ''}`).join(', ');
    issues.add(path, `the capital fractions of the enabled bots add up to ${Number(sum.toFixed(9))} (${parts}); expected at most 1`);
  }
  return bots;
}

function readBot(v: unknown, path: ConfigPath, issues: IssueList): BotConfig | undefined {
  if (!isMapping(v)) {
    issues.expected(path, 'a bot: a mapping with id, strategy, symbols, interval (and optionally params, capital, enabled)', v);
    return undefined;
  }
  const before = issues.count;
  readMapping(v, path, issues, { keys: BOT_KEYS });
  for (const k of ['id', 'strategy', 'symbols', 'interval']) if (v[k] === undefined) issues.add([...path, k], 'missing (every bot needs id, strategy, symbols and interval)');
  const id = v.id === undefined ? undefined : readString(v.id, [...path, 'id'], issues, { pattern: BOT_ID, expectation: 'a bot id: letters, digits, . _ - (at most 64)' });
  const strategy = v.strategy === undefined ? undefined : readString(v.strategy, [...path, 'strategy'], issues, { expectation: 'a built-in strategy name (e.g. trend-confidence) or a path to a strategy file (no control characters)', pattern: PATH_TEXT });
  const strategyConfig = v.strategy_config === undefined ? undefined : readString(v.strategy_config, [...path, 'strategy_config'], issues, { expectation: 'a path to the strategy’s config file (no control characters)', pattern: PATH_TEXT });
  const symbols = v.symbols === undefined ? undefined : readSymbols(v.symbols, [...path, 'symbols'], issues);
  const interval = v.interval === undefined ? undefined : readInterval(v.interval, [...path, 'interval'], issues);
  const params = readParams(v.params, [...path, 'params'], issues);
  const capital = v.capital === undefined ? ({ kind: 'fraction', fraction: 1 } as const) : readCapital(v.capital, [...path, 'capital'], issues);
  const enabled = field(v, 'enabled', path, true, (x, p) => readBoolean(x, p, issues));
  if (issues.count > before || id === undefined || strategy === undefined || symbols === undefined || interval === undefined || capital === undefined) return undefined;
  return { id, strategy, ...(strategyConfig !== undefined ? { strategyConfig } : {}), symbols, interval: interval.text, intervalMs: interval.ms, params, capital, enabled };
}

function readSymbols(v: unknown, path: ConfigPath, issues: IssueList): readonly string[] | undefined {
  const expectation = 'a list of symbols like [BTC, ETH, SOL]';
  const list = readList(v, path, issues, expectation);
  if (list === undefined) return undefined;
  if (list.length === 0) {
    issues.expected(path, expectation, v);
    return undefined;
  }
  const out: string[] = [];
  list.forEach((s, i) => {
    const sym = readString(s, [...path, i], issues, { pattern: SYMBOL_PATTERN, expectation: 'a symbol name like BTC, ETH or kPEPE' });
    if (sym === undefined) return;
    if (out.includes(sym)) issues.add([...path, i], `${sym} is listed twice`);
    else out.push(sym);
  });
  return out;
}

function readInterval(v: unknown, path: ConfigPath, issues: IssueList): { text: string; ms: number } | undefined {
  if (typeof v !== 'string' || !/^[1-9]\d*[smhdw]$/.test(v)) {
    issues.expected(path, 'an interval like 1s, 30s, 1m, 15m, 1h or 1d', v);
    return undefined;
  }
  return { text: v, ms: parseInterval(v, pathText(path)) };
}

function readParams(v: unknown, path: ConfigPath, issues: IssueList): Readonly<Record<string, ConfigParamValue>> {
  if (v === undefined || v === null) return {};
  if (!isMapping(v)) {
    issues.expected(path, 'a mapping of strategy parameters (name: value)', v);
    return {};
  }
  const out: Record<string, ConfigParamValue> = {};
  for (const [k, x] of Object.entries(v)) {
    if ((typeof x === 'number' && Number.isFinite(x)) || typeof x === 'boolean' || (typeof x === 'string' && !looksLikePrivateKey(x))) out[k] = x;
    else if (!looksLikePrivateKey(x)) issues.expected([...path, k], 'a number, true/false or a string', x);
  }
  return out;
}

function readCapital(v: unknown, path: ConfigPath, issues: IssueList): CapitalAllocation | undefined {
  const expectation = 'either fraction: (of equity, more than 0 and at most 1) or usd: (an amount)';
  const m = readMapping(v, path, issues, { keys: ['fraction', 'usd'] });
  if (m === undefined) return undefined;
  const has = (k: string): boolean => m[k] !== undefined;
  if (has('fraction') === has('usd')) {
    issues.expected(path, expectation, v);
    return undefined;
  }
  if (has('fraction')) {
    const f = readNumber(m.fraction, [...path, 'fraction'], issues, { above: 0, max: 1 });
    return f === undefined ? undefined : { kind: 'fraction', fraction: f };
  }
  const usd = readNumber(m.usd, [...path, 'usd'], issues, { above: 0 });
  return usd === undefined ? undefined : { kind: 'usd', usd };
}

function readKill(v: unknown, path: ConfigPath, issues: IssueList): KillConfig {
  const m = readMapping(v, path, issues, { keys: ['initial', 'file', 'poll_ms'] });
  const d = CONFIG_DEFAULTS.kill;
  return {
    initial: field(m, 'initial', path, d.initial, (x, p) => readChoice(x, p, issues, KILL_LEVELS)),
    file: field(m, 'file', path, d.file, (x, p) => readString(x, p, issues, { expectation: 'a file path (relative paths: in the data dir; no control characters)', pattern: PATH_TEXT })),
    pollMs: field(m, 'poll_ms', path, d.pollMs, (x, p) => readNumber(x, p, issues, { integer: true, min: 50, max: 60_000 })),
  };
}

function readAlerts(v: unknown, path: ConfigPath, issues: IssueList): AlertsConfig {
  const m = readMapping(v, path, issues, { keys: ['telegram', 'discord'] });
  const tp = [...path, 'telegram'];
  const t = readMapping(m?.telegram, tp, issues, { keys: ['enabled', 'chat_ids'], secretEnv: SECRET_ENV.telegramToken });
  const dp = [...path, 'discord'];
  const d = readMapping(m?.discord, dp, issues, { keys: ['enabled'], secretEnv: SECRET_ENV.discordWebhook });
  const chatIds: number[] = [];
  if (t?.chat_ids !== undefined && t.chat_ids !== null) {
    const list = readList(t.chat_ids, [...tp, 'chat_ids'], issues, 'a list of Telegram chat ids (integers; groups are negative)');
    list?.forEach((x, i) => {
      const n = readNumber(x, [...tp, 'chat_ids', i], issues, { integer: true, min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
      if (n !== undefined) chatIds.push(n);
    });
  }
  const telegramEnabled = field(t, 'enabled', tp, false, (x, p) => readBoolean(x, p, issues));
  if (telegramEnabled && chatIds.length === 0 && (t?.chat_ids === undefined || Array.isArray(t.chat_ids) || t.chat_ids === null)) {
    issues.add([...tp, 'chat_ids'], 'expected at least one chat id when telegram is enabled (only these chats get alerts and may send commands)');
  }
  return { telegram: { enabled: telegramEnabled, chatIds }, discord: { enabled: field(d, 'enabled', dp, false, (x, p) => readBoolean(x, p, issues)) } };
}

/**
 * Each layer may be valid alone yet contradict another once merged (global stop_loss_pct.max 3,
 * per_symbol.BTC stop_loss_pct.min 5): checks every (mode, symbol) the file can produce, one issue per problem.
 */
function checkMergedRisk(risk: RiskSection, bots: readonly BotConfig[], issues: IssueList): void {
  const symbols = [...new Set([...Object.keys(risk.perSymbol), ...bots.flatMap((b) => b.symbols)])].sort();
  const where = new Map<string, string[]>();
  for (const mode of MODES) {
    for (const symbol of [undefined, ...symbols]) {
      for (const problem of riskLimitProblems(resolveRiskLimits(risk, mode, symbol))) {
        const list = where.get(problem) ?? [];
        list.push(`${mode} ${symbol ?? '(other symbols)'}`);
        where.set(problem, list);
      }
    }
  }
  for (const [problem, cases] of where) {
    const shown = cases.length > 6 ? `${cases.slice(0, 6).join(', ')} and ${cases.length - 6} more` : cases.join(', ');
    issues.add(['risk'], `after merging (defaults ← global ← per_symbol ← per_mode), ${problem}, for ${shown}`);
  }
}

/** Secret-shaped string values anywhere (a private key pasted into any field): refused, never echoed. */
function scanForKeys(v: unknown, path: ConfigPath, issues: IssueList): void {
  if (looksLikePrivateKey(v)) {
    issues.add(path, `this looks like a private key (value not shown); secrets are never read from sextant.yaml: set ${SECRET_ENV.privateKey} in the environment and remove it from the file`);
  } else if (Array.isArray(v)) v.forEach((x, i) => scanForKeys(x, [...path, i], issues));
  else if (isMapping(v)) for (const [k, x] of Object.entries(v)) scanForKeys(x, [...path, k], issues);
}
