// `sextant venue --state F` killed with SIGKILL right after an order's answer: the restarted venue still has the order and the fill.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { startCli, type CliRun } from '../../testkit/cli/cli-process.js';
import { clientsAt, KEY_A } from '../../testkit/localnet/test-support.js';

/** The venue's API URL once its banner is out. */
async function venueUrl(run: CliRun): Promise<string> {
  const end = Date.now() + 60_000;
  for (;;) {
    const url = /api url\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout())?.[1];
    if (url !== undefined) return url;
    if (Date.now() > end || run.child.exitCode !== null) assert.fail(`no banner from sextant venue:\n${run.stdout()}${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function killed(run: CliRun): Promise<void> {
  return new Promise((resolve) => {
    if (run.child.exitCode !== null || run.child.signalCode !== null) return resolve();
    run.child.once('close', () => resolve());
    run.child.kill('SIGKILL');
  });
}

it('a venue killed with SIGKILL right after an order answer restarts with that order and its fill', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'venue-kill-'));
  const state = join(dir, 'venue-state.json');
  const args = ['venue', '--port', '0', '--state', state, '--symbols', 'BTC,ETH'];
  const runs: CliRun[] = [];
  t.after(async () => {
    for (const r of runs) await killed(r);
    rmSync(dir, { recursive: true, force: true });
  });
  const first = startCli(args, dir);
  runs.push(first);
  const url1 = await venueUrl(first);
  const { info: info1, exchange: ex1, address } = clientsAt(url1, KEY_A);
  const mid = Number((await info1.allMids()).BTC);
  const bought = await ex1.order({ orders: [{ a: 0, b: true, p: String(Math.round(mid * 1.01)), s: '0.01', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
  assert.ok('filled' in (bought.response.data.statuses[0] as object));
  const placed = await ex1.order({ orders: [{ a: 0, b: true, p: String(Math.round(mid * 0.9)), s: '0.002', r: false, t: { limit: { tif: 'Gtc' } }, c: '0x8000000000000000000000000000cafe' }], grouping: 'na' });
  // Killed the moment the answer is in: no shutdown, no flush beyond what the venue did before answering.
  await killed(first);
  const status = placed.response.data.statuses[0] as { resting?: { oid: number } };
  assert.ok(status.resting !== undefined, JSON.stringify(status));
  const oid = status.resting.oid;

  const second = startCli(args, dir);
  runs.push(second);
  const url2 = await venueUrl(second);
  assert.match(second.stderr(), /restored 1 account/);
  const info2 = clientsAt(url2, KEY_A).info;
  const open = await info2.frontendOpenOrders({ user: address });
  assert.deepEqual(open.map((o) => [o.oid, o.cloid]), [[oid, '0x8000000000000000000000000000cafe']]);
  const fills = await info2.userFills({ user: address });
  assert.equal(fills.length > 0 && fills.every((f) => f.coin === 'BTC' && f.side === 'B'), true, JSON.stringify(fills));
  const st = await info2.clearinghouseState({ user: address });
  assert.equal(st.assetPositions[0]?.position.szi, '0.01');
  await killed(second);
});
