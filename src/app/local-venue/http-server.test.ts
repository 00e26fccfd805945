// The HTTP transport of the local venue: oversized bodies get a clean 422, a port in use is a BadInputError.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { BadInputError } from '../../core/errors.js';
import { serveLocalVenue } from './http-server.js';
import { startHarness, type Harness } from './test-support.js';

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
