// Discord alerts against a local webhook server: the execute-webhook JSON, 429 retry_after honoured, drops reported, the URL never logged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../core/errors.js';
import { DiscordWebhookServer } from '../testkit/discord-webhook-server.js';
import { DiscordAlerts } from './discord-webhook.js';

function setup(url: string, o: { capacity?: number; maxAttempts?: number } = {}) {
  const logs: string[] = [];
  const waits: number[] = [];
  const discord = new DiscordAlerts({ webhookUrl: url, log: (level, m) => logs.push(`${level} ${m}`), sleep: async (ms) => void waits.push(ms), ...o });
  return { discord, logs, waits };
}

test('a fill posts its text as content, the daily summary adds an embed, mentions are off', async () => {
  const server = await DiscordWebhookServer.start();
  try {
    const { discord } = setup(server.url);
    assert.equal(discord.notify({ kind: 'fill', symbol: 'BTC', side: 'buy', qty: 0.01, price: 97_250, fee: 0.29, botId: 'trend-1' }), true);
    discord.notify({ kind: 'daily', summary: { day: '2026-12-07', trades: 3, pnlNet: -4.5, fees: 1.2, equity: 9995.5, drawdown: 0.004 } });
    await discord.idle();
    const posts = await server.waitForPosts(2);
    assert.deepEqual(posts[0].body, { content: 'BTC buy 0.01 @ 97 250 (bot trend-1, fee 0.29)', allowed_mentions: { parse: [] } });
    const daily = posts[1].body as { content: string; embeds: { title: string; fields: { name: string; value: string }[] }[] };
    assert.match(daily.content, /^Daily 2026-12-07: 3 trades, PnL -4.50 net of fees/);
    assert.equal(daily.embeds[0].title, 'Daily summary 2026-12-07');
    assert.deepEqual(daily.embeds[0].fields.map((f) => [f.name, f.value]), [['Trades', '3'], ['PnL net of fees', '-4.50'], ['Fees', '1.20'], ['Equity', '9995.50'], ['Drawdown', '0.4%']]);
    assert.deepEqual(discord.stats(), { queued: 0, sent: 2, dropped: 0, failed: 0, retried: 0 });
  } finally {
    await server.close();
  }
});

test('a 429 waits the retry_after it names, then the alert goes through', async () => {
  const server = await DiscordWebhookServer.start();
  try {
    const { discord, waits, logs } = setup(server.url);
    server.answerNext({ status: 429, retryAfter: 0.35 }, { status: 502 });
    discord.notify({ kind: 'stale', stream: 'trades', symbol: 'ETH', silentMs: 30_000, limitMs: 10_000 });
    await discord.idle();
    assert.equal(server.requests, 3);
    assert.equal(waits[0], 350);
    assert.equal(waits.length, 2);
    assert.equal((await server.waitForPosts(1))[0].body.content, 'Stale data: ETH trades silent for 30 s (limit 10 s)');
    assert.match(logs.join('\n'), /discord: retrying in 350 ms \(attempt 2 of 5\): webhook rate limited \(429, retry after 0.35 s\)/);
  } finally {
    await server.close();
  }
});

test('a slow webhook never blocks the caller: overflow is dropped, counted, logged and then announced', async () => {
  const server = await DiscordWebhookServer.start();
  try {
    const { discord, logs } = setup(server.url, { capacity: 2 });
    server.hold();
    const fill = (i: number) => ({ kind: 'fill' as const, symbol: 'SOL', side: 'sell' as const, qty: i, price: 180, fee: 0.01 });
    const accepted = [1, 2, 3, 4, 5].map((i) => discord.notify(fill(i)));
    assert.deepEqual(accepted, [true, true, true, false, false]);
    assert.equal(discord.stats().dropped, 2);
    assert.equal(logs.filter((l) => /discord: alert dropped, queue full/.test(l)).length, 2);
    server.release();
    await discord.idle();
    const posts = await server.waitForPosts(4);
    assert.deepEqual(posts.map((p) => p.body.content), ['SOL sell 1 @ 180 (fee 0.01)', '2 alerts were dropped: the Discord queue was full', 'SOL sell 2 @ 180 (fee 0.01)', 'SOL sell 3 @ 180 (fee 0.01)']);
  } finally {
    await server.close();
  }
});

test('the webhook URL and its token never appear in logs or errors, whatever fails', async () => {
  const server = await DiscordWebhookServer.start();
  const { discord, logs } = setup(server.url, { maxAttempts: 2 });
  server.answerNext({ status: 400 }, { status: 500 }, { status: 500 });
  discord.notify({ kind: 'text', text: 'one' });
  discord.notify({ kind: 'text', text: 'two' });
  await discord.idle();
  await server.close();
  discord.notify({ kind: 'text', text: 'three (server gone)' });
  await discord.idle();
  assert.equal(discord.stats().failed, 3);
  const text = logs.join('\n');
  assert.match(text, /the webhook answered 400/);
  assert.match(text, /webhook request failed/);
  assert.ok(!text.includes(server.webhookToken), text);
  assert.ok(!text.includes('/api/webhooks/'), text);
  assert.throws(() => setup('not a url ' + server.webhookToken), (e: unknown) => e instanceof BadInputError && e.where === 'SEXTANT_DISCORD_WEBHOOK' && !JSON.stringify(e, Object.getOwnPropertyNames(e)).includes(server.webhookToken));
});
