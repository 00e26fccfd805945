// JSON schemas of the daemon's read endpoints (the views of ops-views.ts), each checked against its view's properties.
import { KILL_LEVELS } from '../config/risk-config.js';
import type { JsonSchema, ObjectSchemaOf, QuerySchemaOf } from './json-schema.js';
import type { BotView, ErrorBody, FillView, OrderView, PositionView, ReadinessView, RiskView, StatusView } from './ops-views.js';

export const DEFAULT_FILLS_LIMIT = 100;
export const MAX_FILLS_LIMIT = 10_000;

const str = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const num = (description?: string): JsonSchema => ({ type: 'number', ...(description ? { description } : {}) });
const nullable = (s: JsonSchema): JsonSchema => ({ ...s, type: [s.type as 'string' | 'number', 'null'] });
const time = (description: string): JsonSchema => ({ type: 'string', format: 'date-time', description });
const SIDE: JsonSchema = { type: 'string', enum: ['buy', 'sell'] };
const KILL_LEVEL: JsonSchema = { type: 'string', enum: KILL_LEVELS };
const list = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

export const ERROR_BODY_SCHEMA = {
  type: 'object',
  description: 'The body of every error response.',
  properties: {
    error: str('What went wrong, in one line.'),
    path: str('The request path.'),
    reason: str('401 / 403 / 429: a stable code (missing-credentials, insufficient-scope, rate-limited, …).'),
    retryAfterSeconds: { type: 'integer', minimum: 1, description: '429 only: seconds to wait (also in Retry-After).' },
  },
  required: ['error', 'path'],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<ErrorBody>;

export const HEALTH_SCHEMA = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['ok'] } },
  required: ['status'],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<{ status: 'ok' }>;

export const READINESS_SCHEMA = {
  type: 'object',
  description: 'The daemon takes new entries only when ready.',
  properties: {
    ready: { type: 'boolean' },
    reconciled: { type: 'boolean', description: 'The reconciler’s last pass found no unexplained difference.' },
    marketDataFresh: { type: 'boolean', description: 'Every subscribed stream delivered within its staleness limit.' },
    reasons: { ...list(str()), description: 'Why not ready, one line each (empty when ready).' },
  },
  required: ['ready', 'reconciled', 'marketDataFresh', 'reasons'],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<ReadinessView>;

export const STATUS_SCHEMA = {
  type: 'object',
  properties: {
    version: str(),
    mode: { type: 'string', enum: ['paper', 'dry-live', 'live'] },
    market: str('`hyperliquid`, `sim` or `replay:RUN`.'),
    simulated: { type: 'boolean', description: 'Paper fell back to the simulator: the prices are not the market’s.' },
    pid: { type: 'integer' },
    startedAt: time('When the daemon started (UTC).'),
    dataDir: str(),
    killLevel: KILL_LEVEL,
    readiness: READINESS_SCHEMA,
    equity: nullable(num('In the account’s quote currency; null until known.')),
    bots: { type: 'integer', minimum: 0 },
    openPositions: { type: 'integer', minimum: 0 },
    openOrders: { type: 'integer', minimum: 0 },
  },
  required: ['version', 'mode', 'market', 'simulated', 'pid', 'startedAt', 'dataDir', 'killLevel', 'readiness', 'equity', 'bots', 'openPositions', 'openOrders'],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<StatusView>;

export const BOT_SCHEMA = {
  type: 'object',
  properties: {
    id: str(),
    strategy: str(),
    symbols: list(str()),
    interval: str(),
    state: { type: 'string', enum: ['starting', 'running', 'stopped', 'failed'] },
    capital: num('The capital allocated to the bot.'),
  },
  required: ['id', 'strategy', 'symbols', 'interval', 'state', 'capital'],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<BotView>;

export const POSITION_SCHEMA = {
  type: 'object',
  properties: {
    symbol: str(),
    size: num('Signed: negative is short.'),
    entryPrice: num(),
    markPrice: nullable(num()),
    unrealizedPnl: nullable(num()),
  },
  required: ['symbol', 'size', 'entryPrice', 'markPrice', 'unrealizedPnl'],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<PositionView>;

export const ORDER_SCHEMA = {
  type: 'object',
  properties: {
    cloid: str('The client order id (Hyperliquid cloid).'),
    venueOrderId: nullable(str()),
    bot: nullable(str()),
    symbol: str(),
    side: SIDE,
    size: num(),
    filled: num(),
    price: nullable(num('Null for a market order.')),
    status: str(),
    placedAt: time('When the order was placed (UTC).'),
  },
  required: ['cloid', 'venueOrderId', 'bot', 'symbol', 'side', 'size', 'filled', 'price', 'status', 'placedAt'],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<OrderView>;

export const FILL_SCHEMA = {
  type: 'object',
  properties: {
    fillId: str(),
    cloid: nullable(str()),
    bot: nullable(str()),
    symbol: str(),
    side: SIDE,
    size: num(),
    price: num(),
    fee: num(),
    at: time('When the fill happened (UTC).'),
  },
  required: ['fillId', 'cloid', 'bot', 'symbol', 'side', 'size', 'price', 'fee', 'at'],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<FillView>;

export const RISK_SCHEMA = {
  type: 'object',
  properties: {
    killLevel: KILL_LEVEL,
    killReason: nullable(str('Why the kill level is what it is (the env, the kill file, a command, a rule).')),
    blocksByRule: { type: 'object', description: 'Orders blocked, by risk rule.', additionalProperties: { type: 'integer', minimum: 0 } },
  },
  required: ['killLevel', 'killReason', 'blocksByRule'],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<RiskView>;

export const BOTS_SCHEMA = list(BOT_SCHEMA);
export const POSITIONS_SCHEMA = list(POSITION_SCHEMA);
export const ORDERS_SCHEMA = { ...list(ORDER_SCHEMA), description: 'Open orders first, then the most recent closed ones.' };
export const FILLS_SCHEMA = { ...list(FILL_SCHEMA), description: 'The most recent fills, newest first.' };

/** /api/fills?limit=N */
export interface FillsQuery {
  readonly limit?: number;
}

export const FILLS_QUERY_SCHEMA = {
  type: 'object',
  properties: { limit: { type: 'integer', minimum: 1, maximum: MAX_FILLS_LIMIT, default: DEFAULT_FILLS_LIMIT, description: 'How many of the most recent fills.' } },
  additionalProperties: false,
} as const satisfies QuerySchemaOf<FillsQuery>;
