// The roots of `sextant config check|show|init`: validate a sextant.yaml completely, print the effective config with resolved risk limits, write the template.
import { basename, resolve } from 'node:path';
import { stringify } from 'yaml';
import { configDocument, riskDocument, type Doc } from '../config/config-document.js';
import { formatIssue } from '../config/config-issues.js';
import { liveConfigProblems } from '../config/live-requirements.js';
import { resolveRiskLimits, riskLayers } from '../config/risk-overrides.js';
import type { Mode, SextantConfig } from '../config/sextant-config.js';
import { BadInputError } from '../core/errors.js';
import { ConfigInvalidError, createConfigFile, parseConfigText, readConfigText, resolveConfigPaths } from './config-file.js';
import { botStrategyProblems } from './config-strategies.js';

export type ConfigCheck = { readonly ok: true; readonly file: string; readonly config: SextantConfig; readonly summary: readonly string[] } | { readonly ok: false; readonly file: string; readonly errors: readonly string[] };

/**
 * Everything `sextant start` would refuse: the file's own rules, then each bot's strategy and
 * params, and in live mode (`mode`, else the file's) what live trading requires.
 */
export async function checkConfigFile(path: string, cwd: string, mode?: Mode): Promise<ConfigCheck> {
  const file = resolve(cwd, path);
  const name = basename(file);
  const parsed = parseConfigText(readConfigText(file), name);
  if (!parsed.ok) return { ok: false, file, errors: parsed.errors };
  const config = resolveConfigPaths(parsed.config, file);
  const problems = await botStrategyProblems(config, name, cwd);
  if ((mode ?? config.mode) === 'live') problems.push(...liveConfigProblems(config).map((p) => formatIssue(name, p)));
  if (problems.length > 0) return { ok: false, file, errors: problems };
  return { ok: true, file, config, summary: summaryLines(config) };
}

function summaryLines(c: SextantConfig): string[] {
  const capital = (b: SextantConfig['bots'][number]): string => (b.capital.kind === 'fraction' ? `${Number((b.capital.fraction * 100).toFixed(4))} % of equity` : `${b.capital.usd} USD`);
  const perSymbol = Object.keys(c.risk.perSymbol);
  const perMode = Object.keys(c.risk.perMode);
  return [
    `mode ${c.mode}, market ${c.market}, venue ${c.venue.network}, port ${c.port}, data dir ${c.dataDir}`,
    ...(c.bots.length === 0 ? ['no bots'] : c.bots.map((b) => `bot ${b.id}: ${b.strategy} on ${b.symbols.join(', ')} every ${b.interval}, capital ${capital(b)}${b.enabled ? '' : ' (disabled)'}`)),
    `risk: global${perSymbol.length > 0 ? `, per symbol ${perSymbol.join(', ')}` : ''}${perMode.length > 0 ? `, per mode ${perMode.join(', ')}` : ''}; kill ${c.kill.initial} at start, file ${c.kill.file}`,
  ];
}

/** As checkConfigFile, but a bad file is thrown (ConfigInvalidError: every problem). */
export async function loadCheckedConfig(path: string, cwd: string): Promise<{ file: string; config: SextantConfig }> {
  const r = await checkConfigFile(path, cwd);
  if (!r.ok) throw new ConfigInvalidError(r.file, r.errors);
  return r;
}

export interface ShowOptions {
  /** The mode whose risk limits are resolved (default: the file's mode). */
  readonly mode?: Mode;
  /** Only this symbol's limits (default: every symbol of a bot or a per-symbol layer, and `*` for the rest). */
  readonly symbol?: string;
}

/** The effective config in the file's shape, plus `resolved_risk.<mode>.<symbol>` and the layers that made it. */
export function effectiveConfigDocument(c: SextantConfig, o: ShowOptions = {}): Doc {
  const mode = o.mode ?? c.mode;
  const symbols = o.symbol !== undefined ? [o.symbol] : [...new Set([...c.bots.flatMap((b) => b.symbols), ...Object.keys(c.risk.perSymbol)])].sort();
  const resolved: Doc = {};
  const layers: Doc = {};
  for (const s of o.symbol !== undefined ? symbols : [...symbols, '*']) {
    const sym = s === '*' ? undefined : s;
    resolved[s] = riskDocument(resolveRiskLimits(c.risk, mode, sym));
    layers[s] = ['defaults', ...riskLayers(c.risk, mode, sym).map((l) => l.name)].join(' <- ');
  }
  return { ...configDocument(c), resolved_risk: { mode, merged_from: layers, limits: resolved } };
}

/** `config show` text: YAML (or JSON) of effectiveConfigDocument. */
export function showConfigText(c: SextantConfig, file: string, o: ShowOptions & { readonly json?: boolean }): string {
  const doc = effectiveConfigDocument(c, o);
  if (o.json) return JSON.stringify(doc, null, 2) + '\n';
  return `# The effective config of ${file}: defaults filled in, paths made absolute, and the risk limits\n# of mode ${doc.resolved_risk !== undefined ? (doc.resolved_risk as Doc).mode : ''} per symbol (* = a symbol with no per_symbol layer).\n` + stringify(doc, { lineWidth: 0 });
}

/** `config init`: writes the commented template unless the file exists. */
export function initConfigFile(path: string, cwd: string): string {
  const file = resolve(cwd, path);
  if (!createConfigFile(file)) throw new BadInputError(file, 'already exists (config init never replaces a config; edit it, or remove it first)');
  return file;
}
