// `sextant status`: reads a running daemon's read endpoints into one snapshot, with the read-scope token the daemon left in its data dir.
import type { BotView, DaemonSnapshot, ErrorBody, OrderView, PositionView, RiskView, StatusView } from '../api/ops-views.js';
import { BadInputError, RejectedError, RetryableError } from '../core/errors.js';
import { readStatusToken, STATUS_TOKEN_FILE } from './daemon/status-token.js';

/** A token for `sextant status` (a session token or an API key) instead of the data dir's file. */
export const API_TOKEN_ENV = 'SEXTANT_API_TOKEN';

/**
 * The token `sextant status` sends: SEXTANT_API_TOKEN when set, else the read-scope key the daemon
 * wrote to `dataDir` at its start; undefined when neither exists (the daemon will answer 401).
 */
export function statusToken(env: Readonly<Record<string, string | undefined>>, dataDir: string): string | undefined {
  const fromEnv = env[API_TOKEN_ENV]?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return readStatusToken(dataDir);
}

export const DEFAULT_DAEMON_URL = 'http://127.0.0.1:8080';
const TIMEOUT_MS = 10_000;

/** The daemon's base URL from `--url`: http(s), no query; a trailing slash is dropped. */
export function daemonUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch (e) {
    throw new BadInputError(`--url ${raw}`, 'expected a URL such as http://127.0.0.1:8080', { cause: e });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new BadInputError(`--url ${raw}`, `expected an http:// or https:// URL, got ${u.protocol}`);
  if (u.search !== '' || u.hash !== '') throw new BadInputError(`--url ${raw}`, 'expected the daemon’s base URL, without a query or fragment');
  return u.href.replace(/\/+$/, '');
}

const NOT_LISTENING = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

async function getJson<T>(base: string, path: string, timeoutMs: number, shape: Shape, token: string | undefined): Promise<T> {
  let res: Response;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    res = await fetch(base + path, { signal, ...(token !== undefined ? { headers: { authorization: `Bearer ${token}` } } : {}) });
  } catch (e) {
    const code = ((e as { cause?: { code?: string } }).cause ?? {}).code;
    if (code !== undefined && NOT_LISTENING.has(code)) throw new RetryableError(`no daemon answering at ${base} (is sextant start running?)`, { cause: e });
    if ((e as Error).name === 'TimeoutError') throw timedOut(base, path, timeoutMs, e);
    // fetch's own message is only "fetch failed"; the reason ("bad port", a TLS error) is its cause's.
    const why = ((e as { cause?: unknown }).cause as Error | undefined)?.message ?? (e as Error).message;
    throw new RetryableError(`cannot reach the daemon at ${base}: ${why}${code !== undefined ? ` (${code})` : ''}`, { cause: e });
  }
  let text: string;
  try {
    // The deadline covers the body too: a server may send its headers and then stall.
    text = await res.text();
  } catch (e) {
    if ((e as Error).name === 'TimeoutError') throw timedOut(base, path, timeoutMs, e);
    throw new RetryableError(`the daemon at ${base} broke off its answer to ${path}: ${(e as Error).message}`, { cause: e });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new RejectedError(`${base}${path} answered ${res.status} with something other than JSON (is it a Sextant daemon?): ${JSON.stringify(text.slice(0, 80))}`, { cause: e });
  }
  if (res.status === 401) {
    const why = (body as Partial<ErrorBody> | null)?.error ?? text.trim();
    const hint = token === undefined ? `no token: run it where the daemon runs, give --data-dir (the daemon writes DATA_DIR/${STATUS_TOKEN_FILE}), or set ${API_TOKEN_ENV}` : `the token was refused (a daemon restarted since it was read, or another data dir's?)`;
    throw new RejectedError(`${base}${path} answered 401 (${why}): ${hint}`);
  }
  if (!res.ok) throw new RejectedError(`${base}${path} answered ${res.status}: ${(body as Partial<ErrorBody> | null)?.error ?? text.trim()}`);
  if (!shape.test(body)) throw new RejectedError(`${base}${path} answered ${res.status} with JSON that is not ${shape.what} (is it a Sextant daemon of this version?): ${JSON.stringify(text.slice(0, 80))}`);
  return body as T;
}

/** What the status text dereferences in an endpoint's answer, checked before it is trusted. */
interface Shape {
  readonly what: string;
  readonly test: (body: unknown) => boolean;
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (what: string, item: (v: Record<string, unknown>) => boolean = () => true): Shape => ({ what: `a list of ${what}`, test: (b) => Array.isArray(b) && b.every((v) => isObject(v) && item(v)) });
const STATUS: Shape = { what: 'a status object with readiness', test: (b) => isObject(b) && isObject(b.readiness) && Array.isArray(b.readiness.reasons) };
const BOTS = listOf('bots with symbols', (b) => Array.isArray(b.symbols));
const RISK: Shape = { what: 'a risk object with blocksByRule', test: (b) => isObject(b) && isObject(b.blocksByRule) };

function timedOut(base: string, path: string, timeoutMs: number, cause: unknown): RetryableError {
  return new RetryableError(`the daemon at ${base} did not answer ${path} within ${timeoutMs / 1000} s`, { cause });
}

/**
 * Everything `sextant status` shows, read in parallel from the daemon at `base` (see daemonUrl), each
 * read within `timeoutMs`, sent with `token` (a read-scope API key or a session token) when given.
 */
export async function readDaemonSnapshot(base: string, token?: string, timeoutMs = TIMEOUT_MS): Promise<DaemonSnapshot> {
  const [status, bots, positions, orders, risk] = await Promise.all([
    getJson<StatusView>(base, '/api/status', timeoutMs, STATUS, token),
    getJson<BotView[]>(base, '/api/bots', timeoutMs, BOTS, token),
    getJson<PositionView[]>(base, '/api/positions', timeoutMs, listOf('positions'), token),
    getJson<OrderView[]>(base, '/api/orders', timeoutMs, listOf('orders'), token),
    getJson<RiskView>(base, '/api/risk', timeoutMs, RISK, token),
  ]);
  return { status, bots, positions, orders, risk };
}
