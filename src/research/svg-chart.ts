// One inline SVG line chart (time on x) with optional area fill, baseline and hoverable trade markers.
import type { XYSeries } from './downsample.js';
import { escapeHtml } from './html-escape.js';
import { formatDate, formatTime } from './report-format.js';

const W = 1000;
const H = 260;
const LEFT = 78;
const RIGHT = W - 14;
const TOP = 10;
const BOTTOM = H - 26;
const DAY_MS = 86_400_000;

/** A point drawn over the line; `title` shows on hover. */
export interface ChartMarker {
  readonly x: number;
  readonly y: number;
  readonly kind: 'long-entry' | 'short-entry' | 'exit';
  readonly title: string;
}

export interface LineChartSpec {
  /** Accessible name of the chart. */
  readonly label: string;
  readonly series: XYSeries;
  readonly color: string;
  /** Fills between the line and y = 0 (drawdown). */
  readonly area?: string;
  /** A dashed horizontal reference line (initial cash). */
  readonly baseline?: number;
  readonly markers?: readonly ChartMarker[];
  readonly formatY: (v: number) => string;
}

/** The chart as an `<svg>` element, or a short note when there is nothing to draw. */
export function renderLineChart(spec: LineChartSpec): string {
  const { x, y } = spec.series;
  const markers = spec.markers ?? [];
  if (x.length === 0 && markers.length === 0) return '<p class="note">No data to chart.</p>';
  const xr = extent(x, markers.map((m) => m.x));
  const extra = markers.map((m) => m.y);
  if (spec.baseline !== undefined) extra.push(spec.baseline);
  if (spec.area !== undefined) extra.push(0);
  const yr = padded(extent(y, extra));
  const sx = (v: number): number => LEFT + ((v - xr[0]) / (xr[1] - xr[0])) * (RIGHT - LEFT);
  const sy = (v: number): number => BOTTOM - ((v - yr[0]) / (yr[1] - yr[0])) * (BOTTOM - TOP);
  const out: string[] = [
    `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(spec.label)}" preserveAspectRatio="xMidYMid meet">`,
    yAxis(yr, sy, spec.formatY),
    xAxis(xr, sx),
  ];
  if (spec.baseline !== undefined) {
    const by = c(sy(spec.baseline));
    out.push(`<path d="M${LEFT},${by}H${RIGHT}" stroke="#9ca3af" stroke-dasharray="4 4" fill="none"/>`);
  }
  if (x.length > 0) {
    const line = linePath(x, y, sx, sy);
    if (spec.area !== undefined) {
      const zy = c(sy(0));
      out.push(`<path d="${line}L${c(sx(x[x.length - 1]))},${zy}L${c(sx(x[0]))},${zy}Z" fill="${spec.area}" stroke="none"/>`);
    }
    out.push(`<path d="${line}" fill="none" stroke="${spec.color}" stroke-width="1.2" stroke-linejoin="round"/>`);
  }
  for (const m of markers) out.push(marker(m, sx(m.x), sy(m.y)));
  out.push('</svg>');
  return out.join('\n');
}

/** One coordinate with one decimal, shortest form (keeps the file small and byte-stable). */
function c(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function linePath(x: Float64Array, y: Float64Array, sx: (v: number) => number, sy: (v: number) => number): string {
  const parts = new Array<string>(x.length);
  for (let i = 0; i < x.length; i++) parts[i] = `${c(sx(x[i]))},${c(sy(y[i]))}`;
  // A single point still needs a visible segment.
  if (x.length === 1) parts.push(`${c(sx(x[0]) + 1)},${c(sy(y[0]))}`);
  return `M${parts.join(' ')}`;
}

function extent(a: Float64Array, extra: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < lo) lo = a[i];
    if (a[i] > hi) hi = a[i];
  }
  for (const v of extra) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) return [lo - (Math.abs(lo) * 0.05 || 1), hi + (Math.abs(hi) * 0.05 || 1)];
  return [lo, hi];
}

function padded([lo, hi]: [number, number]): [number, number] {
  const p = (hi - lo) * 0.04;
  return [lo - p, hi + p];
}

/** A 1-2-5 step giving about `count` intervals over `range`. */
function niceStep(range: number, count: number): number {
  const raw = range / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
}

function yAxis([lo, hi]: [number, number], sy: (v: number) => number, fmt: (v: number) => string): string {
  const step = niceStep(hi - lo, 5);
  const first = Math.ceil(lo / step);
  const out: string[] = [];
  for (let i = first; i * step <= hi; i++) {
    const v = Math.abs(i) < 1e-9 ? 0 : i * step;
    const py = c(sy(v));
    out.push(`<path d="M${LEFT},${py}H${RIGHT}" stroke="#e5e7eb"/><text x="${LEFT - 6}" y="${py}" dy="4" text-anchor="end">${escapeHtml(fmt(v))}</text>`);
  }
  return `<g class="ax">${out.join('')}<path d="M${LEFT},${TOP}V${BOTTOM}H${RIGHT}" stroke="#9ca3af" fill="none"/></g>`;
}

function xAxis([lo, hi]: [number, number], sx: (v: number) => number): string {
  const ticks = 5;
  // Dates alone only when ticks are at least a day apart; otherwise labels would repeat.
  const fmt = (hi - lo) / (ticks - 1) >= DAY_MS ? formatDate : formatTime;
  const out: string[] = [];
  for (let i = 0; i < ticks; i++) {
    const v = lo + ((hi - lo) * i) / (ticks - 1);
    const anchor = i === 0 ? 'start' : i === ticks - 1 ? 'end' : 'middle';
    out.push(`<text x="${c(sx(v))}" y="${BOTTOM + 18}" text-anchor="${anchor}">${escapeHtml(fmt(v))}</text>`);
  }
  return `<g class="ax">${out.join('')}</g>`;
}

function marker(m: ChartMarker, px: number, py: number): string {
  const t = `<title>${escapeHtml(m.title)}</title>`;
  if (m.kind === 'exit') return `<circle cx="${c(px)}" cy="${c(py)}" r="4" fill="#fff" stroke="#111827" stroke-width="1.5">${t}</circle>`;
  // Entry triangles sit beside the price they mark: ▲ below it for longs, ▼ above it for shorts.
  const up = m.kind === 'long-entry';
  const tip = up ? py + 2 : py - 2;
  const base = up ? tip + 9 : tip - 9;
  const d = `M${c(px)},${c(tip)}L${c(px - 5)},${c(base)}L${c(px + 5)},${c(base)}Z`;
  return `<path d="${d}" fill="${up ? '#15803d' : '#b91c1c'}">${t}</path>`;
}
