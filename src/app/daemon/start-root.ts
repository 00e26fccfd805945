// `sextant start`: the config (the file, created on first start, or one bot from flags) with the command line's overrides, then the daemon.
import { basename, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { BadInputError } from '../../core/errors.js';
import { LiveClock } from '../../core/live-clock.js';
import { readSextantConfig } from '../../config/read-config.js';
import { MODES, type MarketSpec, type Mode, type SextantConfig } from '../../config/sextant-config.js';
import { createLogger } from '../../live/telemetry/logger.js';
import { DEFAULT_CONFIG_FILE, loadConfigFile, loadOrCreateConfigFile } from '../config-file.js';
import { startDaemon, type RunningDaemon } from './daemon-root.js';

export interface StartRequest {
  readonly mode?: string;
  /** Given: that file (must exist). Absent: ./sextant.yaml, created on first start, unless a bot comes from flags. */
  readonly configPath?: string;
  readonly dataDir?: string;
  readonly port?: number;
  readonly host?: string;
  readonly market?: string;
  readonly venueUrl?: string;
  /** One bot from flags (replaces the file's bots). */
  readonly strategy?: string;
  readonly symbols?: string;
  readonly interval?: string;
  readonly params: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface StartIO {
  /** Human lines (banner, where things are): stderr. */
  readonly say: (line: string) => void;
  /** The JSON log lines: stdout. */
  readonly logTo: Pick<Writable, 'write'>;
}

export interface Started {
  readonly daemon: RunningDaemon;
  /** The config file read (and whether this start wrote it), or undefined for a bot from flags alone. */
  readonly configFile: { readonly path: string; readonly created: boolean } | undefined;
}

const MARKET = /^(hyperliquid|sim|replay:.+)$/;

/** The config a flags-only start runs with: the defaults and the one bot, validated as a file would be. */
function flagsConfig(r: StartRequest): SextantConfig {
  if (r.symbols === undefined) throw new BadInputError('--symbols', 'a bot from flags needs its symbols, e.g. --symbols BTC,ETH');
  const strategy = r.strategy as string;
  const id = `${basename(strategy).replace(/\.[cm]?[tj]s$/, '').replace(/[^A-Za-z0-9_.-]/g, '-')}-1`;
  const params: Record<string, string | number | boolean> = {};
  for (const kv of r.params) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new BadInputError(`--param ${kv}`, 'expected name=value');
    const raw = kv.slice(eq + 1);
    params[kv.slice(0, eq)] = raw === 'true' ? true : raw === 'false' ? false : raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  const doc = { bots: [{ id, strategy, symbols: r.symbols.split(',').map((s) => s.trim()), interval: r.interval ?? '1m', params, capital: { fraction: 1 } }] };
  const read = readSextantConfig(doc);
  if (!read.ok) throw new BadInputError('flags', read.issues.map((i) => `${i.path.join('.').replace(/^bots\.0\./, '--')}: ${i.message}`).join('; '));
  return read.config;
}

export async function startFromRequest(r: StartRequest, io: StartIO): Promise<Started> {
  let config: SextantConfig;
  let configFile: Started['configFile'];
  let hash: string | undefined;
  if (r.strategy !== undefined) {
    const base = r.configPath !== undefined ? loadConfigFile(resolve(r.cwd, r.configPath)).config : undefined;
    const bots = flagsConfig(r);
    config = base !== undefined ? { ...base, bots: bots.bots } : bots;
  } else {
    if (r.symbols !== undefined || r.interval !== undefined || r.params.length > 0) throw new BadInputError('--symbols/--interval/--param', 'these describe a bot from flags: give --strategy too (or put the bot in the config file)');
    const path = resolve(r.cwd, r.configPath ?? DEFAULT_CONFIG_FILE);
    const loaded = r.configPath !== undefined ? loadConfigFile(path) : loadOrCreateConfigFile(path);
    config = loaded.config;
    hash = loaded.hash;
    configFile = { path: loaded.path, created: loaded.created };
  }
  const mode = (r.mode ?? config.mode) as Mode;
  if (!MODES.includes(mode)) throw new BadInputError(`--mode ${r.mode}`, `expected one of ${MODES.join(', ')}`);
  const market = r.market ?? config.market;
  if (!MARKET.test(market)) throw new BadInputError(`--market ${market}`, 'expected hyperliquid, sim or replay:RUN');
  if (market === 'sim' && mode !== 'paper') throw new BadInputError(`--market sim`, `simulated market data is for paper mode only (${mode} trades on the venue's market)`);
  const venueUrl = r.venueUrl ?? config.venue.localVenueUrl;
  if (venueUrl !== undefined && mode !== 'paper') throw new BadInputError('--venue-url', `a local venue is for paper mode only (${mode} uses venue.api_url)`);
  if (venueUrl !== undefined && !/^https?:\/\/[^/\s]+\/?$/.test(venueUrl)) throw new BadInputError(`--venue-url ${venueUrl}`, 'expected the local venue’s base URL, e.g. http://127.0.0.1:8090');
  const dataDir = resolve(r.cwd, r.dataDir ?? config.dataDir);
  const clock = new LiveClock();
  const log = createLogger({ clock, destination: io.logTo, level: config.logging.level === 'silent' ? 'fatal' : config.logging.level, base: { mode } });
  const daemon = await startDaemon({
    mode,
    config,
    dataDir,
    cwd: r.cwd,
    port: r.port ?? config.port,
    ...(r.host !== undefined ? { host: r.host } : {}),
    market: market as MarketSpec,
    ...(venueUrl !== undefined ? { venueUrl } : {}),
    env: r.env,
    // The command line's choices hold for every reloaded file too (they are not reported as changes).
    ...(configFile !== undefined && hash !== undefined ? { configFile: { path: configFile.path, hash, adjust: (c: SextantConfig) => ({ ...c, mode, dataDir: r.dataDir ?? c.dataDir, port: r.port ?? c.port, market: (r.market ?? c.market) as MarketSpec }) } } : {}),
    clock,
    log,
    say: io.say,
  });
  return { daemon, configFile };
}
