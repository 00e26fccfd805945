// The daemon's one alert sink: fans each alert out to the configured channels (Telegram, Discord) without ever waiting on them.
import type { AlertCommands } from './alert-commands.js';
import type { AlertEnv } from './alert-env.js';
import type { AlertLog } from './alert-log.js';
import type { Alert } from './alert-message.js';
import { DiscordAlerts } from './discord-webhook.js';
import type { SendQueueStats } from './send-queue.js';
import { TelegramAlerts } from './telegram-alerts.js';

export interface AlertChannel {
  notify(a: Alert): boolean;
  stats(): SendQueueStats;
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export class AlertHub {
  constructor(private readonly channels: ReadonlyMap<string, AlertChannel>) {}

  /** Queues `a` on every channel; returns the channels that dropped it (each counted and logged there). */
  notify(a: Alert): string[] {
    const dropped: string[] = [];
    for (const [name, c] of this.channels) if (!c.notify(a)) dropped.push(name);
    return dropped;
  }

  /** Per channel: queued, sent, dropped, failed, retried (for /metrics and status). */
  stats(): Record<string, SendQueueStats> {
    return Object.fromEntries([...this.channels].map(([n, c]) => [n, c.stats()]));
  }

  async idle(): Promise<void> {
    await Promise.all([...this.channels.values()].map((c) => c.idle()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.channels.values()].map((c) => c.stop()));
  }
}

export interface StartAlertsOptions {
  readonly env: AlertEnv;
  readonly commands: AlertCommands;
  readonly log: AlertLog;
  /** Overrides for tests (local servers). */
  readonly telegramApiRoot?: string;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Starts the channels `env` configures (Telegram polls once its token is checked). */
export async function startAlerts(o: StartAlertsOptions): Promise<AlertHub> {
  const channels = new Map<string, AlertChannel>();
  if (o.env.discord !== undefined) {
    const d = new DiscordAlerts({ webhookUrl: o.env.discord.webhookUrl, log: o.log, sleep: o.sleep });
    channels.set('discord', { notify: (a) => d.notify(a), stats: () => d.stats(), idle: () => d.idle(), stop: () => d.close() });
  }
  if (o.env.telegram !== undefined) {
    const t = new TelegramAlerts({ token: o.env.telegram.token, authorisedChats: o.env.telegram.chats, commands: o.commands, log: o.log, apiRoot: o.telegramApiRoot, sleep: o.sleep });
    try {
      await t.start();
    } catch (e) {
      await Promise.all([...channels.values()].map((c) => c.stop()));
      await t.stop();
      throw e;
    }
    channels.set('telegram', t);
  }
  return new AlertHub(channels);
}
