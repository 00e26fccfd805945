// The daemon's logs: JSON lines with the injected time, correlation ids from child loggers, and no secret ever written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../core/manual-clock.js';
import { REDACTED, createLogger, forBot, forOrder, isSecretKey } from './logger.js';

function collect(): { lines: () => Record<string, unknown>[]; text: () => string; destination: { write(s: string): void } } {
  let text = '';
  return {
    destination: { write: (s: string) => void (text += s) },
    text: () => text,
    lines: () =>
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

test('lines are JSON with level, the clock time, the base fields and the correlation ids of child loggers', () => {
  const out = collect();
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const root = createLogger({ clock, destination: out.destination, base: { mode: 'paper' } });
  const bot = forBot(root, 'trend-1');
  bot.info({ symbol: 'BTC' }, 'bar');
  clock.advanceTo(Date.UTC(2026, 0, 1, 0, 0, 1));
  forOrder(bot, 'intent-9', '0xabc').warn('submit timed out');
  root.debug('not at info level');
  const [a, b, ...rest] = out.lines();
  assert.deepEqual(a, { level: 'info', time: Date.UTC(2026, 0, 1), mode: 'paper', bot: 'trend-1', symbol: 'BTC', msg: 'bar' });
  assert.equal(b.level, 'warn');
  assert.equal(b.bot, 'trend-1');
  assert.equal(b.intent, 'intent-9');
  assert.equal(b.cloid, '0xabc');
  assert.equal(b.msg, 'submit timed out');
  assert.deepEqual(rest, []);
});

test('apiKey, privateKey, token and other secret-named fields never reach the log, at any depth', () => {
  const out = collect();
  const root = createLogger({ clock: new ManualClock(0), destination: out.destination, base: { telegramBotToken: 'S3CRET-base' } });
  const child = root.child({ apiKey: 'S3CRET-binding', bot: 'b1' });
  child.info({ apiKey: 'S3CRET-1', privateKey: 'S3CRET-2', token: 'S3CRET-3', nested: { HL_PRIVATE_KEY: 'S3CRET-4', list: [{ apiSecret: 'S3CRET-5', password: 'S3CRET-6' }] }, size: 2 }, 'order');
  const err = Object.assign(new Error('venue said no'), { authorization: 'Bearer S3CRET-7' });
  child.error({ err: new Error('outer', { cause: err }) }, 'failed');
  assert.doesNotMatch(out.text(), /S3CRET/);
  const [line, errLine] = out.lines();
  assert.equal(line.apiKey, REDACTED);
  assert.equal(line.token, REDACTED);
  assert.equal(line.size, 2, 'other fields stay');
  assert.equal(line.bot, 'b1');
  assert.deepEqual((line.nested as { list: unknown[] }).list, [{ apiSecret: REDACTED, password: REDACTED }]);
  const e = errLine.err as { message: string; cause: { message: string; authorization: string } };
  assert.equal(e.message, 'outer');
  assert.equal(e.cause.message, 'venue said no');
  assert.equal(e.cause.authorization, REDACTED);
});

test('secret key names: by suffix, any case, with - or _; a simulation seed is no secret', () => {
  for (const k of ['apiKey', 'API_KEY', 'privateKey', 'walletPrivateKey', 'token', 'botToken', 'x-api-key', 'secret', 'Authorization', 'passphrase']) assert.ok(isSecretKey(k), k);
  for (const k of ['seed', 'cloid', 'symbol', 'tokens_used_count', 'keyCount']) assert.ok(!isSecretKey(k), k);
});
