// Random valid l2Book and trades frames in the venue's wire shape (for the scanner-vs-JSON.parse tests and the benchmark).
import type { Rng } from '../../../core/rng.js';

const COINS = ['BTC', 'ETH', 'kPEPE', '@107', 'PURR/USDC', 'xyz:XYZ100', 'DOGE'];

/** A plain decimal string with `int` integer digits and `frac` fraction digits (trailing zeros allowed). */
export function randomDecimal(rng: Rng, maxInt = 6, maxFrac = 8): string {
  const ni = rng.int(1, maxInt);
  let s = String(rng.int(1, 9));
  for (let i = 1; i < ni; i++) s += String(rng.int(0, 9));
  if (rng.next() < 0.15) s = '0';
  const nf = rng.int(0, maxFrac);
  if (nf > 0) {
    s += '.';
    for (let i = 0; i < nf; i++) s += String(rng.int(0, 9));
  }
  if (/^0(\.0*)?$/.test(s)) s = nf > 0 ? `0.${'0'.repeat(nf - 1)}1` : '1';
  return s;
}

function ws(rng: Rng): string {
  return rng.next() < 0.9 ? '' : [' ', '\n', '\t', '  '][rng.int(0, 3)];
}

function shuffle<T>(rng: Rng, a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function obj(rng: Rng, members: [string, string][]): string {
  return `{${shuffle(rng, members).map(([k, v]) => `${ws(rng)}"${k}"${ws(rng)}:${ws(rng)}${v}`).join(',')}${ws(rng)}}`;
}

/** Values the venue might add that a parser must skip: nested objects, arrays, escapes, numbers, literals. */
function junk(rng: Rng): string {
  const r = rng.int(0, 6);
  if (r === 0) return String(rng.int(0, 9));
  if (r === 1) return '"tx \\"q\\" \\u00e9 \\\\ /"';
  if (r === 2) return '{"a":[1,-2.5e3,true,false,null],"b":{"c":"d"}}';
  if (r === 3) return 'null';
  if (r === 4) return '[]';
  if (r === 5) return '-0.0E+2';
  return '"0x' + 'ab'.repeat(rng.int(1, 32)) + '"';
}

/** Integer ticks as a decimal string with `decimals` fraction digits. */
function tickText(t: number, decimals: number): string {
  if (decimals === 0) return String(t);
  const s = String(t).padStart(decimals + 1, '0');
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

/** Strictly ordered prices as decimal strings, best first: bids descending, asks ascending from `mid` (in ticks). */
function sidePrices(rng: Rng, n: number, mid: number, dir: 1 | -1, decimals: number): string[] {
  const out: string[] = [];
  let t = mid;
  for (let i = 0; i < n; i++) {
    t += dir * (1 + rng.int(0, 20));
    if (t <= 0) break;
    let s = tickText(t, decimals);
    // The venue writes "106217.0": trailing zeros must parse to the same price.
    if (rng.next() < 0.3) s += (decimals === 0 ? '.' : '') + '0'.repeat(rng.int(1, 3));
    out.push(s);
  }
  return out;
}

export interface RandomFrameOptions {
  readonly levels?: number;
  /** Add keys the parser must skip, shuffle key order, sprinkle whitespace. */
  readonly noisy?: boolean;
}

/** A random valid l2Book frame (text). */
export function randomL2BookFrame(rng: Rng, opts: RandomFrameOptions = {}): string {
  const decimals = rng.int(0, 6);
  const mid = rng.int(500, 20_000_000);
  const nb = opts.levels ?? rng.int(0, 25);
  const na = opts.levels ?? rng.int(0, 25);
  const level = (px: string): string => {
    const m: [string, string][] = [
      ['px', `"${px}"`],
      ['sz', `"${randomDecimal(rng, 5, rng.next() < 0.05 ? 20 : 6)}"`],
      ['n', String(rng.int(1, 40))],
    ];
    if (opts.noisy && rng.next() < 0.2) m.push(['x', junk(rng)]);
    return opts.noisy ? obj(rng, m) : `{${m.map(([k, v]) => `"${k}":${v}`).join(',')}}`;
  };
  const bids = sidePrices(rng, nb, mid, -1, decimals).map(level);
  const asks = sidePrices(rng, na, mid, 1, decimals).map(level);
  const members: [string, string][] = [
    ['coin', JSON.stringify(COINS[rng.int(0, COINS.length - 1)])],
    ['time', String(1_700_000_000_000 + rng.int(0, 99_999_999))],
    ['levels', `[[${bids.join(',')}],[${asks.join(',')}]]`],
  ];
  if (opts.noisy && rng.next() < 0.3) members.push(['spread', junk(rng)]);
  const data = opts.noisy ? obj(rng, members) : `{${members.map(([k, v]) => `"${k}":${v}`).join(',')}}`;
  if (opts.noisy && rng.next() < 0.2) return `{"data":${data},"channel":"l2Book"}`;
  return `{"channel":"l2Book","data":${data}}`;
}

/** A random valid trades frame (text). */
export function randomTradesFrame(rng: Rng, opts: RandomFrameOptions = {}): string {
  const n = opts.levels ?? rng.int(0, 8);
  const coin = COINS[rng.int(0, COINS.length - 1)];
  const trades: string[] = [];
  for (let i = 0; i < n; i++) {
    const m: [string, string][] = [
      ['coin', JSON.stringify(coin)],
      ['side', rng.next() < 0.5 ? '"B"' : '"A"'],
      ['px', `"${randomDecimal(rng, 6, 5)}"`],
      ['sz', `"${randomDecimal(rng, 4, 6)}"`],
      ['time', String(1_700_000_000_000 + rng.int(0, 99_999_999))],
      ['hash', '"0x' + 'de93a8a0'.repeat(8) + '"'],
      ['tid', String(rng.int(1, 2 ** 31) * 100_000 + rng.int(0, 99_999))],
      ['users', '["0xcc0a3b6e3267c84361e91d8230868eea53431e4b","0x31ca8395cf837de08b24da3f660e77761dfb974b"]'],
    ];
    if (opts.noisy && rng.next() < 0.2) m.push(['extra', junk(rng)]);
    trades.push(opts.noisy ? obj(rng, m) : `{${m.map(([k, v]) => `"${k}":${v}`).join(',')}}`);
  }
  return `{"channel":"trades","data":[${trades.join(',')}]}`;
}
