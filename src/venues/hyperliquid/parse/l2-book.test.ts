// l2Book parsing: recorded books (REST and WS) through both paths, scanner ≡ JSON.parse on random frames, malformed frames named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../../core/errors.js';
import { ManualClock } from '../../../core/manual-clock.js';
import { createRng } from '../../../core/rng.js';
import { OrderBook } from '../../../market/order-book.js';
import { HlStamp } from './context.js';
import { parseL2Book, parseL2BookResponse, type HlRawBook } from './l2-book.js';
import { randomL2BookFrame } from '../../../testkit/venues/hyperliquid/random-frames.js';
import { HL_FIXTURES_MISSING, cassetteBody, fixtureJson, hlFixtureDir, transcribedFrame } from '../../../testkit/venues/hyperliquid/test-fixtures.js';
import { HlWsParser } from './ws-frame.js';

const HAVE = hlFixtureDir() !== undefined;
const parser = (t0 = 5_000): HlWsParser => new HlWsParser(new HlStamp(new ManualClock(t0)));

function wsBook(p: HlWsParser, raw: string | Buffer): HlRawBook & { seq: number; tsInit: number } {
  const m = p.parse(typeof raw === 'string' ? Buffer.from(raw) : raw);
  assert.equal(m.channel, 'l2Book');
  if (m.channel !== 'l2Book') throw new Error('unreachable');
  const e = m.event;
  return { coin: e.symbol, time: e.tsEvent, bids: e.data.bids, asks: e.data.asks, seq: e.seq, tsInit: e.tsInit };
}

function sameBook(a: HlRawBook, b: HlRawBook, msg?: string): void {
  assert.equal(a.coin, b.coin, msg);
  assert.equal(a.time, b.time, msg);
  assert.deepEqual([...a.bids], [...b.bids], msg);
  assert.deepEqual([...a.asks], [...b.asks], msg);
  for (let i = 0; i < a.bids.length; i++) assert.ok(Object.is(a.bids[i], b.bids[i]), msg);
  for (let i = 0; i < a.asks.length; i++) assert.ok(Object.is(a.asks[i], b.asks[i]), msg);
}

test('recorded BTC l2Book frame (20 levels a side): scanner = JSON path, values as in the raw JSON', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const f = transcribedFrame('obs-l2book-btc-20-levels');
  const b = wsBook(parser(), f.raw);
  const raw = (f.parsed as { data: { coin: string; time: number; levels: { px: string; sz: string }[][] } }).data;
  assert.equal(b.coin, 'BTC');
  assert.equal(b.time, 1751427259657);
  assert.equal(b.bids.length, 40);
  assert.equal(b.asks.length, 40);
  raw.levels[0].forEach((l, i) => {
    assert.equal(b.bids[2 * i], Number(l.px));
    assert.equal(b.bids[2 * i + 1], Number(l.sz));
  });
  raw.levels[1].forEach((l, i) => {
    assert.equal(b.asks[2 * i], Number(l.px));
    assert.equal(b.asks[2 * i + 1], Number(l.sz));
  });
  assert.equal(b.bids[0], 106217);
  assert.equal(b.asks[0], 106233);
  assert.equal(b.asks[2], 106258);
  sameBook(b, parseL2Book(raw, 'x'));
  // Applied to the order book: best levels and depth as sent.
  const book = new OrderBook('BTC');
  book.applySnapshot(b.bids, b.asks);
  assert.equal(book.bestBid(), 106217);
  assert.equal(book.bestAsk(), 106233);
  assert.equal(book.bids.length, 20);
  assert.equal(book.integrity(), undefined);
});

test('recorded REST l2Book bodies (python-sdk DYDX, nautilus BTC without n) parse with the same values', (t) => {
  if (!HAVE) return t.skip(HL_FIXTURES_MISSING);
  const dydx = parseL2BookResponse(cassetteBody('test_get_l2_snapshot.json', 'l2Book'));
  assert.ok(dydx);
  assert.equal(dydx.coin, 'DYDX');
  assert.equal(dydx.time, 1689630203930);
  assert.equal(dydx.bids.length / 2, 20);
  assert.equal(dydx.asks.length / 2, 20);
  assert.deepEqual([dydx.bids[0], dydx.bids[1]], [2.111, 134.4]);
  assert.deepEqual([dydx.bids[38], dydx.bids[39]], [1.81, 2397]);
  assert.deepEqual([dydx.asks[0], dydx.asks[1]], [2.1124, 352.3]);
  const btc = parseL2BookResponse(fixtureJson('nautilus-trader/http_l2_book_btc.json'));
  assert.ok(btc);
  assert.equal(btc.coin, 'BTC');
  assert.equal(btc.time, 1761786491067);
  assert.deepEqual([...btc.bids.subarray(0, 4)], [110427, 4.11882, 110426, 0.31694]);
  assert.deepEqual([...btc.asks.subarray(0, 2)], [110428, 3.72573]);
  assert.equal(parseL2BookResponse(null), undefined);
  // The same bodies wrapped as WS frames go through the scanner to the same arrays.
  for (const body of [cassetteBody('test_get_l2_snapshot.json', 'l2Book'), fixtureJson('nautilus-trader/http_l2_book_btc.json')]) {
    sameBook(wsBook(parser(), JSON.stringify({ channel: 'l2Book', data: body })), parseL2Book(body, 'x'));
  }
});

test('book events carry venue time, our clock and a seq per coin', () => {
  const clock = new ManualClock(1_000);
  const p = new HlWsParser(new HlStamp(clock));
  const frame = (coin: string): string => `{"channel":"l2Book","data":{"coin":"${coin}","time":77,"levels":[[{"px":"10","sz":"1","n":1}],[{"px":"11","sz":"2","n":1}]]}}`;
  const a = wsBook(p, frame('BTC'));
  clock.advanceTo(2_000);
  const b = wsBook(p, frame('BTC'));
  const c = wsBook(p, frame('ETH'));
  assert.deepEqual([a.seq, b.seq, c.seq], [1, 2, 1]);
  assert.deepEqual([a.tsInit, b.tsInit, a.time], [1_000, 2_000, 77]);
  const m = p.parse(Buffer.from(frame('BTC')));
  assert.ok(m.channel === 'l2Book' && m.event.type === 'market.book' && m.event.data.snapshot && m.event.source === 'hyperliquid');
  assert.ok(Object.isFrozen(m.channel === 'l2Book' ? m.event.data : undefined));
});

test('scanner ≡ JSON.parse reference on 3000 random valid frames (key order, whitespace, extra fields, long decimals)', () => {
  const rng = createRng(42);
  const p = parser();
  for (let i = 0; i < 3000; i++) {
    const raw = randomL2BookFrame(rng, { noisy: i % 2 === 0 });
    const ref = parseL2Book((JSON.parse(raw) as { data: unknown }).data, 'ref');
    sameBook(wsBook(p, raw), ref, raw);
  }
});

/** Both paths must reject together (a frame that is not JSON is ignored text, not a book), or accept with equal books. */
function agree(p: HlWsParser, raw: Buffer): 'accepted' | 'rejected' {
  let ref: HlRawBook | Error;
  try {
    const j = JSON.parse(raw.toString('utf8')) as { channel?: unknown; data?: unknown };
    ref = j.channel === 'l2Book' ? parseL2Book(j.data, 'ref') : new Error('another channel');
  } catch (e) {
    ref = e as Error;
  }
  let got: HlRawBook | Error;
  try {
    const m = p.parse(raw);
    got = m.channel === 'l2Book' ? { coin: m.event.symbol, time: m.event.tsEvent, bids: m.event.data.bids, asks: m.event.data.asks } : new Error(`channel ${m.channel}`);
  } catch (e) {
    got = e as Error;
    assert.ok(got instanceof BadInputError && got.message.startsWith('hyperliquid ws'), String(got));
  }
  if (ref instanceof Error || got instanceof Error) {
    assert.ok(ref instanceof Error && got instanceof Error, `one path accepted: ${raw.toString('utf8')}\n${String(ref)}\n${String(got)}`);
    return 'rejected';
  }
  sameBook(got, ref, raw.toString('utf8'));
  return 'accepted';
}

test('scanner and JSON.parse agree on 3000 randomly corrupted frames (byte flips, deletions, truncation)', () => {
  const rng = createRng(7);
  const p = parser();
  const junk = [...'"{}[],:0-.e nulx\\'].map((c) => c.charCodeAt(0));
  let rejected = 0;
  for (let i = 0; i < 3000; i++) {
    const buf = Buffer.from(randomL2BookFrame(rng, { levels: 3, noisy: i % 3 === 0 }));
    const at = rng.int(0, buf.length - 1);
    const kind = rng.int(0, 2);
    const bad =
      kind === 0 ? Buffer.concat([buf.subarray(0, at), buf.subarray(at + 1)]) : kind === 1 ? Buffer.from(buf).fill(junk[rng.int(0, junk.length - 1)], at, at + 1) : buf.subarray(0, at);
    if (agree(p, bad) === 'rejected') rejected++;
  }
  assert.ok(rejected > 1500, `only ${rejected} of 3000 corrupted frames were rejected`);
});

test('malformed l2Book frames: errors name the channel and the field', () => {
  const p = parser();
  const ok = '{"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[{"px":"10","sz":"1","n":1},{"px":"9","sz":"1","n":1}],[{"px":"11","sz":"2","n":1}]]}}';
  const cases: [string, string][] = [
    [ok.replace('"px":"9"', '"px":null'), 'hyperliquid ws l2Book: levels[0][1].px: expected a positive decimal string, got null'],
    [ok.replace('"px":"9"', '"px":"NaN"'), 'hyperliquid ws l2Book: levels[0][1].px: expected a positive decimal string, got "NaN"'],
    [ok.replace('"px":"9"', '"px":9'), 'hyperliquid ws l2Book: levels[0][1].px: expected a positive decimal string, got 9'],
    [ok.replace('"px":"9"', '"px":"Infinity"'), 'hyperliquid ws l2Book: levels[0][1].px: expected a positive decimal string, got "Infinity"'],
    [ok.replace('"px":"9"', '"px":"1e3"'), 'hyperliquid ws l2Book: levels[0][1].px: expected a positive decimal string, got "1e3"'],
    [ok.replace('"px":"9"', '"px":"0"'), 'hyperliquid ws l2Book: levels[0][1].px: expected a positive decimal string, got "0"'],
    [ok.replace('"px":"9",', ''), 'hyperliquid ws l2Book: levels[0][1].px: missing (expected a positive decimal string)'],
    [ok.replace('"sz":"2"', '"sz":"-2"'), 'hyperliquid ws l2Book: levels[1][0].sz: expected a positive decimal string, got "-2"'],
    [ok.replace('"px":"9"', '"px":"12"'), 'hyperliquid ws l2Book: levels[0][1].px: expected a price below the previous bid 10, got "12"'],
    [ok.replace('"coin":"BTC",', ''), 'hyperliquid ws l2Book: coin: missing (expected a non-empty string)'],
    [ok.replace('"time":1', '"time":"soon"'), 'hyperliquid ws l2Book: time: expected a non-negative integer, got "soon"'],
    [ok.replace('"time":1', '"time":-1'), 'hyperliquid ws l2Book: time: expected a non-negative integer, got -1'],
    [ok.replace(',[{"px":"11","sz":"2","n":1}]]', ']'), 'hyperliquid ws l2Book: levels: expected [bids, asks], got [[{"px":"10","sz":"1","n":1},{"px":"9","sz":"1","n":1}]]'],
  ];
  for (const [raw, msg] of cases) {
    assert.throws(() => p.parse(Buffer.from(raw)), (e: unknown) => e instanceof BadInputError && e.message === msg, `${raw}\n→ ${msg}`);
    // The JSON reference path names the same field the same way.
    const data = (JSON.parse(raw) as { data: unknown }).data;
    assert.throws(() => parseL2Book(data, 'hyperliquid ws l2Book'), (e: unknown) => e instanceof BadInputError && e.message.split(': ')[1] === msg.split(': ')[1], raw);
  }
  // Truncated: names the field being read and says the frame ended.
  assert.throws(
    () => p.parse(Buffer.from(ok.slice(0, ok.indexOf('"sz":"1"') + 7))),
    (e: unknown) => e instanceof BadInputError && e.message.startsWith('hyperliquid ws l2Book: levels[0][0].sz: expected') && e.message.includes('truncated'),
  );
  assert.throws(() => p.parse(Buffer.from(ok + 'x')), (e: unknown) => e instanceof BadInputError && /^hyperliquid ws l2Book: frame: expected the end of the frame, got x$/.test(e.message));
  // A bad frame leaves the parser usable.
  assert.equal(wsBook(p, ok).bids[2], 9);
});
