// The execution conformance suite: one command script, the same kinds of report sequence from every ExecutionPort implementation.
import type { ExecutionReport, ExecutionReportType } from '../core/execution.js';
import type { OrderRequest } from '../core/orders.js';
import type { ExecutionPort } from '../engine/execution-port.js';

/** An implementation under test, with its market. */
export interface ConformanceVenue {
  readonly name: string;
  readonly port: ExecutionPort;
  /** Every report the implementation delivered, in order. */
  readonly reports: readonly ExecutionReport[];
  readonly symbol: string;
  /** A quantity on the venue's lot grid worth more than its minimum notional. */
  readonly qty: number;
  /** A reference price now (mark or mid). */
  price(): Promise<number>;
  /** A price on the venue's grid near `p`. */
  round(p: number): number;
  /** Lets the market move on until `until()` holds or the venue's patience runs out. */
  settle(until: () => boolean): Promise<void>;
  /** Lets every command in flight and every update on its way arrive. */
  quiesce(): Promise<void>;
  close(): Promise<void>;
}

export type ConformanceCase = 'limit rests' | 'cancel' | 'market fills' | 'stop triggers' | 'post-only crossing' | 'reduce-only on flat' | 'cancel of an unknown client id';

/**
 * The kinds every implementation must produce, per case (consecutive fills count as one `order.filled`:
 * a venue may fill an order in several pieces; prices may differ). A cancel of a client id the venue
 * never saw reports nothing: the simulated venue ignores it, Hyperliquid refuses it, and a refused
 * cancel is not a report of its own (the order's own reports tell its fate).
 */
export const EXPECTED_KINDS: Readonly<Record<ConformanceCase, readonly ExecutionReportType[]>> = {
  'limit rests': ['order.accepted'],
  cancel: ['order.accepted', 'order.cancelled'],
  'market fills': ['order.accepted', 'order.filled'],
  'stop triggers': ['order.accepted', 'order.triggered', 'order.filled'],
  'post-only crossing': ['order.rejected'],
  'reduce-only on flat': ['order.rejected'],
  'cancel of an unknown client id': [],
};

export interface ConformanceResult {
  readonly kinds: Record<ConformanceCase, ExecutionReportType[]>;
  /** Problems beyond the kinds: a done order whose last fill leaves a remainder, a position left open. */
  readonly problems: string[];
}

const TERMINAL: ReadonlySet<ExecutionReportType> = new Set(['order.cancelled', 'order.rejected', 'order.expired']);

/** Runs the script against `v`: each case's orders under their own client ids, one after another. */
export async function runExecutionConformance(v: ConformanceVenue, prefix = 'conf'): Promise<ConformanceResult> {
  const problems: string[] = [];
  const id = (n: string): string => `${prefix}-${n}`;
  const of = (clientId: string): ExecutionReport[] => v.reports.filter((r) => 'clientId' in r && r.clientId === clientId);
  const kindsOf = (clientId: string): ExecutionReportType[] => collapseFills(of(clientId).map((r) => r.type));
  const has = (clientId: string, kind: ExecutionReportType) => (): boolean => of(clientId).some((r) => r.type === kind || TERMINAL.has(r.type));
  const done = (clientId: string) => (): boolean => of(clientId).some((r) => TERMINAL.has(r.type) || (r.type === 'order.filled' && !(r.remaining !== undefined && r.remaining > 0)));
  const submit = (clientId: string, req: Omit<OrderRequest, 'symbol' | 'qty'>): void => v.port.submit(clientId, { symbol: v.symbol, qty: v.qty, ...req });

  const px = await v.price();
  submit(id('limit'), { side: 'buy', type: 'limit', price: v.round(px * 0.9), tif: 'GTC' });
  await v.settle(has(id('limit'), 'order.accepted'));
  const limitRests = kindsOf(id('limit'));

  v.port.cancel(v.symbol, id('limit'));
  await v.settle(has(id('limit'), 'order.cancelled'));
  const cancel = kindsOf(id('limit'));

  submit(id('market'), { side: 'buy', type: 'market' });
  await v.settle(done(id('market')));
  const marketFills = kindsOf(id('market'));

  const trigger = v.round((await v.price()) * 1.02);
  submit(id('stop'), { side: 'sell', type: 'stop-market', triggerPrice: trigger, reduceOnly: true, reason: 'Stop Loss' });
  await v.settle(done(id('stop')));
  const stopTriggers = kindsOf(id('stop'));

  submit(id('alo'), { side: 'buy', type: 'limit', price: v.round((await v.price()) * 1.02), tif: 'ALO' });
  await v.settle(done(id('alo')));
  const postOnly = kindsOf(id('alo'));

  submit(id('reduce'), { side: 'sell', type: 'market', reduceOnly: true });
  await v.settle(done(id('reduce')));
  const reduceOnly = kindsOf(id('reduce'));

  v.port.cancel(v.symbol, id('never-sent'));
  await v.quiesce();
  const unknownCancel = kindsOf(id('never-sent'));

  for (const c of [id('market'), id('stop')]) {
    const fills = of(c).filter((r) => r.type === 'order.filled');
    const last = fills[fills.length - 1];
    if (last !== undefined && last.remaining !== undefined && last.remaining !== 0) problems.push(`${c}: last fill leaves ${last.remaining}`);
    const qty = fills.reduce((s, f) => s + f.qty, 0);
    if (fills.length > 0 && Math.abs(qty - v.qty) > v.qty * 1e-9) problems.push(`${c}: filled ${qty} of ${v.qty}`);
  }
  return {
    kinds: {
      'limit rests': limitRests,
      cancel,
      'market fills': marketFills,
      'stop triggers': stopTriggers,
      'post-only crossing': postOnly,
      'reduce-only on flat': reduceOnly,
      'cancel of an unknown client id': unknownCancel,
    },
    problems,
  };
}

/** Consecutive fills as one (a venue may fill one order in several pieces). */
export function collapseFills<T extends string>(kinds: readonly T[]): T[] {
  const out: T[] = [];
  for (const k of kinds) if (!(k === 'order.filled' && out[out.length - 1] === k)) out.push(k);
  return out;
}
