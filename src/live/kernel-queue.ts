// The kernel's input queue in live modes: async producers enqueue, one synchronous loop drains into kernel steps.
import type { Envelope } from '../core/envelope.js';
import { BadInputError, InvariantError } from '../core/errors.js';
import type { ExecutionReport, ExecutionReportSink } from '../core/execution.js';
import type { Kernel } from '../engine/kernel.js';
import type { BarView } from '../strategy/strategy.js';

/** One input of the kernel, stamped with its arrival time (ms UTC, the live clock's). */
export type KernelInput =
  | { readonly kind: 'market'; readonly time: number; readonly event: Envelope }
  | { readonly kind: 'bar'; readonly time: number; readonly bar: BarView }
  | { readonly kind: 'timer'; readonly time: number }
  | { readonly kind: 'report'; readonly time: number; readonly report: ExecutionReport };

export interface KernelQueueOptions {
  /** Arrival time of items pushed without one (reports from the executor): the live clock. */
  readonly now: () => number;
  /**
   * Called after an item is pushed onto an idle queue: schedule `drain` (e.g. with queueMicrotask).
   * Omitted: the owner calls `drain` itself.
   */
  readonly schedule?: (drain: () => void) => void;
  /** A scheduled drain that threw (a strategy crash): the queue has stopped; the owner decides what follows. */
  readonly onError?: (error: unknown) => void;
  /** Called when a step is complete. */
  readonly onStepEnd?: (time: number) => void;
}

/**
 * The ordering rule: items are processed FIFO by arrival, never re-sorted by their own timestamps.
 * Each item runs in a kernel step at `max(item time, previous step time)`: the clock advances to the
 * item's time and never goes back (a report stamped before the current time is processed now).
 * Consecutive items of one time share a step; a later time closes the step (ranked entries) and opens
 * the next. The last step of a drain closes when the queue is empty, so entries proposed by a batch
 * are decided before the loop waits again. Items pushed while a drain runs (a report the kernel's own
 * command caused) join the same loop in arrival order. The kernel step itself stays synchronous.
 *
 * Timer items only advance the clock: the kernel fires the strategy's due timers at the step's start.
 */
export class KernelQueue implements ExecutionReportSink {
  private items: KernelInput[] = [];
  private head = 0;
  private draining = false;
  private scheduled = false;
  private failure: unknown = undefined;
  private failed = false;
  /** Time of the latest step; starts at the kernel clock's time (which never goes back). */
  private lastTime: number;
  private steps = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly options: KernelQueueOptions,
  ) {
    this.lastTime = kernel.now();
  }

  /** Items waiting (the queue-depth metric). */
  get depth(): number {
    return this.items.length - this.head;
  }

  /** Steps run so far. */
  get stepCount(): number {
    return this.steps;
  }

  push(item: KernelInput): void {
    if (!Number.isFinite(item.time)) throw new BadInputError(`kernel input ${item.kind}`, `time must be a finite ms timestamp, got ${item.time}`);
    if (this.failed) throw new InvariantError(`kernel queue stopped by an earlier failure; ${item.kind} input refused`, { cause: this.failure });
    this.items.push(item);
    if (this.options.schedule !== undefined && !this.scheduled && !this.draining) {
      this.scheduled = true;
      this.options.schedule(() => this.scheduledDrain());
    }
  }

  pushMarket(event: Envelope, time = event.tsInit): void {
    this.push({ kind: 'market', time, event });
  }

  pushBar(bar: BarView, time: number): void {
    this.push({ kind: 'bar', time, bar });
  }

  pushTimer(time: number): void {
    this.push({ kind: 'timer', time });
  }

  /** ExecutionReportSink: a venue executor's reports arrive now. */
  onExecutionReport(report: ExecutionReport): void {
    this.push({ kind: 'report', time: this.options.now(), report });
  }

  /** Runs every queued item (and any pushed meanwhile) through the kernel; returns the items processed. */
  drain(): number {
    if (this.failed) throw new InvariantError('kernel queue stopped by an earlier failure', { cause: this.failure });
    if (this.draining) return 0;
    this.draining = true;
    let n = 0;
    let open = false;
    let stepTime = this.lastTime;
    try {
      while (this.head < this.items.length) {
        const item = this.items[this.head++];
        const t = item.time > this.lastTime ? item.time : this.lastTime;
        if (!open || t > stepTime) {
          if (open) this.closeStep(stepTime);
          this.kernel.beginStep(t);
          open = true;
          stepTime = t;
          this.lastTime = t;
        }
        this.dispatch(item);
        n++;
      }
      if (open) {
        open = false;
        this.closeStep(stepTime);
      }
    } catch (e) {
      this.failed = true;
      this.failure = e;
      throw e;
    } finally {
      this.draining = false;
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return n;
  }

  private scheduledDrain(): void {
    this.scheduled = false;
    try {
      this.drain();
    } catch (e) {
      if (this.options.onError === undefined) throw e;
      this.options.onError(e);
    }
  }

  private closeStep(time: number): void {
    this.kernel.endStep();
    this.steps++;
    this.options.onStepEnd?.(time);
  }

  private dispatch(item: KernelInput): void {
    switch (item.kind) {
      case 'market':
        return this.kernel.marketEvent(item.event);
      case 'bar':
        return this.kernel.bar(item.bar);
      case 'timer':
        return;
      case 'report':
        return this.kernel.onExecutionReport(item.report);
      default: {
        const never: never = item;
        throw new InvariantError(`kernel queue: unknown input ${JSON.stringify(never)}`);
      }
    }
  }
}
