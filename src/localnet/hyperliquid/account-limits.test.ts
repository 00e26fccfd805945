// Accounts are bounded: reading an address creates no state, the table has a cap, `named` remembers a bounded set of names.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { privateKeyToAccount } from 'viem/accounts';
import { signUserSigned } from '../../venues/hyperliquid/signing/index.js';
import { KEY_A, KEY_B, signedBody, startHarness } from '../../testkit/localnet/test-support.js';

const address = (i: number): string => '0x' + i.toString(16).padStart(40, '0');

/** The `status` of an /exchange answer. */
const statusOf = (r: { json: () => unknown }): string => (r.json() as { status: string }).status;

it('querying 2 000 unknown addresses over /info and the WebSocket creates no account', async () => {
  const h = await startHarness();
  try {
    for (let i = 1; i <= 2_000; i++) {
      const r = (await h.post('/info', { type: i % 2 === 0 ? 'clearinghouseState' : 'frontendOpenOrders', user: address(0xabc000 + i) })).json();
      if (i % 2 === 0) assert.equal((r as { marginSummary: { accountValue: string } }).marginSummary.accountValue, '10000.0', 'an unknown address reads as the account it would get');
      else assert.deepEqual(r, []);
    }
    const ws = h.subscriptions();
    for (let i = 1; i <= 10; i++) await ws.client.userFills({ user: address(0xdef000 + i) as `0x${string}` }, () => {});
    assert.equal(h.venue.accountCount, 0);
    // Signing creates the account, with the balance the views showed.
    assert.equal(statusOf(await h.post('/exchange', await signedBody(KEY_A, { type: 'noop' }, h.clock.now()))), 'ok');
    assert.equal(h.venue.accountCount, 1);
  } finally {
    await h.close();
  }
});

it('a full account table refuses a new signer and a transfer to a new address; known accounts go on', async () => {
  const h = await startHarness({ maxAccounts: 1 });
  try {
    const now = h.clock.now();
    assert.equal(statusOf(await h.post('/exchange', await signedBody(KEY_A, { type: 'noop' }, now))), 'ok');
    const b = privateKeyToAccount(KEY_B).address.toLowerCase();
    assert.deepEqual((await h.post('/exchange', await signedBody(KEY_B, { type: 'noop' }, now))).json(), { status: 'err', response: `User or API Wallet ${b} does not exist: the local venue holds at most 1 accounts.` });
    const send = { type: 'usdSend', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', destination: b, amount: '1', time: now + 1 };
    const r = await h.post('/exchange', { action: send, nonce: now + 1, signature: await signUserSigned(privateKeyToAccount(KEY_A), send) });
    assert.deepEqual(r.json(), { status: 'err', response: `Destination ${b} cannot get an account: the local venue holds at most 1 accounts.` });
    assert.equal(statusOf(await h.post('/exchange', await signedBody(KEY_A, { type: 'noop' }, now + 2))), 'ok');
    assert.equal(h.venue.accountCount, 1);
  } finally {
    await h.close();
  }
});

it("in 'named' mode a name read over /info lets the address sign later; reading still creates no account", async () => {
  const h = await startHarness({ accounts: 'named' });
  try {
    const a = privateKeyToAccount(KEY_A).address;
    await h.info.clearinghouseState({ user: a });
    assert.equal(h.venue.accountCount, 0);
    assert.equal(statusOf(await h.post('/exchange', await signedBody(KEY_A, { type: 'noop' }, h.clock.now()))), 'ok');
    assert.equal(statusOf(await h.post('/exchange', await signedBody(KEY_B, { type: 'noop' }, h.clock.now()))), 'err');
    assert.equal(h.venue.accountCount, 1);
  } finally {
    await h.close();
  }
});

it('an account rests at most 1 000 orders; the next is refused, an IOC and a modify still go', async () => {
  const h = await startHarness();
  try {
    const bid = Number((await h.info.l2Book({ coin: 'BTC' }))?.levels[0][0].px);
    const px = String(Math.floor(bid * 0.9));
    const order = { a: 0, b: true, p: px, s: '0.0002', r: false, t: { limit: { tif: 'Gtc' } } };
    let nonce = h.clock.now();
    const place = async (orders: unknown[]) => (await h.post('/exchange', await signedBody(KEY_A, { type: 'order', orders, grouping: 'na' }, nonce++))).json() as { response: { data: { statuses: unknown[] } } };
    const first = await place(Array.from({ length: 1_000 }, () => order));
    assert.equal(first.response.data.statuses.filter((s) => typeof s === 'object' && s !== null && 'resting' in s).length, 1_000);
    assert.deepEqual((await place([order])).response.data.statuses, [{ error: 'Too many open orders: at most 1000. asset=0' }]);
    const ioc = (await place([{ ...order, t: { limit: { tif: 'Ioc' } } }])).response.data.statuses[0] as { error: string };
    assert.equal(ioc.error, 'Order could not immediately match against any resting orders. asset=0', 'an IOC is not refused by the limit');
    const oid = ((first.response.data.statuses[0] as { resting: { oid: number } }).resting.oid);
    const modified = (await h.post('/exchange', await signedBody(KEY_A, { type: 'modify', oid, order: { ...order, p: String(Math.floor(bid * 0.85)) } }, nonce++))).json();
    assert.deepEqual(modified, { status: 'ok', response: { type: 'default' } });
  } finally {
    await h.close();
  }
});

it('an account approves one unnamed and at most three named API wallets; a replaced wallet stops trading for it', async () => {
  const h = await startHarness();
  try {
    const { client } = h.exchange(KEY_A);
    const agents = Array.from({ length: 5 }, (_, i) => privateKeyToAccount(`0x${String(i + 5).repeat(64)}` as `0x${string}`).address);
    for (const [i, agentAddress] of agents.slice(0, 3).entries()) await client.approveAgent({ agentAddress, agentName: `bot${i}` });
    await assert.rejects(client.approveAgent({ agentAddress: agents[3], agentName: 'bot3' }), /Too many named API wallets: at most 3 per account/);
    await client.approveAgent({ agentAddress: agents[3], agentName: 'bot0' });
    assert.equal(h.venue.agents.has(agents[0].toLowerCase()), false, 'bot0 replaced');
    assert.equal(h.venue.agents.get(agents[3].toLowerCase()), privateKeyToAccount(KEY_A).address.toLowerCase());
    await client.approveAgent({ agentAddress: agents[4], agentName: null });
    assert.equal(h.venue.agents.has(agents[4].toLowerCase()), true, 'the unnamed wallet is besides the named ones');
  } finally {
    await h.close();
  }
});

it('an address spends 10 000 requests (a batch of n counts n), then sends one action per 10 s; cancels have more room', async () => {
  const h = await startHarness();
  try {
    const bid = Number((await h.info.l2Book({ coin: 'BTC' }))?.levels[0][0].px);
    // IOCs far below the book: refused per order, but each counts against the budget.
    const ioc = { a: 0, b: true, p: String(Math.floor(bid * 0.9)), s: '0.0002', r: false, t: { limit: { tif: 'Ioc' } } };
    let nonce = h.clock.now();
    const send = async (action: Record<string, unknown>) => (await h.post('/exchange', await signedBody(KEY_A, action, nonce++))).json() as { status: string; response: unknown };
    for (let i = 0; i < 10; i++) assert.equal((await send({ type: 'order', orders: Array.from({ length: 1_000 }, () => ioc), grouping: 'na' })).status, 'ok');
    const user = privateKeyToAccount(KEY_A).address;
    assert.deepEqual(await h.info.userRateLimit({ user }), { cumVlm: '0.0', nRequestsUsed: 10_000, nRequestsCap: 10_000, nRequestsSurplus: 0 });
    assert.equal((await send({ type: 'noop' })).status, 'ok', 'past the budget, one action goes through');
    assert.deepEqual(await send({ type: 'noop' }), { status: 'err', response: 'Too many cumulative requests sent (10002 > 10000) for cumulative volume traded $0.00. Place taker orders to free up 1 request per USDC traded.' });
    assert.equal((await send({ type: 'cancel', cancels: [{ a: 0, o: 1 }] })).status, 'ok', 'cancels have their own, larger budget');
    h.advance(10_000);
    assert.equal((await send({ type: 'noop' })).status, 'ok', 'ten seconds later, the next one');
  } finally {
    await h.close();
  }
});

it('an account keeps its 10 000 newest fills (the venue serves no older ones): 13 000 fills leave at most 12 000', async () => {
  const h = await startHarness();
  try {
    const book = await h.info.l2Book({ coin: 'SOL' });
    const buy = { a: 2, b: true, p: (Number(book?.levels[1][0].px) * 1.01).toFixed(2), s: '0.1', r: false, t: { limit: { tif: 'Ioc' } } };
    const sell = { ...buy, b: false, p: (Number(book?.levels[0][0].px) * 0.99).toFixed(2) };
    let nonce = h.clock.now();
    for (let i = 0; i < 13; i++) {
      const r = (await h.post('/exchange', await signedBody(KEY_A, { type: 'order', orders: Array.from({ length: 1_000 }, () => (i % 2 === 0 ? buy : sell)), grouping: 'na' }, nonce++))).json() as { status: string };
      assert.equal(r.status, 'ok');
    }
    const acct = h.venue.account(privateKeyToAccount(KEY_A).address);
    assert.ok(acct !== undefined);
    assert.ok(acct.fills.length >= 10_000 && acct.fills.length < 12_000, `kept ${acct.fills.length}`);
    assert.equal(acct.fills.at(-1)?.tid, Math.max(...acct.fills.map((f) => f.tid)), 'the newest are the ones kept');
    assert.equal((await h.info.userFills({ user: acct.address as `0x${string}` })).length, 2_000);
  } finally {
    await h.close();
  }
});
