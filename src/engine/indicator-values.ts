// One indicator instance for one symbol with a ring of its past values, and the read-only views strategies get.
import { BadInputError } from '../core/errors.js';
import type { Indicator } from '../indicators/index.js';
import type { IndicatorValues, LineValues } from '../strategy/needs.js';

/** An indicator with the last `capacity` values of every line; NaN in the ring marks a line not ready yet. */
export class IndicatorSlot {
  private readonly ring: Float64Array;
  private readonly nLines: number;
  /** Row of the newest values. */
  private head = -1;
  /** Updates seen, capped at capacity. */
  private count = 0;

  constructor(
    readonly indicator: Indicator,
    readonly capacity: number,
  ) {
    this.nLines = indicator.lines.length;
    this.ring = new Float64Array(capacity * this.nLines);
  }

  update(open: number, high: number, low: number, close: number, volume: number): void {
    const ind = this.indicator;
    ind.update(open, high, low, close, volume);
    const row = this.head + 1 === this.capacity ? 0 : this.head + 1;
    this.head = row;
    const base = row * this.nLines;
    for (let li = 0; li < this.nLines; li++) this.ring[base + li] = ind.lineReady(li) ? ind.value(li) : Number.NaN;
    if (this.count < this.capacity) this.count++;
  }

  /** Line `li`'s value `ago` updates back, or undefined (not computed yet, or older than kept). */
  valueAt(li: number, ago: number): number | undefined {
    if (!(ago >= 0 && ago < this.count) || !Number.isInteger(ago)) return undefined;
    let row = this.head - ago;
    if (row < 0) row += this.capacity;
    const v = this.ring[row * this.nLines + li];
    return v === v ? v : undefined;
  }
}

class LineView implements LineValues {
  constructor(
    protected readonly slot: IndicatorSlot,
    protected readonly li: number,
  ) {}

  get value(): number | undefined {
    return this.slot.valueAt(this.li, 0);
  }

  get ready(): boolean {
    return this.slot.valueAt(this.li, 0) !== undefined;
  }

  at(ago: number): number | undefined {
    return this.slot.valueAt(this.li, ago);
  }

  crossedAbove(other: LineValues | number): boolean {
    const a0 = this.at(0);
    const a1 = this.at(1);
    const b0 = typeof other === 'number' ? other : other.at(0);
    const b1 = typeof other === 'number' ? other : other.at(1);
    return a0 !== undefined && a1 !== undefined && b0 !== undefined && b1 !== undefined && a1 <= b1 && a0 > b0;
  }

  crossedBelow(other: LineValues | number): boolean {
    const a0 = this.at(0);
    const a1 = this.at(1);
    const b0 = typeof other === 'number' ? other : other.at(0);
    const b1 = typeof other === 'number' ? other : other.at(1);
    return a0 !== undefined && a1 !== undefined && b0 !== undefined && b1 !== undefined && a1 >= b1 && a0 < b0;
  }
}

/** The strategy's view of one indicator of one symbol: line 0 directly, the others by name. */
export class IndicatorView extends LineView implements IndicatorValues {
  private readonly views: readonly LineView[];

  constructor(
    slot: IndicatorSlot,
    private readonly label: string,
  ) {
    super(slot, 0);
    this.views = slot.indicator.lines.map((_, i) => (i === 0 ? this : new LineView(slot, i)));
  }

  get lines(): readonly string[] {
    return this.slot.indicator.lines;
  }

  line(name: string): LineValues {
    const i = this.slot.indicator.lines.indexOf(name);
    if (i < 0) throw new BadInputError(`${this.label}.line(${JSON.stringify(name)})`, `no such line ${JSON.stringify(name)} (lines: ${this.slot.indicator.lines.map((l) => JSON.stringify(l)).join(', ')})`);
    return this.views[i];
  }
}
