// The risk manager: every order intent and cancel passes here before the venue; pure, synchronous, time from the injected clock.
import type { KillLevel, RiskLimits } from '../config/risk-config.js';
import { isoShort, type Clock, type UnixMs } from '../core/clock.js';
import { BadInputError } from '../core/errors.js';
import { entryFigures, entryRefusal, type Refusal } from './entry-rules.js';
import { checkBook, checkDaily, checkEquity, checkIntent, checkOpenOrders, checkPosition } from './input-checks.js';
import { killAllows, killSeverity, type KillColumn } from './kill-level.js';
import { KillState, type SourceLevel } from './kill-state.js';
import { under } from './limit-compare.js';
import { LossGuard } from './loss-guard.js';
import { deriveAction, isCancel, isEntry, type OrderIntent, type RiskAction, type RiskIntent } from './risk-intent.js';
import { type RiskLimitSet, validateLimitSet } from './risk-limits.js';
import { parseRiskState, RISK_STATE_VERSION, type RiskStateSnapshot } from './risk-state.js';
import { utcDayStart, type RiskPosition, type RiskView } from './risk-view.js';
import { TokenBucket, type BucketState } from './token-bucket.js';
import type { KillChange, KillSource, RuleCode, Verdict, VerdictInputs } from './verdict.js';

export interface RiskManagerOptions {
  readonly clock: Clock;
  readonly limits: RiskLimitSet;
  /** State from `snapshot()` of an earlier run (kill levels, flatten request, equity peak, buckets). */
  readonly state?: RiskStateSnapshot;
}

/** The bot id of the intents `flattenIntents` makes. */
export const FLATTEN_BOT_ID = 'risk:flatten';

const COLUMN_TEXT: Readonly<Record<KillColumn, string>> = {
  open: 'opens',
  add: 'adds',
  exit_reduce_only: 'reduce-only exits',
  exit: 'exits that are not reduce-only',
  cancel: 'cancels',
};

type BucketKind = 'entries' | 'entries_symbol' | 'exits' | 'cancels';

export class RiskManager {
  private readonly clock: Clock;
  private limitSet: RiskLimitSet;
  private readonly kill: KillState;
  private readonly loss: LossGuard;
  private readonly buckets = new Map<string, TokenBucket>();
  /** Bucket states from a snapshot, used when the bucket is first needed. */
  private readonly savedBuckets: Map<string, BucketState>;

  constructor(options: RiskManagerOptions) {
    validateLimitSet(options.limits);
    this.clock = options.clock;
    this.limitSet = options.limits;
    const s = options.state;
    const levels = new Map<KillSource, SourceLevel>();
    for (const [source, l] of Object.entries(s?.kill ?? {})) if (l !== undefined) levels.set(source as KillSource, l);
    this.kill = new KillState({ levels, flattenPending: s?.flattenPending ?? false });
    this.loss = new LossGuard(s?.peak);
    this.savedBuckets = new Map(Object.entries(s?.buckets ?? {}));
  }

  /** A manager resumed from a stored snapshot (e.g. parsed JSON), read strictly. */
  static restore(options: Omit<RiskManagerOptions, 'state'>, snapshot: unknown): RiskManager {
    return new RiskManager({ ...options, state: parseRiskState(snapshot) });
  }

  /** The state that must survive a restart, as plain JSON-safe data. */
  snapshot(): RiskStateSnapshot {
    const now = this.clock.now();
    const buckets: Record<string, BucketState> = Object.fromEntries(this.savedBuckets);
    for (const [k, b] of this.buckets) buckets[k] = b.state(now);
    return { version: RISK_STATE_VERSION, savedAt: now, kill: Object.fromEntries(this.kill.entries()), flattenPending: this.kill.flattenPending, peak: this.loss.state(), buckets };
  }

  /** New limits (a config reload); buckets keep the tokens they have, up to the new burst. */
  setLimits(limits: RiskLimitSet): void {
    validateLimitSet(limits);
    this.limitSet = limits;
  }

  /** The kill level in force. */
  killLevel(): KillLevel {
    return this.kill.effective();
  }

  /** The level in force, who set it and why, and every source's own level. */
  killStatus(): { readonly level: KillLevel; readonly source?: KillSource; readonly reason?: string; readonly sources: ReadonlyMap<KillSource, SourceLevel> } {
    const top = this.kill.top();
    return top === undefined ? { level: 'off', sources: this.kill.entries() } : { level: top[1].level, source: top[0], reason: top[1].reason, sources: this.kill.entries() };
  }

  /** Sets the level an operator source asks for (`off` clears that source only; a breached rule stays until `resume`). */
  setKill(source: Exclude<KillSource, 'rule'>, level: KillLevel, reason: string): KillChange {
    if ((source as KillSource) === 'rule') throw new BadInputError('kill source', 'rule levels are set by breached limits only');
    return this.afterKill(this.kill.set(source, level, reason, this.clock.now()));
  }

  /** An operator acknowledges a breach: clears the level a rule set. Undefined when no rule had set one. */
  resume(reason: string): KillChange | undefined {
    if (this.kill.get('rule') === undefined) return undefined;
    return this.afterKill(this.kill.set('rule', 'off', reason, this.clock.now()));
  }

  /** True when a `flatten` came into force and its intents have not been taken yet. */
  get flattenPending(): boolean {
    return this.kill.flattenPending;
  }

  /**
   * The orders that close every open position now (reduce-only market orders at the touch, or the
   * mark without a usable book), sorted by symbol; taking them clears the pending request. They
   * pass `check` under `flatten` (reduce-only exits).
   */
  flattenIntents(view: RiskView): OrderIntent[] {
    this.kill.takeFlatten();
    const positions = this.positions(view);
    const out: OrderIntent[] = [];
    for (const symbol of [...positions.keys()].sort()) {
      const p = positions.get(symbol) as RiskPosition;
      if (p.qty === 0) continue;
      const side = p.qty > 0 ? 'sell' : 'buy';
      const book = checkBook(view.book(symbol), symbol);
      const touch = book === undefined ? undefined : side === 'sell' ? book.bid : book.ask;
      out.push({ botId: FLATTEN_BOT_ID, symbol, side, qty: Math.abs(p.qty), price: touch !== undefined && touch > 0 ? touch : p.markPrice, type: 'market', reduceOnly: true, action: 'close' });
    }
    return out;
  }

  /**
   * Moves the equity peak and tests daily loss and drawdown against `view`; a breach sets the
   * account's `onBreach` level (source `rule`, latched until `resume`). Call it on every equity
   * update, not only with orders, so the peak is not missed; `check` calls it too.
   */
  observe(view: RiskView): KillChange[] {
    const now = this.clock.now();
    const account = this.limitSet.account;
    const breaches = this.loss.observe(checkEquity(view.equity()), checkDaily(view.dailyPnl()), now, account);
    const out: KillChange[] = [];
    for (const b of breaches) {
      const current = this.kill.get('rule');
      if (current !== undefined && killSeverity(current.level) >= killSeverity(account.onBreach)) continue;
      out.push(this.afterKill(this.kill.set('rule', account.onBreach, `${b.rule}: ${b.reason}`, now, { rule: b.rule, ...b.inputs })));
    }
    return out;
  }

  /** The verdict on `intent`: the first rule it breaks, or a pass (which takes its rate tokens). */
  check(intent: RiskIntent, view: RiskView): Verdict {
    checkIntent(intent);
    const now = this.clock.now();
    const killChanges = this.observe(view);
    const verdict = (action: RiskAction, r: Refusal | undefined, passInputs: VerdictInputs): Verdict =>
      r === undefined
        ? { ts: now, botId: intent.botId, symbol: intent.symbol, action, allowed: true, rule: 'ok', reason: 'passed', inputs: passInputs, killChanges }
        : { ts: now, botId: intent.botId, symbol: intent.symbol, action, allowed: false, rule: r.rule, reason: r.reason, inputs: r.inputs, killChanges };
    if (isCancel(intent)) {
      const refusal = this.killRefusal('cancel') ?? this.rateRefusal(['cancels'], intent.symbol, now);
      if (refusal === undefined) this.takeTokens(['cancels'], intent.symbol, now);
      return verdict('cancel', refusal, { killLevel: this.kill.effective() });
    }
    const positions = this.positions(view);
    const position = positions.get(intent.symbol)?.qty ?? 0;
    const action = deriveAction(position, intent.side, intent.qty, intent.reduceOnly);
    const entry = isEntry(action);
    if (intent.action !== undefined && isEntry(intent.action) !== entry)
      return verdict(action, { rule: 'action_mismatch', reason: `the intent says ${intent.action} but a ${intent.side} of ${intent.qty} on a position of ${position} is ${article(action)}`, inputs: { position, qty: intent.qty, stated: intent.action } }, {});
    if (entry && intent.reduceOnly)
      return verdict(action, { rule: 'nothing_to_reduce', reason: `a reduce-only ${intent.side} of ${intent.qty} cannot reduce a position of ${position}`, inputs: { position, qty: intent.qty } }, {});
    const column: KillColumn = entry ? action : intent.reduceOnly ? 'exit_reduce_only' : 'exit';
    const killRefusal = this.killRefusal(column);
    if (killRefusal !== undefined) return verdict(action, killRefusal, {});
    const limits = this.limitsFor(intent.symbol);
    const kinds: BucketKind[] = entry ? ['entries', 'entries_symbol'] : ['exits'];
    let refusal: Refusal | undefined;
    let pass: VerdictInputs;
    if (entry) {
      const ctx = {
        intent,
        action,
        now,
        limits,
        account: this.limitSet.account,
        equity: checkEquity(view.equity()),
        positions,
        symbolOpenNotional: checkOpenOrders(view.openOrders(intent.symbol), intent.symbol).notional,
        accountOpenNotional: checkOpenOrders(view.openOrders(), 'account').notional,
        book: checkBook(view.book(intent.symbol), intent.symbol),
      };
      refusal = this.dailyStale(view, now) ?? entryRefusal(ctx);
      const f = entryFigures(ctx);
      pass = { killLevel: this.kill.effective(), notional: f.notional, symbolExposure: f.symbolExposure, accountExposure: f.accountExposure, equity: ctx.equity };
    } else {
      const notional = intent.qty * intent.price;
      // A partial exit below the venue minimum would be rejected there; closing a whole position of any size is allowed.
      if (action === 'reduce' && under(notional, limits.minOrderNotional))
        refusal = { rule: 'min_notional', reason: `a partial exit worth ${notional} is below the venue minimum ${limits.minOrderNotional} (close the whole position instead)`, inputs: { notional, minOrderNotional: limits.minOrderNotional } };
      pass = { killLevel: this.kill.effective(), notional, position };
    }
    refusal ??= this.rateRefusal(kinds, intent.symbol, now);
    if (refusal === undefined) this.takeTokens(kinds, intent.symbol, now);
    return verdict(action, refusal, pass);
  }

  private afterKill(change: KillChange): KillChange {
    if (change.previous !== 'off' && change.effective === 'off' && this.limitSet.account.drawdownPeakReset === 'on_resume') this.loss.forget();
    return change;
  }

  private killRefusal(column: KillColumn): Refusal | undefined {
    const top = this.kill.top();
    if (top === undefined || killAllows(top[1].level, column)) return undefined;
    const [source, l] = top;
    return { rule: 'kill_level', reason: `kill level ${l.level} (set by ${source}: ${l.reason}) allows no ${COLUMN_TEXT[column]}`, inputs: { level: l.level, source, since: l.ts } };
  }

  /** With a daily loss limit, an entry needs today's figure: a view still reporting another UTC day cannot be trusted. */
  private dailyStale(view: RiskView, now: UnixMs): Refusal | undefined {
    if (this.limitSet.account.maxDailyLoss === undefined) return undefined;
    const daily = checkDaily(view.dailyPnl());
    const today = utcDayStart(now);
    if (daily.dayStartMs === today) return undefined;
    return { rule: 'daily_pnl_stale', reason: `the daily PnL covers the UTC day starting ${isoShort(daily.dayStartMs)}, not today (${isoShort(today)}): entries wait for today's figure`, inputs: { dayStartMs: daily.dayStartMs, todayStartMs: today } };
  }

  private limitsFor(symbol: string): RiskLimits {
    return this.limitSet.symbols?.get(symbol) ?? this.limitSet.account;
  }

  private positions(view: RiskView): ReadonlyMap<string, RiskPosition> {
    const positions = view.positions();
    for (const [symbol, p] of positions) checkPosition(p, symbol);
    return positions;
  }

  private bucket(kind: BucketKind, symbol: string, now: UnixMs): { key: string; bucket: TokenBucket } {
    const account = this.limitSet.account.rates;
    const key = kind === 'entries_symbol' ? `entries:${symbol}` : kind;
    const rate = kind === 'entries' ? account.entriesPerMin : kind === 'entries_symbol' ? this.limitsFor(symbol).rates.entriesPerSymbolPerMin : kind === 'exits' ? account.exitsPerMin : account.cancelsPerMin;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(rate, now, this.savedBuckets.get(key));
      this.savedBuckets.delete(key);
      this.buckets.set(key, bucket);
    } else if (bucket.rate !== rate) bucket.setRate(rate, now);
    return { key, bucket };
  }

  private rateRefusal(kinds: readonly BucketKind[], symbol: string, now: UnixMs): Refusal | undefined {
    for (const kind of kinds) {
      const { key, bucket } = this.bucket(kind, symbol, now);
      if (bucket.has(now)) continue;
      const tokens = bucket.available(now);
      const waitMs = Math.ceil(((1 - tokens) * 60_000) / bucket.rate);
      const rule: RuleCode = kind === 'entries' ? 'rate_entries' : kind === 'entries_symbol' ? 'rate_entries_symbol' : kind === 'exits' ? 'rate_exits' : 'rate_cancels';
      return { rule, reason: `${key} are limited to ${bucket.rate} a minute: none left (next in ${waitMs} ms)`, inputs: { perMin: bucket.rate, tokens, waitMs } };
    }
    return undefined;
  }

  private takeTokens(kinds: readonly BucketKind[], symbol: string, now: UnixMs): void {
    for (const kind of kinds) this.bucket(kind, symbol, now).bucket.take(now);
  }
}

/** `an open (an entry)`, `a reduce (an exit)`. */
function article(action: RiskAction): string {
  return isEntry(action) ? `an ${action} (an entry)` : `a ${action} (an exit)`;
}
