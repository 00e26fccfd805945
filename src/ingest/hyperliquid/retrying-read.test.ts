// A read retried through the real rate-limited gateway: a cached (stale) answer during a 429 cooldown is not taken as fresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../core/rng.js';
import { HttpTransport, RestGateway } from '../../venues/hyperliquid/transport/index.js';
import { LiveClock } from '../../core/live-clock.js';
import { ManualClock } from '../../core/manual-clock.js';
import { HOUR, settleOnManualClock, startTestVenue } from '../../testkit/ingest/download-test-venue.js';
import { readWithRetries } from './retrying-read.js';

const T0 = Date.UTC(2025, 0, 1);

test('a stale answer (the gateway’s cache while a 429 cools down) is retried until a fresh one arrives', async () => {
  const venue = await startTestVenue('BTC', T0, 60);
  const sched = new ManualClock(T0 + 2 * HOUR);
  const rest = new RestGateway({ rest: new HttpTransport({ httpUrl: venue.url, scheduler: new LiveClock() }), scheduler: sched, rng: createRng(1) });
  const lines: string[] = [];
  const policy = { scheduler: sched, rng: createRng(2), progress: (l: string) => void lines.push(l) };
  const label = { source: venue.url, what: 'candleSnapshot BTC 1m' };
  const body = { type: 'candleSnapshot', req: { coin: 'BTC', interval: '1m', startTime: T0, endTime: T0 + HOUR - 1 } };
  try {
    const first = await readWithRetries(rest, body, label, policy, { requests: 0 });
    assert.equal(first.stale, false);
    // The same read again: the venue answers 429 once; the gateway then has only its cached answer.
    venue.intercept = (_req, n) => (n === 2 ? { status: 429, text: 'rate limited' } : undefined);
    const counter = { requests: 0 };
    const second = await settleOnManualClock(readWithRetries(rest, body, label, policy, counter), sched);
    assert.equal(second.stale, false, 'a fresh answer, not the cached one');
    assert.ok(second.asOf > first.asOf, 'answered after the backoff, not at the first read');
    assert.ok(counter.requests >= 2, `${counter.requests} attempts`);
    assert.match(lines[0], /^candleSnapshot BTC 1m: the venue is limiting us and only a cached answer was available; retry 1 of 6 in \d+\.\d s\n$/);
  } finally {
    await venue.close();
  }
});
