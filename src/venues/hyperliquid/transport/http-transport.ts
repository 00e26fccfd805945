// JSON POST to /info and /exchange with timeouts and abort; maps every failure to the error class of the caller's next move.
import { BadInputError, RetryableError, UnknownOutcomeError } from '../../../core/errors.js';
import type { Scheduler } from '../../../core/clock.js';
import { isRateLimitText, RateLimitedError, VenueRejectedError } from './venue-errors.js';
import { infoType } from './request-weights.js';

export interface HttpTransportConfig {
  /** REST base URL (see endpoints.ts), e.g. `https://api.hyperliquid.xyz`. */
  readonly httpUrl: string;
  readonly scheduler: Scheduler;
  /** Default 10 s. A timed-out read is retryable. */
  readonly infoTimeoutMs?: number;
  /** Default 10 s. A timed-out action is an unknown outcome: it may have executed. */
  readonly exchangeTimeoutMs?: number;
  /** Injected for tests or proxies; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** Overrides the endpoint's default timeout. */
  readonly timeoutMs?: number;
}

/** Connection errors that prove the request never left this machine, so even an action is safe to call retryable. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

type Endpoint = '/info' | '/exchange';

export class HttpTransport {
  private readonly fetchFn: typeof fetch;
  private readonly infoTimeoutMs: number;
  private readonly exchangeTimeoutMs: number;

  constructor(private readonly config: HttpTransportConfig) {
    this.fetchFn = config.fetch ?? globalThis.fetch;
    this.infoTimeoutMs = positive(config.infoTimeoutMs ?? 10_000, 'infoTimeoutMs');
    this.exchangeTimeoutMs = positive(config.exchangeTimeoutMs ?? 10_000, 'exchangeTimeoutMs');
  }

  /**
   * POST /info. Resolves with the parsed JSON. Rejects with RateLimitedError (429), RetryableError
   * (5xx, timeout, network), BadInputError (4xx, non-JSON answer, `err` body), or the signal's reason.
   */
  info(body: unknown, options: RequestOptions = {}): Promise<unknown> {
    return this.post('/info', body, options.timeoutMs ?? this.infoTimeoutMs, options.signal);
  }

  /**
   * POST /exchange with a signed body. Resolves with the parsed `{"status":"ok",…}` body (per-order
   * errors inside it are the parser's business). Rejects with RateLimitedError (429 or a rate-limit
   * `err`: not executed), VenueRejectedError (`err` body or 4xx: not executed), UnknownOutcomeError
   * (5xx, timeout, connection lost after sending, abort after sending, unreadable answer), or
   * RetryableError (the connection was never made). Never retries by itself: resending a signed
   * action blindly could double it.
   */
  exchange(body: unknown, options: RequestOptions = {}): Promise<unknown> {
    return this.post('/exchange', body, options.timeoutMs ?? this.exchangeTimeoutMs, options.signal);
  }

  private async post(endpoint: Endpoint, body: unknown, timeoutMs: number, signal: AbortSignal | undefined): Promise<unknown> {
    signal?.throwIfAborted(); // nothing sent yet: the caller's own abort, as is
    const what = endpoint === '/info' ? `hyperliquid /info ${infoType(body) || '?'}` : 'hyperliquid /exchange';
    const text = JSON.stringify(body);
    const controller = new AbortController();
    let timedOut = false;
    const timer = this.config.scheduler.setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`${what}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let status: number;
      let answer: string;
      let retryAfter: string | null;
      try {
        const res = await this.fetchFn(`${this.config.httpUrl}${endpoint}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: text,
          signal: controller.signal,
        });
        status = res.status;
        retryAfter = res.headers.get('retry-after');
        answer = await res.text();
      } catch (e) {
        throw this.failed(endpoint, what, e, timedOut, timeoutMs, signal);
      }
      return this.interpret(endpoint, what, status, answer, retryAfter);
    } finally {
      this.config.scheduler.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** The error for a request that got no complete answer. */
  private failed(endpoint: Endpoint, what: string, e: unknown, timedOut: boolean, timeoutMs: number, signal: AbortSignal | undefined): unknown {
    if (timedOut) {
      return endpoint === '/exchange'
        ? new UnknownOutcomeError(`${what}: no answer within ${timeoutMs} ms; the action may have executed (reconcile by cloid)`, { cause: e })
        : new RetryableError(`${what}: no answer within ${timeoutMs} ms`, { cause: e });
    }
    if (signal?.aborted) {
      if (endpoint === '/exchange') return new UnknownOutcomeError(`${what}: aborted by the caller after sending; the action may have executed`, { cause: signal.reason });
      return signal.reason;
    }
    const code = errorCode(e);
    if (endpoint === '/exchange' && !(code !== undefined && NOT_SENT.has(code))) {
      return new UnknownOutcomeError(`${what}: connection failed${code ? ` (${code})` : ''}; the action may have executed`, { cause: e });
    }
    return new RetryableError(`${what}: connection failed${code ? ` (${code})` : ''}`, { cause: e });
  }

  private interpret(endpoint: Endpoint, what: string, status: number, answer: string, retryAfter: string | null): unknown {
    const snippet = answer.length > 300 ? `${answer.slice(0, 300)}…` : answer;
    const cause = new Error(`HTTP ${status}: ${snippet}`);
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(retryAfter, this.config.scheduler.now());
      throw new RateLimitedError(endpoint, 429, `${what}: rate limited (HTTP 429)`, { cause, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
    }
    if (status >= 500) {
      if (endpoint === '/exchange') throw new UnknownOutcomeError(`${what}: HTTP ${status}; the action may have executed`, { cause });
      throw new RetryableError(`${what}: HTTP ${status}`, { cause });
    }
    if (status !== 200) {
      // 4xx other than 429 (422: undecodable body): the venue did not take the request.
      if (endpoint === '/exchange') throw new VenueRejectedError(endpoint, `HTTP ${status}: ${snippet}`, { cause });
      throw new BadInputError(what, `HTTP ${status}: ${snippet}`, { cause });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer);
    } catch (e) {
      if (endpoint === '/exchange') throw new UnknownOutcomeError(`${what}: HTTP 200 with an unreadable body; the action may have executed`, { cause: e });
      throw new BadInputError(what, `HTTP 200 with a body that is not JSON: ${snippet}`, { cause: e });
    }
    // The venue answers failures with HTTP 200 too: {"status":"err","response":"<text>"}.
    if (parsed !== null && typeof parsed === 'object' && (parsed as { status?: unknown }).status === 'err') {
      const r = (parsed as { response?: unknown }).response;
      const message = typeof r === 'string' ? r : JSON.stringify(r);
      const errCause = new Error(`HTTP 200 {"status":"err"}: ${message}`);
      if (isRateLimitText(message)) throw new RateLimitedError(endpoint, 200, `${what}: rate limited: ${message}`, { cause: errCause });
      if (endpoint === '/exchange') throw new VenueRejectedError(endpoint, message, { cause: errCause });
      throw new BadInputError(what, `venue error: ${message}`, { cause: errCause });
    }
    return parsed;
  }
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const s = Number(header);
  if (Number.isFinite(s) && s >= 0) return Math.round(s * 1000);
  const t = Date.parse(header);
  return Number.isFinite(t) ? Math.max(0, t - now) : undefined;
}

/** The system/undici error code somewhere in a fetch failure's cause chain. */
function errorCode(e: unknown): string | undefined {
  for (let x: unknown = e, depth = 0; x !== null && typeof x === 'object' && depth < 5; depth++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    x = (x as { cause?: unknown }).cause;
  }
  return undefined;
}

function positive(ms: number, key: string): number {
  if (!(ms > 0)) throw new BadInputError(`hyperliquid.http.${key}`, `must be > 0 ms, got ${ms}`);
  return ms;
}
