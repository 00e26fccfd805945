// An order as the local venue tracks it: the fields its info and WebSocket answers are built from.

/** Statuses the venue reports (orderStatus, orderUpdates); a subset of the real venue's list. */
export type OrderStatus =
  | 'open'
  | 'filled'
  | 'canceled'
  | 'triggered'
  | 'rejected'
  | 'marginCanceled'
  | 'reduceOnlyCanceled'
  | 'siblingFilledCanceled'
  | 'scheduledCancel'
  | 'liquidatedCanceled'
  | 'badAloPxRejected'
  | 'iocCancelRejected'
  | 'marketOrderNoLiquidityRejected';

export type OrderType = 'Limit' | 'Stop Market' | 'Stop Limit' | 'Take Profit Market' | 'Take Profit Limit';

export interface OrderRecord {
  readonly oid: number;
  cloid: string | null;
  readonly coin: string;
  readonly asset: number;
  side: 'B' | 'A';
  limitPx: number;
  /** Remaining size. */
  sz: number;
  origSz: number;
  timestamp: number;
  /** null for trigger orders, as the venue writes it. */
  tif: 'Gtc' | 'Ioc' | 'Alo' | null;
  reduceOnly: boolean;
  orderType: OrderType;
  isTrigger: boolean;
  /** 0 when not a trigger order. */
  triggerPx: number;
  tpsl: 'tp' | 'sl' | null;
  isPositionTpsl: boolean;
  /** normalTpsl children waiting for this order to fill (placed when it does, dropped when it is canceled). */
  children: OrderRecord[];
  status: OrderStatus;
  statusTimestamp: number;
  filledSz: number;
  filledNtl: number;
  /** The TWAP this order is a slice of (its fills carry the id); null for an ordinary order. */
  twapId: number | null;
}

/** "Price above 10.004" / "Price below 9.995" / "N/A": buy stops and sell take-profits trigger upwards. */
export function triggerCondition(o: OrderRecord, px: string): string {
  if (!o.isTrigger) return 'N/A';
  const up = (o.tpsl === 'sl') === (o.side === 'B');
  return `Price ${up ? 'above' : 'below'} ${px}`;
}
