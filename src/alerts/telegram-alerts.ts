// Telegram alerts and commands through grammY: long polling, commands from authorised chats only, alerts through a bounded queue.
import { Bot, GrammyError, HttpError } from 'grammy';
import { BadInputError, RejectedError, RetryableError } from '../core/errors.js';
import type { AlertCommands } from './alert-commands.js';
import { describeError, type AlertLog } from './alert-log.js';
import type { Alert } from './alert-message.js';
import { formatAlert } from './format-alert.js';
import { realSleep, SendQueue, type SendQueueStats } from './send-queue.js';
import { answerCommand, parseCommand } from './telegram-commands.js';

export interface TelegramOptions {
  /** The bot token (a secret); from SEXTANT_TELEGRAM_TOKEN only. */
  readonly token: string;
  /** Chats whose commands run; every other chat gets a refusal, logged. */
  readonly authorisedChats: readonly number[];
  /** Chats alerts go to (default: the authorised chats). */
  readonly alertChats?: readonly number[];
  readonly commands: AlertCommands;
  readonly log: AlertLog;
  /** The Bot API root, e.g. a local server in tests (default https://api.telegram.org). */
  readonly apiRoot?: string;
  /** Long-poll timeout in seconds (default 30). */
  readonly pollTimeoutSeconds?: number;
  readonly capacity?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly maxAttempts?: number;
}

interface Outgoing {
  readonly text: string;
  /** Chats still to receive it (a retry resends only to these). */
  readonly pending: Set<number>;
}

const TEXT_MAX = 4096;

export class TelegramAlerts {
  private readonly bot: Bot;
  private readonly queue: SendQueue<Outgoing>;
  private readonly authorised: ReadonlySet<number>;
  private readonly alertChats: readonly number[];
  private polling: Promise<void> | undefined;
  private readonly starting = new AbortController();

  constructor(private readonly o: TelegramOptions) {
    if (!/^\d+:[\w-]{20,}$/.test(o.token)) throw new BadInputError('SEXTANT_TELEGRAM_TOKEN', 'expected a bot token like 123456:ABC… (from @BotFather)');
    if (o.authorisedChats.length === 0) throw new BadInputError('SEXTANT_TELEGRAM_CHATS', 'expected at least one authorised chat id');
    this.authorised = new Set(o.authorisedChats);
    this.alertChats = o.alertChats ?? o.authorisedChats;
    this.bot = new Bot(o.token, { client: { apiRoot: o.apiRoot } });
    this.bot.on('message', async (ctx) => {
      const chat = ctx.chat.id;
      const text = ctx.message.text ?? '';
      const cmd = parseCommand(text);
      const what = cmd !== undefined ? `/${cmd.name}${cmd.args !== '' ? ' ' + cmd.args.slice(0, 40) : ''}` : 'a message';
      if (!this.authorised.has(chat)) {
        const from = ctx.from !== undefined ? ` (user ${ctx.from.id}${ctx.from.username !== undefined ? ' @' + ctx.from.username : ''})` : '';
        this.log('warn', `telegram: refused ${what} from unauthorised chat ${chat}${from}`);
        await ctx.reply('Not authorised: this chat may not command this bot.');
        return;
      }
      if (cmd === undefined) {
        await ctx.reply('Commands start with /. Send /help for the list.');
        return;
      }
      this.log('info', `telegram: ${what} from chat ${chat}`);
      let reply: string;
      try {
        reply = await answerCommand(o.commands, cmd.name, cmd.args, `telegram chat ${chat}`);
      } catch (e) {
        const why = describeError(e, [o.token]);
        this.log('error', `telegram: /${cmd.name} from chat ${chat} failed: ${why}`);
        reply = `/${cmd.name} failed: ${why}`;
      }
      await ctx.reply(reply.slice(0, TEXT_MAX));
    });
    this.bot.catch((err) => this.log('error', `telegram: handling an update failed: ${describeError(err.error, [o.token])}`));
    this.queue = new SendQueue<Outgoing>({
      name: 'telegram',
      capacity: o.capacity ?? 100,
      send: (m) => this.sendToChats(m),
      dropNotice: (n) => ({ text: `${n} alert${n === 1 ? ' was' : 's were'} dropped: the Telegram queue was full`, pending: new Set(this.alertChats) }),
      log: o.log,
      sleep: o.sleep ?? realSleep,
      maxAttempts: o.maxAttempts,
      secrets: [o.token],
    });
  }

  /**
   * Checks the token (getMe) and starts long polling in the background; resolves once polling
   * runs. A refused token is a BadInputError naming the variable, never showing the token.
   */
  async start(): Promise<void> {
    // getMe first, on its own: grammY's start() would also begin deleteWebhook, whose retries
    // outlive a refused token; and init retries network errors until `stop` aborts it.
    try {
      // grammY types its signal as the abort-controller polyfill's; the native one behaves the same.
      await this.bot.init(this.starting.signal as unknown as Parameters<Bot['init']>[0]);
    } catch (e) {
      const err = this.startError(e);
      this.log('error', `telegram: not started: ${err.message}`);
      throw err;
    }
    await new Promise<void>((resolve, reject) => {
      this.polling = this.bot
        .start({ timeout: this.o.pollTimeoutSeconds ?? 30, allowed_updates: ['message'], onStart: () => resolve() })
        .catch((e: unknown) => {
          const err = this.startError(e);
          this.log('error', `telegram: polling stopped: ${err.message}`);
          reject(err);
        });
    });
    this.log('info', `telegram: polling as @${this.bot.botInfo.username}, ${this.authorised.size} authorised chat(s)`);
  }

  /** Queues the alert for every alert chat and returns at once; false when dropped (counted, logged, told later). */
  notify(a: Alert): boolean {
    return this.queue.push({ text: formatAlert(a).slice(0, TEXT_MAX), pending: new Set(this.alertChats) });
  }

  stats(): SendQueueStats {
    return this.queue.stats();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Stops polling (confirming the last update) and waits for queued alerts. */
  async stop(): Promise<void> {
    this.starting.abort();
    if (this.bot.isRunning()) await this.bot.stop();
    await this.polling;
    await this.queue.close();
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.o.log(level, message.split(this.o.token).join('[redacted]'));
  }

  private startError(e: unknown): Error {
    const why = describeError(e, [this.o.token]);
    if (e instanceof GrammyError && (e.error_code === 401 || e.error_code === 404)) return new BadInputError('SEXTANT_TELEGRAM_TOKEN', `Telegram refused the token (${e.error_code} ${e.description})`);
    return new RetryableError(`telegram: ${why}`);
  }

  private async sendToChats(m: Outgoing): Promise<void> {
    for (const chat of [...m.pending]) {
      try {
        await this.bot.api.sendMessage(chat, m.text);
        m.pending.delete(chat);
      } catch (e) {
        throw this.sendError(e, chat);
      }
    }
  }

  /** Telegram's answer as one of our errors: 429 and 5xx and network failures retry, the rest is refused. */
  private sendError(e: unknown, chat: number): Error {
    const why = `sendMessage to chat ${chat}: ${describeError(e, [this.o.token])}`;
    if (e instanceof GrammyError) {
      if (e.error_code === 429) {
        const after = e.parameters.retry_after;
        return new RetryableError(why, { retryAfterMs: typeof after === 'number' ? after * 1000 : undefined });
      }
      if (e.error_code >= 500) return new RetryableError(why);
      return new RejectedError(why);
    }
    if (e instanceof HttpError) return new RetryableError(why);
    return new RetryableError(why);
  }
}
