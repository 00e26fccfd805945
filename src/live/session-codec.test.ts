import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../core/errors.js';
import { fixedFromString } from '../core/fixed.js';
import { makeInstrument } from '../core/instrument.js';
import { bookEvent, tradeEvent } from '../market/market-events.js';
import { decodeSessionLine, encodeSessionLine, type SessionLine } from './session-codec.js';

test('every kind of line survives encoding exactly: book arrays, exact fees, awkward doubles', () => {
  const lines: SessionLine[] = [
    { kind: 'session', format: 1, sessionId: 's1', botId: 'b', strategy: 'sma-cross', symbols: ['BTC'], instruments: [makeInstrument({ symbol: 'BTC', lotSize: 0.001 })], intervalMs: 1000, params: { fast: 3, on: true, tag: 'x' }, mode: 'paper', startedAt: 5, capital: '10000' },
    { kind: 'market', t: 1, event: tradeEvent('BTC', 'hl', 1, 1, 1, { price: 0.1 + 0.2, size: 1e-9, side: 'sell', tradeId: '7' }) },
    { kind: 'market', t: 2, event: bookEvent('BTC', 'hl', 2, 2, 2, { snapshot: true, bids: Float64Array.from([99.5, 1.25]), asks: Float64Array.from([100.5, 3]) }) },
    { kind: 'report', t: 3, report: { type: 'order.filled', fillId: 'f1', orderId: 'o1', clientId: 'c1', symbol: 'BTC', side: 'buy', qty: 0.001, price: 100.5, fee: fixedFromString('0.000035175'), liquidity: 'taker', ts: 3, reason: '' } },
    { kind: 'tick', t: 4 },
    { kind: 'command', t: 4, command: { type: 'order.submit', clientId: 'c2', request: { symbol: 'BTC', side: 'sell', qty: 0.001, type: 'limit', price: 101, tif: 'ALO' }, ts: 4 } },
  ];
  for (const line of lines) {
    const text = encodeSessionLine(line);
    assert.ok(!text.includes('\n'));
    assert.deepEqual(decodeSessionLine(text, 'f:1'), line);
  }
  const book = decodeSessionLine(encodeSessionLine(lines[2]), 'f:3') as Extract<SessionLine, { kind: 'market' }>;
  assert.ok((book.event.data as { bids: unknown }).bids instanceof Float64Array);
  assert.deepEqual(Array.from((book.event.data as { bids: Float64Array }).bids), [99.5, 1.25]);
  const fill = decodeSessionLine(encodeSessionLine(lines[3]), 'f:4') as Extract<SessionLine, { kind: 'report' }>;
  assert.equal((fill.report as { fee: bigint }).fee, fixedFromString('0.000035175'));
  const trade = decodeSessionLine(encodeSessionLine(lines[1]), 'f:2') as Extract<SessionLine, { kind: 'market' }>;
  assert.equal((trade.event.data as { price: number }).price, 0.1 + 0.2);
});

test('damaged lines are named by place and cause', () => {
  const bad = (text: string, re: RegExp) => assert.throws(() => decodeSessionLine(text, 'session.jsonl:9'), (e) => e instanceof BadInputError && e.message.startsWith('session.jsonl:9: ') && re.test(e.message));
  bad('{"kind":"tick"', /not a session line/);
  bad('[1]', /unknown line kind/);
  bad('{"kind":"nope","t":1}', /unknown line kind "nope"/);
  bad('{"kind":"tick"}', /without a finite time/);
  bad('{"kind":"session","format":2}', /format 2 is not supported/);
});
