// POST /info: the read-only queries, answered in the venue's shapes from the simulated market and the accounts.
import type { Account } from './account.js';
import { requestCap } from './address-rate-limit.js';
import { basicOrder, clearinghouseState, frontendOrder, openRecords, orderStatusView } from './account-views.js';
import { INTERVALS } from './candles.js';
import type { LocalVenue } from './local-venue.js';
import { allMidsView, assetCtxView, candleView, l2BookView, metaView, tradeView } from './market-views.js';
import { ok, undecodable, type Reply } from './reply.js';
import { twapHistoryView } from './twap-orders.js';
import { wireFixedUsd, wireNumber } from '../../venues/hyperliquid/actions/index.js';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const CLOID = /^0x[0-9a-fA-F]{32}$/;
const MAX_FILLS = 2_000;

const SPOT_META = {
  tokens: [{ name: 'USDC', szDecimals: 8, weiDecimals: 8, index: 0, tokenId: '0x6d1e7cde53ba9467b783cb7c530ce054', isCanonical: true, evmContract: null, fullName: null }],
  universe: [],
};

type Body = Record<string, unknown>;

function user(venue: LocalVenue, b: Body): Account | undefined {
  return typeof b.user === 'string' && ADDRESS.test(b.user) ? venue.viewAccount(b.user, 'info') : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function handleInfo(venue: LocalVenue, raw: unknown): Reply {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || typeof (raw as Body).type !== 'string') return undecodable();
  const b = raw as Body;
  const feed = venue.feed;
  const now = venue.now();
  switch (b.type) {
    case 'meta':
      return ok(metaView(feed));
    case 'metaAndAssetCtxs':
      return ok([metaView(feed), feed.markets.map((m) => assetCtxView(m, feed.dayStats(m, now)))]);
    case 'allMids':
      return ok(allMidsView(feed));
    case 'perpDexs':
      return ok([null]);
    case 'spotMeta':
      return ok(SPOT_META);
    case 'spotMetaAndAssetCtxs':
      return ok([SPOT_META, []]);
    case 'l2Book': {
      if (typeof b.coin !== 'string') return undecodable();
      const m = feed.market(b.coin);
      return ok(m === undefined ? null : l2BookView(m, b.nSigFigs as number | null, b.mantissa as number | null));
    }
    case 'recentTrades': {
      if (typeof b.coin !== 'string') return undecodable();
      return ok(feed.recentTrades(b.coin).map(tradeView));
    }
    case 'candleSnapshot': {
      const req = b.req as Body | undefined;
      if (typeof req !== 'object' || req === null || typeof req.coin !== 'string' || typeof req.interval !== 'string' || num(req.startTime) === undefined) return undecodable();
      if (INTERVALS[req.interval] === undefined) return undecodable();
      const series = feed.candles.get(req.coin);
      if (series === undefined) return ok([]);
      const end = num(req.endTime) ?? now;
      return ok(series.range(req.interval, req.startTime as number, end).map((c) => candleView(c, req.coin as string, req.interval as string)));
    }
    case 'fundingHistory':
    case 'predictedFundings':
      if (b.type === 'fundingHistory' && (typeof b.coin !== 'string' || num(b.startTime) === undefined)) return undecodable();
      return ok([]);
    case 'clearinghouseState':
    case 'openOrders':
    case 'frontendOpenOrders':
    case 'orderStatus':
    case 'historicalOrders':
    case 'userFills':
    case 'userFillsByTime':
    case 'userFunding':
    case 'userRateLimit':
    case 'userFees':
    case 'spotClearinghouseState':
    case 'activeAssetData':
    case 'twapHistory':
      return userQuery(venue, b, now);
    default:
      return undecodable();
  }
}

function userQuery(venue: LocalVenue, b: Body, now: number): Reply {
  const acct = user(venue, b);
  if (acct === undefined) return undecodable();
  switch (b.type) {
    case 'clearinghouseState':
      return ok(clearinghouseState(acct, now));
    case 'openOrders':
      return ok(openRecords(acct).map(basicOrder));
    case 'frontendOpenOrders':
      return ok(openRecords(acct).map(frontendOrder));
    case 'orderStatus': {
      const ref = b.oid;
      if (typeof ref === 'number' && Number.isSafeInteger(ref)) return ok(orderStatusView(acct.byOidOrCloid(ref)));
      if (typeof ref === 'string' && CLOID.test(ref)) return ok(orderStatusView(acct.byOidOrCloid(ref)));
      return undecodable();
    }
    case 'historicalOrders':
      return ok(
        [...acct.orders.values()]
          .sort((x, y) => y.statusTimestamp - x.statusTimestamp || y.oid - x.oid)
          .slice(0, MAX_FILLS)
          .map((o) => ({ order: frontendOrder(o), status: o.status, statusTimestamp: o.statusTimestamp })),
      );
    case 'userFills':
      return ok(acct.fills.slice(-MAX_FILLS).reverse());
    case 'userFillsByTime': {
      const start = num(b.startTime);
      if (start === undefined) return undecodable();
      const end = num(b.endTime) ?? Number.POSITIVE_INFINITY;
      // The oldest rows of the range first (so the newest time of a page starts the next), written newest first.
      return ok(acct.fills.filter((f) => f.time >= start && f.time <= end).slice(0, MAX_FILLS).reverse());
    }
    case 'userFunding':
      return ok([]);
    case 'userRateLimit':
      return ok({ cumVlm: wireNumber(Number(acct.cumVlm.toFixed(6))), nRequestsUsed: acct.nRequests, nRequestsCap: requestCap(acct), nRequestsSurplus: 0 });
    case 'userFees':
      return ok({
        dailyUserVlm: [],
        feeSchedule: { cross: '0.00045', add: '0.00015', spotCross: '0.0007', spotAdd: '0.0004', tiers: { vip: [], mm: [] }, referralDiscount: '0.04' },
        userCrossRate: '0.00045',
        userAddRate: '0.00015',
        activeReferralDiscount: '0.0',
      });
    case 'spotClearinghouseState':
      return ok({ balances: [{ coin: 'USDC', token: 0, hold: '0.0', total: wireFixedUsd(acct.spotUsdc), entryNtl: '0.0' }] });
    case 'twapHistory':
      return ok(twapHistoryView(acct));
    case 'activeAssetData': {
      const m = typeof b.coin === 'string' ? venue.feed.market(b.coin) : undefined;
      if (m === undefined) return undecodable();
      const lev = acct.leverageOf(m.spec.name);
      const free = Math.max(0, acct.available());
      const maxSz = wireNumber(Number(((free * lev.value) / m.midPx()).toFixed(m.spec.szDecimals)));
      return ok({ user: (b.user as string).toLowerCase(), coin: m.spec.name, leverage: { type: lev.type, value: lev.value }, maxTradeSzs: [maxSz, maxSz], availableToTrade: [maxSz, maxSz], markPx: wireNumber(m.midPx()) });
    }
    default:
      return undecodable();
  }
}
