// Fault injection for the local venue (`--faults`): dropped answers after acting, delays, 5xx, 429, WebSocket cuts; seeded or scheduled.
import { BadInputError } from '../../core/errors.js';
import { createRng, type Rng } from '../../core/rng.js';

/** HTTP faults, decided per request. `drop` resets the connection before acting, `drop-after-act` after. */
export type HttpFaultKind = 'drop-after-act' | 'drop' | '5xx' | '429' | 'delay';
export type FaultPath = 'exchange' | 'info';

/** When a rule fires: with a probability per request, or on given request numbers (1-based, counted in the rule's scope). */
export type FaultWhen = { readonly p: number } | { readonly on: ReadonlySet<number> };

export interface HttpFaultRule {
  readonly kind: HttpFaultKind;
  /** Requests the rule counts and may hit; undefined = both. */
  readonly path: FaultPath | undefined;
  readonly when: FaultWhen;
  /** delay only. */
  readonly delayMs?: number;
}

export interface FaultPlan {
  readonly seed: number;
  readonly http: readonly HttpFaultRule[];
  /** Every WebSocket is cut this often (ms); undefined = never. */
  readonly wsCutEveryMs: number | undefined;
}

/** What to do with one request: wait `delayMs`, then answer normally or fail as `fail` says. */
export interface FaultDecision {
  readonly delayMs: number;
  readonly fail: 'drop-after-act' | 'drop' | '5xx' | '429' | undefined;
}

const MAX_SEED = 2 ** 32 - 1;
const MAX_TIMER_MS = 2 ** 31 - 1;
const KINDS: readonly string[] = ['drop-after-act', 'drop', '5xx', '429', 'delay', 'ws-cut', 'seed'];
// Fixed precedence: a request refused (429, 5xx) or reset before acting is not also acted on.
const PRECEDENCE: readonly FaultDecision['fail'][] = ['429', '5xx', 'drop', 'drop-after-act'];

function duration(raw: string, where: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(raw);
  if (m === null) throw new BadInputError(where, `expected a duration such as 200ms or 30s, got ${JSON.stringify(raw)}`);
  const v = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  // Node turns a timer outside this range into 1 ms (with a warning): a long ws-cut would cut every millisecond.
  if (!(v >= 1 && v <= MAX_TIMER_MS)) throw new BadInputError(where, `expected a duration from 1 ms to ${MAX_TIMER_MS} ms, got ${JSON.stringify(raw)}`);
  return v;
}

function when(raw: string, where: string): FaultWhen {
  if (raw.startsWith('#')) {
    const parts = raw.slice(1).split('+');
    const nums = parts.map((x) => Number(x));
    if (parts.some((x) => !/^\d+$/.test(x)) || nums.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new BadInputError(where, `expected request numbers such as #1+4, got ${JSON.stringify(raw)}`);
    return { on: new Set(nums) };
  }
  const p = Number(raw);
  if (!/^(\d+\.?\d*|\.\d+)$/.test(raw) || p > 1) throw new BadInputError(where, `expected a probability 0…1 or request numbers such as #1+4, got ${JSON.stringify(raw)}`);
  return { p };
}

/**
 * Parses `--faults`: comma-separated `KIND[:PATH]=VALUE`, e.g.
 * `drop-after-act=0.1,5xx=0.05,delay=200ms@0.2,429=0.02,ws-cut=30s,seed=7` or
 * `drop-after-act:exchange=#1+3`. PATH is `exchange` or `info` (default both).
 */
export function parseFaults(spec: string, where = '--faults'): FaultPlan {
  let seed = 1;
  let wsCutEveryMs: number | undefined;
  const http: HttpFaultRule[] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new BadInputError(where, `expected KIND=VALUE, got ${JSON.stringify(part)}`);
    const [kind, path, ...extraPaths] = part.slice(0, eq).split(':') as [string, string | undefined, ...string[]];
    const value = part.slice(eq + 1);
    const at = `${where} ${part}`;
    if (extraPaths.length > 0) throw new BadInputError(at, 'expected at most one path (KIND:exchange or KIND:info); leave it out for both');
    if (!KINDS.includes(kind)) throw new BadInputError(at, `unknown fault ${JSON.stringify(kind)}; expected one of ${KINDS.join(', ')}`);
    if (path !== undefined && (path !== 'exchange' && path !== 'info' || kind === 'ws-cut' || kind === 'seed')) throw new BadInputError(at, `a path (exchange or info) may follow only an HTTP fault, got ${JSON.stringify(path)}`);
    if (kind === 'seed') {
      // The generator keeps 32 bits of its seed (rng.ts): a larger one would silently be another seed.
      seed = Number(value);
      if (!/^\d+$/.test(value) || seed > MAX_SEED) throw new BadInputError(at, `seed must be a whole number from 0 to ${MAX_SEED}, got ${JSON.stringify(value)}`);
    } else if (kind === 'ws-cut') {
      wsCutEveryMs = duration(value, at);
    } else if (kind === 'delay') {
      const [d, w, ...extra] = value.split('@');
      if (w === undefined || extra.length > 0) throw new BadInputError(at, 'expected delay=DURATION@WHEN, e.g. delay=200ms@0.2');
      http.push({ kind, path: path as FaultPath | undefined, when: when(w, at), delayMs: duration(d, at) });
    } else {
      http.push({ kind: kind as HttpFaultKind, path: path as FaultPath | undefined, when: when(value, at) });
    }
  }
  return { seed, http, wsCutEveryMs };
}

/** Decides each request's fate from the plan: one seeded draw per rule per request in its scope, so a run repeats exactly. */
export class FaultInjector {
  private readonly rng: Rng;
  private readonly counts: number[];
  private readonly armed: { kind: Exclude<HttpFaultKind, 'delay'>; path: FaultPath | undefined }[] = [];
  private readonly injected = new Map<string, number>();

  constructor(readonly plan: FaultPlan) {
    this.rng = createRng(plan.seed);
    this.counts = plan.http.map(() => 0);
  }

  /** Makes the next request on `path` (either when undefined) fail as `kind`, once: for tests that need one exact fault. */
  armNext(kind: Exclude<HttpFaultKind, 'delay'>, path?: FaultPath): void {
    this.armed.push({ kind, path });
  }

  decide(path: FaultPath): FaultDecision {
    let delayMs = 0;
    const hits = new Set<FaultDecision['fail']>();
    const k = this.armed.findIndex((a) => a.path === undefined || a.path === path);
    if (k >= 0) hits.add(this.armed.splice(k, 1)[0].kind);
    this.plan.http.forEach((rule, i) => {
      if (rule.path !== undefined && rule.path !== path) return;
      const n = ++this.counts[i];
      const draw = this.rng.next();
      const fires = 'p' in rule.when ? draw < rule.when.p : rule.when.on.has(n);
      if (!fires) return;
      if (rule.kind === 'delay') delayMs += rule.delayMs ?? 0;
      else hits.add(rule.kind);
    });
    const fail = PRECEDENCE.find((f) => hits.has(f));
    if (fail !== undefined) this.count(fail);
    if (delayMs > 0) this.count('delay');
    return { delayMs, fail };
  }

  noteWsCut(): void {
    this.count('ws-cut');
  }

  /** Faults injected so far, by kind. */
  stats(): Record<string, number> {
    return Object.fromEntries(this.injected);
  }

  private count(kind: string): void {
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
  }
}

/** One line for the banner: what is injected. */
export function describeFaults(plan: FaultPlan): string {
  const w = (x: FaultWhen): string => ('p' in x ? `p=${x.p}` : `requests #${[...x.on].join('+')}`);
  const rules = plan.http.map((r) => `${r.kind}${r.delayMs !== undefined ? ` ${r.delayMs} ms` : ''} on ${r.path ?? 'exchange+info'} (${w(r.when)})`);
  if (plan.wsCutEveryMs !== undefined) rules.push(`WebSocket cut every ${plan.wsCutEveryMs} ms`);
  return `faults     ${rules.length === 0 ? 'none' : rules.join('; ')}; seed ${plan.seed}`;
}
