// A local Telegram Bot API server on 127.0.0.1: getMe, deleteWebhook, getUpdates (long poll, offsets confirm), sendMessage, with scripted errors.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  readonly chat_id: number;
  readonly text: string;
}

/** A scripted answer for the next call(s) of a method: Telegram's error shape. */
export interface ScriptedError {
  readonly error_code: number;
  readonly description: string;
  readonly retry_after?: number;
}

interface Waiter {
  readonly offset: number;
  readonly limit: number;
  readonly res: ServerResponse;
  readonly timer: NodeJS.Timeout;
}

export class TelegramBotApiServer {
  /** Every call as (method, JSON body), in arrival order; tests read it. */
  readonly calls: { method: string; body: Record<string, unknown> }[] = [];
  readonly sent: SentMessage[] = [];
  private readonly server: Server;
  private updates: Record<string, unknown>[] = [];
  private nextUpdateId = 100;
  private nextMessageId = 1;
  private waiters: Waiter[] = [];
  private readonly scripted = new Map<string, ScriptedError[]>();
  private sentListeners: (() => void)[] = [];

  private constructor(readonly token: string, readonly botUsername: string) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(token: string, botUsername = 'sextant_test_bot'): Promise<TelegramBotApiServer> {
    const s = new TelegramBotApiServer(token, botUsername);
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    return s;
  }

  /** The apiRoot a client uses (no trailing slash). */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A user writes `text` in chat `chatId`: queued as an Update, with a bot_command entity when it starts with '/'. */
  userSays(chatId: number, text: string, user = { id: chatId, username: `user${chatId}` }): void {
    const cmd = /^\/\S+/.exec(text);
    const message: Record<string, unknown> = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Op' },
      from: { id: user.id, is_bot: false, first_name: 'Op', username: user.username },
      text,
    };
    if (cmd !== null) message.entities = [{ type: 'bot_command', offset: 0, length: cmd[0].length }];
    this.updates.push({ update_id: this.nextUpdateId++, message });
    this.wake();
  }

  /** The next `times` calls of `method` fail with `err` (Telegram's { ok: false, error_code, description, parameters }). */
  failNext(method: string, err: ScriptedError, times = 1): void {
    const list = this.scripted.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(err);
    this.scripted.set(method, list);
  }

  /** Resolves once at least `n` messages were sent. */
  async waitForSent(n: number): Promise<readonly SentMessage[]> {
    while (this.sent.length < n) await new Promise<void>((resolve) => this.sentListeners.push(resolve));
    return this.sent;
  }

  async close(): Promise<void> {
    for (const w of this.waiters) this.answerWaiter(w);
    this.waiters = [];
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    if (m === null) return this.reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = m;
    let body: Record<string, unknown> = {};
    const raw = Buffer.concat(chunks).toString('utf8');
    if (raw !== '') {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return this.reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: request body is not JSON' });
      }
    }
    this.calls.push({ method, body });
    if (token !== this.token) return this.reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const err = this.scripted.get(method)?.shift();
    if (err !== undefined) {
      const parameters = err.retry_after !== undefined ? { retry_after: err.retry_after } : undefined;
      return this.reply(res, err.error_code, { ok: false, error_code: err.error_code, description: err.description, ...(parameters ? { parameters } : {}) });
    }
    switch (method) {
      case 'getMe':
        return this.ok(res, { id: 7_000_001, is_bot: true, first_name: 'Sextant', username: this.botUsername, can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'deleteWebhook':
      case 'setMyCommands':
        return this.ok(res, true);
      case 'getUpdates':
        return this.getUpdates(body, res);
      case 'sendMessage': {
        const chat_id = Number(body.chat_id);
        const text = String(body.text ?? '');
        if (!Number.isInteger(chat_id) || text === '') return this.reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat_id and text are required' });
        this.sent.push({ chat_id, text });
        const listeners = this.sentListeners;
        this.sentListeners = [];
        for (const l of listeners) l();
        return this.ok(res, { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: chat_id, type: 'private' }, from: { id: 7_000_001, is_bot: true, first_name: 'Sextant' }, text });
      }
      default:
        return this.reply(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  /** Confirms updates below `offset`, answers at once when some are pending, else holds the request up to `timeout` s. */
  private getUpdates(body: Record<string, unknown>, res: ServerResponse): void {
    const offset = typeof body.offset === 'number' ? body.offset : 0;
    const limit = typeof body.limit === 'number' ? body.limit : 100;
    const timeout = typeof body.timeout === 'number' ? body.timeout : 0;
    this.updates = this.updates.filter((u) => (u.update_id as number) >= offset);
    if (this.updates.length > 0 || timeout <= 0) return this.ok(res, this.updates.slice(0, limit));
    const w: Waiter = { offset, limit, res, timer: setTimeout(() => this.settle(w), timeout * 1000) };
    this.waiters.push(w);
    res.on('close', () => this.forget(w));
  }

  private wake(): void {
    for (const w of [...this.waiters]) this.settle(w);
  }

  private settle(w: Waiter): void {
    this.forget(w);
    this.answerWaiter(w);
  }

  private forget(w: Waiter): void {
    clearTimeout(w.timer);
    this.waiters = this.waiters.filter((x) => x !== w);
  }

  private answerWaiter(w: Waiter): void {
    if (!w.res.writableEnded && !w.res.destroyed) this.ok(w.res, this.updates.filter((u) => (u.update_id as number) >= w.offset).slice(0, w.limit));
  }

  private ok(res: ServerResponse, result: unknown): void {
    this.reply(res, 200, { ok: true, result });
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
