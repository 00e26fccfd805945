// The venue's REST weights (hyperliquid.md §7): what a request costs up front and what its rows cost after.

/** Info types that cost 2 instead of the default 20. */
const LIGHT_INFO = new Set(['l2Book', 'allMids', 'clearinghouseState', 'orderStatus', 'spotClearinghouseState', 'exchangeStatus']);
/** Info types charged 1 more per 20 rows returned. */
const PER_20_ROWS = new Set([
  'recentTrades',
  'historicalOrders',
  'userFills',
  'userFillsByTime',
  'fundingHistory',
  'userFunding',
  'nonUserFundingUpdates',
  'userNonFundingLedgerUpdates',
  'twapHistory',
  'userTwapSliceFills',
  'userTwapSliceFillsByTime',
  'delegatorHistory',
  'delegatorRewards',
  'validatorStats',
]);

/** The `type` of an /info body, or '' when it has none. */
export function infoType(body: unknown): string {
  const t = body !== null && typeof body === 'object' ? (body as { type?: unknown }).type : undefined;
  return typeof t === 'string' ? t : '';
}

/** Weight charged when an /info request is sent. */
export function infoWeight(body: unknown): number {
  const t = infoType(body);
  if (LIGHT_INFO.has(t)) return 2;
  if (t === 'userRole') return 60;
  return 20;
}

/** Extra weight the venue charges for the rows an /info answer returned (known only after the answer). */
export function infoRowWeight(body: unknown, response: unknown): number {
  if (!Array.isArray(response)) return 0;
  const t = infoType(body);
  if (t === 'candleSnapshot') return Math.floor(response.length / 60);
  if (PER_20_ROWS.has(t)) return Math.floor(response.length / 20);
  return 0;
}

/** The action of an /exchange body, or undefined. */
export function actionOf(body: unknown): Record<string, unknown> | undefined {
  const a = body !== null && typeof body === 'object' ? (body as { action?: unknown }).action : undefined;
  return a !== null && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, unknown>) : undefined;
}

/** How many items an action batches (orders, cancels, modifies); 1 for a single action. */
export function batchLength(body: unknown): number {
  const a = actionOf(body);
  if (a === undefined) return 1;
  for (const k of ['orders', 'cancels', 'modifies']) {
    const v = a[k];
    if (Array.isArray(v)) return Math.max(1, v.length);
  }
  return 1;
}

/** IP weight of an /exchange request: 1 + floor(batch length / 40). */
export function exchangeWeight(body: unknown): number {
  return 1 + Math.floor(batchLength(body) / 40);
}

/** The rate-limit class of a request: cancels keep their own cooldown so they keep flowing while orders wait. */
export type RequestClass = 'info' | 'action' | 'cancel';

const CANCEL_ACTIONS = new Set(['cancel', 'cancelByCloid', 'scheduleCancel']);

/** The class of an /exchange body. */
export function exchangeClass(body: unknown): 'action' | 'cancel' {
  const t = actionOf(body)?.type;
  return typeof t === 'string' && CANCEL_ACTIONS.has(t) ? 'cancel' : 'action';
}
