// userFillsByTime paging: full pages restart at their newest time, overlaps deduplicated by fill id, range respected, no endless loop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fetchFillsByTime } from './fills-pager.js';

function fill(tid: number, time: number): Record<string, unknown> {
  return { coin: 'BTC', px: '100', sz: '1', side: 'B', time, startPosition: '0', dir: 'Open Long', closedPnl: '0', hash: '0xabc', oid: 1, crossed: true, fee: '0.01', tid, feeToken: 'USDC' };
}

/** A venue holding `all` fills that answers at most `limit` per call, oldest of the range first, written newest first. */
function venue(all: Record<string, unknown>[], limit: number) {
  const calls: number[] = [];
  const read = async (start: number, end: number | undefined) => {
    calls.push(start);
    return all.filter((f) => (f.time as number) >= start && (end === undefined || (f.time as number) <= end)).slice(0, limit).reverse();
  };
  return { read, calls };
}

test('pages to completeness, restarting at the newest time of a full page, each fill once', async () => {
  // Three fills share t=30 and straddle a page boundary.
  const all = [fill(1, 10), fill(2, 20), fill(3, 30), fill(4, 30), fill(5, 30), fill(6, 40), fill(7, 50)];
  const v = venue(all, 3);
  const got = await fetchFillsByTime(v.read, 0, undefined, { pageLimit: 3 });
  assert.deepEqual(got.map((f) => f.fillId), ['1', '2', '3', '4', '5', '6', '7']);
  assert.deepEqual(v.calls, [0, 30, 31]);
});

test('respects the range, and moves past a millisecond holding more than a page', async () => {
  const same = [fill(1, 5), fill(2, 5), fill(3, 5), fill(4, 5), fill(5, 6)];
  const v = venue(same, 2);
  const got = await fetchFillsByTime(v.read, 0, undefined, { pageLimit: 2 });
  // tids 3 and 4 cannot be reached by time; the fill after them still is.
  assert.deepEqual(got.map((f) => f.fillId), ['1', '2', '5']);
  const ranged = await fetchFillsByTime(venue([fill(1, 10), fill(2, 20), fill(3, 30)], 10).read, 15, 25);
  assert.deepEqual(ranged.map((f) => f.fillId), ['2']);
});
