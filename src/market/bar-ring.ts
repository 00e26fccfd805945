// A fixed-capacity history of closed bars, newest first by index: the last `capacity` bars of one series.
import { BadInputError } from '../core/errors.js';

/** Read access to closed bars: index 0 is the newest, `length - 1` the oldest kept. */
export interface BarHistory {
  /** Bars available (≤ capacity). */
  readonly length: number;
  /** Open time (ms UTC) of the bar `ago` bars back (0 = newest), or undefined when not kept. */
  time(ago?: number): number | undefined;
  open(ago?: number): number | undefined;
  high(ago?: number): number | undefined;
  low(ago?: number): number | undefined;
  close(ago?: number): number | undefined;
  volume(ago?: number): number | undefined;
}

export class BarRing implements BarHistory {
  private readonly t: Float64Array;
  private readonly o: Float64Array;
  private readonly h: Float64Array;
  private readonly l: Float64Array;
  private readonly c: Float64Array;
  private readonly v: Float64Array;
  /** Slot of the newest bar. */
  private head = -1;
  private n = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new BadInputError('bar history', `capacity must be a whole number ≥ 1, got ${capacity}`);
    this.t = new Float64Array(capacity);
    this.o = new Float64Array(capacity);
    this.h = new Float64Array(capacity);
    this.l = new Float64Array(capacity);
    this.c = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
  }

  get length(): number {
    return this.n;
  }

  push(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    const i = this.head + 1 === this.capacity ? 0 : this.head + 1;
    this.head = i;
    this.t[i] = time;
    this.o[i] = open;
    this.h[i] = high;
    this.l[i] = low;
    this.c[i] = close;
    this.v[i] = volume;
    if (this.n < this.capacity) this.n++;
  }

  /** Slot of the bar `ago` back, or -1. */
  private slot(ago: number): number {
    if (!(ago >= 0 && ago < this.n) || !Number.isInteger(ago)) return -1;
    const i = this.head - ago;
    return i < 0 ? i + this.capacity : i;
  }

  time(ago = 0): number | undefined {
    const i = this.slot(ago);
    return i < 0 ? undefined : this.t[i];
  }

  open(ago = 0): number | undefined {
    const i = this.slot(ago);
    return i < 0 ? undefined : this.o[i];
  }

  high(ago = 0): number | undefined {
    const i = this.slot(ago);
    return i < 0 ? undefined : this.h[i];
  }

  low(ago = 0): number | undefined {
    const i = this.slot(ago);
    return i < 0 ? undefined : this.l[i];
  }

  close(ago = 0): number | undefined {
    const i = this.slot(ago);
    return i < 0 ? undefined : this.c[i];
  }

  volume(ago = 0): number | undefined {
    const i = this.slot(ago);
    return i < 0 ? undefined : this.v[i];
  }
}
