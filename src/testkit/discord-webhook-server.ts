// A local Discord webhook endpoint on 127.0.0.1: records each execute-webhook POST, answers 204, or a scripted 429 (retry_after) or 5xx.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookPost {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export type ScriptedAnswer = { readonly status: 429; readonly retryAfter: number; readonly global?: boolean } | { readonly status: 400 | 404 | 500 | 502 };

export class DiscordWebhookServer {
  /** Accepted posts (answered 204), in order. */
  readonly posts: WebhookPost[] = [];
  /** Every request, accepted or not. */
  requests = 0;
  private readonly server: Server;
  private readonly script: ScriptedAnswer[] = [];
  private listeners: (() => void)[] = [];
  /** While set, requests wait for it (a slow server, to fill a client's queue). */
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  private constructor(readonly webhookId: string, readonly webhookToken: string) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(webhookId = '1180000000000000001', webhookToken = 'wHt0ken-' + 'x'.repeat(60)): Promise<DiscordWebhookServer> {
    const s = new DiscordWebhookServer(webhookId, webhookToken);
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    return s;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/webhooks/${this.webhookId}/${this.webhookToken}`;
  }

  /** The next requests get these answers, in order, before 204s resume. */
  answerNext(...answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
  }

  /** Holds every request until `release()`. */
  hold(): void {
    this.gate ??= new Promise<void>((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  async waitForPosts(n: number): Promise<readonly WebhookPost[]> {
    while (this.posts.length < n) await new Promise<void>((resolve) => this.listeners.push(resolve));
    return this.posts;
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    this.requests++;
    if (this.gate !== undefined) await this.gate;
    const path = (req.url ?? '').split('?')[0];
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    if (req.method !== 'POST' || path !== `/api/webhooks/${this.webhookId}/${this.webhookToken}`) return json(404, { message: 'Unknown Webhook', code: 10015 });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return json(400, { message: 'Cannot send an empty message', code: 50006 });
    }
    const next = this.script.shift();
    if (next !== undefined) {
      if (next.status === 429) return json(429, { message: 'You are being rate limited.', retry_after: next.retryAfter, global: next.global ?? false }, { 'retry-after': String(Math.ceil(next.retryAfter)) });
      return json(next.status, { message: next.status === 400 ? 'Invalid Form Body' : 'Server error', code: 0 });
    }
    if (typeof body.content !== 'string' && !Array.isArray(body.embeds)) return json(400, { message: 'Cannot send an empty message', code: 50006 });
    this.posts.push({ path, body });
    res.writeHead(204).end();
    const l = this.listeners;
    this.listeners = [];
    for (const f of l) f();
  }
}
