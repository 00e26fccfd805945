// The HTTP transport of the local venue: oversized bodies get a clean 422, a port in use is a BadInputError.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { BadInputError } from '../../core/errors.js';
import { serveLocalVenue } from './http-server.js';
import { startHarness, type Harness } from '../../testkit/localnet/test-support.js';

/** POSTs `bytes` of body with node's own HTTP client; resolves with the status and text the server answered. */
function postBytes(url: string, bytes: number): Promise<{ status: number; text: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': bytes } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode as number, text, connection: res.headers.connection }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let left = bytes;
    const write = (): void => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

describe('local venue HTTP transport', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('answers a 2 MiB body with 422 and closes the connection, then serves the next request', async () => {
    for (const path of ['/info', '/exchange']) {
      const r = await postBytes(h.server.url + path, 2 * 1024 * 1024);
      assert.equal(r.status, 422);
      assert.equal(r.text, 'Request body too large: at most 1048576 bytes');
      assert.equal(r.connection, 'close');
    }
    const fetched = await fetch(h.server.url + '/info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(2 * 1024 * 1024) });
    assert.equal(fetched.status, 422);
    assert.equal((await h.post('/info', { type: 'meta' })).status, 200);
  });

  it('a port in use is a BadInputError naming host and port', async () => {
    const held = createServer();
    await new Promise<void>((r) => held.listen(0, '127.0.0.1', r));
    const port = (held.address() as { port: number }).port;
    try {
      await assert.rejects(serveLocalVenue(h.venue, { port }), (e: unknown) => e instanceof BadInputError && e.message === `127.0.0.1:${port}: address already in use`);
    } finally {
      await new Promise<void>((r) => held.close(() => r()));
    }
  });
});

/** A raw TCP connection to the venue that sends `text` and collects what comes back until the server closes it. */
async function rawConnection(port: number, text: string): Promise<{ socket: Socket; closed: Promise<string> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  let got = '';
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => (got += d));
  socket.on('error', () => {});
  const closed = new Promise<string>((r) => socket.once('close', () => r(got)));
  if (text !== '') socket.write(text);
  return { socket, closed };
}

it('a request that does not arrive whole within the timeout gets 408 and its socket back', { timeout: 10_000 }, async () => {
  const h = await startHarness({}, { requestTimeoutMs: 300 });
  try {
    const slow = await rawConnection(h.server.port, 'POST /info HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":');
    const answer = await slow.closed;
    assert.match(answer, /^HTTP\/1\.1 408 /);
  } finally {
    await h.close();
  }
});

it('at most maxSockets TCP connections are held; one more is dropped, and served again once one closes', { timeout: 10_000 }, async () => {
  const h = await startHarness({}, { maxSockets: 3 });
  try {
    const held = await Promise.all([0, 1, 2].map(() => rawConnection(h.server.port, '')));
    await new Promise((r) => setTimeout(r, 50));
    const extra = await rawConnection(h.server.port, 'POST /info HTTP/1.1\r\nHost: x\r\nContent-Length: 15\r\n\r\n{"type":"meta"}');
    assert.equal(await extra.closed, '', 'dropped without an answer');
    for (const c of held) c.socket.destroy();
    await Promise.all(held.map((c) => c.closed));
    assert.equal((await h.post('/info', { type: 'meta' })).status, 200);
  } finally {
    await h.close();
  }
});

