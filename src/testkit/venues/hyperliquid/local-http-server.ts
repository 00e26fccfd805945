// A scripted local HTTP server for transport tests: records each POST and answers with whatever the test decides.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly path: string;
  readonly body: unknown;
  readonly contentType: string | undefined;
}

/** An answer: status (default 200), a JSON value or raw text, extra headers; or `hang` to never answer. */
export type Reply = { readonly status?: number; readonly json?: unknown; readonly text?: string; readonly headers?: Record<string, string> } | 'hang';

export type ReplyFn = (req: RecordedRequest) => Reply | Promise<Reply>;

export class LocalHttpServer {
  readonly requests: RecordedRequest[] = [];
  private waiters: { n: number; resolve: () => void }[] = [];

  private constructor(
    private readonly server: Server,
    /** Replaceable mid-test (e.g. to start a 429 storm). */
    public reply: ReplyFn,
  ) {}

  static async start(reply: ReplyFn): Promise<LocalHttpServer> {
    const server = createServer();
    const s = new LocalHttpServer(server, reply);
    server.on('request', (req, res) => void s.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return s;
  }

  get url(): string {
    const a = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${a.port}`;
  }

  /** Resolves once `n` requests in total have arrived. */
  waitForRequests(n: number): Promise<void> {
    if (this.requests.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // Recorded as text: the test asserts on it.
    }
    const r: RecordedRequest = { path: req.url ?? '', body, contentType: req.headers['content-type'] };
    this.requests.push(r);
    this.waiters = this.waiters.filter((w) => (this.requests.length >= w.n ? (w.resolve(), false) : true));
    const reply = await this.reply(r);
    if (reply === 'hang') return;
    const text = reply.text ?? JSON.stringify(reply.json ?? null);
    res.writeHead(reply.status ?? 200, { 'content-type': reply.text !== undefined ? 'text/plain' : 'application/json', ...reply.headers });
    res.end(text);
  }
}
