// Validation problems of a config document: each names the key path, the bad value and the expectation.
import { quoteJson } from '../core/quote-input.js';
import { editDistance } from '../core/edit-distance.js';

/** A key path into the YAML document: mapping keys as strings, list positions as numbers. */
export type ConfigPath = readonly (string | number)[];

/** One problem: where (the YAML key path) and what (`expected …, got …` or `unknown key …`). */
export interface ConfigIssue {
  readonly path: ConfigPath;
  readonly message: string;
}

/** `risk.per_symbol.BTC.max_leverage`, `bots[0].symbols[2]`; keys that are not plain words are quoted. */
export function pathText(path: ConfigPath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(p)) out += out === '' ? p : `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out === '' ? '(top level)' : out;
}

/** `file:line:col: path: message` (line and column when known). */
export function formatIssue(file: string, issue: ConfigIssue, at?: { readonly line: number; readonly col: number }): string {
  const where = at === undefined ? file : `${file}:${at.line}:${at.col}`;
  return `${where}: ${pathText(issue.path)}: ${issue.message}`;
}

// 64 hex digits: the shape of a secp256k1 private key. Such a value is never echoed.
const KEY_LIKE = /^(0x)?[0-9a-fA-F]{64}$/;

/** True when `v` is a string shaped like a private key. */
export function looksLikePrivateKey(v: unknown): boolean {
  return typeof v === 'string' && KEY_LIKE.test(v.trim());
}

/** A value for a message: quoted and cut (core/quote-input), never a secret-shaped string. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (looksLikePrivateKey(v)) return 'a 64-hex-digit value (not shown: it looks like a private key)';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return quoteJson(v);
}


/** The known name closest to `name`, when close enough to be a typo (case and `-`/`_` mix-ups count as typos). */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/-/g, '_');
  const exact = known.find((k) => norm(k) === norm(name));
  if (exact !== undefined) return exact;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(name, k, true);
    if (d < bestD || (d === bestD && best !== undefined && k < best)) {
      best = k;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

/** Collects every problem of one document (validation never stops at the first). */
export class IssueList {
  private readonly list: ConfigIssue[] = [];

  add(path: ConfigPath, message: string): void {
    this.list.push({ path, message });
  }

  /** `expected …, got …` at `path`. */
  expected(path: ConfigPath, expectation: string, got: unknown): void {
    this.add(path, `expected ${expectation}, got ${showValue(got)}`);
  }

  get count(): number {
    return this.list.length;
  }

  all(): readonly ConfigIssue[] {
    return [...this.list];
  }
}
