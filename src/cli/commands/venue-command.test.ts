// `sextant venue`: prints the URLs and the balance rule, serves /info, stops when told.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BadInputError } from '../../core/errors.js';
import { parseArgs } from '../args.js';
import { captureIO } from '../test-io.js';
import { runVenue, venueCommand } from './venue-command.js';

it('sextant venue prints its URLs and balance rule, serves /info and stops cleanly', async () => {
  const io = captureIO(process.cwd());
  let stop = (): void => {};
  const stopped = new Promise<void>((r) => (stop = r));
  const done = runVenue(parseArgs(['--port', '0', '--balance', '2500', '--symbols', 'BTC,DOGE', '--seed', '3'], venueCommand.options), io, stopped);
  while (!io.stdout().includes('stop')) await new Promise((r) => setTimeout(r, 10));
  const out = io.stdout();
  const url = /api url\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  assert.ok(url !== undefined, out);
  assert.match(out, /websocket\s+ws:\/\/127\.0\.0\.1:\d+\/ws/);
  assert.match(out, /2500 USDC/);
  assert.match(out, /SIMULATED DATA/);
  const meta = (await (await fetch(url + '/info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":"meta"}' })).json()) as { universe: { name: string }[] };
  assert.deepEqual(meta.universe.map((u) => u.name), ['BTC', 'DOGE']);
  stop();
  assert.equal(await done, 0);
  assert.match(io.stderr(), /local venue stopped/);
});

it('sextant venue names a bad option', async () => {
  const io = captureIO(process.cwd());
  await assert.rejects(runVenue(parseArgs(['--accounts', 'some'], venueCommand.options), io, Promise.resolve()), /--accounts/);
});

it('sextant venue on a port already in use: BadInputError naming host and port, and the venue is not left running', async () => {
  const blocker = (await import('node:net')).createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  try {
    const io = captureIO(process.cwd());
    await assert.rejects(
      runVenue(parseArgs(['--port', String(port)], venueCommand.options), io, new Promise(() => undefined)),
      (e: unknown) => e instanceof BadInputError && e.message === `--host 127.0.0.1 --port ${port}: cannot listen: address already in use 127.0.0.1:${port} (EADDRINUSE)`,
    );
  } finally {
    blocker.close();
  }
});
