// A run's settings as the (name, value) list the report prints: names as the CLI spells them, values as text.
import { formatNumber, formatTime } from './report-format.js';

/**
 * `{feeBps: 3.5, params: {fast: 10}, from: 1704067200000, lotSize: undefined}` →
 * `[['fee-bps', '3.5'], ['params', '{"fast":10}'], ['from', '2024-01-01 00:00'], ['lot-size', 'default']]`,
 * in the object's key order. `from`/`to` numbers are times; an unset option reads "default".
 */
export function reportSettings(settings: Readonly<Record<string, unknown>>): [string, string][] {
  return Object.entries(settings).map(([k, v]) => {
    const name = k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    return [name, (name === 'from' || name === 'to') && typeof v === 'number' ? `${formatTime(v)} UTC` : valueText(v)];
  });
}

function valueText(v: unknown): string {
  if (v === undefined || v === null) return 'default';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map(valueText).join(', ');
  if (v instanceof Map) return v.size === 0 ? 'none' : [...v.keys()].map(String).join(', ');
  // bigints inside params as strings, so no value can make it throw.
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v);
}
