// The `{"status":"ok"}` bodies of /exchange: per-order statuses, per-cancel statuses, TWAP statuses and the `default` answer, checked.
import { arr, fieldError, int, obj, optStr, posDec, str, text } from '../wire/json-fields.js';

const WHERE = 'hyperliquid /exchange';

/**
 * One order's status in an `order` / `batchModify` answer. `waiting` is a TP/SL child the venue
 * accepted but parked (`waitingForFill`: its parent rests; `waitingForTrigger`: armed).
 */
export type HlPlaceStatus =
  | { readonly kind: 'resting'; readonly oid: number; readonly cloid: string | undefined }
  | { readonly kind: 'filled'; readonly oid: number; readonly cloid: string | undefined; readonly totalSize: number; readonly avgPrice: number }
  | { readonly kind: 'waiting'; readonly reason: 'waitingForFill' | 'waitingForTrigger' }
  | { readonly kind: 'error'; readonly message: string };

/** One cancel's status: done, or the venue's reason it could not (never placed, already canceled or filled). */
export type HlCancelStatus = { readonly kind: 'success' } | { readonly kind: 'error'; readonly message: string };

/** A twapOrder's status: running under the venue's id, or refused. */
export type HlTwapStatus = { readonly kind: 'running'; readonly twapId: number } | { readonly kind: 'error'; readonly message: string };

function okResponse(body: unknown, type: string): Record<string, unknown> {
  const o = obj(body, WHERE, 'body');
  if (o.status !== 'ok') fieldError(WHERE, 'status', '"ok"', o.status);
  const r = obj(o.response, WHERE, 'response');
  if (r.type !== type) fieldError(WHERE, 'response.type', JSON.stringify(type), r.type);
  return r;
}

function statuses(body: unknown, type: string, expected: number): readonly unknown[] {
  const r = okResponse(body, type);
  const list = arr(obj(r.data, WHERE, 'response.data').statuses, WHERE, 'response.data.statuses');
  // One status per request, in order: a shorter list cannot be matched to our orders.
  if (list.length !== expected) fieldError(WHERE, 'response.data.statuses', `${expected} statuses`, `${list.length}`);
  return list;
}

function placeStatus(v: unknown, path: string): HlPlaceStatus {
  if (v === 'waitingForFill' || v === 'waitingForTrigger') return { kind: 'waiting', reason: v };
  const o = obj(v, WHERE, path);
  if (o.resting !== undefined) {
    const r = obj(o.resting, WHERE, `${path}.resting`);
    return { kind: 'resting', oid: int(r.oid, WHERE, `${path}.resting.oid`), cloid: optStr(r.cloid, WHERE, `${path}.resting.cloid`)?.toLowerCase() };
  }
  if (o.filled !== undefined) {
    const f = obj(o.filled, WHERE, `${path}.filled`);
    return {
      kind: 'filled',
      oid: int(f.oid, WHERE, `${path}.filled.oid`),
      cloid: optStr(f.cloid, WHERE, `${path}.filled.cloid`)?.toLowerCase(),
      totalSize: posDec(f.totalSz, WHERE, `${path}.filled.totalSz`),
      avgPrice: posDec(f.avgPx, WHERE, `${path}.filled.avgPx`),
    };
  }
  if (o.error !== undefined) return { kind: 'error', message: text(o.error, WHERE, `${path}.error`) };
  return fieldError(WHERE, path, 'resting, filled, error, waitingForFill or waitingForTrigger', v);
}

/** Statuses of an `order` or `batchModify` answer, one per order sent. */
export function parsePlaceStatuses(body: unknown, expected: number): HlPlaceStatus[] {
  return statuses(body, 'order', expected).map((s, i) => placeStatus(s, `response.data.statuses[${i}]`));
}

/** Statuses of a `cancel` / `cancelByCloid` answer, one per cancel sent. */
export function parseCancelStatuses(body: unknown, expected: number): HlCancelStatus[] {
  return statuses(body, 'cancel', expected).map((s, i) => {
    const path = `response.data.statuses[${i}]`;
    if (s === 'success') return { kind: 'success' };
    const o = obj(s, WHERE, path);
    if (o.error !== undefined) return { kind: 'error', message: str(o.error, WHERE, `${path}.error`) };
    return fieldError(WHERE, path, '"success" or {error}', s);
  });
}

/** `modify`, `updateLeverage`, `scheduleCancel`, …: `{"status":"ok","response":{"type":"default"}}`. */
export function parseDefaultResponse(body: unknown): void {
  okResponse(body, 'default');
}

/** `twapOrder`: `data.status` is `{running: {twapId}}` or `{error}`. */
export function parseTwapOrderStatus(body: unknown): HlTwapStatus {
  const s = obj(obj(okResponse(body, 'twapOrder').data, WHERE, 'response.data').status, WHERE, 'response.data.status');
  if (s.running !== undefined) return { kind: 'running', twapId: int(obj(s.running, WHERE, 'response.data.status.running').twapId, WHERE, 'response.data.status.running.twapId') };
  if (s.error !== undefined) return { kind: 'error', message: text(s.error, WHERE, 'response.data.status.error') };
  return fieldError(WHERE, 'response.data.status', '{running} or {error}', s);
}

/** `twapCancel`: `data.status` is `"success"` or `{error}`. */
export function parseTwapCancelStatus(body: unknown): HlCancelStatus {
  const s = obj(okResponse(body, 'twapCancel').data, WHERE, 'response.data').status;
  if (s === 'success') return { kind: 'success' };
  const o = obj(s, WHERE, 'response.data.status');
  if (o.error !== undefined) return { kind: 'error', message: text(o.error, WHERE, 'response.data.status.error') };
  return fieldError(WHERE, 'response.data.status', '"success" or {error}', s);
}
