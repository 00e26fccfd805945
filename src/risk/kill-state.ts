// The kill switch's state: one level per source, the most severe one in force, and a pending flatten request.
import type { KillLevel } from '../config/risk-config.js';
import type { UnixMs } from '../core/clock.js';
import { killSeverity } from './kill-level.js';
import { KILL_SOURCES, type KillChange, type KillSource, type VerdictInputs } from './verdict.js';

export interface SourceLevel {
  readonly level: Exclude<KillLevel, 'off'>;
  readonly reason: string;
  readonly ts: UnixMs;
}

export class KillState {
  private readonly levels = new Map<KillSource, SourceLevel>();
  private pendingFlatten = false;

  constructor(initial?: { readonly levels: ReadonlyMap<KillSource, SourceLevel>; readonly flattenPending: boolean }) {
    if (initial !== undefined) {
      for (const [s, l] of initial.levels) this.levels.set(s, l);
      this.pendingFlatten = initial.flattenPending;
    }
  }

  /** The level in force: the most severe over sources (ties: the first source in KILL_SOURCES order). */
  effective(): KillLevel {
    return this.top()?.[1].level ?? 'off';
  }

  /** The source and entry that set the level in force, or undefined when it is `off`. */
  top(): [KillSource, SourceLevel] | undefined {
    let best: [KillSource, SourceLevel] | undefined;
    for (const s of KILL_SOURCES) {
      const l = this.levels.get(s);
      if (l !== undefined && (best === undefined || killSeverity(l.level) > killSeverity(best[1].level))) best = [s, l];
    }
    return best;
  }

  get(source: KillSource): SourceLevel | undefined {
    return this.levels.get(source);
  }

  /** Sets (or with `off` clears) the level of `source`; a change of the level in force to `flatten` arms a flatten. */
  set(source: KillSource, level: KillLevel, reason: string, ts: UnixMs, inputs?: VerdictInputs): KillChange {
    const previous = this.effective();
    if (level === 'off') this.levels.delete(source);
    else this.levels.set(source, { level, reason, ts });
    const effective = this.effective();
    const flatten = effective === 'flatten' && previous !== 'flatten';
    if (flatten) this.pendingFlatten = true;
    if (effective !== 'flatten') this.pendingFlatten = false;
    return inputs === undefined ? { ts, source, level, reason, previous, effective, flatten } : { ts, source, level, reason, previous, effective, flatten, inputs };
  }

  get flattenPending(): boolean {
    return this.pendingFlatten;
  }

  takeFlatten(): boolean {
    const was = this.pendingFlatten;
    this.pendingFlatten = false;
    return was;
  }

  entries(): ReadonlyMap<KillSource, SourceLevel> {
    return new Map(this.levels);
  }
}
