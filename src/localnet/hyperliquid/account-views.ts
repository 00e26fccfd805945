// An account as the venue's info endpoint writes it: clearinghouseState, open orders, order status.
import type { Account } from './account.js';
import type { OrderRecord } from './order-record.js';
import { triggerCondition } from './order-record.js';
import { wireFixed, wireNumber, wireUsd } from '../../venues/hyperliquid/actions/index.js';

/** `openOrders` entry and the `order` of an `orderUpdates` frame. */
export function basicOrder(o: OrderRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { coin: o.coin, side: o.side, limitPx: wireNumber(o.limitPx), sz: wireNumber(o.sz), oid: o.oid, timestamp: o.timestamp, origSz: wireNumber(o.origSz) };
  if (o.cloid !== null) out.cloid = o.cloid;
  return out;
}

/** `frontendOpenOrders` entry and the `order` of an `orderStatus` answer (key order as recorded). */
export function frontendOrder(o: OrderRecord): Record<string, unknown> {
  const trigger = o.isTrigger ? wireNumber(o.triggerPx) : '0.0';
  return {
    coin: o.coin,
    side: o.side,
    limitPx: wireNumber(o.limitPx),
    sz: wireNumber(o.sz),
    oid: o.oid,
    timestamp: o.timestamp,
    triggerCondition: triggerCondition(o, trigger),
    isTrigger: o.isTrigger,
    triggerPx: trigger,
    children: o.children.map(frontendOrder),
    isPositionTpsl: o.isPositionTpsl,
    reduceOnly: o.reduceOnly,
    orderType: o.orderType,
    origSz: wireNumber(o.origSz),
    tif: o.tif,
    cloid: o.cloid,
  };
}

/** Open orders with normalTpsl children still waiting for their parent listed beside it, as the venue lists them. */
export function openRecords(acct: Account): OrderRecord[] {
  const out: OrderRecord[] = [];
  for (const o of acct.open.values()) out.push(...o.children, o);
  return out.sort((a, b) => b.timestamp - a.timestamp || b.oid - a.oid);
}

export function orderStatusView(o: OrderRecord | undefined): unknown {
  if (o === undefined) return { status: 'unknownOid' };
  return { status: 'order', order: { order: frontendOrder(o), status: o.status, statusTimestamp: o.statusTimestamp } };
}

/**
 * Perp account summary at the mids: positions with cross leverage, margin at the position's
 * leverage, maintenance at half the initial margin of max leverage, liquidation price holding the
 * other positions at their marks.
 */
export function clearinghouseState(acct: Account, now: number): unknown {
  const accountValue = acct.accountValue();
  let ntl = 0;
  let signedNtl = 0;
  let marginUsed = 0;
  let maintenance = 0;
  const rows: { coin: string; q: number; mark: number; entry: number; lev: number; margin: number; mmf: number; maxLev: number; funding: string }[] = [];
  for (const m of acct.markets) {
    const p = acct.ledger.position(m.spec.name);
    if (p.qtyNum === 0) continue;
    const mark = m.midPx();
    const lev = acct.leverageOf(m.spec.name).value;
    const value = Math.abs(p.qtyNum) * mark;
    ntl += value;
    signedNtl += p.qtyNum * mark;
    marginUsed += acct.marginOf(m);
    maintenance += value * m.inst.maintenanceMarginFraction;
    rows.push({ coin: m.spec.name, q: p.qtyNum, mark, entry: p.avgPriceNum, lev, margin: acct.marginOf(m), mmf: m.inst.maintenanceMarginFraction, maxLev: m.spec.maxLeverage, funding: wireUsd(-Number(p.funding) / 1e12) });
  }
  const summary = { accountValue: wireUsd(accountValue), totalNtlPos: wireUsd(ntl), totalRawUsd: wireUsd(accountValue - signedNtl), totalMarginUsed: wireUsd(marginUsed) };
  const assetPositions = rows.map((r) => {
    const value = Math.abs(r.q) * r.mark;
    const upnl = r.q * (r.mark - r.entry);
    const initial = (Math.abs(r.q) * r.entry) / r.lev;
    // accountValue + q (px − mark) = maintenance of the others + |q| px mmf, solved for px.
    const others = maintenance - value * r.mmf;
    const liq = (others - accountValue + r.q * r.mark) / (r.q - Math.abs(r.q) * r.mmf);
    const szi = acct.ledger.position(r.coin).qty;
    return {
      type: 'oneWay',
      position: {
        coin: r.coin,
        szi: wireFixed(szi),
        // An isolated position also reports its USD side: the margin put in less the notional bought.
        leverage: acct.leverageOf(r.coin).type === 'isolated' ? { type: 'isolated', value: r.lev, rawUsd: wireUsd(r.margin - r.q * r.entry) } : { type: 'cross', value: r.lev },
        entryPx: wireNumber(Number(r.entry.toPrecision(10))),
        positionValue: wireUsd(value),
        unrealizedPnl: wireUsd(upnl),
        returnOnEquity: wireNumber(Number((initial > 0 ? upnl / initial : 0).toFixed(8)) || 0),
        liquidationPx: Number.isFinite(liq) && liq > 0 ? wireNumber(Number(liq.toPrecision(12))) : null,
        marginUsed: wireUsd(r.margin),
        maxLeverage: r.maxLev,
        cumFunding: { allTime: r.funding, sinceOpen: r.funding, sinceChange: r.funding },
      },
    };
  });
  return {
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: wireUsd(maintenance),
    withdrawable: wireUsd(acct.withdrawable()),
    assetPositions,
    time: now,
  };
}

