// Trade blocks: exact round trip of every column (compressed or raw), and a damaged block refused with its place named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { decodeTradeBlock, encodeTradeBlock, type TradeBlockColumns } from './trade-block.js';

function columns(n: number, seed: number): TradeBlockColumns {
  const rng = createRng(seed);
  const c = { n, time: new Float64Array(n), id: new Float64Array(n), price: new Float64Array(n), qty: new Float64Array(n), buy: new Uint8Array(n) };
  let t = 1_751_427_260_000;
  for (let i = 0; i < n; i++) {
    c.time[i] = t += rng.int(0, 40);
    c.id[i] = 293_353_986_402_527 + rng.int(0, 1e9);
    c.price[i] = (10_620_000 + rng.int(0, 2000)) / 100;
    c.qty[i] = rng.int(1, 100_000) / 100_000;
    c.buy[i] = rng.next() < 0.5 ? 1 : 0;
  }
  return c;
}

const plain = (c: TradeBlockColumns) => ({ n: c.n, time: [...c.time], id: [...c.id], price: [...c.price], qty: [...c.qty], buy: [...c.buy] });

test('a run of trades is compressed to well under its 33 bytes a trade and comes back exactly', () => {
  const c = columns(3000, 1);
  const e = encodeTradeBlock(c);
  assert.equal(e.codec, 'zstd');
  assert.ok(e.payload.length < 3000 * 20, `${e.payload.length} bytes for 3000 trades`);
  assert.deepEqual(plain(decodeTradeBlock(3000, e.codec, e.payload, 'test')), plain(c));
});

test('odd values survive: −0, subnormals, the largest safe id; one trade and none are blocks too', () => {
  const c = { n: 3, time: new Float64Array([-0, 5e-324, 8.64e15]), id: new Float64Array([0, Number.MAX_SAFE_INTEGER, 1]), price: new Float64Array([1e-12, 1e300, 0.1 + 0.2]), qty: new Float64Array([3, 2, 1]), buy: new Uint8Array([1, 0, 1]) };
  const e = encodeTradeBlock(c);
  const back = decodeTradeBlock(3, e.codec, e.payload, 'test');
  assert.ok(Object.is(back.time[0], -0));
  assert.deepEqual(plain(back), plain(c));
  const one = columns(1, 2);
  const e1 = encodeTradeBlock(one);
  assert.equal(e1.codec, 'raw', 'a single trade does not shrink');
  assert.deepEqual(plain(decodeTradeBlock(1, e1.codec, e1.payload, 'test')), plain(one));
  const none = columns(0, 3);
  const e0 = encodeTradeBlock(none);
  assert.deepEqual(plain(decodeTradeBlock(0, e0.codec, e0.payload, 'test')), plain(none));
});

test('a block whose size does not match its trade count, or an unknown codec, is refused naming the block', () => {
  const e = encodeTradeBlock(columns(100, 4));
  assert.throws(
    () => decodeTradeBlock(101, e.codec, e.payload, 'trades hyperliquid BTC block 7'),
    (x: unknown) => x instanceof InvariantError && x.message === 'trades hyperliquid BTC block 7: 3300 bytes are not float64 planes and 101 bytes',
  );
  assert.throws(() => decodeTradeBlock(92, e.codec, e.payload, 'block 7'), /block 7: 401 values do not hold 92 trades of 4 columns/);
  assert.throws(() => decodeTradeBlock(100, 'lz4', e.payload, 'block 7'), /block 7: unknown codec "lz4"/);
});
