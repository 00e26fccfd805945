// The local venue's state file: accounts, orders, fills and nonces survive a restart; a damaged file is refused.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BadInputError } from '../../core/errors.js';
import { ManualClock } from '../../core/manual-clock.js';
import { KEY_A, KEY_B, addressOf, signedBody, startHarness, type Harness } from '../../testkit/localnet/test-support.js';
import { FILLS_KEPT } from './account.js';
import { LocalVenue } from './local-venue.js';
import { loadStateFile } from './venue-state-file.js';
import { defaultVenueOptions } from './venue-options.js';

const CLOID = '0x8000000000000000000000000000beef';

/** A price on BTC's grid (whole dollars) `f` times the mid. */
async function btcPx(h: Harness, f: number): Promise<string> {
  const mids = await h.info.allMids();
  return String(Math.round(Number(mids.BTC) * f));
}

function statusOf(s: unknown): Record<string, { oid: number }> {
  return s as Record<string, { oid: number }>;
}

describe('local venue state file', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'venue-state-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores balances, positions, open orders, fills, order statuses and nonces; new ids go on', async () => {
    const file = join(dir, 'a.json');
    const h1 = await startHarness({ stateFile: file });
    const { client, wallet } = h1.exchange(KEY_A);
    const user = wallet.address;
    await client.updateLeverage({ asset: 1, isCross: false, leverage: 5 });
    const bought = await client.order({ orders: [{ a: 0, b: true, p: await btcPx(h1, 1.01), s: '0.01', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    assert.ok('filled' in statusOf(bought.response.data.statuses[0]));
    const resting = await client.order({ orders: [{ a: 0, b: true, p: await btcPx(h1, 0.9), s: '0.002', r: false, t: { limit: { tif: 'Gtc' } }, c: CLOID }], grouping: 'na' });
    const restingOid = statusOf(resting.response.data.statuses[0]).resting.oid;
    const stop = await client.order({ orders: [{ a: 0, b: false, p: await btcPx(h1, 0.8), s: '0.01', r: true, t: { trigger: { isMarket: true, triggerPx: await btcPx(h1, 0.85), tpsl: 'sl' } } }], grouping: 'na' });
    const stopOid = statusOf(stop.response.data.statuses[0]).resting.oid;
    const canceled = await client.order({ orders: [{ a: 0, b: true, p: await btcPx(h1, 0.7), s: '0.002', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' });
    await client.cancel({ cancels: [{ a: 0, o: statusOf(canceled.response.data.statuses[0]).resting.oid }] });
    const nonce = h1.clock.now() + 5;
    const noop = await h1.post('/exchange', await signedBody(KEY_A, { type: 'noop' }, nonce));
    assert.equal(noop.status, 200);
    h1.advance(3_000);

    const acct1 = h1.venue.account(user);
    assert.ok(acct1 !== undefined);
    const cash = acct1.ledger.cash();
    const position = { ...acct1.ledger.position('BTC') };
    const open1 = await h1.info.frontendOpenOrders({ user });
    const fills1 = await h1.info.userFills({ user });
    const orders1 = await h1.info.historicalOrders({ user });
    const state1 = await h1.info.clearinghouseState({ user });
    const maxOid = Math.max(...orders1.map((o) => o.order.oid));
    assert.ok(h1.venue.persistence !== undefined && h1.venue.persistence.saves > 0);
    await h1.close();

    const h2 = await startHarness({ stateFile: file });
    const acct2 = h2.venue.account(user);
    assert.ok(acct2 !== undefined, 'the account is back');
    assert.equal(acct2.ledger.cash(), cash);
    const p2 = acct2.ledger.position('BTC');
    assert.equal(p2.qty, position.qty);
    assert.equal(p2.cost, position.cost);
    const state2 = await h2.info.clearinghouseState({ user });
    assert.deepEqual(
      state2.assetPositions.map((p) => [p.position.coin, p.position.szi, p.position.entryPx, p.position.leverage]),
      state1.assetPositions.map((p) => [p.position.coin, p.position.szi, p.position.entryPx, p.position.leverage]),
    );
    assert.deepEqual(acct2.leverageOf('ETH'), { type: 'isolated', value: 5 });
    const open2 = await h2.info.frontendOpenOrders({ user });
    assert.deepEqual(open2, open1, 'the same open orders: oids, cloids, prices, timestamps');
    assert.deepEqual(open2.map((o) => o.oid).sort(), [restingOid, stopOid].sort());
    const byCloid = await h2.info.orderStatus({ user, oid: CLOID });
    assert.ok(byCloid.status === 'order' && byCloid.order.order.oid === restingOid && byCloid.order.status === 'open');
    assert.deepEqual(await h2.info.userFills({ user }), fills1);
    assert.deepEqual(await h2.info.historicalOrders({ user }), orders1);
    const replay = await h2.post('/exchange', await signedBody(KEY_A, { type: 'noop' }, nonce));
    assert.match(replay.text, /duplicate nonce/);

    // New ids never repeat the old ones; the restored resting order can still be canceled by cloid.
    const { client: c2 } = h2.exchange(KEY_A);
    const more = await c2.order({ orders: [{ a: 0, b: false, p: await btcPx(h2, 0.99), s: '0.005', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    const moreOid = statusOf(more.response.data.statuses[0]).filled.oid;
    assert.ok(moreOid > maxOid, `new oid ${moreOid} after ${maxOid}`);
    const fills2 = await h2.info.userFills({ user });
    assert.ok(fills2[0].tid > Math.max(...fills1.map((f) => f.tid)));
    await c2.cancelByCloid({ cancels: [{ asset: 0, cloid: CLOID }] });
    const fills2All = await h2.info.userFills({ user });
    await h2.close();

    // A restarted venue's own saves restore too.
    const h3 = await startHarness({ stateFile: file });
    assert.deepEqual(await h3.info.userFills({ user }), fills2All);
    const open3 = await h3.info.frontendOpenOrders({ user });
    assert.deepEqual(open3.map((o) => o.oid), [stopOid]);
    assert.equal(h3.venue.account(user)?.ledger.cash(), h2.venue.account(user)?.ledger.cash());
    await h3.close();
  });

  it('keeps API wallets and a transfer to a new address', async () => {
    const file = join(dir, 'b.json');
    const h1 = await startHarness({ stateFile: file });
    const { client } = h1.exchange(KEY_A);
    const agent = addressOf(KEY_B);
    await client.approveAgent({ agentAddress: agent, agentName: 'bot' });
    await client.usdSend({ destination: '0x00000000000000000000000000000000000000aa', amount: '12.5' });
    await h1.close();
    const h2 = await startHarness({ stateFile: file });
    assert.equal(h2.venue.agents.get(agent.toLowerCase()) ?? h2.venue.agents.get(agent), addressOf(KEY_A).toLowerCase());
    assert.equal(h2.venue.account('0x00000000000000000000000000000000000000aa')?.ledger.cashNum, 10_000 + 12.5);
    await h2.close();
  });

  it('a resting order of the old run fills on the new market', async () => {
    const file = join(dir, 'c.json');
    const h1 = await startHarness({ stateFile: file });
    const { client, wallet } = h1.exchange(KEY_A);
    const book = await h1.info.l2Book({ coin: 'BTC' });
    const bid = book?.levels[0][0].px as string;
    const placed = await client.order({ orders: [{ a: 0, b: true, p: bid, s: '0.001', r: false, t: { limit: { tif: 'Gtc' } }, c: CLOID }], grouping: 'na' });
    const oid = statusOf(placed.response.data.statuses[0]).resting.oid;
    await h1.close();
    const h2 = await startHarness({ stateFile: file });
    for (let i = 0; i < 2_000 && h2.venue.account(wallet.address)?.open.has(oid); i++) h2.advance(1_000);
    const fills = await h2.info.userFills({ user: wallet.address });
    assert.ok(fills.some((f) => f.oid === oid && f.cloid === CLOID), 'the restored order filled');
    await h2.close();
    // The fill made after the restart is saved too.
    const h3 = await startHarness({ stateFile: file });
    assert.deepEqual(await h3.info.userFills({ user: wallet.address }), fills);
    await h3.close();
  });

  it('a compacted file (a long ledger in a few entries, then more saves) restores the same account', async () => {
    const file = join(dir, 'g.json');
    const h1 = await startHarness({ stateFile: file });
    const { client, wallet } = h1.exchange(KEY_A);
    const user = wallet.address;
    // Odd sizes at several prices: the average entry price is not exact, so compaction needs two fills.
    for (let i = 0; i < 36; i++) {
      const buy = i % 3 !== 2;
      await client.order({ orders: [{ a: 0, b: buy, p: await btcPx(h1, buy ? 1.01 : 0.99), s: (0.00117 + i * 0.00003).toFixed(5), r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
      h1.advance(700);
    }
    const acct1 = h1.venue.account(user);
    assert.ok(acct1 !== undefined && acct1.ledger.entries().length > 16);
    h1.venue.persistence?.compact();
    await client.order({ orders: [{ a: 1, b: true, p: String(Math.round(Number((await h1.info.allMids()).ETH) * 1.01)), s: '0.0123', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    const lines = readFileSync(file, 'utf8').split('\n').length - 1;
    assert.equal(lines, 3, 'header, snapshot, the save after it');
    const fills1 = await h1.info.userFills({ user });
    const orders1 = await h1.info.historicalOrders({ user });
    await h1.close();

    const h2 = await startHarness({ stateFile: file });
    const acct2 = h2.venue.account(user);
    assert.ok(acct2 !== undefined);
    assert.equal(acct2.ledger.cash(), acct1.ledger.cash());
    for (const coin of ['BTC', 'ETH']) {
      const was: { qty: bigint; cost: bigint } = acct1.ledger.position(coin);
      const restored: { qty: bigint; cost: bigint } = acct2.ledger.position(coin);
      assert.deepEqual([restored.qty, restored.cost], [was.qty, was.cost], coin);
    }
    assert.ok(acct2.ledger.entries().length < 10, `${acct2.ledger.entries().length} ledger entries after compaction`);
    acct2.ledger.checkInvariants();
    assert.deepEqual(await h2.info.userFills({ user }), fills1);
    assert.deepEqual(await h2.info.historicalOrders({ user }), orders1);
    // Trading on after a compacted restore: closing the position realises against the exact basis.
    const { client: c2 } = h2.exchange(KEY_A);
    const sz = acct2.position('BTC');
    await c2.order({ orders: [{ a: 0, b: sz < 0, p: await btcPx(h2, sz < 0 ? 1.01 : 0.99), s: Math.abs(sz).toFixed(5), r: true, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    assert.equal(acct2.position('BTC'), 0);
    await h2.close();
  });

  it('a fill or order update is on disk before its WebSocket push goes out (an action, a market step)', async () => {
    const file = join(dir, 'h.json');
    const h = await startHarness({ stateFile: file });
    const { client, wallet } = h.exchange(KEY_A);
    const user = wallet.address.toLowerCase();
    const onDisk = (): { fills: Set<number>; orders: Map<number, string> } => {
      const img = loadStateFile(file, FILLS_KEPT)?.image.accounts.get(user);
      return { fills: new Set(img?.fills.map((f) => f.tid)), orders: new Map([...(img?.orders.values() ?? [])].map((o) => [o.oid, o.status])) };
    };
    const checked: string[] = [];
    const hub = h.venue.hub;
    const publishFills = hub.publishFills.bind(hub);
    const publishOrderUpdates = hub.publishOrderUpdates.bind(hub);
    // Spies at the moment of each push: what the file holds then.
    hub.publishFills = (acct, fills) => {
      const disk = onDisk();
      for (const f of fills) checked.push(`fill ${f.tid} ${disk.fills.has(f.tid) ? 'saved' : 'NOT SAVED'}`);
      publishFills(acct, fills);
    };
    hub.publishOrderUpdates = (acct, orders) => {
      const disk = onDisk();
      for (const o of orders) checked.push(`order ${o.oid} ${o.status} ${disk.orders.get(o.oid) === o.status ? 'saved' : 'NOT SAVED'}`);
      publishOrderUpdates(acct, orders);
    };
    await client.order({ orders: [{ a: 0, b: true, p: await btcPx(h, 1.01), s: '0.001', r: false, t: { limit: { tif: 'Ioc' } } }], grouping: 'na' });
    const book = await h.info.l2Book({ coin: 'BTC' });
    const placed = await client.order({ orders: [{ a: 0, b: true, p: book?.levels[0][0].px as string, s: '0.001', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' });
    const oid = statusOf(placed.response.data.statuses[0]).resting.oid;
    // Filled by a market step (the timer's sync), not by an action.
    for (let i = 0; i < 2_000 && h.venue.account(user)?.open.has(oid); i++) h.advance(1_000);
    await h.close();
    assert.ok(checked.some((c) => c.startsWith(`order ${oid} filled`)), checked.join('\n'));
    assert.ok(checked.filter((c) => c.startsWith('fill')).length >= 2, checked.join('\n'));
    assert.deepEqual(checked.filter((c) => c.includes('NOT SAVED')), []);
  });

  it('refuses a damaged file, another format or version, and never writes over it', async () => {
    const good = join(dir, 'd.json');
    const h = await startHarness({ stateFile: good });
    const { client } = h.exchange(KEY_A);
    await client.order({ orders: [{ a: 0, b: true, p: await btcPx(h, 0.9), s: '0.002', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' });
    await h.close();
    const text = readFileSync(good, 'utf8');
    const lines = text.split('\n');
    assert.ok(lines.length >= 3, 'header, snapshot, one save at least');
    const cases: [string, string, RegExp][] = [
      ['empty', '', /empty/],
      ['garbage', 'hello\n', /not a local venue state file/],
      ['other-format', '{"format":"x","version":1}\n{}\n', /not a local venue state file/],
      ['version', '{"format":"sextant-local-venue-state","version":99}\n{}\n', /version 99/],
      ['truncated', text.slice(0, lines[0].length + 1 + Math.floor(lines[1].length / 2)), /no snapshot/],
      ['bad-line', [lines[0], lines[1].slice(0, -3), ...lines.slice(2)].join('\n'), /:2: not JSON/],
      ['bad-field', text.replace('"cumVlm":', '"cumVlm":"x","y":'), /:3: accounts\[0\]\.cumVlm: expected a finite number/],
    ];
    for (const [name, content, re] of cases) {
      const f = join(dir, `bad-${name}.json`);
      writeFileSync(f, content);
      assert.throws(
        () => new LocalVenue(defaultVenueOptions({ historyMinutes: 10, stateFile: f }), new ManualClock(Date.now())),
        (e: unknown) => e instanceof BadInputError && e.message.startsWith(f) && re.test(e.message),
        name,
      );
      assert.equal(readFileSync(f, 'utf8'), content, `${name}: the file is left as it was`);
    }
  });

  it('drops a last line cut short by a crash and compacts the file', () => {
    const f = join(dir, 'e.json');
    const log: string[] = [];
    const v1 = new LocalVenue(defaultVenueOptions({ historyMinutes: 10, stateFile: f }), new ManualClock(Date.now()));
    v1.close();
    appendFileSync(f, '{"ids":{"oid":');
    const v2 = new LocalVenue(defaultVenueOptions({ historyMinutes: 10, stateFile: f }), new ManualClock(Date.now()), undefined, (l) => log.push(l));
    v2.close();
    assert.ok(log.some((l) => l.includes('dropped a last line')), log.join('\n'));
    assert.ok(readFileSync(f, 'utf8').endsWith('\n'));
  });

  it('refuses a file whose accounts trade coins this venue does not', async () => {
    const f = join(dir, 'f.json');
    const h = await startHarness({ stateFile: f });
    const { client } = h.exchange(KEY_A);
    await client.order({ orders: [{ a: 2, b: true, p: String(Math.round(Number((await h.info.allMids()).SOL) * 0.9)), s: '1', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' });
    await h.close();
    const btcOnly = (file: string): LocalVenue => new LocalVenue(defaultVenueOptions({ historyMinutes: 10, stateFile: file, symbols: [{ name: 'BTC', szDecimals: 5, maxLeverage: 40, startPrice: 100_000 }] }), new ManualClock(Date.now()));
    assert.throws(() => btcOnly(f), (e: unknown) => e instanceof BadInputError && /SOL, which this venue does not trade/.test(e.message));
    // An account with nothing in the coins dropped restores (its settings for them are left out).
    const g = join(dir, 'f2.json');
    const h2 = await startHarness({ stateFile: g });
    await h2.exchange(KEY_A).client.order({ orders: [{ a: 0, b: true, p: await btcPx(h2, 0.9), s: '0.002', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' });
    await h2.close();
    const v = btcOnly(g);
    assert.equal(v.account(addressOf(KEY_A))?.open.size, 1);
    v.close();
  });
});
