// trades parsing: the recorded trade frame, scanner ≡ JSON.parse on random frames, aggressor sides, malformed trades named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../core/manual-clock.js';
import { BadInputError } from '../../../core/errors.js';
import { createRng } from '../../../core/rng.js';
import type { TradeEvent } from '../../../market/market-events.js';
import { TradeFlow } from '../../../market/trade-flow.js';
import { HlStamp } from './context.js';
import { randomTradesFrame } from '../../../testkit/venues/hyperliquid/random-frames.js';
import { HL_FIXTURES_MISSING, hlFixtureDir, transcribedFrame } from '../../../testkit/venues/hyperliquid/test-fixtures.js';
import { parseTrades, type HlRawTrade } from './trades.js';
import { HlWsParser } from './ws-frame.js';

const HAVE = hlFixtureDir() !== undefined;
const parser = (): HlWsParser => new HlWsParser(new HlStamp(new ManualClock(9)));

function wsTrades(p: HlWsParser, raw: string | Buffer): readonly TradeEvent[] {
  const m = p.parse(typeof raw === 'string' ? Buffer.from(raw) : raw);
  if (m.channel !== 'trades') throw new Error(`expected trades, got ${m.channel}`);
  return m.events;
}

function asRaw(e: TradeEvent): HlRawTrade {
  return { coin: e.symbol, side: e.data.side, price: e.data.price, size: e.data.size, time: e.tsEvent, tid: Number(e.data.tradeId) };
}

test('recorded trade frame (order_book_server shape, `user` instead of `users`): one sell aggressor trade', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const f = transcribedFrame('obs-trades-btc-node-server-format');
  const [e, ...rest] = wsTrades(parser(), f.raw);
  assert.equal(rest.length, 0);
  assert.equal(e.type, 'market.trade');
  assert.equal(e.symbol, 'BTC');
  assert.equal(e.tsEvent, 1751430933565);
  assert.equal(e.tsInit, 9);
  assert.equal(e.seq, 1);
  assert.deepEqual(e.data, { price: 106296, size: 0.00017, side: 'sell', tradeId: '293353986402527' });
  assert.deepEqual(parseTrades((f.parsed as { data: unknown }).data, 'x').map((x) => ({ ...x })), [asRaw(e)]);
});

test('trade events feed trade flow: B is a buy aggressor, A a sell', () => {
  const p = parser();
  const raw = '{"channel":"trades","data":[{"coin":"ETH","side":"B","px":"2000.5","sz":"2","time":10,"tid":1,"hash":"0x1","users":["0xa","0xb"]},{"coin":"ETH","side":"A","px":"2000.4","sz":"0.5","time":11,"tid":2,"hash":"0x2","users":["0xa","0xb"]}]}';
  const ev = wsTrades(p, raw);
  assert.deepEqual(ev.map((e) => [e.data.side, e.seq]), [['buy', 1], ['sell', 2]]);
  const flow = new TradeFlow();
  for (const e of ev) flow.onTrade(e.tsEvent, e.data.price, e.data.size, e.data.side);
  assert.equal(flow.cvd(), 1.5);
  assert.equal(wsTrades(p, '{"channel":"trades","data":[]}').length, 0);
});

test('trades scanner ≡ JSON.parse reference on 3000 random frames', () => {
  const rng = createRng(11);
  const p = parser();
  for (let i = 0; i < 3000; i++) {
    const raw = randomTradesFrame(rng, { noisy: i % 2 === 0 });
    const ref = parseTrades((JSON.parse(raw) as { data: unknown }).data, 'ref');
    assert.deepEqual(wsTrades(p, raw).map(asRaw), ref, raw);
  }
});

test('trades scanner and JSON.parse agree on 2000 corrupted frames', () => {
  const rng = createRng(12);
  const p = parser();
  let rejected = 0;
  for (let i = 0; i < 2000; i++) {
    const buf = Buffer.from(randomTradesFrame(rng, { levels: 2 }));
    const at = rng.int(0, buf.length - 1);
    const bad = i % 2 === 0 ? Buffer.concat([buf.subarray(0, at), buf.subarray(at + 1)]) : buf.subarray(0, at);
    let ref: HlRawTrade[] | undefined;
    try {
      const j = JSON.parse(bad.toString()) as { channel?: unknown; data?: unknown };
      if (j.channel === 'trades') ref = parseTrades(j.data, 'ref');
    } catch {
      ref = undefined;
    }
    let got: HlRawTrade[] | undefined;
    try {
      const m = p.parse(bad);
      got = m.channel === 'trades' ? m.events.map(asRaw) : undefined;
    } catch (e) {
      assert.ok(e instanceof BadInputError && e.message.startsWith('hyperliquid ws'), String(e));
    }
    assert.deepEqual(got, ref, bad.toString());
    if (got === undefined) rejected++;
  }
  assert.ok(rejected > 1000, `${rejected}`);
});

test('malformed trades name the channel, the trade and the field', () => {
  const p = parser();
  const ok = '{"channel":"trades","data":[{"coin":"BTC","side":"B","px":"100","sz":"1","time":5,"tid":7}]}';
  const cases: [string, string][] = [
    [ok.replace('"side":"B"', '"side":"X"'), 'hyperliquid ws trades: [0].side: expected "B" or "A", got "X"'],
    [ok.replace('"px":"100"', '"px":null'), 'hyperliquid ws trades: [0].px: expected a positive decimal string, got null'],
    [ok.replace('"sz":"1"', '"sz":"1.5.1"'), 'hyperliquid ws trades: [0].sz: expected a positive decimal string, got "1.5.1"'],
    [ok.replace('"time":5,', ''), 'hyperliquid ws trades: [0].time: missing (expected a non-negative integer)'],
    [ok.replace('"tid":7', '"tid":1e400'), 'hyperliquid ws trades: [0].tid: expected a non-negative integer, got 1e400'],
    [ok.replace('[{', '[1,{'), 'hyperliquid ws trades: [0]: expected an object, got 1'],
  ];
  for (const [raw, msg] of cases) {
    assert.throws(() => p.parse(Buffer.from(raw)), (e: unknown) => e instanceof BadInputError && e.message === msg, `${raw} → ${msg}`);
  }
  assert.throws(() => p.parse(Buffer.from('{"channel":"trades"}')), /hyperliquid ws trades: data: missing/);
});
