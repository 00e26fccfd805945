// The canonical JSON text of a value: sorted keys, no whitespace, numbers as shortest round-trip text; what the audit chain hashes.
import { BadInputError } from '../core/errors.js';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/**
 * Encodes `value` canonically: object keys sorted by UTF-16 code units (as Array.prototype.sort
 * does), keys whose value is `undefined` left out (as JSON.stringify does), strings escaped as
 * JSON.stringify escapes them, numbers as ECMAScript's shortest round-trip text (so 0.1 is "0.1",
 * never "0.1000000000000000055"; -0 is "0"). NaN, ±Infinity, bigints, functions, symbols and
 * objects other than plain objects and arrays are refused, naming the path where they sit.
 */
export function canonicalJson(value: unknown, where = 'value'): string {
  const out: string[] = [];
  encode(value, where, out, new Set());
  return out.join('');
}

function encode(v: unknown, path: string, out: string[], open: Set<object>): void {
  switch (typeof v) {
    case 'string':
      out.push(JSON.stringify(v));
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(v)) throw new BadInputError(path, `expected a finite number, got ${String(v)}`);
      out.push(Object.is(v, -0) ? '0' : String(v));
      return;
    case 'object':
      break;
    default:
      throw new BadInputError(path, `cannot encode a ${typeof v} as JSON`);
  }
  if (v === null) {
    out.push('null');
    return;
  }
  if (open.has(v)) throw new BadInputError(path, 'refers to itself (a cycle)');
  open.add(v);
  if (Array.isArray(v)) {
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(',');
      const item: unknown = v[i];
      if (item === undefined) throw new BadInputError(`${path}[${i}]`, 'is undefined (use null)');
      encode(item, `${path}[${i}]`, out, open);
    }
    out.push(']');
  } else {
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new BadInputError(path, `expected a plain object, got ${(v as object).constructor?.name ?? 'an object'}`);
    const keys = Object.keys(v).sort();
    out.push('{');
    let first = true;
    for (const k of keys) {
      const item = (v as Record<string, unknown>)[k];
      if (item === undefined) continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(k), ':');
      encode(item, `${path}.${k}`, out, open);
    }
    out.push('}');
  }
  open.delete(v);
}
