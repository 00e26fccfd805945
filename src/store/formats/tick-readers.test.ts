// Tests of the tick-data readers: the shared tardis and Bybit samples (counts, first/last values) and bad input.
import { sharedDataFile, SHARED_DATA_MISSING } from '../../testkit/shared-data.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BadInputError } from '../../core/errors.js';
import { parseBybitOrderbook, readBybitOrderbook } from './bybit-orderbook.js';
import { parseTardisBook, readTardisBook } from './tardis-book.js';
import { parseTardisTrades, readTardisTrades } from './tardis-trades.js';

const TRADES = sharedDataFile('tardis-samples', 'bitmex_trades_XBTUSD.csv');
const DERIBIT = sharedDataFile('tardis-samples', 'deribit_incremental_book_L2_BTC-PERPETUAL.csv');
const BYBIT = sharedDataFile('bybit', '2024-12-01_XRPUSDT_ob500.jsonl');

const dataLines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');

test('tardis bitmex trades: one event per row, µs → ms, first and last rows as in the text', async (t) => {
  if (TRADES === undefined) return t.skip(SHARED_DATA_MISSING);
  const ev = await readTardisTrades(TRADES);
  assert.equal(ev.length, dataLines(TRADES).length - 1);
  assert.equal(ev.length, 10);
  const first = ev[0];
  assert.equal(first.type, 'market.trade');
  assert.equal(first.symbol, 'XBTUSD');
  assert.equal(first.source, 'bitmex_trades_XBTUSD.csv');
  assert.equal(first.seq, 1);
  assert.equal(first.tsEvent, 1583020803145); // 1583020803145000 µs
  assert.equal(first.tsInit, 1583020803307.16); // 1583020803307160 µs
  assert.deepEqual(first.data, { price: 8531.5, size: 2152, side: 'sell', tradeId: 'ccc3c1fa-212c-e8b0-1706-9b9c4f3d5ecf' });
  const last = ev[9];
  assert.equal(last.seq, 10);
  assert.equal(last.tsEvent, 1583020803276);
  assert.equal(last.tsInit, 1583020803336.743);
  assert.deepEqual(last.data, { price: 8531.5, size: 1, side: 'sell', tradeId: '7cae8d7b-b69d-025b-cc3c-84b911f37a8a' });
  for (let i = 1; i < ev.length; i++) assert.ok(ev[i].tsEvent > ev[i - 1].tsEvent || (ev[i].tsEvent === ev[i - 1].tsEvent && ev[i].seq > ev[i - 1].seq));
});

test('tardis deribit incremental L2: the snapshot rows form one snapshot event', async (t) => {
  if (DERIBIT === undefined) return t.skip(SHARED_DATA_MISSING);
  const ev = await readTardisBook(DERIBIT);
  const rows = dataLines(DERIBIT).length - 1;
  assert.equal(rows, 15);
  assert.equal(ev.length, 1);
  const e = ev[0];
  assert.equal(e.type, 'market.book');
  assert.equal(e.symbol, 'BTC-PERPETUAL');
  assert.equal(e.source, 'deribit_incremental_book_L2_BTC-PERPETUAL.csv');
  assert.equal(e.seq, 1);
  assert.equal(e.tsEvent, 1585699200245);
  assert.equal(e.tsInit, 1585699200355.684);
  assert.equal(e.data.snapshot, true);
  assert.equal(e.data.bids.length, 0);
  assert.equal(e.data.asks.length, 2 * rows);
  assert.deepEqual([e.data.asks[0], e.data.asks[1]], [6421.5, 18640]);
  assert.deepEqual([e.data.asks[28], e.data.asks[29]], [6428.5, 39950]);
});

test('tardis L2 grouping: snapshot run, deltas by timestamp, a later snapshot resets', () => {
  const text = [
    'exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount',
    'x,S,1000,1001,true,bid,99,1',
    'x,S,1000,1001,true,ask,101,2',
    'x,S,2000,2001,false,bid,99,0',
    'x,S,2000,2001,false,bid,98.5,3',
    'x,S,3000,3001,false,ask,101,5',
    'x,S,4000,4001,true,bid,97,1',
    '',
  ].join('\r\n');
  const ev = parseTardisBook(text, 'mem.csv');
  assert.deepEqual(
    ev.map((e) => [e.seq, e.tsEvent, e.data.snapshot, [...e.data.bids], [...e.data.asks]]),
    [
      [1, 1, true, [99, 1], [101, 2]],
      [2, 2, false, [99, 0, 98.5, 3], []],
      [3, 3, false, [], [101, 5]],
      [4, 4, true, [97, 1], []],
    ],
  );
});

test('bybit orderbook.500 capture: 1 snapshot + 49 deltas, u as seq, cts as event time', async (t) => {
  if (BYBIT === undefined) return t.skip(SHARED_DATA_MISSING);
  const ev = await readBybitOrderbook(BYBIT);
  assert.equal(ev.length, dataLines(BYBIT).length);
  assert.equal(ev.length, 50);
  const first = ev[0];
  assert.equal(first.symbol, 'XRPUSDT');
  assert.equal(first.source, '2024-12-01_XRPUSDT_ob500.jsonl');
  assert.equal(first.data.snapshot, true);
  assert.equal(first.seq, 20254869);
  assert.equal(first.tsEvent, 1733011200589);
  assert.equal(first.tsInit, 1733011200691);
  assert.equal(first.data.bids.length, 1000);
  assert.equal(first.data.asks.length, 1000);
  assert.deepEqual([first.data.bids[0], first.data.bids[1]], [1.9531, 6203]);
  const last = ev[49];
  assert.equal(last.data.snapshot, false);
  assert.equal(last.seq, 20254918);
  assert.equal(last.tsEvent, 1733011205488);
  assert.equal(last.tsInit, 1733011205490);
  assert.equal(last.data.bids.length, 2 * 173);
  assert.equal(last.data.asks.length, 2 * 166);
  assert.deepEqual([last.data.bids[0], last.data.bids[1]], [1.9538, 0]);
  assert.deepEqual([last.data.asks[330], last.data.asks[331]], [2.0038, 0]);
  for (let i = 1; i < ev.length; i++) assert.equal(ev[i].seq, ev[i - 1].seq + 1, 'u is contiguous');
});

test('bad rows are rejected naming file and line', () => {
  const header = 'exchange,symbol,timestamp,local_timestamp,id,side,price,amount';
  const bad = (row: string, line = 'f.csv:2') => assert.throws(() => parseTardisTrades(`${header}\n${row}\n`, 'f.csv'), (e: unknown) => e instanceof BadInputError && e.where === line);
  bad('bitmex,XBTUSD,1583020803145000,1583020803307160,id1,unknown,8531.5,1');
  bad('bitmex,XBTUSD,1583020803145000,1583020803307160,id1,buy,NaN,1');
  bad('bitmex,XBTUSD,1583020803145000,1583020803307160,id1,buy,8531.5,0');
  bad('bitmex,XBTUSD,1583020803145000,1583020803307160,id1,buy,0x10,1');
  bad('bitmex,XBTUSD,1583020803145000,1583020803307160,id1,buy, ,1');
  bad('bitmex,XBTUSD,15830208031.5,1583020803307160,id1,buy,8531.5,1');
  bad('bitmex,XBTUSD,1583020803145000');
  assert.throws(() => parseTardisTrades('exchange,symbol,timestamp\n', 'g.csv'), /missing column "local_timestamp"/);
  assert.throws(() => parseTardisTrades('', 'e.csv'), /empty file/);
  const snap = '{"topic":"orderbook.1.X","type":"snapshot","ts":10,"data":{"s":"X","b":[["1","2"]],"a":[],"u":1}}';
  assert.equal(parseBybitOrderbook(snap, 'b.jsonl').length, 1);
  const bb = (line: string) => assert.throws(() => parseBybitOrderbook(`${snap}\n${line}`, 'b.jsonl'), (e: unknown) => e instanceof BadInputError && e.where === 'b.jsonl:2');
  bb('{not json');
  bb('{"topic":"trade.X","type":"delta","ts":11,"data":{"s":"X","b":[],"a":[],"u":2}}');
  bb('{"topic":"orderbook.1.X","type":"delta","ts":11,"data":{"s":"X","b":[[1,2]],"a":[],"u":2}}');
  bb('{"topic":"orderbook.1.X","type":"delta","ts":11,"data":{"s":"X","b":[["1","-2"]],"a":[],"u":2}}');
  bb('{"topic":"orderbook.1.X","type":"delta","ts":11,"data":{"s":"X","b":[],"a":[],"u":"2"}}');
  bb('{"topic":"orderbook.1.X","type":"delta","ts":9,"data":{"s":"X","b":[],"a":[],"u":2}}');
});
