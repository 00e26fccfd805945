// The environment turns channels on; one alert reaches Telegram and Discord (local servers); bad variables are named, secrets not shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../core/errors.js';
import { DiscordWebhookServer } from '../testkit/discord-webhook-server.js';
import { TelegramBotApiServer } from '../testkit/telegram-bot-api-server.js';
import { alertEnv } from './alert-env.js';
import { startAlerts } from './alert-hub.js';
import type { AlertCommands } from './alert-commands.js';

const TOKEN = '7000002:AAH-another_sextant_test_token_xyz987';

test('variables: unset means off; chats are required with a token and must be integers; no secret in errors', () => {
  assert.deepEqual(alertEnv({}), { telegram: undefined, discord: undefined });
  assert.deepEqual(alertEnv({ SEXTANT_TELEGRAM_TOKEN: TOKEN, SEXTANT_TELEGRAM_CHATS: '42, -1001234' }).telegram, { token: TOKEN, chats: [42, -1001234] });
  assert.deepEqual(alertEnv({ SEXTANT_DISCORD_WEBHOOK: 'https://discord.com/api/webhooks/1/abc' }).discord, { webhookUrl: 'https://discord.com/api/webhooks/1/abc' });
  const bad: [Record<string, string>, string][] = [
    [{ SEXTANT_TELEGRAM_TOKEN: TOKEN }, 'SEXTANT_TELEGRAM_CHATS'],
    [{ SEXTANT_TELEGRAM_TOKEN: TOKEN, SEXTANT_TELEGRAM_CHATS: '42,me' }, 'SEXTANT_TELEGRAM_CHATS item 2'],
    [{ SEXTANT_TELEGRAM_CHATS: '42' }, 'SEXTANT_TELEGRAM_TOKEN'],
  ];
  for (const [env, where] of bad) {
    assert.throws(() => alertEnv(env), (e: unknown) => e instanceof BadInputError && e.where === where && !e.message.includes(TOKEN));
  }
});

test('one alert fans out to both channels and the stats count it', async () => {
  const tg = await TelegramBotApiServer.start(TOKEN);
  const dc = await DiscordWebhookServer.start();
  const commands = {} as AlertCommands;
  const logs: string[] = [];
  const hub = await startAlerts({
    env: alertEnv({ SEXTANT_TELEGRAM_TOKEN: TOKEN, SEXTANT_TELEGRAM_CHATS: '42,43', SEXTANT_DISCORD_WEBHOOK: dc.url }),
    commands,
    log: (level, m) => logs.push(`${level} ${m}`),
    telegramApiRoot: tg.apiRoot,
  });
  try {
    assert.deepEqual(hub.notify({ kind: 'reconcile', differences: ['BTC position: venue 0.02, ours 0.01'], action: 'new entries paused' }), []);
    await hub.idle();
    const text = 'Reconciliation: 1 difference, new entries paused\n- BTC position: venue 0.02, ours 0.01';
    assert.deepEqual(await tg.waitForSent(2), [{ chat_id: 42, text }, { chat_id: 43, text }]);
    assert.equal((await dc.waitForPosts(1))[0].body.content, text);
    assert.equal(hub.stats().telegram.sent, 1);
    assert.equal(hub.stats().discord.sent, 1);
  } finally {
    await hub.stop();
    await tg.close();
    await dc.close();
  }
  const all = logs.join('\n');
  assert.ok(!all.includes(TOKEN) && !all.includes(dc.webhookToken), all);
});
