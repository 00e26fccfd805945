// Test wiring of a supervisor to a local venue: a tiny l2Book/trades handler, an OrderBook, and REST repairs through the gateway.
import { BadInputError } from '../../../core/errors.js';
import { createRng } from '../../../core/rng.js';
import { OrderBook } from '../../../market/order-book.js';
import { type HealthEvent, HttpTransport, RestGateway, restRepair, WsSupervisor, type WsSupervisorSettings } from '../../../venues/hyperliquid/transport/index.js';
import { ManualClock } from '../../../core/manual-clock.js';
import { LocalHttpServer } from './local-http-server.js';
import { LocalWsServer } from './local-ws-server.js';

export interface WireLevel {
  px: string;
  sz: string;
  n: number;
}

export interface WireBook {
  coin: string;
  time: number;
  levels: [WireLevel[], WireLevel[]];
}

/** A book around `mid` with `depth` levels a side, 1 apart. */
export function wireBook(coin: string, time: number, mid: number, depth = 3): WireBook {
  const side = (sign: number): WireLevel[] => Array.from({ length: depth }, (_, i) => ({ px: String(mid + sign * (i + 1)), sz: String(1 + i), n: 1 }));
  return { coin, time, levels: [side(-1), side(1)] };
}

export function bookFrame(b: WireBook): unknown {
  return { channel: 'l2Book', data: b };
}

export function tradesFrame(coin: string, time: number, tid: number): unknown {
  return { channel: 'trades', data: [{ coin, side: 'B', px: '100', sz: '1', hash: '0x0', time, tid, users: ['0x1', '0x2'] }] };
}

/** A test-local stand-in for the parser engineer's handler: parses once, applies snapshots no older than the book. */
export class BookKeeper {
  readonly book = new OrderBook('BTC');
  time = -Infinity;
  readonly tids = new Set<number>();
  snapshotsApplied = 0;

  apply(b: unknown, where: string): void {
    const x = b as WireBook;
    if (x === null || typeof x !== 'object' || typeof x.time !== 'number' || !Array.isArray(x.levels) || x.levels.length !== 2) {
      throw new BadInputError(where, `not an l2Book: ${JSON.stringify(b).slice(0, 80)}`);
    }
    if (x.time < this.time) return; // never go back to an older snapshot
    const flat = (side: WireLevel[]): number[] => side.flatMap((l) => [Number(l.px), Number(l.sz)]);
    this.book.applySnapshot(flat(x.levels[0]), flat(x.levels[1]));
    this.time = x.time;
    this.snapshotsApplied++;
  }

  readonly handler = (channel: string, frame: Buffer): void => {
    const msg = JSON.parse(frame.toString('utf8')) as { data: unknown };
    if (channel === 'l2Book') this.apply(msg.data, 'ws l2Book');
    else if (channel === 'trades') for (const t of msg.data as { tid: number }[]) this.tids.add(t.tid);
  };
}

export interface Rig {
  readonly ws: LocalWsServer;
  readonly http: LocalHttpServer;
  readonly clock: ManualClock;
  readonly keeper: BookKeeper;
  readonly events: HealthEvent[];
  readonly sup: WsSupervisor;
  readonly gw: RestGateway;
  /** What the REST l2Book answers. */
  restBook: WireBook;
  /** Events of a type, optionally for one stream. */
  of(type: HealthEvent['type'], stream?: string): HealthEvent[];
}

export async function withRig(run: (r: Rig) => Promise<void>, config: WsSupervisorSettings = {}): Promise<void> {
  const ws = await LocalWsServer.start();
  const clock = new ManualClock(1_000_000);
  const state = { restBook: wireBook('BTC', 0, 100), recent: [] as unknown[] };
  const http = await LocalHttpServer.start((r) => {
    const body = r.body as { type: string };
    if (body.type === 'l2Book') return { json: state.restBook };
    if (body.type === 'recentTrades') return { json: state.recent };
    return { status: 422, text: 'unknown type' };
  });
  const keeper = new BookKeeper();
  const events: HealthEvent[] = [];
  const gw = new RestGateway({ rest: new HttpTransport({ httpUrl: http.url, scheduler: clock }), scheduler: clock, rng: createRng(5) });
  const repair = restRepair(gw, {
    book: (_coin, answer) => {
      keeper.apply(answer, 'rest l2Book');
      return (answer as WireBook).time;
    },
    trades: (_coin, answer) => {
      for (const t of answer as { tid: number }[]) keeper.tids.add(t.tid);
      return undefined;
    },
  });
  const sup = new WsSupervisor({ url: ws.url, scheduler: clock, rng: createRng(9), handler: keeper.handler, onEvent: (e) => events.push(e), repair, config });
  const rig: Rig = {
    ws,
    http,
    clock,
    keeper,
    events,
    sup,
    gw,
    get restBook() {
      return state.restBook;
    },
    set restBook(b: WireBook) {
      state.restBook = b;
    },
    of: (type, stream) => events.filter((e) => e.type === type && (stream === undefined || (e.data as { stream?: string }).stream === stream)),
  };
  try {
    await run(rig);
  } finally {
    await sup.close();
    await ws.close();
    await http.close();
  }
}
