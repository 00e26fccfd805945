// The local venue against the official Python SDK's recorded /info calls: the same bodies over HTTP, answers of the recorded shape, the SDK's own assertions.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sharedDataFile, SHARED_DATA_MISSING } from '../../testkit/shared-data.js';
import { StandIn } from '../../testkit/localnet/cassette-accounts.js';
import { shapeDiffs, shapeOf, type ShapeAllowances } from '../../testkit/localnet/json-shape.js';
import { KEY_A, KEY_B, startHarness, type Harness } from '../../testkit/localnet/test-support.js';
import type { SymbolSpec } from './venue-options.js';

const DIR = sharedDataFile('hyperliquid', 'fixtures', 'python-sdk-info-cassettes');

type Json = Record<string, unknown>;
interface Interaction {
  readonly request: { readonly body: Json };
  readonly response: { readonly status: number; readonly body: unknown };
}
interface Cassette {
  readonly file: string;
  readonly asserted: Json | null;
  readonly interactions: readonly Interaction[];
}

function loadCassettes(dir: string): Cassette[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== '_index.json')
    .sort()
    .map((file) => {
      let raw: { asserted_by_source_test: Json | null; interactions: Interaction[] };
      try {
        raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      } catch (e) {
        throw new Error(`cassette ${file} could not be read as JSON`, { cause: e });
      }
      return { file, asserted: raw.asserted_by_source_test, interactions: raw.interactions };
    });
}

const CASSETTES: readonly Cassette[] = DIR === undefined ? [] : loadCassettes(DIR);

function cassette(file: string): Cassette {
  const c = CASSETTES.find((x) => x.file === file);
  if (c === undefined) throw new Error(`cassette ${file} is not in the shared data`);
  return c;
}

/** The recorded answer to the cassette's request of `type`. */
function recorded(file: string, type: string): Interaction {
  const i = cassette(file).interactions.find((x) => x.request.body.type === type);
  if (i === undefined) throw new Error(`cassette ${file} has no ${type} request`);
  return i;
}

/** Request types the recordings hold that the local venue does not answer (it answers HTTP 422, as the venue does for a type it does not know). */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  portfolio: 'no account-value or PnL history is kept',
  userTwapSliceFills: 'TWAP slice fills are in userFills (with twapId); the separate query is not implemented',
  userVaultEquities: 'no vaults',
  userRole: 'no vaults, sub-accounts or agents roles are reported',
  delegatorHistory: 'no staking',
  extraAgents: 'approved agents are kept but not listed over /info',
  userNonFundingLedgerUpdates: 'no ledger of deposits and transfers over /info (the WebSocket channel sends an empty snapshot)',
};

/** Account queries: besides the recorded address (a fresh, empty account here) they are asked for a stand-in with state. */
const ACCOUNT_TYPES = new Set(['clearinghouseState', 'openOrders', 'frontendOpenOrders', 'userFills', 'userFillsByTime', 'userFunding', 'historicalOrders', 'userRateLimit']);

/** Fill keys the 2023-07 fill recordings lack and the current venue writes (the venue docs; recent fills in the nautilus fixtures). */
const FILL_KEYS_SINCE_2023 = {
  '$[].tid': 'added after the 2023-07 recording',
  '$[].feeToken': 'added after the 2023-07 recording',
  '$[].twapId': 'added after the 2023-07 recording (null for non-TWAP fills)',
};

/**
 * Shape differences that are the venue's API moving on since a recording, per request type (the
 * python-sdk cassettes date from 2023-03 to 2025-09; see the nautilus fixtures and the venue's docs
 * for the current shapes). Anything not listed here is a difference of the local venue.
 */
const ALLOWANCES: Readonly<Record<string, ShapeAllowances>> = {
  allMids: { maps: ['$'] },
  meta: {
    addedKeys: {
      '$.universe[].marginTableId': 'margin tables came after the 2023-07 recording (in the venue docs)',
      '$.marginTables': 'margin tables came after the 2023-07 recording (in the venue docs)',
      '$.collateralToken': 'added after the 2023-07 recording (in the venue docs)',
    },
  },
  openOrders: { addedKeys: { '$[].origSz': 'added after the 2023-03 recording (in the venue docs and the orderUpdates frames)' } },
  frontendOpenOrders: {
    addedKeys: {
      '$[].cloid': 'added after the 2023-11 recording (the 2025-08 historicalOrders recording has it, null when unset)',
      '$[].children[].cloid': 'as $[].cloid',
    },
  },
  clearinghouseState: {
    addedKeys: {
      '$.crossMaintenanceMarginUsed': 'added after the 2023-03 recording (in the venue docs)',
      '$.time': 'added after the 2023-03 recording (in the venue docs)',
      '$.assetPositions[].position.maxLeverage': 'added after the 2023-03 recording (in the venue docs)',
      '$.assetPositions[].position.cumFunding': 'added after the 2023-03 recording (in the venue docs)',
    },
    droppedKeys: { '$.assetPositions[].position.maxTradeSzs': 'no longer in positions (now in activeAssetData; not in the venue docs for clearinghouseState)' },
  },
  userFills: { addedKeys: FILL_KEYS_SINCE_2023 },
  userFillsByTime: { addedKeys: FILL_KEYS_SINCE_2023 },
  userRateLimit: { addedKeys: { '$.nRequestsSurplus': 'in the venue docs; absent from the 2025-08 recording, so added since (uncertain)' } },
};

/** Keys per cassette address: the addresses of the recordings have no key we know, so a test key stands in. */
const STAND_IN_KEYS = [KEY_A, KEY_B, '0x2222222222222222222222222222222222222222222222222222222222222222', '0x3333333333333333333333333333333333333333333333333333333333333333'];

/** The coins the recorded universe (2023-07) lists, with the recorded mids as start prices, so the SDK's coin-specific requests need no mapping. */
function recordedSymbols(): SymbolSpec[] {
  const meta = recorded('test_get_info.json', 'meta').response.body as { universe: { name: string; szDecimals: number; maxLeverage: number }[] };
  const mids = recorded('test_get_all_mids.json', 'allMids').response.body as Record<string, string>;
  return meta.universe.map((u) => ({ name: u.name, szDecimals: u.szDecimals, maxLeverage: u.maxLeverage, startPrice: Number(mids[u.name]) }));
}

const HOUR = 3_600_000;

/** Why the SDK's funding-history assertions do not apply: the simulated market pays no funding. */
const NO_FUNDING = 'no funding is paid on the local venue: fundingHistory is always empty';

/** A check of our answer against the value an SDK test asserts, or why that assertion does not apply. */
type Check = string | ((ours: unknown, expected: unknown) => void | Promise<void>);

function assertIncludes(keys: readonly string[], expected: readonly string[]): void {
  for (const k of expected) assert.ok(keys.includes(k), `key ${k} in ${JSON.stringify(keys)}`);
}

const userOf = (file: string): string => String(cassette(file).interactions[0].request.body.user).toLowerCase();

describe('local venue against the Python SDK info cassettes', { skip: DIR === undefined ? SHARED_DATA_MISSING : false }, () => {
  let h: Harness;
  /** Recorded address (lowercase) → the stand-in account that mimics its state. */
  const standIns = new Map<string, StandIn>();
  let tradingFrom = 0;

  const post = async (body: unknown): Promise<unknown> => {
    const res = await h.post('/info', body);
    assert.equal(res.status, 200, `${JSON.stringify(body)} → ${res.status} ${res.text}`);
    return res.json();
  };

  const standInOf = (file: string): StandIn => {
    const s = standIns.get(userOf(file));
    assert.ok(s !== undefined, `a stand-in for the account of ${file}`);
    return s;
  };

  const standIn = (file: string): StandIn => {
    const address = userOf(file);
    let s = standIns.get(address);
    if (s === undefined) {
      const key = STAND_IN_KEYS[standIns.size];
      assert.ok(key !== undefined, 'a stand-in key per recorded account');
      s = new StandIn(h, key);
      standIns.set(address, s);
    }
    return s;
  };

  before(async () => {
    // 26 h of 1-minute history: the recorded 24-candle 1h window fits once shifted to our clock.
    h = await startHarness({ symbols: recordedSymbols(), historyMinutes: 26 * 60 });
    h.advance(2_000);
    tradingFrom = h.clock.now();
    // The recorded account of clearinghouseState (12 positions) and openOrders (196 orders): same coins, sides and counts.
    const state = recorded('test_get_user_state.json', 'clearinghouseState').response.body as { assetPositions: { position: { coin: string; szi: string } }[] };
    await standIn('test_get_user_state.json').openPositions(state.assetPositions.map((p) => ({ coin: p.position.coin, long: Number(p.position.szi) > 0 })));
    const open = recorded('test_get_open_orders.json', 'openOrders').response.body as { coin: string; side: string }[];
    await standIn('test_get_open_orders.json').restOrders(open.map((o) => ({ coin: o.coin, buy: o.side === 'B' })));
    // frontendOpenOrders recorded a resting limit with TP and SL children (listed beside it as well).
    const front = recorded('test_get_frontend_open_orders.json', 'frontendOpenOrders').response.body as { coin: string; side: string; children: unknown[] }[];
    const parent = front.find((o) => o.children.length > 0);
    assert.ok(parent !== undefined, 'the recording has an order with children');
    await standIn('test_get_frontend_open_orders.json').restWithTpsl(parent.coin, parent.side === 'B');
    // userFills / userFillsByTime / userFunding: taker fills in the recording's newest coin.
    const fills = recorded('test_get_user_fills.json', 'userFills').response.body as { coin: string }[];
    await standIn('test_get_user_fills.json').takerFills(fills[0].coin, 5);
    // historicalOrders recorded TON, ORDI, GRIFFAIN, DYDX…: the first coin the venue lists.
    const hist = recorded('test_historical_orders.json', 'historicalOrders').response.body as { order: { coin: string } }[];
    const listed = hist.map((o) => o.order.coin).find((c) => h.venue.feed.market(c) !== undefined) ?? 'BTC';
    await standIn('test_historical_orders.json').orderHistory(listed);
  });

  after(async () => {
    await h?.close();
  });

  /** The body the SDK sent, for the stand-in of its user, with a time window that covers the stand-in's trading. */
  const standInBody = (body: Json, s: StandIn): Json => {
    const out: Json = { ...body, user: s.address };
    if (typeof body.startTime === 'number') out.startTime = tradingFrom;
    if (typeof body.endTime === 'number') out.endTime = h.clock.now();
    return out;
  };

  const assertShape = (type: string, ours: unknown, rec: unknown, what: string): void => {
    // One line per place (every element of an array repeats its difference).
    const diffs = [...new Set(shapeDiffs(ours, shapeOf(rec), ALLOWANCES[type]))];
    assert.deepEqual(diffs, [], `${what}: ${type} answer differs in shape from the recording`);
  };

  it('reads every cassette the index lists, each recorded as a success', () => {
    const index = JSON.parse(readFileSync(join(DIR ?? '', '_index.json'), 'utf8')) as { file: string }[];
    assert.deepEqual(CASSETTES.map((c) => c.file), index.map((e) => e.file).sort());
    for (const c of CASSETTES) for (const i of c.interactions) assert.equal(i.response.status, 200, `${c.file} recorded a success`);
  });

  /**
   * What each SDK test asserts (asserted_by_source_test), per asserted key: a check of our answer
   * with the recorded expectation, or why it does not apply to the simulated market.
   */
  const sdkAssertions = (): Record<string, { ask: () => Promise<unknown>; checks: Record<string, Check> }> => ({
    'test_get_all_mids.json': {
      ask: () => post(recorded('test_get_all_mids.json', 'allMids').request.body),
      checks: { contains_keys: (ours, keys) => assertIncludes(Object.keys(ours as Json), keys as string[]) },
    },
    'test_get_info.json': {
      ask: () => post(recorded('test_get_info.json', 'meta').request.body),
      checks: {
        'len(universe)': (ours, n) => assert.equal((ours as { universe: unknown[] }).universe.length, n),
        'universe[0].name': (ours, name) => assert.equal((ours as { universe: Json[] }).universe[0].name, name),
        'universe[0].szDecimals': (ours, d) => assert.equal((ours as { universe: Json[] }).universe[0].szDecimals, d),
      },
    },
    'test_get_l2_snapshot.json': {
      ask: () => post(recorded('test_get_l2_snapshot.json', 'l2Book').request.body),
      checks: {
        'len(levels)': (ours, n) => assert.equal((ours as { levels: unknown[] }).levels.length, n),
        coin: (ours, coin) => assert.equal((ours as Json).coin, coin),
        level_keys: (ours, keys) => {
          const levels = (ours as { levels: Json[][] }).levels;
          assert.ok(levels[0].length > 0 && levels[1].length > 0, 'both sides have levels');
          for (const side of levels) for (const l of side) assertIncludes(Object.keys(l), keys as string[]);
        },
      },
    },
    'test_get_candles_snapshot.json': {
      // The recorded window (2023-05) is before the venue's history: the same window moved by whole
      // hours to end within the last hour, so the candle boundaries fall alike.
      ask: () => {
        const req = recorded('test_get_candles_snapshot.json', 'candleSnapshot').request.body.req as { startTime: number; endTime: number };
        const shift = Math.floor((h.clock.now() - req.endTime) / HOUR) * HOUR;
        return post({ type: 'candleSnapshot', req: { ...req, startTime: req.startTime + shift, endTime: req.endTime + shift } });
      },
      checks: {
        'len(response)': (ours, n) => assert.equal((ours as unknown[]).length, n),
        keys: (ours, keys) => {
          for (const candle of ours as Json[]) assertIncludes(Object.keys(candle), keys as string[]);
        },
        request: (_ours, req) => assert.deepEqual(recorded('test_get_candles_snapshot.json', 'candleSnapshot').request.body.req, req, 'the replayed body is the one the SDK test sent'),
      },
    },
    ...Object.fromEntries(
      ['test_get_funding_history_1684811870000.json', 'test_get_funding_history_None.json'].map((file) => [
        file,
        {
          ask: () => post(recorded(file, 'fundingHistory').request.body),
          checks: { 'response[0].coin': NO_FUNDING, keys: NO_FUNDING },
        },
      ]),
    ),
    'test_get_user_state.json': {
      ask: () => post(standInBody(recorded('test_get_user_state.json', 'clearinghouseState').request.body, standInOf('test_get_user_state.json'))),
      checks: {
        'len(assetPositions)': (ours, n) => assert.equal((ours as { assetPositions: unknown[] }).assetPositions.length, n),
        'marginSummary.accountValue': "the recorded account's equity; the stand-in holds the same coins on its own balance",
        user: (_ours, user) => assert.equal(recorded('test_get_user_state.json', 'clearinghouseState').request.body.user, user, 'the replayed body names the asserted user'),
      },
    },
    'test_get_open_orders.json': {
      ask: () => post(standInBody(recorded('test_get_open_orders.json', 'openOrders').request.body, standInOf('test_get_open_orders.json'))),
      checks: { 'len(response)': (ours, n) => assert.equal((ours as unknown[]).length, n) },
    },
    'test_get_frontend_open_orders.json': {
      ask: () => post(standInBody(recorded('test_get_frontend_open_orders.json', 'frontendOpenOrders').request.body, standInOf('test_get_frontend_open_orders.json'))),
      // The recorded parent with its TP and SL listed beside it: three entries.
      checks: { 'len(response)': (ours, n) => assert.equal((ours as unknown[]).length, n) },
    },
    'test_get_user_fills.json': {
      ask: () => post(standInBody(recorded('test_get_user_fills.json', 'userFills').request.body, standInOf('test_get_user_fills.json'))),
      checks: { 'response[0].crossed': (ours, crossed) => assert.equal((ours as Json[])[0].crossed, crossed) },
    },
    'test_get_user_fills_by_time.json': {
      ask: () => post(standInBody(recorded('test_get_user_fills_by_time.json', 'userFillsByTime').request.body, standInOf('test_get_user_fills_by_time.json'))),
      checks: {
        'len(response)': 'the page the venue returned in 2023 (500 rows); the stand-in has a handful of fills (all of them are checked below)',
        startTime: async (ours) => {
          const all = (await post({ type: 'userFills', user: standInOf('test_get_user_fills_by_time.json').address })) as { time: number }[];
          assert.ok(all.length > 0);
          assert.equal((ours as unknown[]).length, all.filter((f) => f.time >= tradingFrom).length, 'every fill since the window start');
          for (const f of ours as { time: number }[]) assert.ok(f.time >= tradingFrom, `fill at ${f.time} before startTime`);
        },
        endTime: (ours) => {
          for (const f of ours as { time: number }[]) assert.ok(f.time <= h.clock.now(), `fill at ${f.time} after endTime`);
        },
      },
    },
  });

  it('applies what the SDK tests assert, where it applies to the simulated market', async (t) => {
    const table = sdkAssertions();
    for (const c of CASSETTES) {
      if (c.asserted === null) continue;
      const entry = table[c.file];
      assert.ok(entry !== undefined, `${c.file} asserts ${JSON.stringify(c.asserted)}: list how it applies`);
      const ours = await entry.ask();
      for (const [key, expected] of Object.entries(c.asserted)) {
        const check = entry.checks[key];
        assert.ok(check !== undefined, `${c.file} asserts ${key}: list how it applies`);
        if (typeof check === 'string') t.diagnostic(`${c.file} ${key}: not applied (${check})`);
        else await check(ours, expected);
      }
    }
  });

  for (const c of CASSETTES) {
    for (const [n, i] of c.interactions.entries()) {
      const type = String(i.request.body.type);
      const name = `${c.file} #${n} ${type}`;
      if (UNSUPPORTED[type] !== undefined) {
        it(`${name}: unsupported (${UNSUPPORTED[type]}) → 422 plain text`, async () => {
          const res = await h.post('/info', i.request.body);
          assert.equal(res.status, 422, res.text);
          assert.match(res.type, /^text\/plain/);
        });
        continue;
      }
      it(`${name}: the recorded body gets an answer of the recorded shape`, async () => {
        assertShape(type, await post(i.request.body), i.response.body, 'recorded body');
      });
      if (ACCOUNT_TYPES.has(type)) {
        it(`${name}: a stand-in account with state gets an answer of the recorded shape`, async () => {
          const s = standIns.get(String(i.request.body.user).toLowerCase());
          assert.ok(s !== undefined, `a stand-in for ${String(i.request.body.user)}`);
          const ours = await post(standInBody(i.request.body, s));
          assertShape(type, ours, i.response.body, 'stand-in');
          assertNotEmpty(type, ours);
        });
      }
    }
  }
});

/** The arrays whose element shapes the stand-ins are there to compare. */
function assertNotEmpty(type: string, ours: unknown): void {
  if (type === 'userFunding') return; // no funding is paid on the local venue: always empty
  if (type === 'clearinghouseState') assert.ok((ours as { assetPositions: unknown[] }).assetPositions.length > 0, 'positions');
  else if (Array.isArray(ours)) assert.ok(ours.length > 0, `${type} lists something`);
}
