// The layer map of DESIGN §3: which src/ folder may import which. Checked by layers.test.ts.

/** Direct permissions; a layer may also import whatever those layers may import (transitively). */
export const LAYER_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  core: [],
  market: ['core'],
  indicators: ['core'],
  signals: ['core', 'market', 'indicators'],
  strategy: ['core', 'market', 'indicators', 'signals'],
  risk: ['core'],
  oms: ['core'],
  ledger: ['core'],
  engine: ['core', 'market', 'indicators', 'signals', 'strategy', 'risk', 'oms', 'ledger'],
  sim: ['core', 'market'],
  venues: ['core', 'market'],
  store: ['core', 'market', 'ledger', 'oms'],
  bus: ['core'],
  research: ['engine', 'sim', 'store'],
  ml: ['core', 'signals', 'store'],
  server: ['engine', 'store', 'bus'],
  alerts: ['core'],
  agent: ['server'],
  app: ['core', 'market', 'indicators', 'signals', 'strategy', 'risk', 'oms', 'ledger', 'engine', 'sim', 'venues', 'store', 'bus', 'research', 'ml', 'server', 'alerts', 'agent'],
  sdk: ['core', 'market', 'indicators', 'strategy', 'engine', 'sim', 'store', 'research'],
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
