// What changed between two configs, key by key in the file's own names, and whether each change applies live or needs a restart.
import { botDocument, configDocument, type Doc } from './config-document.js';
import type { SextantConfig } from './sextant-config.js';

/** `live`: the running daemon takes it at once; `restart`: it keeps the old value until restarted. */
export type ChangeApplies = 'live' | 'restart';

export interface ConfigChange {
  /** YAML key path: `risk.per_symbol.BTC.max_leverage`, `bots[trend-1].params.lookback`, `bots[trend-2]` (added or removed). */
  readonly path: string;
  /** undefined: absent on that side (a bot added or removed, an optional key set or cleared). */
  readonly old: unknown;
  readonly new: unknown;
  readonly applies: ChangeApplies;
}

/** Sections the daemon reads only at start: the process, its data, its market and its venue connection. */
const RESTART_SECTIONS = new Set(['mode', 'data_dir', 'port', 'market', 'venue']);

/**
 * Which changes need a restart: mode, data_dir, port, market, venue, and kill.initial (the level
 * at start; to change the level now there is the kill file or `sextant kill`). Everything else
 * (bots and their params, risk limits, the kill file and poll, reconcile, alerts, logging) is live.
 */
export function changeApplies(path: string): ChangeApplies {
  const head = /^[a-z_]+/.exec(path)?.[0] ?? '';
  return RESTART_SECTIONS.has(head) || path === 'kill.initial' ? 'restart' : 'live';
}

const isDoc = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function walk(a: unknown, b: unknown, path: string, out: ConfigChange[]): void {
  if (isDoc(a) && isDoc(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) walk(a[k], b[k], path === '' ? k : `${path}.${k}`, out);
    return;
  }
  // Lists (symbols, chat ids) and scalars compare whole.
  if (!same(a, b)) out.push({ path, old: a, new: b, applies: changeApplies(path) });
}

/** Every difference from `old` to `next`, in the file's key order; bots are matched by id, not position. */
export function diffConfig(old: SextantConfig, next: SextantConfig): ConfigChange[] {
  const out: ConfigChange[] = [];
  const a = configDocument(old);
  const b = configDocument(next);
  for (const key of Object.keys(b)) {
    if (key !== 'bots') {
      walk(a[key], b[key], key, out);
      continue;
    }
    const before = new Map(old.bots.map((x) => [x.id, botDocument(x)]));
    const after = new Map(next.bots.map((x) => [x.id, botDocument(x)]));
    for (const [id, doc] of before) {
      const path = `bots[${id}]`;
      const now = after.get(id);
      if (now === undefined) out.push({ path, old: doc, new: undefined, applies: 'live' });
      else walk(doc, now, path, out);
    }
    for (const [id, doc] of after) if (!before.has(id)) out.push({ path: `bots[${id}]`, old: undefined, new: doc, applies: 'live' });
  }
  return out;
}

/**
 * The config a running daemon moves to on reload: `next` for everything live, `running`'s values
 * for what needs a restart (so those changes stay pending, and are reported again until restarted).
 */
export function applyLiveChanges(running: SextantConfig, next: SextantConfig): SextantConfig {
  return {
    ...next,
    mode: running.mode,
    dataDir: running.dataDir,
    port: running.port,
    market: running.market,
    venue: running.venue,
    kill: { ...next.kill, initial: running.kill.initial },
  };
}

/** One line per change: `risk.global.max_leverage: 3 → 5 (applied live)`, `port: 8080 → 9090 (needs a restart)`. */
export function describeChanges(changes: readonly ConfigChange[]): string[] {
  const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));
  return changes.map((c) => {
    const what = c.old === undefined ? `added ${show(c.new)}` : c.new === undefined ? `removed (was ${show(c.old)})` : `${show(c.old)} → ${show(c.new)}`;
    return `${c.path}: ${what} (${c.applies === 'live' ? 'applied live' : 'needs a restart; the running daemon keeps the old value'})`;
  });
}
