// Test helpers: a venue on a local port with a manual clock, SDK clients pointed at it, raw signed requests.
import { ExchangeClient, HttpTransport, InfoClient, SubscriptionClient, WebSocketTransport } from '@nktkas/hyperliquid';
import { signL1Action } from '@nktkas/hyperliquid/signing';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { WebSocket } from 'ws';
import { ManualClock } from '../../core/manual-clock.js';
import { serveLocalVenue, type RunningVenue, type ServeOptions } from '../../localnet/hyperliquid/http-server.js';
import { LocalVenue } from '../../localnet/hyperliquid/local-venue.js';
import { defaultVenueOptions, type LocalVenueOptions } from '../../localnet/hyperliquid/venue-options.js';

export const KEY_A = '0x0123456789012345678901234567890123456789012345678901234567890123';
export const KEY_B = '0x1111111111111111111111111111111111111111111111111111111111111111';

export interface Harness {
  readonly venue: LocalVenue;
  readonly server: RunningVenue;
  readonly clock: ManualClock;
  readonly info: InfoClient;
  /** Moves the clock by `ms` and lets the market catch up (the CLI does this on a timer). */
  advance(ms: number): void;
  exchange(key: string): { client: ExchangeClient; wallet: PrivateKeyAccount };
  subscriptions(): { client: SubscriptionClient; transport: WebSocketTransport };
  /** POSTs a JSON body and returns status, content type and text. */
  post(path: string, body: unknown): Promise<{ status: number; type: string; text: string; json: () => unknown }>;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<LocalVenueOptions> = {}, serve: Omit<ServeOptions, 'port'> = {}): Promise<Harness> {
  // The SDK's nonces are wall-clock ms, so the manual clock starts at the wall clock.
  const clock = new ManualClock(Date.now());
  const venue = new LocalVenue(defaultVenueOptions({ seed: 7, historyMinutes: 120, ...overrides }), clock, undefined, serve.log);
  const server = await serveLocalVenue(venue, { ...serve, port: 0 });
  const transport = new HttpTransport({ apiUrl: server.url, timeout: 5_000 });
  const sockets: WebSocketTransport[] = [];
  return {
    venue,
    server,
    clock,
    info: new InfoClient({ transport }),
    advance(ms) {
      clock.advance(ms);
      venue.sync();
    },
    exchange(key) {
      const wallet = privateKeyToAccount(key as `0x${string}`);
      return { client: new ExchangeClient({ transport, wallet }), wallet };
    },
    subscriptions() {
      const t = new WebSocketTransport({ url: server.wsUrl, reconnect: { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket, maxRetries: 0 } });
      sockets.push(t);
      return { client: new SubscriptionClient({ transport: t }), transport: t };
    },
    async post(path, body) {
      const res = await fetch(server.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) };
    },
    async close() {
      for (const s of sockets) await s.close().catch(() => {});
      await server.close();
      await venue.close();
    },
  };
}

/** SDK clients for a venue at `url` (another process), signing with `key`. */
export function clientsAt(url: string, key: string): { info: InfoClient; exchange: ExchangeClient; address: string } {
  const transport = new HttpTransport({ apiUrl: url, timeout: 10_000 });
  const wallet = privateKeyToAccount(key as `0x${string}`);
  return { info: new InfoClient({ transport }), exchange: new ExchangeClient({ transport, wallet }), address: wallet.address };
}

/** The address of a private key (for tests outside the layers that may use viem). */
export function addressOf(key: string): string {
  return privateKeyToAccount(key as `0x${string}`).address;
}

/** A signed /exchange body built by hand (the SDK's signer, our own envelope) for tampering and nonce tests. */
export async function signedBody(key: string, action: Record<string, unknown>, nonce: number): Promise<Record<string, unknown>> {
  const wallet = privateKeyToAccount(key as `0x${string}`);
  const signature = await signL1Action({ wallet, action, nonce });
  return { action, nonce, signature };
}

/** Polls `cond` (for WebSocket frames arriving) up to `ms`. */
export async function waitFor(cond: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}
