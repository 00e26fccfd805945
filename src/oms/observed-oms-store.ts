// An OMS store that tells observers around its writes (crash points, latency probes) and otherwise passes every call through.
import type { OmsStore, SaveIntentResult } from './oms-store.js';

export interface OmsStoreObserver {
  beforeSaveIntent?(): void;
  afterSaveIntent?(result: SaveIntentResult): void;
  afterTransition?(): void;
}

export function observedOmsStore(s: OmsStore, o: OmsStoreObserver): OmsStore {
  return {
    venue: s.venue,
    saveIntent: async (intent, ts) => {
      o.beforeSaveIntent?.();
      const r = await s.saveIntent(intent, ts);
      o.afterSaveIntent?.(r);
      return r;
    },
    appendTransition: async (t) => {
      await s.appendTransition(t);
      o.afterTransition?.();
    },
    appendFill: (f) => s.appendFill(f),
    loadOrders: () => s.loadOrders(),
    transitions: (c) => s.transitions(c),
    listFills: () => s.listFills(),
    adoptPositions: (p, ts, ev) => s.adoptPositions(p, ts, ev),
    baselinePositions: () => s.baselinePositions(),
    close: () => s.close(),
  };
}
