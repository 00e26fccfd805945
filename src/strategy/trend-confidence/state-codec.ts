// Plain-data save/restore of the streaming indicator objects (numbers, booleans, ring windows, nested objects).
import { BadInputError } from '../../core/errors.js';
import { RingWindow } from './ring-window.js';

type Json = number | boolean | string | null | Json[] | { [k: string]: Json };

/** Copies the object's own data fields into JSON-safe values. Non-finite numbers become null. */
export function saveFields(o: object): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(o)) {
    if (v instanceof RingWindow) out[k] = v.toArray();
    else if (typeof v === 'number') out[k] = Number.isFinite(v) ? v : null;
    else if (typeof v === 'boolean' || typeof v === 'string') out[k] = v;
    else if (typeof v === 'object' && v !== null) out[k] = saveFields(v as object);
  }
  return out;
}

/** Writes `data` (from saveFields of an object of the same shape) back into `o`; rejects mismatched shapes. */
export function loadFields(o: object, data: unknown, where: string): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new BadInputError(where, 'expected an object');
  const target = o as Record<string, unknown>;
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    const cur = target[k];
    const at = `${where}.${k}`;
    if (cur instanceof RingWindow) {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) throw new BadInputError(at, 'expected a list of numbers');
      cur.load(v as number[]);
    } else if (typeof cur === 'number') {
      if (v === null) target[k] = NaN;
      else if (typeof v === 'number') target[k] = v;
      else throw new BadInputError(at, `expected a number, got ${JSON.stringify(v)}`);
    } else if (typeof cur === 'boolean' || typeof cur === 'string') {
      if (typeof v !== typeof cur) throw new BadInputError(at, `expected a ${typeof cur}, got ${JSON.stringify(v)}`);
      target[k] = v;
    } else if (typeof cur === 'object' && cur !== null) {
      loadFields(cur, v, at);
    } else {
      throw new BadInputError(at, 'unknown field');
    }
  }
}
