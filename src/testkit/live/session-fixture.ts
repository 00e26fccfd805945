// A bot session as the daemon records it (sma-cross on BTC and ETH, trades → 1 s bars, a venue filling market orders one input later), written to a file.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutionReport } from '../../core/execution.js';
import { fixedFromString } from '../../core/fixed.js';
import { makeInstrument } from '../../core/instrument.js';
import { ManualClock } from '../../core/manual-clock.js';
import type { OrderRequest } from '../../core/orders.js';
import { createRng } from '../../core/rng.js';
import { Kernel } from '../../engine/kernel.js';
import { Ledger } from '../../ledger/ledger.js';
import { BotHost, type BotInput } from '../../live/bot-host.js';
import { recordCommands } from '../../live/command-recorder.js';
import { encodeSessionLine, type CommandLine, type SessionHeader } from '../../live/session-codec.js';
import { tradeEvent } from '../../market/market-events.js';
import { findBuiltinStrategy } from '../../strategy/registry.js';

const T0 = Date.UTC(2026, 11, 7);

/**
 * Runs sma-cross as the daemon would (trades → 1 s bars, a venue that fills market orders one input
 * later) and writes the session file: header, every input, every command.
 */
export interface SessionSink {
  header(h: SessionHeader): void;
  input(i: BotInput): void;
  command(c: CommandLine): void;
}

/** Writes the session to `dir/session.jsonl` and returns the path. */
export function recordSession(dir: string): string {
  const lines: string[] = [];
  driveSession({ header: (h) => lines.push(encodeSessionLine(h)), input: (i) => lines.push(encodeSessionLine(i)), command: (c) => lines.push(encodeSessionLine(c)) }, 4000);
  const path = join(dir, 'session.jsonl');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** Runs the bot over `trades` trades, handing the session to `sink` as it happens; `afterInput` runs after each trade's input. */
export function driveSession(sink: SessionSink, trades: number, afterInput: (i: number) => void = () => {}): void {
  const instruments = [makeInstrument({ symbol: 'BTC', priceRule: { kind: 'tick', tick: 0.1 }, lotSize: 0.001 }), makeInstrument({ symbol: 'ETH', priceRule: { kind: 'tick', tick: 0.01 }, lotSize: 0.01 })];
  const header: SessionHeader = { kind: 'session', format: 1, sessionId: 's1', botId: 'bot-1', strategy: 'sma-cross', symbols: ['BTC', 'ETH'], instruments, intervalMs: 1000, params: { fast: 2, slow: 5, size: 0.01, longOnly: false }, mode: 'paper', startedAt: T0, capital: '10000' };
  sink.header(header);
  const def = findBuiltinStrategy('sma-cross');
  assert.ok(def);
  const strategy = def.create({ fast: 2, slow: 5, size: 0.01, longOnly: false }, {});
  const ledger = new Ledger();
  ledger.deposit(T0, fixedFromString('10000'));
  const clock = new ManualClock(T0);
  const pending: { clientId: string; req: OrderRequest }[] = [];
  const kernel: Kernel = new Kernel('bot-1', strategy, clock, ledger, instruments, () =>
    recordCommands({ submit: (clientId, req) => void pending.push({ clientId, req }), cancel() {}, setLeverage: () => undefined }, (command) => sink.command({ kind: 'command', t: clock.now(), command }), () => clock.now()),
  );
  const host = new BotHost(kernel, { botId: 'bot-1', symbols: ['BTC', 'ETH'], intervalMs: 1000 }, (input) => sink.input(input));
  host.start();
  const rng = createRng(3);
  const px: Record<string, number> = { BTC: 50_000, ETH: 3_000 };
  let t = T0;
  let fills = 0;
  for (let i = 0; i < trades; i++) {
    t += 1 + Math.floor(rng.next() * 30);
    const symbol = rng.next() < 0.6 ? 'BTC' : 'ETH';
    px[symbol] = Math.round(px[symbol] * (1 + (rng.next() - 0.5) * 0.004) * 10) / 10;
    host.market(t, tradeEvent(symbol, 'sim', i, t, t, { price: px[symbol], size: 0.5, side: 'buy', tradeId: String(i) }));
    for (const o of pending.splice(0)) {
      const report: ExecutionReport = { type: 'order.filled', fillId: `f${++fills}`, orderId: `o${fills}`, clientId: o.clientId, symbol: o.req.symbol, side: o.req.side, qty: o.req.qty, price: px[o.req.symbol], fee: fixedFromString('0.01'), liquidity: 'taker', ts: t, reason: '' };
      host.report(t, report);
    }
    afterInput(i);
  }
}
