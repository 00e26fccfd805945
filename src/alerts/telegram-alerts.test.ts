// Telegram through grammY against a local Bot API server: commands from authorised chats call the port, others are refused and logged; alerts, 429s and secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../core/errors.js';
import type { KillLevel } from '../config/risk-config.js';
import { TelegramBotApiServer } from '../testkit/telegram-bot-api-server.js';
import type { AlertCommands } from './alert-commands.js';
import { TelegramAlerts } from './telegram-alerts.js';

const TOKEN = '7000001:AAH-sextant_test_token_0123456789abcdef';
const OPERATOR = 42;
const STRANGER = 999;

/** A fake daemon behind the port: a kill level, two positions, and a log of what was asked. */
function fakeDaemon() {
  const asked: string[] = [];
  let level: KillLevel = 'off';
  const commands: AlertCommands = {
    status: async () => ({ mode: 'paper', simulated: true, killLevel: level, bots: [{ id: 'trend-1', symbols: ['BTC', 'ETH'], state: 'running' }], staleStreams: [] }),
    positions: async () => [
      { symbol: 'BTC', side: 'long', qty: 0.01, entryPrice: 97_250, unrealisedPnl: 1.2 },
      { symbol: 'ETH', side: 'short', qty: 0.5, entryPrice: 3412.5, unrealisedPnl: null },
    ],
    pnl: async () => ({ realisedToday: 12.3, unrealised: 1.2, fees: 0.58, equity: 10_013.5 }),
    daily: async () => ({ day: '2026-12-07', trades: 4, pnlNet: 12.3, fees: 0.58, equity: 10_013.5, drawdown: 0.002 }),
    kill: async (l, source) => {
      asked.push(`kill ${l} by ${source}`);
      level = l;
    },
    resume: async (source) => {
      asked.push(`resume by ${source}`);
      level = 'off';
    },
  };
  return { commands, asked };
}

async function withBot(f: (ctx: { server: TelegramBotApiServer; bot: TelegramAlerts; logs: string[]; waits: number[]; asked: string[] }) => Promise<void>): Promise<void> {
  const server = await TelegramBotApiServer.start(TOKEN);
  const logs: string[] = [];
  const waits: number[] = [];
  const { commands, asked } = fakeDaemon();
  const bot = new TelegramAlerts({ token: TOKEN, authorisedChats: [OPERATOR], commands, log: (level, m) => logs.push(`${level} ${m}`), apiRoot: server.apiRoot, sleep: async (ms) => void waits.push(ms), pollTimeoutSeconds: 5 });
  try {
    await bot.start();
    await f({ server, bot, logs, waits, asked });
  } finally {
    await bot.stop();
    await server.close();
  }
  assert.ok(!logs.join('\n').includes(TOKEN), 'the token never reaches the log');
}

/** Says `text` in `chat` and returns the bot's reply there. */
async function ask(server: TelegramBotApiServer, chat: number, text: string): Promise<string> {
  const before = server.sent.length;
  server.userSays(chat, text);
  const sent = await server.waitForSent(before + 1);
  assert.equal(sent[before].chat_id, chat);
  return sent[before].text;
}

test('authorised commands are answered from the port; /kill and /resume change the level, naming the chat', async () => {
  await withBot(async ({ server, asked, logs }) => {
    assert.match(await ask(server, OPERATOR, '/status'), /^Mode paper \(simulated market data\), kill level off\nBots: trend-1 running \(BTC, ETH\)\nStale data: none$/);
    assert.equal(await ask(server, OPERATOR, '/positions'), 'BTC long 0.01 @ 97 250, uPnL +1.20\nETH short 0.5 @ 3412.5, uPnL unknown');
    assert.equal(await ask(server, OPERATOR, '/pnl'), 'Today +12.30 net of fees (fees 0.58), unrealised +1.20, equity 10 013.50');
    assert.match(await ask(server, OPERATOR, '/daily'), /^Daily 2026-12-07: 4 trades, PnL \+12.30 net of fees/);
    assert.equal(await ask(server, OPERATOR, '/kill@sextant_test_bot halt_all'), 'Kill level set to halt_all');
    assert.match(await ask(server, OPERATOR, '/status'), /kill level halt_all/);
    assert.match(await ask(server, OPERATOR, '/kill everything'), /^Usage: \/kill LEVEL, LEVEL one of close_only, halt_all, hard, flatten \(got "everything"\)/);
    assert.equal(await ask(server, OPERATOR, '/kill off'), 'To clear the kill level use /resume');
    assert.equal(await ask(server, OPERATOR, '/resume'), 'Kill level cleared: trading resumed');
    assert.match(await ask(server, OPERATOR, '/help'), /\/kill LEVEL - close_only, halt_all, hard or flatten/);
    assert.match(await ask(server, OPERATOR, '/moon'), /^Unknown command \/moon/);
    assert.deepEqual(asked, [`kill halt_all by telegram chat ${OPERATOR}`, `resume by telegram chat ${OPERATOR}`]);
    assert.ok(logs.includes(`info telegram: /kill halt_all from chat ${OPERATOR}`));
  });
});

test('commands from other chats are refused and logged, never executed', async () => {
  await withBot(async ({ server, asked, logs }) => {
    assert.equal(await ask(server, STRANGER, '/kill hard'), 'Not authorised: this chat may not command this bot.');
    assert.equal(await ask(server, STRANGER, '/resume'), 'Not authorised: this chat may not command this bot.');
    assert.deepEqual(asked, []);
    assert.ok(logs.includes(`warn telegram: refused /kill hard from unauthorised chat ${STRANGER} (user ${STRANGER} @user${STRANGER})`), logs.join('\n'));
    assert.ok(logs.some((l) => l.startsWith(`warn telegram: refused /resume from unauthorised chat ${STRANGER}`)));
  });
});

test('alerts go to the alert chats; a 429 waits its retry_after; failures never show the token', async () => {
  await withBot(async ({ server, bot, waits, logs }) => {
    bot.notify({ kind: 'fill', symbol: 'BTC', side: 'buy', qty: 0.01, price: 97_250, fee: 0.29, botId: 'trend-1' });
    await bot.idle();
    assert.deepEqual(server.sent.at(-1), { chat_id: OPERATOR, text: 'BTC buy 0.01 @ 97 250 (bot trend-1, fee 0.29)' });
    server.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 3', retry_after: 3 });
    bot.notify({ kind: 'kill', from: 'off', to: 'close_only', source: 'rule:daily_loss', reason: 'daily loss 2.1% ≥ 2%' });
    await bot.idle();
    assert.deepEqual(waits, [3000]);
    assert.deepEqual(server.sent.at(-1), { chat_id: OPERATOR, text: 'Kill level close_only (was off), by rule:daily_loss: daily loss 2.1% ≥ 2%' });
    server.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
    bot.notify({ kind: 'text', text: 'lost' });
    await bot.idle();
    assert.equal(bot.stats().failed, 1);
    assert.match(logs.join('\n'), /error telegram: alert not delivered after 1 attempt: sendMessage to chat 42: .*chat not found/);
  });
});

test('a refused token fails start with an error naming the variable, not the token; a dead server is logged without it', async () => {
  const server = await TelegramBotApiServer.start('1:other-token-that-is-not-ours-xxxxxxxx');
  const logs: string[] = [];
  const bot = new TelegramAlerts({ token: TOKEN, authorisedChats: [OPERATOR], commands: fakeDaemon().commands, log: (level, m) => logs.push(`${level} ${m}`), apiRoot: server.apiRoot, sleep: async () => {}, maxAttempts: 2 });
  try {
    await assert.rejects(bot.start(), (e: unknown) => e instanceof BadInputError && e.where === 'SEXTANT_TELEGRAM_TOKEN' && /refused the token \(401 Unauthorized\)/.test(e.message) && !e.message.includes(TOKEN));
  } finally {
    await server.close();
  }
  bot.notify({ kind: 'text', text: 'nobody listens' });
  await bot.idle();
  await bot.stop();
  assert.equal(bot.stats().failed, 1);
  const text = logs.join('\n');
  assert.match(text, /telegram: alert not delivered after 2 attempts/);
  assert.ok(!text.includes(TOKEN), text);
  assert.ok(!text.includes(TOKEN.split(':')[1]), text);
  assert.throws(() => new TelegramAlerts({ token: 'nonsense', authorisedChats: [1], commands: fakeDaemon().commands, log: () => {} }), (e: unknown) => e instanceof BadInputError && !e.message.includes('nonsense'));
});
