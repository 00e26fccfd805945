// The report's tables: metrics, round trips and fills (long tables capped with a "N more" note).
import type { BacktestResult, FillRecord, RoundTrip } from './backtest-result.js';
import { escapeHtml } from './html-escape.js';
import type { BacktestMetrics } from './metrics.js';
import { formatNumber, formatPercent, formatTime } from './report-format.js';

/** Rows shown per long table; the full data is in the `--json` output and the stores. */
export const MAX_TABLE_ROWS = 500;

type Cell = string | { readonly num: string };

/** Metrics with a readable value and the exact JSON value side by side. */
export function metricsTable(result: BacktestResult, m: BacktestMetrics): string {
  const pct = (v: number | null): string => (v === null ? 'n/a' : formatPercent(v));
  const ratio = (v: number | null): string => (v === null ? 'n/a' : formatNumber(v, 3));
  const rows: [keyof BacktestMetrics, string][] = [
    ['final_equity', result.finalEquity],
    ['final_cash', result.finalCash],
    ['total_return', pct(m.total_return)],
    ['cagr', pct(m.cagr)],
    ['max_drawdown', pct(m.max_drawdown)],
    ['sharpe', ratio(m.sharpe)],
    ['sortino', ratio(m.sortino)],
    ['calmar', ratio(m.calmar)],
    ['profit_factor', ratio(m.profit_factor)],
    ['win_rate', pct(m.win_rate)],
    ['trades', String(m.trades)],
    ['open_position', openText(m)],
    ['exposure', pct(m.exposure)],
    ['fees', result.totalFees],
    ['funding', result.totalFunding],
  ];
  // open_position is prose, not a number: left-aligned like text.
  const body = rows.map(([k, v]): Cell[] => {
    const json = JSON.stringify(m[k]);
    return k === 'open_position' ? [k, v, json] : [k, { num: v }, { num: json }];
  });
  return table(['Metric', 'Value', 'JSON'], body, rows.length);
}

function openText(m: BacktestMetrics): string {
  if (m.open_position.length === 0) return 'flat';
  return m.open_position
    .map((p) => `${p.symbol} ${formatNumber(p.qty, 8)} @ ${formatNumber(p.avg_price, 8)} (mark ${formatNumber(p.mark_price, 8)}, uPnL ${formatNumber(p.unrealized_pnl, 2)})`)
    .join('; ');
}

export function tripsTable(trips: readonly RoundTrip[]): string {
  const rows: Cell[][] = [];
  const n = Math.min(trips.length, MAX_TABLE_ROWS);
  for (let i = 0; i < n; i++) {
    const t = trips[i];
    rows.push([
      { num: String(i + 1) },
      t.symbol,
      t.direction,
      formatTime(t.entryTime),
      formatTime(t.exitTime),
      { num: formatNumber(t.qty, 8) },
      { num: formatNumber(t.entryPrice, 8) },
      { num: formatNumber(t.exitPrice, 8) },
      { num: formatNumber(t.grossPnl, 4) },
      { num: formatNumber(t.fees, 4) },
      { num: formatNumber(t.netPnl, 4) },
      t.exitReason,
    ]);
  }
  const head = ['#', 'Symbol', 'Side', 'Entry', 'Exit', 'Qty', 'Entry price', 'Exit price', 'Gross PnL', 'Fees', 'Net PnL', 'Exit reason'];
  return table(head, rows, trips.length);
}

export function fillsTable(fills: readonly FillRecord[]): string {
  const rows: Cell[][] = [];
  const n = Math.min(fills.length, MAX_TABLE_ROWS);
  for (let i = 0; i < n; i++) {
    const f = fills[i];
    rows.push([
      formatTime(f.time),
      f.symbol,
      f.side,
      { num: formatNumber(f.qty, 8) },
      { num: formatNumber(f.price, 8) },
      { num: formatNumber(f.fee, 8) },
      f.reason,
    ]);
  }
  return table(['Time', 'Symbol', 'Side', 'Qty', 'Price', 'Fee', 'Reason'], rows, fills.length);
}

/** An HTML table of the given rows; `total` > rows shown adds the "N more" note. Cells are escaped here. */
function table(head: readonly string[], rows: readonly Cell[][], total: number): string {
  if (total === 0) return '<p class="note">None.</p>';
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const tr = rows.map(
    (r) => `<tr>${r.map((cell) => (typeof cell === 'string' ? `<td>${escapeHtml(cell)}</td>` : `<td class="n">${escapeHtml(cell.num)}</td>`)).join('')}</tr>`,
  );
  const more = total > rows.length ? `<p class="note">${total - rows.length} more not shown (first ${rows.length} of ${total}).</p>` : '';
  return `<div class="scroll"><table><thead><tr>${th}</tr></thead><tbody>\n${tr.join('\n')}\n</tbody></table></div>${more}`;
}
