// The report's plain tables: metrics, settings, open positions, rejections, round trips and fills (long ones capped).
import type { BacktestResult, FillRecord, RejectionRecord, RoundTrip } from './backtest-result.js';
import { escapeHtml } from './html-escape.js';
import type { BacktestMetrics } from './metrics.js';
import { formatDuration, formatMoney, formatNumber, formatPercent, formatRatio, formatTime } from './report-format.js';

/** Rows shown per long table; the full data is in the `--json` output and the stores. */
export const MAX_TABLE_ROWS = 500;
/** Rejections listed one by one; all of them are counted by code above the list. */
export const MAX_REJECTIONS_LISTED = 100;

/** A text cell (left-aligned), or a number cell (right-aligned, optionally coloured by sign). */
export type Cell = string | { readonly num: string; readonly sign?: number; readonly style?: string };

export const num = (text: string, sign?: number): Cell => ({ num: text, sign });
const money = (x: number): Cell => num(formatMoney(x), x);
/** `f(x)`, or "n/a" for an undefined (null) figure. */
export const orNa = (x: number | null, f: (v: number) => string): string => (x === null ? 'n/a' : f(x));

/** An HTML table; `total` > rows shown adds the "N more" note. Every cell is escaped here. */
export function table(head: readonly string[], rows: readonly Cell[][], total = rows.length, cls = ''): string {
  if (total === 0) return '<p class="note">None.</p>';
  const th = head.map((h, i) => `<th${i > 0 && rows.length > 0 && typeof rows[0][i] !== 'string' ? ' class="n"' : ''}>${escapeHtml(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map(cellHtml).join('')}</tr>`);
  const more = total > rows.length ? `<p class="note">${total - rows.length} more not shown (first ${rows.length} of ${total}; all of them are in the <code>--json</code> output).</p>` : '';
  return `<div class="scroll"><table${cls === '' ? '' : ` class="${cls}"`}><thead><tr>${th}</tr></thead><tbody>\n${tr.join('\n')}\n</tbody></table></div>${more}`;
}

function cellHtml(cell: Cell): string {
  if (typeof cell === 'string') return `<td>${escapeHtml(cell)}</td>`;
  const cls = cell.sign === undefined || cell.sign === 0 || !Number.isFinite(cell.sign) ? 'n' : cell.sign > 0 ? 'n up' : 'n down';
  return `<td class="${cls}"${cell.style === undefined ? '' : ` style="${cell.style}"`}>${escapeHtml(cell.num)}</td>`;
}

/** Every metric of the JSON output: readable value, and the value itself without float noise (null when undefined). */
export function metricsTable(result: BacktestResult, m: BacktestMetrics): string {
  const pct = (v: number | null): string => orNa(v, formatPercent);
  const ratio = (v: number | null): string => orNa(v, formatRatio);
  const raw = (v: number | null): string => (v === null ? 'null' : formatNumber(v));
  const rows: [string, string, string][] = [
    ['final_equity', formatMoney(m.final_equity), result.finalEquity],
    ['final_cash', formatMoney(m.final_cash), result.finalCash],
    ['total_return', pct(m.total_return), raw(m.total_return)],
    ['cagr', pct(m.cagr), raw(m.cagr)],
    ['max_drawdown', pct(m.max_drawdown), raw(m.max_drawdown)],
    ['sharpe', ratio(m.sharpe), raw(m.sharpe)],
    ['sortino', ratio(m.sortino), raw(m.sortino)],
    ['calmar', ratio(m.calmar), raw(m.calmar)],
    ['profit_factor', ratio(m.profit_factor), raw(m.profit_factor)],
    ['win_rate', pct(m.win_rate), raw(m.win_rate)],
    ['trades', String(m.trades), String(m.trades)],
    ['exposure', pct(m.exposure), raw(m.exposure)],
    ['fees', formatMoney(m.fees), result.totalFees],
    ['funding', formatMoney(m.funding), result.totalFunding],
  ];
  return table(['Metric', 'Value', 'Exact'], rows.map(([k, v, x]) => [k, num(v), num(x)]));
}

/** The run's settings as the caller listed them, in its order. */
export function settingsTable(settings: readonly (readonly [string, string])[]): string {
  if (settings.length === 0) return '<p class="note">None given.</p>';
  const rows = settings.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`);
  return `<dl class="settings">\n${rows.join('\n')}\n</dl>`;
}

export function openPositionsTable(result: BacktestResult): string {
  const rows = result.openPositions.map((p): Cell[] => [
    p.symbol,
    p.qty > 0 ? 'long' : 'short',
    num(formatNumber(Math.abs(p.qty))),
    num(formatNumber(p.avgPrice)),
    num(formatNumber(p.markPrice)),
    money(p.unrealizedPnl),
  ]);
  return table(['Symbol', 'Side', 'Qty', 'Avg price', 'Mark', 'Unrealised PnL'], rows);
}

/** Counts by reason code, then the first rejections one by one. */
export function rejectionsSection(rejections: readonly RejectionRecord[], counts: Readonly<Record<string, number>>): string {
  if (rejections.length === 0) return '<p class="note">No order was rejected.</p>';
  const byCode = Object.entries(counts).map(([code, n]): Cell[] => [code, num(String(n))]);
  const listed = rejections.slice(0, MAX_REJECTIONS_LISTED).map((r): Cell[] => [formatTime(r.time), r.symbol, r.clientId, r.reason]);
  return `${table(['Reason', 'Orders'], byCode)}\n<h3>Rejected orders, in time order</h3>\n${table(['Time', 'Symbol', 'Client id', 'Reason'], listed, rejections.length)}`;
}

export function tripsTable(trips: readonly RoundTrip[]): string {
  const rows: Cell[][] = [];
  const n = Math.min(trips.length, MAX_TABLE_ROWS);
  for (let i = 0; i < n; i++) {
    const t = trips[i];
    rows.push([
      num(String(i + 1)),
      t.symbol,
      t.direction,
      formatTime(t.entryTime),
      formatTime(t.exitTime),
      num(formatDuration(t.exitTime - t.entryTime)),
      num(formatNumber(t.qty)),
      num(formatNumber(t.entryPrice)),
      num(formatNumber(t.exitPrice)),
      money(t.grossPnl),
      num(formatMoney(t.fees)),
      money(t.netPnl),
      t.exitReason,
    ]);
  }
  const head = ['#', 'Symbol', 'Side', 'Entry', 'Exit', 'Held', 'Qty', 'Entry price', 'Exit price', 'Gross PnL', 'Fees', 'Net PnL', 'Exit reason'];
  return table(head, rows, trips.length);
}

export function fillsTable(fills: readonly FillRecord[]): string {
  const rows: Cell[][] = [];
  const n = Math.min(fills.length, MAX_TABLE_ROWS);
  for (let i = 0; i < n; i++) {
    const f = fills[i];
    rows.push([formatTime(f.time), f.symbol, f.side, num(formatNumber(f.qty)), num(formatNumber(f.price)), num(formatNumber(f.fee)), f.reason]);
  }
  return table(['Time', 'Symbol', 'Side', 'Qty', 'Price', 'Fee', 'Reason'], rows, fills.length);
}
