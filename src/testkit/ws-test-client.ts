// A WebSocket test client for the /ws gateway: connects with headers, collects every message of every frame, waits for one that matches.
import WebSocket from 'ws';

export interface WsTestClient {
  /** Every message received so far (frames are JSON arrays; each element is one message). */
  readonly messages: readonly Record<string, unknown>[];
  send(message: unknown): void;
  /** Resolves with the first message (already received or arriving) that `match` accepts; rejects after `timeoutMs`. */
  waitFor(what: string, match: (m: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Opens `url` with `headers`; rejects with the HTTP status when the upgrade is refused (e.g. `unexpected 401`). */
export async function openWsTestClient(url: string, headers: Record<string, string> = {}): Promise<WsTestClient> {
  const ws = new WebSocket(url, { headers });
  const messages: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    const parsed = JSON.parse(data.toString()) as unknown;
    for (const m of Array.isArray(parsed) ? parsed : [parsed]) messages.push(m as Record<string, unknown>);
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`unexpected ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return {
    messages,
    send: (m) => ws.send(JSON.stringify(m)),
    waitFor: (what, match, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = messages.find(match);
          if (found === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages.slice(-5)).slice(0, 400)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}
