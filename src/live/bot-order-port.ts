// A bot's execution port in the daemon: each order becomes an intent keyed by the decision, passes the risk manager, then goes to the venue executor.
import { BadInputError } from '../core/errors.js';
import type { ExecutionReport } from '../core/execution.js';
import type { OrderRequest, Side } from '../core/orders.js';
import type { ExecutionPort } from '../engine/execution-port.js';
import { makeIntent, type OrderIntent } from '../oms/order-intent.js';
import type { CancelIntent, OrderIntent as RiskOrderIntent, Verdict } from '../risk/index.js';

export interface BotOrderPortDeps {
  readonly botId: string;
  /** Where a passed order goes (the bot's venue executor). */
  readonly executor: ExecutionPort;
  /** Records the intent under the kernel's client id before the executor sends it. */
  readonly register: (clientId: string, intent: OrderIntent) => void;
  /** The risk manager's verdict (the daemon records it: audit, metrics, log). */
  readonly check: (intent: RiskOrderIntent | CancelIntent) => Verdict;
  /**
   * The time of the decision an order belongs to: the open time of the symbol's last closed bar (the
   * bar the strategy acted on), or the step's time before any bar closed. Restarting and deciding on
   * the same bar again makes the same intent, which the OMS finds stored instead of sending twice.
   */
  readonly decisionTime: (symbol: string) => number;
  /** The price a market order is checked and bounded against (the last trade), undefined when none yet. */
  readonly referencePrice: (symbol: string) => number | undefined;
  /** A local refusal, reported to the kernel after the current step (never inside it). */
  readonly refuse: (report: ExecutionReport) => void;
  readonly now: () => number;
}

/**
 * The n of a dedupe key counts orders of one (symbol, side) at one decision time: 0, 1, … as the
 * strategy sends them, so the keys of one decision are the same in every run that makes it.
 */
export class BotOrderPort implements ExecutionPort {
  private readonly seq = new Map<string, { ts: number; n: number }>();
  /** True while history bars warm the strategy up: what it decides then is history, nothing is sent. */
  warmingUp = false;

  constructor(private readonly deps: BotOrderPortDeps) {}

  submit(clientId: string, req: OrderRequest): void {
    const { deps } = this;
    if (this.warmingUp) return this.reject(clientId, req.symbol, 'warmup: a decision on a history bar is not sent');
    const price = req.price ?? req.triggerPrice ?? deps.referencePrice(req.symbol);
    if (price === undefined) return this.reject(clientId, req.symbol, `risk: no-price: no trade of ${req.symbol} seen yet to price the order against`);
    const verdict = deps.check({ botId: deps.botId, symbol: req.symbol, side: req.side, qty: req.qty, price, type: req.type, reduceOnly: req.reduceOnly === true });
    if (!verdict.allowed) return this.reject(clientId, req.symbol, `risk: ${verdict.rule}: ${verdict.reason}`);
    const decisionTs = deps.decisionTime(req.symbol);
    let intent: OrderIntent;
    try {
      // A market order carries its reference price: the venue bounds its slippage from it.
      intent = makeIntent({ ...req, ...(req.type === 'market' ? { price } : {}), botId: deps.botId, reason: req.reason ?? '', decisionTs, n: this.next(req.symbol, req.side, decisionTs) });
    } catch (e) {
      if (e instanceof BadInputError) return this.reject(clientId, req.symbol, `not sent: ${e.message}`);
      throw e;
    }
    deps.register(clientId, intent);
    deps.executor.submit(clientId, req);
  }

  cancel(symbol: string, clientId: string): void {
    const verdict = this.deps.check({ botId: this.deps.botId, symbol, action: 'cancel', clientId });
    // A refused cancel leaves the order working; the verdict is on record.
    if (verdict.allowed) this.deps.executor.cancel(symbol, clientId);
  }

  setLeverage(symbol: string, leverage: number): string | undefined {
    return this.deps.executor.setLeverage(symbol, leverage);
  }

  private next(symbol: string, side: Side, ts: number): number {
    const key = side === 'buy' ? `${symbol}:b` : `${symbol}:s`;
    const s = this.seq.get(key);
    if (s === undefined || s.ts !== ts) {
      this.seq.set(key, { ts, n: 1 });
      return 0;
    }
    return s.n++;
  }

  private reject(clientId: string, symbol: string, reason: string): void {
    this.deps.refuse({ type: 'order.rejected', clientId, symbol, reason, ts: this.deps.now() });
  }
}
