// Book blocks: snapshots of any depth (empty sides too) come back exactly, compressed well below their raw pairs; a damaged block is refused naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { BookSnapshotRow } from '../recording-port.js';
import { decodeBookBlock, encodeBookBlock } from './book-block.js';

function snapshots(n: number, seed: number): BookSnapshotRow[] {
  const rng = createRng(seed);
  const out: BookSnapshotRow[] = [];
  for (let i = 0; i < n; i++) {
    const side = (levels: number, dir: number): Float64Array => {
      const a = new Float64Array(2 * levels);
      for (let k = 0; k < levels; k++) {
        a[2 * k] = 106_230 + dir * (k + 1 + rng.int(0, 1));
        a[2 * k + 1] = rng.int(1, 200_000) / 100_000;
      }
      return a;
    };
    out.push({ symbol: 'BTC', time: 1_751_427_259_657 + 500 * i, tsInit: 1_751_427_259_700 + 500 * i + 0.25, bids: side(i % 7 === 3 ? 0 : 20, -1), asks: side(20 - (i % 5), 1) });
  }
  return out;
}

test('snapshots come back exactly, at well under their raw float64 pairs', () => {
  const rows = snapshots(500, 1);
  const e = encodeBookBlock(rows);
  assert.equal(e.codec, 'zstd');
  const raw = rows.reduce((n, r) => n + 8 * (r.bids.length + r.asks.length + 2), 0);
  assert.ok(e.payload.length * 2 < raw, `${e.payload.length} of ${raw} bytes`);
  assert.deepEqual(decodeBookBlock('BTC', 500, e.codec, e.payload, 'test'), rows);
});

test('a block whose levels do not add up is refused naming it', () => {
  const e = encodeBookBlock(snapshots(10, 2));
  assert.throws(() => decodeBookBlock('BTC', 11, e.codec, e.payload, 'books hyperliquid BTC block 3'), (x: unknown) => x instanceof InvariantError && x.message.startsWith('books hyperliquid BTC block 3: '));
  assert.throws(() => decodeBookBlock('BTC', 10, 'lz4', e.payload, 'block 3'), /block 3: unknown codec "lz4"/);
});
