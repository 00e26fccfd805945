// The trend-confidence strategy object: the AI Quant engine's per-bar phase 1 (exits, signal, flip, pre-filters) and ranked phase 2.
//
// Mapping onto the Sextant kernel (semantics doc §2):
// - A step's cross-symbol context (BTC trend, breadth) is fixed when its first bar arrives.
// - Phase 1 runs inside onBar: indicators, then exits of an open position (so a position is first
//   checked on the bar after its entry), then — from bar `lookback` on — the signal, a Signal Flip
//   close of an opposite position, an immediate pyramid add, or an entry proposal whose score is
//   confidence_rank × 100 + trunc(ADX).
// - Phase 2 is onEntries: equity is read once and reused for every candidate of the step.
// - Orders are plain market orders filled by the simulated venue at the bar's close (entry slippage
//   slippage_bps, exit slippage 0.5 bps: both venue settings, see simDefaults). Entry price and size
//   come from fills; the model of the position is updated when an order is sent (as the reference
//   updates its book at decision time) and corrected by the fill.
import { BadInputError } from '../../core/errors.js';
import { roundQty } from '../../core/instrument.js';
import type { Side } from '../../core/orders.js';
import type { BarView, EntryCandidate, OrderRejection, Strategy, StrategyContext, StrategyFill } from '../strategy.js';
import type { AqIndicators, AqSnapshot } from './aiquant-indicators.js';
import type { TrendConfidenceConfig } from './config.js';
import { confidenceName, confidenceRank, type ConfidenceRank } from './confidence.js';
import { EXIT_REASON } from './exit-reasons.js';
import { evaluateExits, type ExitDecision } from './exits.js';
import { btcBanks, btcBullishOf, marketBreadthOf, transformSignal } from './market-context.js';
import { cooldownActive, pescBlocked } from './pesc.js';
import { profitAtr, type TcPosition } from './position.js';
import { emptyGates, emptySignal, evaluateGates, generateSignal } from './signal.js';
import { marginHeadroom, sizeAdd, sizeEntry } from './sizing.js';
import { loadFields, saveFields } from './state-codec.js';
import { SymbolState } from './symbol-state.js';

/** What a proposal carries from phase 1 to phase 2 (values copied from the snapshot). */
export interface TcCandidateData {
  readonly side: 1 | -1;
  readonly confidence: ConfidenceRank;
  readonly close: number;
  readonly adx: number;
  /** ATR after the min_atr_pct floor: the position's entry ATR. */
  readonly atr: number;
  readonly entryAdxThreshold: number;
}

type Pending =
  | { readonly kind: 'open'; readonly symbol: string }
  | { readonly kind: 'add'; readonly symbol: string; readonly undo: { marginUsed: number; addsCount: number; lastAddTime: number } }
  | { readonly kind: 'exit'; readonly symbol: string; readonly closed: TcPosition | undefined };

const STATE_VERSION = 1;

const sideOf = (dir: 1 | -1): Side => (dir === 1 ? 'buy' : 'sell');

export class TrendConfidenceStrategy implements Strategy {
  private readonly symbols = new Map<string, SymbolState>();
  private readonly banks = new Map<string, AqIndicators>();
  /** The banks in insertion order, for breadth, and the BTC banks (resolved again when a symbol is added). */
  private readonly bankList: AqIndicators[] = [];
  private btcCandidates: AqIndicators[] | undefined = undefined;
  /** The last symbol's state: consecutive bars of one symbol skip the Map lookup. */
  private lastState: SymbolState | undefined = undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly gates = emptyGates();
  private readonly signal = emptySignal();
  private stepTime = Number.NaN;
  private btc: boolean | undefined = undefined;
  private breadth = 50;
  private readonly minEntryConfidence: ConfidenceRank;
  private readonly minAddConfidence: ConfidenceRank;

  constructor(
    readonly cfg: TrendConfidenceConfig,
    readonly lookback: number,
  ) {
    this.minEntryConfidence = confidenceRank(cfg.trade.entry_min_confidence);
    this.minAddConfidence = confidenceRank(cfg.trade.add_min_confidence);
  }

  /** The strategy's model of a symbol's open position (undefined when flat). For tests and reports. */
  position(symbol: string): Readonly<TcPosition> | undefined {
    return this.symbols.get(symbol)?.pos;
  }

  private state(symbol: string): SymbolState {
    const last = this.lastState;
    if (last !== undefined && last.symbol === symbol) return last;
    let st = this.symbols.get(symbol);
    if (st === undefined) {
      st = new SymbolState(symbol, this.cfg);
      this.symbols.set(symbol, st);
      this.banks.set(symbol, st.ind);
      this.bankList.push(st.ind);
      this.btcCandidates = undefined;
    }
    this.lastState = st;
    return st;
  }

  // ---- phase 1 ---------------------------------------------------------------------------------

  onBar(bar: BarView, ctx: StrategyContext): void {
    const now = bar.time;
    if (now !== this.stepTime) {
      this.stepTime = now;
      this.btcCandidates ??= btcBanks(this.banks);
      this.btc = btcBullishOf(this.btcCandidates);
      this.breadth = marketBreadthOf(this.bankList);
    }
    const st = this.state(bar.symbol);
    const s = st.ind.updateBar(bar);
    st.bars++;
    st.emaSlowHist?.push(s.emaSlow);
    const t = this.cfg.trade;

    if (st.pos !== undefined && !cooldownActive(st.lastExitMs, now, t.exit_cooldown_s)) {
      const exit = evaluateExits(st.pos, s, this.cfg, bar.symbol);
      if (exit !== undefined) this.exit(ctx, st, exit, now);
    }
    if (st.bars < this.lookback) return;

    const slope = st.emaSlowSlopePct(s.close);
    evaluateGates(s, this.cfg, bar.symbol, this.btc, slope, this.gates);
    const sig = generateSignal(s, this.gates, this.cfg, slope, this.signal);
    if (sig.side === 0) return;
    const atr = t.min_atr_pct > 0 && s.atr < s.close * t.min_atr_pct ? s.close * t.min_atr_pct : s.atr;
    const side = transformSignal(sig.side, this.cfg, this.breadth);
    if (side === 0) return;

    if (st.pos !== undefined && st.pos.side !== side) this.exit(ctx, st, { reason: EXIT_REASON.signalFlip, fraction: 1 }, now);
    if (st.pos !== undefined) {
      if (t.enable_pyramiding) this.tryPyramid(ctx, st, s, sig.confidence, now);
      return;
    }

    if (sig.confidence < this.minEntryConfidence) return;
    if (pescBlocked(t, st.lastClose, side, now, s.adx)) return;
    if (t.enable_ssf_filter && !(side === 1 ? s.macdHist > 0 : s.macdHist < 0)) return;
    if (t.enable_reef_filter && this.reefBlocks(side, s)) return;

    const data: TcCandidateData = { side, confidence: sig.confidence, close: s.close, adx: s.adx, atr, entryAdxThreshold: sig.entryAdxThreshold };
    ctx.proposeEntry({ symbol: bar.symbol, score: sig.confidence * 100 + Math.trunc(s.adx), data });
  }

  /** REEF: no longs into an overbought RSI, no shorts into an oversold one (stricter bands at high ADX). */
  private reefBlocks(side: 1 | -1, s: AqSnapshot): boolean {
    const t = this.cfg.trade;
    const strong = s.adx >= t.reef_adx_threshold;
    if (side === 1) return s.rsi > (strong ? t.reef_long_rsi_extreme_gt : t.reef_long_rsi_block_gt);
    return s.rsi < (strong ? t.reef_short_rsi_extreme_lt : t.reef_short_rsi_block_lt);
  }

  private totalMargin(): number {
    let m = 0;
    for (const st of this.symbols.values()) if (st.pos !== undefined) m += st.pos.marginUsed;
    return m;
  }

  private openCount(): number {
    let n = 0;
    for (const st of this.symbols.values()) if (st.pos !== undefined) n++;
    return n;
  }

  /** Sends a reduce-only market close (whole position, or a fraction) and updates the model now. */
  private exit(ctx: StrategyContext, st: SymbolState, d: ExitDecision, now: number): void {
    const pos = st.pos as TcPosition;
    const held = Math.abs(ctx.position(st.symbol)) || pos.size;
    const partial = d.fraction < 1;
    const qty = partial ? roundQty(ctx.instrument(st.symbol), held * d.fraction, 'down') : held;
    if (!(qty > 0)) return;
    if (partial) {
      pos.marginUsed *= 1 - d.fraction;
      pos.tp1Taken = true;
    } else {
      st.pos = undefined;
    }
    st.lastClose = { time: now, side: pos.side, reason: d.reason };
    st.lastExitMs = now;
    const id = ctx.submit({ symbol: st.symbol, side: sideOf(pos.side === 1 ? -1 : 1), qty, type: 'market', reduceOnly: true, reason: d.reason });
    this.pending.set(id, { kind: 'exit', symbol: st.symbol, closed: partial ? undefined : pos });
  }

  /** Pyramiding (doc §6.2): an immediate same-direction add, not ranked. */
  private tryPyramid(ctx: StrategyContext, st: SymbolState, s: AqSnapshot, conf: ConfidenceRank, now: number): void {
    const t = this.cfg.trade;
    const pos = st.pos as TcPosition;
    if (pos.addsCount >= t.max_adds_per_symbol || conf < this.minAddConfidence) return;
    if ((now - pos.lastAddTime) / 60_000 < t.add_cooldown_minutes) return;
    if (profitAtr(pos, s.close) < t.add_min_profit_atr) return;
    if (cooldownActive(st.lastEntryMs, now, t.entry_cooldown_s)) return;
    const add = sizeAdd(t, ctx.cash(), s.close, pos.leverage, this.totalMargin());
    if (add === undefined) return;
    const qty = roundQty(ctx.instrument(st.symbol), add.size, 'down');
    if (!(qty > 0)) return;
    const undo = { marginUsed: pos.marginUsed, addsCount: pos.addsCount, lastAddTime: pos.lastAddTime };
    pos.marginUsed += add.marginUsed;
    pos.addsCount++;
    pos.lastAddTime = now;
    st.lastEntryMs = now;
    const id = ctx.submit({ symbol: st.symbol, side: sideOf(pos.side), qty, type: 'market', reason: `Pyramid #${pos.addsCount}` });
    this.pending.set(id, { kind: 'add', symbol: st.symbol, undo });
  }

  // ---- phase 2 ---------------------------------------------------------------------------------

  onEntries(ranked: readonly EntryCandidate[], ctx: StrategyContext): void {
    const t = this.cfg.trade;
    const now = ctx.now();
    // Frozen once per step: fees paid by earlier candidates of this step are not subtracted.
    const equity = ctx.equity();
    let entries = 0;
    for (const cand of ranked) {
      if (entries >= t.max_entry_orders_per_loop) break;
      if (this.openCount() >= t.max_open_positions) break;
      const st = this.symbols.get(cand.symbol);
      if (st === undefined || st.pos !== undefined) continue;
      if (cooldownActive(st.lastEntryMs, now, t.entry_cooldown_s)) continue;
      const d = cand.data as TcCandidateData;
      const inst = ctx.instrument(cand.symbol);
      const input = { equity, price: d.close, atr: d.atr, adx: d.adx, confidence: d.confidence, maxLeverage: inst.maxLeverage };
      const sized = sizeEntry(t, input, marginHeadroom(t, equity, this.totalMargin()));
      if (sized === undefined) continue;
      const qty = roundQty(inst, sized.size, 'down');
      if (!(qty > 0)) continue;
      ctx.setLeverage(cand.symbol, sized.leverage);
      st.pos = {
        side: d.side,
        entryPrice: d.close,
        size: 0,
        confidence: d.confidence,
        entryAtr: d.atr,
        entryAdxThreshold: d.entryAdxThreshold,
        trailingSl: null,
        leverage: sized.leverage,
        marginUsed: sized.marginUsed,
        addsCount: 0,
        tp1Taken: false,
        openTime: now,
        lastAddTime: now,
      };
      const previousEntry = st.lastEntryMs;
      st.lastEntryMs = now;
      const label = confidenceName(d.confidence);
      const id = ctx.submit({ symbol: cand.symbol, side: sideOf(d.side), qty, type: 'market', reason: `${label[0].toUpperCase()}${label.slice(1)} entry` });
      this.pending.set(id, { kind: 'open', symbol: cand.symbol });
      if (st.pos !== undefined) entries++;
      else st.lastEntryMs = previousEntry;
    }
  }

  // ---- fills and rejections ----------------------------------------------------------------------

  onFill(fill: StrategyFill, ctx: StrategyContext): void {
    const p = this.pending.get(fill.clientId);
    const st = this.symbols.get(fill.symbol);
    if (st === undefined) return;
    if (p === undefined) {
      // A venue-initiated fill (liquidation): resynchronise with the account.
      if (st.pos !== undefined && ctx.position(fill.symbol) === 0) {
        st.lastClose = { time: fill.ts, side: st.pos.side, reason: fill.reason };
        st.lastExitMs = fill.ts;
        st.pos = undefined;
      }
      return;
    }
    // Market orders fill in one piece; fills are the truth for entry price, size and time.
    this.pending.delete(fill.clientId);
    const pos = st.pos;
    if (pos === undefined) return;
    if (p.kind === 'open') {
      pos.entryPrice = fill.price;
      pos.size = fill.qty;
      pos.openTime = fill.ts;
      pos.lastAddTime = fill.ts;
    } else if (p.kind === 'add') {
      pos.entryPrice = (pos.entryPrice * pos.size + fill.price * fill.qty) / (pos.size + fill.qty);
      pos.size += fill.qty;
    } else if (p.closed === undefined) {
      pos.size = Math.max(0, pos.size - fill.qty);
    }
  }

  onOrderRejected(rej: OrderRejection): void {
    const p = this.pending.get(rej.clientId);
    if (p === undefined) return;
    this.pending.delete(rej.clientId);
    const st = this.symbols.get(p.symbol);
    if (st === undefined) return;
    if (p.kind === 'open') st.pos = undefined;
    else if (p.kind === 'add' && st.pos !== undefined) Object.assign(st.pos, p.undo);
    else if (p.kind === 'exit' && p.closed !== undefined && st.pos === undefined) st.pos = p.closed;
  }

  onStop(ctx: StrategyContext): void {
    const names = [...this.symbols.keys()].sort();
    for (const name of names) {
      const st = this.symbols.get(name) as SymbolState;
      if (st.pos !== undefined) this.exit(ctx, st, { reason: EXIT_REASON.endOfBacktest, fraction: 1 }, ctx.now());
    }
  }

  // ---- state -----------------------------------------------------------------------------------

  saveState(): unknown {
    const symbols: Record<string, unknown> = {};
    for (const [name, st] of this.symbols) {
      symbols[name] = {
        ind: saveFields(st.ind),
        emaSlowHist: st.emaSlowHist?.toArray() ?? null,
        bars: st.bars,
        pos: st.pos === undefined ? null : { ...st.pos },
        lastClose: st.lastClose ?? null,
        lastEntryMs: st.lastEntryMs ?? null,
        lastExitMs: st.lastExitMs ?? null,
      };
    }
    return { version: STATE_VERSION, config: this.cfg, lookback: this.lookback, symbols };
  }

  loadState(state: unknown): void {
    const where = 'trend-confidence state';
    const s = state as { version?: unknown; config?: unknown; lookback?: unknown; symbols?: unknown } | null;
    if (typeof s !== 'object' || s === null || s.version !== STATE_VERSION) throw new BadInputError(where, `expected a version ${STATE_VERSION} state object`);
    if (JSON.stringify(s.config) !== JSON.stringify(this.cfg) || s.lookback !== this.lookback) {
      throw new BadInputError(where, 'saved under a different config or lookback; indicator state would not match');
    }
    if (typeof s.symbols !== 'object' || s.symbols === null) throw new BadInputError(`${where}.symbols`, 'expected an object');
    this.symbols.clear();
    this.banks.clear();
    this.bankList.length = 0;
    this.btcCandidates = undefined;
    this.lastState = undefined;
    this.pending.clear();
    this.stepTime = Number.NaN;
    for (const [name, raw] of Object.entries(s.symbols as Record<string, unknown>)) {
      const r = raw as { ind: unknown; emaSlowHist: number[] | null; bars: number; pos: TcPosition | null; lastClose: SymbolState['lastClose'] | null; lastEntryMs: number | null; lastExitMs: number | null };
      const st = this.state(name);
      loadFields(st.ind, r.ind, `${where}.symbols.${name}.ind`);
      if (st.emaSlowHist !== undefined && r.emaSlowHist !== null) st.emaSlowHist.load(r.emaSlowHist);
      st.bars = r.bars;
      st.pos = r.pos === null ? undefined : { ...r.pos };
      st.lastClose = r.lastClose ?? undefined;
      st.lastEntryMs = r.lastEntryMs ?? undefined;
      st.lastExitMs = r.lastExitMs ?? undefined;
    }
  }
}
