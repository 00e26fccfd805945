// The trades fast reader: on every frame it accepts, exactly the full parser's trades; every frame the full parser refuses, it refuses too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../core/manual-clock.js';
import type { Side } from '../../../core/orders.js';
import { createRng } from '../../../core/rng.js';
import { HlStamp } from './context.js';
import { randomTradesFrame } from '../../../testkit/venues/hyperliquid/random-frames.js';
import { TradeFrameRows } from './trade-frame-rows.js';
import { HlWsParser } from './ws-frame.js';

type Row = [string, number, number, Side, number, number];

class Rows {
  readonly rows: Row[] = [];
  push(symbol: string, time: number, id: number, side: Side, price: number, qty: number): void {
    this.rows.push([symbol, time, id, side, price, qty]);
  }
}

/** The full parser's trades as rows, or undefined when it refuses the frame or it is not a trades frame. */
function full(p: HlWsParser, frame: Buffer): Row[] | undefined {
  try {
    const m = p.parse(frame);
    return m.channel === 'trades' ? m.events.map((e): Row => [e.symbol, e.tsEvent, Number(e.data.tradeId), e.data.side, e.data.price, e.data.size]) : undefined;
  } catch {
    return undefined;
  }
}

const parser = (): HlWsParser => new HlWsParser(new HlStamp(new ManualClock(0)));

test("the venue's layout is read in full: trades, their coin (one string for a run) and an empty frame", () => {
  const r = new TradeFrameRows();
  const rows = new Rows();
  const f = (coin: string, tid: number) => `{"coin":"${coin}","side":"A","px":"106296.0","sz":"0.00017","time":1751430933565,"hash":"0xde93","tid":${tid},"users":["0xcc","0x1d"]}`;
  assert.equal(r.read(Buffer.from(`{"channel":"trades","data":[${f('BTC', 1)},${f('BTC', 2)}]}`), rows), 2);
  assert.equal(r.symbol, 'BTC');
  assert.equal(rows.rows[0][0], rows.rows[1][0]);
  assert.deepEqual(rows.rows, [
    ['BTC', 1751430933565, 1, 'sell', 106296, 0.00017],
    ['BTC', 1751430933565, 2, 'sell', 106296, 0.00017],
  ]);
  assert.equal(r.read(Buffer.from('{"channel":"trades","data":[]}'), rows), 0);
  assert.equal(r.symbol, undefined);
  // The order_book_server form (`user`, no `users`) is the same layout up to the tail.
  assert.equal(r.read(Buffer.from(`{"channel":"trades","data":[${f('@107', 3).replace('"users":["0xcc","0x1d"]', '"user":"0xcc"')}]}`), rows), 1);
  assert.equal(r.symbol, '@107');
});

test('fast reader ≡ full parser on 4000 random trades frames (noisy ones are left to the full parser)', () => {
  const rng = createRng(21);
  const r = new TradeFrameRows();
  const p = parser();
  let fast = 0;
  for (let i = 0; i < 4000; i++) {
    const raw = Buffer.from(randomTradesFrame(rng, { noisy: i % 4 === 0 }));
    const rows = new Rows();
    const n = r.read(raw, rows);
    const ref = full(p, raw);
    assert.ok(ref !== undefined, raw.toString());
    if (n < 0) continue;
    fast++;
    assert.equal(n, ref.length);
    assert.deepEqual(rows.rows, ref, raw.toString());
    assert.equal(r.symbol, ref[0]?.[0]);
  }
  assert.ok(fast >= 2900, `the plain frames take the fast path (${fast} of 4000)`);
});

test('a corrupted or unusual frame is never read differently from the full parser: refused, or the same trades', () => {
  const rng = createRng(22);
  const r = new TradeFrameRows();
  const p = parser();
  let refused = 0;
  const edits: ((b: Buffer) => Buffer)[] = [
    (b) => { const at = rng.int(0, b.length - 1); return Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]); },
    (b) => b.subarray(0, rng.int(0, b.length - 1)),
    (b) => { const c = Buffer.from(b); c[rng.int(0, c.length - 1)] = rng.int(0x20, 0x7e); return c; },
  ];
  const variants = [
    (s: string) => s.replace('"px":"', '"px":"1'.repeat(1) + '0'.repeat(400) + '1'),
    (s: string) => s.replace('"tid":', '"tid":5,"tid":'),
    (s: string) => s.replace('"time":', '"px":"2","time":'),
    (s: string) => s.replace('"coin":"', '"coin":"\\u00e9'),
    (s: string) => s.replace('"side":"A"', '"side":"a"').replace('"side":"B"', '"side":"b"'),
    (s: string) => s.replace('}]}', '}],"x":1}'),
    (s: string) => s.replace('"sz":"', '"sz":"-'),
  ];
  for (let i = 0; i < 6000; i++) {
    let raw: Buffer = Buffer.from(randomTradesFrame(rng, { levels: rng.int(1, 3) }));
    raw = i % 3 === 0 ? Buffer.from(variants[rng.int(0, variants.length - 1)](raw.toString())) : edits[rng.int(0, edits.length - 1)](raw);
    const rows = new Rows();
    const n = r.read(raw, rows);
    const ref = full(p, raw);
    if (n < 0) {
      refused++;
      continue;
    }
    assert.deepEqual(rows.rows, ref, raw.toString());
  }
  assert.ok(refused > 3000, `${refused}`);
});

test('every byte of the hash and addresses is checked: wherever a control byte, quote or backslash sits, the frame is read as the full parser reads it', () => {
  const r = new TradeFrameRows();
  const p = parser();
  const hash = '0xde93a8a0729ade63d8840417805ba9010b008818422ddedb1285744426b73503';
  const users = ['0xcc0a3b6e3267c84361e91d8230868eea53431e4b', '0x1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d'];
  const text = `{"channel":"trades","data":[{"coin":"BTC","side":"B","px":"106296.0","sz":"0.00017","time":1751430933565,"hash":"${hash}","tid":293353986402527,"users":["${users[0]}","${users[1]}"]}]}`;
  const good = Buffer.from(text);
  const spans = [hash, ...users].map((s) => [text.indexOf(s), s.length]);
  let accepted = 0;
  for (const [start, length] of spans) {
    for (let at = start; at < start + length; at++) {
      for (const byte of [0x00, 0x09, 0x1f, 0x20, 0x22, 0x5c, 0x7f, 0x80, 0xff]) {
        const raw = Buffer.from(good);
        raw[at] = byte;
        const rows = new Rows();
        const n = r.read(raw, rows);
        const ref = full(p, raw);
        const what = `byte 0x${byte.toString(16)} at ${at}`;
        if (ref === undefined) assert.equal(n, -1, what);
        else if (n >= 0) assert.deepEqual(rows.rows, ref, what);
        if (byte < 0x20 || byte === 0x22) assert.equal(ref, undefined, `the full parser refuses ${what}`);
        // A backslash may make a valid escape (\b, \f from the hex): then both read the same trade.
        if (n >= 0 && byte !== 0x5c) accepted++;
      }
    }
  }
  assert.equal(accepted, 4 * (hash.length + 2 * users[0].length), 'a plain byte anywhere in them leaves the frame on the fast path');
});
