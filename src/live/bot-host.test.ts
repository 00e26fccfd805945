import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../core/manual-clock.js';
import type { ExecutionReportSink } from '../core/execution.js';
import { fixedFromString } from '../core/fixed.js';
import { makeInstrument } from '../core/instrument.js';
import type { OrderRequest } from '../core/orders.js';
import { createRng } from '../core/rng.js';
import type { ExecutionPort } from '../engine/execution-port.js';
import { Kernel } from '../engine/kernel.js';
import { Ledger } from '../ledger/ledger.js';
import { tradeEvent } from '../market/market-events.js';
import type { Strategy } from '../strategy/strategy.js';
import { BotHost, type BotInput } from './bot-host.js';

const SEC = 1000;

/** Commands the kernel sent, as text; no answers (a venue that never replies). */
class CommandLog implements ExecutionPort {
  readonly lines: string[] = [];
  submit(clientId: string, req: OrderRequest): void {
    this.lines.push(`submit ${clientId} ${req.side} ${req.qty} ${req.type}`);
  }
  cancel(symbol: string, clientId: string): void {
    this.lines.push(`cancel ${symbol} ${clientId}`);
  }
  setLeverage(): string | undefined {
    return undefined;
  }
}

interface Rig {
  host: BotHost;
  seen: string[];
  commands: CommandLog;
  recorded: BotInput[];
}

/** A strategy that logs what it sees and buys 1 lot on each bar whose close is above its open. */
function rig(symbols: readonly string[]): Rig {
  const seen: string[] = [];
  const strategy: Strategy = {
    onBar(bar, ctx) {
      seen.push(`${ctx.now()} ${bar.symbol} #${bar.index} t=${bar.time} o=${bar.open} h=${bar.high} l=${bar.low} c=${bar.close} v=${bar.volume}`);
      if (bar.close > bar.open) ctx.submit({ symbol: bar.symbol, side: 'buy', qty: 0.001, type: 'market' });
    },
    onEntries() {},
  };
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromString('10000'));
  const commands = new CommandLog();
  const instruments = symbols.map((symbol) => makeInstrument({ symbol, priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 0.001 }));
  const kernel = new Kernel('bot-1', strategy, new ManualClock(0), ledger, instruments, (_sink: ExecutionReportSink) => commands);
  const recorded: BotInput[] = [];
  const host = new BotHost(kernel, { botId: 'bot-1', symbols, intervalMs: SEC, graceMs: 250 }, (i) => recorded.push(i));
  host.start();
  return { host, seen, commands, recorded };
}

const trade = (symbol: string, seq: number, ts: number, price: number, size = 1) => tradeEvent(symbol, 'test', seq, ts, ts, { price, size, side: 'buy', tradeId: String(seq) });

test('bars close together for every symbol once a later bucket starts, with the OHLCV of their trades', () => {
  const r = rig(['BTC', 'ETH']);
  r.host.market(100, trade('BTC', 1, 100, 10));
  r.host.market(200, trade('ETH', 2, 200, 50));
  r.host.market(300, trade('BTC', 3, 300, 12, 2));
  r.host.market(900, trade('BTC', 4, 900, 9));
  assert.deepEqual(r.seen, []);
  // A BTC trade of the next second closes the first second for both symbols, in one step.
  r.host.market(1010, trade('BTC', 5, 1010, 11));
  assert.deepEqual(r.seen, ['1010 BTC #0 t=0 o=10 h=12 l=9 c=9 v=4', '1010 ETH #0 t=0 o=50 h=50 l=50 c=50 v=1']);
  assert.deepEqual(r.commands.lines, []);
});

test('a quiet market still closes its bar on a clock tick past the end plus grace, and never before', () => {
  const r = rig(['BTC']);
  r.host.market(100, trade('BTC', 1, 100, 10));
  r.host.market(400, trade('BTC', 2, 400, 11));
  r.host.tick(1200);
  assert.deepEqual(r.seen, []);
  r.host.tick(1250);
  assert.deepEqual(r.seen, ['1250 BTC #0 t=0 o=10 h=11 l=10 c=11 v=2']);
  assert.equal(r.commands.lines.length, 1);
  assert.match(r.commands.lines[0], /^submit bot-1:BTC:buy:1250:\d+ buy 0.001 market$/);
  // A trade stamped inside the closed second arrives late: counted, ignored, the bar is not reopened.
  r.host.market(1300, trade('BTC', 3, 900, 99));
  assert.equal(r.host.lateTrades(), 1);
  r.host.tick(5000);
  assert.equal(r.seen.length, 1);
});

test('time never goes back, and nothing is accepted before start', () => {
  const r = rig(['BTC']);
  r.host.tick(1000);
  assert.throws(() => r.host.tick(999), /input at 999 after 1000/);
  const ledger = new Ledger();
  const kernel = new Kernel('x', {}, new ManualClock(0), ledger, [makeInstrument({ symbol: 'BTC' })], () => new CommandLog());
  const idle = new BotHost(kernel, { botId: 'x', symbols: ['BTC'], intervalMs: SEC });
  assert.throws(() => idle.tick(1), /not started/);
});

test('the recorded inputs, replayed into a fresh bot, give the same bars and the same commands', () => {
  const rng = createRng(7);
  const live = rig(['BTC', 'ETH', 'SOL']);
  let t = 0;
  let seq = 0;
  let price = 100;
  for (let i = 0; i < 3000; i++) {
    t += Math.floor(rng.next() * 40);
    const u = rng.next();
    if (u < 0.05) live.host.tick(t);
    else {
      price = Math.max(1, price + (rng.next() - 0.5));
      const symbol = u < 0.5 ? 'BTC' : u < 0.8 ? 'ETH' : 'SOL';
      // Venue time trails our time by up to 300 ms, so some trades arrive late.
      live.host.market(t, trade(symbol, ++seq, Math.max(0, t - Math.floor(rng.next() * 300)), Math.round(price * 100) / 100));
    }
  }
  assert.ok(live.seen.length > 100 && live.commands.lines.length > 10, `${live.seen.length} bars, ${live.commands.lines.length} commands`);
  const replay = rig(['BTC', 'ETH', 'SOL']);
  for (const input of live.recorded) replay.host.input(input);
  assert.deepEqual(replay.seen, live.seen);
  assert.deepEqual(replay.commands.lines, live.commands.lines);
});

test('a refusal reported at once from inside the command is recorded and handled after the input, not inside its step', () => {
  const seen: string[] = [];
  const ref: { host?: BotHost } = {};
  let now = 0;
  const strategy: Strategy = {
    onBar(bar, ctx) {
      seen.push(`bar ${bar.symbol} ${ctx.now()}`);
      ctx.submit({ symbol: bar.symbol, side: 'buy', qty: 0.001, type: 'market' });
      seen.push('submitted');
    },
    onOrderRejected(r) {
      seen.push(`rejected ${r.reason}`);
    },
  };
  const port: ExecutionPort = {
    submit: (clientId, req) => (ref.host as BotHost).report(now, { type: 'order.rejected', clientId, symbol: req.symbol, reason: 'risk: kill level halt_all', ts: now }),
    cancel() {},
    setLeverage: () => undefined,
  };
  const ledger = new Ledger();
  ledger.deposit(0, fixedFromString('1000'));
  const kernel = new Kernel('b', strategy, new ManualClock(0), ledger, [makeInstrument({ symbol: 'BTC', lotSize: 0.001 })], () => port);
  const recorded: BotInput[] = [];
  const host = (ref.host = new BotHost(kernel, { botId: 'b', symbols: ['BTC'], intervalMs: SEC }, (i) => recorded.push(i)));
  host.start();
  host.market(10, trade('BTC', 1, 10, 100));
  now = 1300;
  host.tick(1300);
  assert.deepEqual(seen, ['bar BTC 1300', 'submitted', 'rejected risk: kill level halt_all']);
  assert.deepEqual(recorded.map((i) => i.kind), ['market', 'tick', 'report']);
});
