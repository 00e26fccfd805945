// Hyperliquid funding payments (REST userFunding, WS userFundings and user funding) to HlFunding.
import { arr, dec, fixed, int, obj, optInt, text } from '../wire/json-fields.js';
import type { HlFunding } from './account-types.js';

/** `{coin, usdc, szi, fundingRate, nSamples}` plus the time and hash where the payload has them. */
export function parseFundingDelta(v: unknown, where: string, path: string, time: number | undefined, hash: string | undefined): HlFunding {
  const o = obj(v, where, path);
  return {
    symbol: text(o.coin, where, `${path}.coin`),
    time,
    usdc: fixed(o.usdc, where, `${path}.usdc`),
    size: dec(o.szi, where, `${path}.szi`),
    rate: dec(o.fundingRate, where, `${path}.fundingRate`),
    samples: o.nSamples === null ? null : (optInt(o.nSamples, where, `${path}.nSamples`) ?? null),
    hash,
  };
}

/** REST userFunding body: `[{time, hash, delta: {type: "funding", coin, usdc, szi, fundingRate, nSamples}}]`. */
export function parseUserFunding(body: unknown, where = 'hyperliquid info userFunding'): HlFunding[] {
  const a = arr(body, where, 'body');
  const out: HlFunding[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const o = obj(a[i], where, `[${i}]`);
    const time = int(o.time, where, `[${i}].time`);
    const hash = text(o.hash, where, `[${i}].hash`);
    out[i] = parseFundingDelta(o.delta, where, `[${i}].delta`, time, hash);
  }
  return out;
}

/** WS userFundings `fundings`: `[{time, coin, usdc, szi, fundingRate, nSamples}]` (no hash). */
export function parseFundings(v: unknown, where: string, path: string): HlFunding[] {
  const a = arr(v, where, path);
  const out: HlFunding[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const p = `${path}[${i}]`;
    out[i] = parseFundingDelta(a[i], where, p, int((a[i] as { time?: unknown } | null)?.time, where, `${p}.time`), undefined);
  }
  return out;
}
