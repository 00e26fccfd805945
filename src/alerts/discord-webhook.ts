// Discord alerts: POSTs each alert to the webhook (content, an embed for the daily summary) through a bounded queue, honouring 429 retry_after.
import { BadInputError, RetryableError } from '../core/errors.js';
import { describeError, redact, type AlertLog } from './alert-log.js';
import type { Alert } from './alert-message.js';
import { formatAlert, formatMoney } from './format-alert.js';
import { realSleep, SendQueue, type SendQueueStats } from './send-queue.js';

export interface DiscordOptions {
  /** The webhook URL (a secret: it carries the webhook token); from SEXTANT_DISCORD_WEBHOOK only. */
  readonly webhookUrl: string;
  readonly log: AlertLog;
  readonly capacity?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly maxAttempts?: number;
  readonly fetch?: typeof fetch;
}

/** The body of one webhook call (Discord's execute-webhook JSON). */
export interface DiscordPayload {
  readonly content: string;
  readonly embeds?: readonly { readonly title: string; readonly fields: readonly { readonly name: string; readonly value: string; readonly inline: boolean }[] }[];
  readonly allowed_mentions: { readonly parse: readonly string[] };
}

const CONTENT_MAX = 2000;

export function discordPayload(a: Alert): DiscordPayload {
  const text = formatAlert(a);
  const content = text.length > CONTENT_MAX ? text.slice(0, CONTENT_MAX - 1) + '…' : text;
  // Alerts never ping anyone (a symbol or a reason could spell @everyone).
  const base = { content, allowed_mentions: { parse: [] } };
  if (a.kind !== 'daily') return base;
  const s = a.summary;
  return {
    ...base,
    embeds: [
      {
        title: `Daily summary ${s.day}`,
        fields: [
          { name: 'Trades', value: String(s.trades), inline: true },
          { name: 'PnL net of fees', value: formatMoney(s.pnlNet, true), inline: true },
          { name: 'Fees', value: formatMoney(s.fees), inline: true },
          { name: 'Equity', value: formatMoney(s.equity), inline: true },
          { name: 'Drawdown', value: `${(s.drawdown * 100).toFixed(1)}%`, inline: true },
        ],
      },
    ],
  };
}

export class DiscordAlerts {
  private readonly queue: SendQueue<DiscordPayload>;
  private readonly secrets: readonly string[];

  constructor(private readonly o: DiscordOptions) {
    let url: URL;
    try {
      url = new URL(o.webhookUrl);
    } catch (e) {
      throw new BadInputError('SEXTANT_DISCORD_WEBHOOK', 'is not a URL', { cause: new Error(redact(describeError(e, []), [o.webhookUrl])) });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new BadInputError('SEXTANT_DISCORD_WEBHOOK', `expected an https:// URL, got ${url.protocol}`);
    // The whole URL and each path part long enough to be the token are secret.
    this.secrets = [o.webhookUrl, ...url.pathname.split('/').filter((p) => p.length >= 16)];
    this.queue = new SendQueue<DiscordPayload>({
      name: 'discord',
      capacity: o.capacity ?? 100,
      send: (p) => this.post(p),
      dropNotice: (n) => ({ content: `${n} alert${n === 1 ? ' was' : 's were'} dropped: the Discord queue was full`, allowed_mentions: { parse: [] } }),
      log: o.log,
      sleep: o.sleep ?? realSleep,
      maxAttempts: o.maxAttempts,
      secrets: this.secrets,
    });
  }

  /** Queues the alert and returns at once; false when it was dropped (counted, logged, and told to Discord later). */
  notify(a: Alert): boolean {
    return this.queue.push(discordPayload(a));
  }

  stats(): SendQueueStats {
    return this.queue.stats();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  close(): Promise<void> {
    return this.queue.close();
  }

  private async post(p: DiscordPayload): Promise<void> {
    let res: Response;
    try {
      res = await (this.o.fetch ?? fetch)(this.o.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(p) });
    } catch (e) {
      throw new RetryableError(`webhook request failed: ${describeError(e, this.secrets)}`);
    }
    const body = await res.text();
    if (res.status === 200 || res.status === 204) return;
    if (res.status === 429) {
      const after = retryAfterSeconds(body, res.headers.get('retry-after'));
      throw new RetryableError(`webhook rate limited (429${after !== undefined ? `, retry after ${after} s` : ''})`, { retryAfterMs: after !== undefined ? Math.ceil(after * 1000) : undefined });
    }
    const detail = redact(body.slice(0, 200), this.secrets);
    if (res.status >= 500) throw new RetryableError(`webhook answered ${res.status}: ${detail}`);
    throw new BadInputError('SEXTANT_DISCORD_WEBHOOK', `the webhook answered ${res.status}: ${detail}`);
  }
}

/** retry_after (seconds) from the 429 body, else the Retry-After header; undefined when neither is a number ≥ 0. */
function retryAfterSeconds(body: string, header: string | null): number | undefined {
  try {
    const v = (JSON.parse(body) as { retry_after?: unknown }).retry_after;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  } catch {
    // Not JSON: fall back to the header.
  }
  const h = header === null ? NaN : Number(header);
  return Number.isFinite(h) && h >= 0 ? h : undefined;
}
