// The banner of `sextant venue` states the balance rule the venue follows: reading an address creates no account, signing does.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { startLocalVenue } from './venue-root.js';
import { addressOf, KEY_A, signedBody, startHarness } from '../testkit/localnet/test-support.js';
import { defaultVenueOptions } from '../localnet/hyperliquid/venue-options.js';

const post = async (url: string, body: unknown): Promise<unknown> => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();

for (const accounts of ['any', 'named'] as const) {
  it(`--accounts ${accounts}: the banner's balance rule is what the venue does`, async () => {
    const log: string[] = [];
    const v = await startLocalVenue(defaultVenueOptions({ balance: 2_500, accounts }), { port: 0 }, (l) => log.push(l));
    try {
      const rule = v.banner.split('\n').find((l) => l.startsWith('balance'));
      assert.equal(
        rule,
        accounts === 'any'
          ? 'balance    every address gets 2500 USDC the first time it signs an action or receives a usdSend (reading an address creates none)'
          : 'balance    addresses named in /info or a subscription get 2500 USDC on their first signed action; other signers are refused (--accounts named)',
      );
      const user = addressOf(KEY_A);
      await post(v.url + '/info', { type: 'clearinghouseState', user });
      assert.equal(v.venue.accountCount, 0, 'reading an address creates no account');
      assert.deepEqual(await post(v.url + '/exchange', await signedBody(KEY_A, { type: 'noop' }, Date.now())), { status: 'ok', response: { type: 'default' } });
      assert.deepEqual(log, [`new account ${user.toLowerCase()} (${accounts === 'any' ? 'signed' : 'info'}): credited 2500 USDC`]);
    } finally {
      await v.close();
    }
  });
}

it('--market mirror: the banner says MIRRORED while upstream answers, SIMULATED when it cannot be reached', async () => {
  const up = await startHarness({ seed: 5, historyMinutes: 0 });
  const log: string[] = [];
  const mirrored = await startLocalVenue(defaultVenueOptions({ market: 'mirror', upstream: { wsUrl: up.server.wsUrl, timeoutMs: 10_000 }, historyMinutes: 0 }), { port: 0 }, (l) => log.push(l));
  try {
    const lines = mirrored.banner.split('\n');
    assert.equal(lines[0], `MIRRORED DATA: local Hyperliquid-compatible venue on the live books and trades of ${up.server.wsUrl} (orders fill locally, no real money)`);
    assert.match(lines.find((l) => l.startsWith('market')) ?? '', /^market {5}mirror of ws:\/\/127\.0\.0\.1:\d+\/ws, now mirroring; the market simulator takes over/);
    assert.equal(mirrored.venue.simulated, false);
    assert.equal(mirrored.venue.feed.market('BTC')?.midPx(), up.venue.feed.market('BTC')?.midPx());
  } finally {
    await mirrored.close();
  }
  const port = Number(new URL(up.server.wsUrl).port);
  await up.close();
  const simulated = await startLocalVenue(defaultVenueOptions({ market: 'mirror', upstream: { wsUrl: `ws://127.0.0.1:${port}/ws`, timeoutMs: 10_000 }, historyMinutes: 0 }), { port: 0 }, (l) => log.push(l));
  try {
    assert.ok(simulated.banner.startsWith('SIMULATED DATA'), simulated.banner);
    assert.match(simulated.banner, /now SIMULATED \(upstream unreachable/);
    assert.equal(simulated.venue.simulated, true);
    assert.ok(log.some((l) => l.startsWith(`market: upstream ws://127.0.0.1:${port}/ws unreachable (cannot connect`)), log.join('\n'));
  } finally {
    await simulated.close();
  }
});
