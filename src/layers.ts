// The layer map of DESIGN §3: which src/ folder may import which. Checked by layers.test.ts.

/** Direct permissions; a layer may also import whatever those layers may import (transitively). */
export const LAYER_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  core: [],
  config: ['core'],
  market: ['core'],
  indicators: ['core'],
  signals: ['core', 'market', 'indicators'],
  strategy: ['core', 'market', 'indicators', 'signals'],
  risk: ['core', 'config'],
  oms: ['core'],
  ledger: ['core'],
  engine: ['core', 'market', 'indicators', 'signals', 'strategy', 'risk', 'oms', 'ledger'],
  sim: ['core', 'market', 'ledger'],
  venues: ['core', 'market'],
  localnet: ['core', 'market', 'ledger', 'sim', 'venues'],
  store: ['core', 'market', 'ledger', 'oms'],
  ingest: ['venues', 'store'],
  bus: ['core'],
  live: ['engine', 'venues', 'store', 'bus', 'risk', 'oms'],
  research: ['engine', 'sim', 'store'],
  ml: ['core', 'signals', 'store'],
  api: ['core', 'config'],
  server: ['api', 'live', 'store', 'bus', 'research'],
  alerts: ['core', 'api'],
  agent: ['api'],
  sdk: ['core', 'market', 'indicators', 'strategy', 'engine', 'sim', 'store', 'research'],
  // Harnesses, fakes and conformance suites for tests and benches: anything but the roots.
  testkit: ['core', 'config', 'market', 'indicators', 'signals', 'strategy', 'risk', 'oms', 'ledger', 'engine', 'sim', 'venues', 'localnet', 'store', 'ingest', 'bus', 'live', 'research', 'ml', 'api', 'server', 'alerts', 'agent', 'sdk'],
  app: ['core', 'config', 'market', 'indicators', 'signals', 'strategy', 'risk', 'oms', 'ledger', 'engine', 'sim', 'venues', 'localnet', 'store', 'ingest', 'bus', 'live', 'research', 'ml', 'api', 'server', 'alerts', 'agent', 'sdk'],
  cli: ['app', 'research', 'store'],
};

/** Every layer `layer` may import, itself included. */
export function allowedLayers(layer: string): Set<string> {
  const out = new Set<string>([layer]);
  const stack = [...(LAYER_IMPORTS[layer] ?? [])];
  while (stack.length > 0) {
    const l = stack.pop() as string;
    if (out.has(l)) continue;
    out.add(l);
    stack.push(...(LAYER_IMPORTS[l] ?? []));
  }
  return out;
}

/**
 * Public faces: folders (relative to src/) whose index.ts is the only way in for files of other
 * layers (files of the folder's own layer may import its files directly).
 */
export const PUBLIC_FACES: readonly string[] = ['sdk', 'server/auth', 'indicators', 'venues/hyperliquid/signing', 'venues/hyperliquid/actions', 'venues/hyperliquid/transport'];

/** Tests (`*.test.ts`) anywhere: a home in PACKAGE_HOMES. */
export const TESTS = 'tests';

/**
 * Where each third-party package may be imported: folders or files relative to src/ (a folder
 * covers everything under it), or TESTS for any test file. Every runtime dependency has a row.
 */
export const PACKAGE_HOMES: Readonly<Record<string, readonly string[]>> = {
  'better-sqlite3': ['store/sqlite', 'testkit/store/raw-sqlite.ts'],
  'zstd-napi': ['store/sqlite'],
  ws: ['venues', 'localnet', 'server', 'testkit'],
  fastify: ['server'],
  viem: ['venues', 'localnet', 'server', 'testkit'],
  '@nktkas/hyperliquid': ['venues', 'testkit', TESTS],
  ccxt: ['venues', 'testkit', TESTS],
  react: ['web'],
  typescript: ['app/strategy-typecheck.ts', 'cli'],
  'playwright-core': ['testkit', TESTS],
  yaml: ['config', 'app', 'testkit'],
  pino: ['live/telemetry', 'app', 'server', 'testkit'],
  'prom-client': ['live/telemetry', 'app', 'server', 'testkit'],
  grammy: ['alerts/telegram-alerts.ts'],
  // The build (bin/) compiles with it; nothing under src/ imports it.
  esbuild: [],
};
