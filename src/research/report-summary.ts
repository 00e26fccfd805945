// The report's summary sections: headline figures, trade statistics, per-symbol and per-exit-reason tables, returns heatmap.
import type { BacktestResult, RoundTrip } from './backtest-result.js';
import { escapeHtml } from './html-escape.js';
import type { BacktestMetrics } from './metrics.js';
import type { PeriodReturn } from './period-returns.js';
import { formatDuration, formatMoney, formatPercent, formatRatio } from './report-format.js';
import { num, orNa, table, type Cell } from './report-tables.js';
import { groupTrades, type TradeStats } from './trade-stats.js';

/** The headline figures as cards; `why` explains an annualised n/a. */
export function headlineCards(result: BacktestResult, m: BacktestMetrics, s: TradeStats, benchReturn: number | null, why: string): string {
  const card = (label: string, value: string, sign?: number | null, sub?: string): string => {
    const cls = sign === undefined || sign === null || sign === 0 ? '' : sign > 0 ? ' up' : ' down';
    return `<div class="card"><div class="k">${escapeHtml(label)}</div><div class="v${cls}">${escapeHtml(value)}</div>${sub === undefined ? '' : `<div class="s">${escapeHtml(sub)}</div>`}</div>`;
  };
  const profit = m.final_equity - result.initialCash;
  const cards = [
    card('Total return', orNa(m.total_return, formatPercent), m.total_return, `${formatMoney(profit)} on ${formatMoney(result.initialCash)}`),
    card('Buy and hold', orNa(benchReturn, formatPercent), benchReturn, 'equal weight, no fees'),
    card('CAGR', orNa(m.cagr, formatPercent), m.cagr, m.cagr === null ? why : undefined),
    card('Max drawdown', orNa(m.max_drawdown, (v) => formatPercent(-v)), m.max_drawdown === null || m.max_drawdown === 0 ? null : -1),
    card('Sharpe', orNa(m.sharpe, formatRatio), undefined, m.sharpe === null ? why : undefined),
    card('Sortino', orNa(m.sortino, formatRatio), undefined, m.sortino === null ? why : undefined),
    card('Calmar', orNa(m.calmar, formatRatio), undefined, m.calmar === null ? why : undefined),
    card('Profit factor', orNa(m.profit_factor, formatRatio)),
    card('Trades', String(m.trades), undefined, `${s.wins} won · ${s.draws} even · ${s.losses} lost`),
    card('Win rate', orNa(m.win_rate, formatPercent)),
    card('Expectancy', orNa(s.expectancy, formatMoney), s.expectancy, 'net PnL per trade'),
    card('Exposure', orNa(m.exposure, formatPercent), undefined, 'time in the market'),
  ];
  return `<div class="cards">\n${cards.join('\n')}\n</div>`;
}

/** Trade statistics as a two-column table (freqtrade's summary figures and the tear-sheet basics). */
export function tradeStatsTable(s: TradeStats, m: BacktestMetrics, best: PeriodReturn | undefined, worst: PeriodReturn | undefined): string {
  const money = (x: number | null): Cell => (x === null ? num('n/a') : num(formatMoney(x), x));
  const winLoss = s.avgWin !== null && s.avgLoss !== null ? formatRatio(s.avgWin / -s.avgLoss) : 'n/a';
  const month = (p: PeriodReturn | undefined): Cell => (p === undefined ? num('n/a') : num(`${formatPercent(p.ret)} (${p.year}-${String((p.month ?? 0) + 1).padStart(2, '0')})`, p.ret));
  const rows: Cell[][] = [
    ['Trades (won / even / lost)', num(`${s.trades} (${s.wins} / ${s.draws} / ${s.losses})`)],
    ['Win rate', num(orNa(s.winRate, formatPercent))],
    ['Total net PnL', money(s.totalNet)],
    ['Average win', money(s.avgWin)],
    ['Average loss', money(s.avgLoss)],
    ['Average win / average loss', num(winLoss)],
    ['Expectancy (net PnL per trade)', money(s.expectancy)],
    ['Profit factor', num(orNa(m.profit_factor, formatRatio))],
    ['Largest win', money(s.largestWin)],
    ['Largest loss', money(s.largestLoss)],
    ['Longest winning streak', num(String(s.longestWinStreak))],
    ['Longest losing streak', num(String(s.longestLossStreak))],
    ['Average holding time', num(orNa(s.avgDuration, formatDuration))],
    ['Median holding time', num(orNa(s.medianDuration, formatDuration))],
    ['Longest holding time', num(orNa(s.maxDuration, formatDuration))],
    ['Exposure (time in the market)', num(orNa(m.exposure, formatPercent))],
    ['Best month', month(best)],
    ['Worst month', month(worst)],
    ['Fees', num(formatMoney(m.fees))],
    ['Funding', money(m.funding)],
  ];
  return table(['Statistic', 'Value'], rows, rows.length, 'kv');
}

/** Trades per group (symbol or exit reason) with a total row, like freqtrade's backtesting tables. */
export function groupTable(trips: readonly RoundTrip[], by: 'symbol' | 'exit', initialCash: number): string {
  const groups = groupTrades(trips, by === 'symbol' ? (t) => t.symbol : (t) => t.exitReason);
  if (groups.length === 0) return '<p class="note">No closed trades.</p>';
  const row = (key: string, s: TradeStats): Cell[] => [
    key,
    num(String(s.trades)),
    num(`${s.wins} / ${s.draws} / ${s.losses}`),
    num(orNa(s.winRate, formatPercent)),
    num(orNa(s.expectancy, formatMoney), s.expectancy ?? 0),
    num(formatMoney(s.totalNet), s.totalNet),
    num(formatPercent(s.totalNet / initialCash), s.totalNet),
    num(orNa(s.largestWin, formatMoney)),
    num(orNa(s.largestLoss, formatMoney)),
    num(orNa(s.avgDuration, formatDuration)),
  ];
  const rows = groups.map((g) => row(g.key, g.stats));
  if (groups.length > 1) {
    const all = groupTrades(trips, () => 'TOTAL')[0];
    rows.push(row('TOTAL', all.stats));
  }
  const head = [by === 'symbol' ? 'Symbol' : 'Exit reason', 'Trades', 'Won / even / lost', 'Win rate', 'Avg net PnL', 'Total net PnL', 'Total % of cash', 'Largest win', 'Largest loss', 'Avg held'];
  return table(head, rows, rows.length, 'groups');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Years × months of returns, coloured by size (green up, red down), and the year's return in the last column. */
export function returnsHeatmap(months: readonly PeriodReturn[], years: readonly PeriodReturn[]): string {
  if (years.length === 0) return '<p class="note">No equity points.</p>';
  let scale = 0;
  for (const p of months) if (Number.isFinite(p.ret)) scale = Math.max(scale, Math.abs(p.ret));
  const cell = (r: number | undefined): Cell => {
    if (r === undefined) return num('');
    if (!Number.isFinite(r)) return num('n/a');
    // Colour strength ∝ |return| / the largest monthly |return|: the eye finds the big months first.
    const a = scale > 0 ? Math.round((Math.min(1, Math.abs(r) / scale) * 0.75 + 0.08) * 100) / 100 : 0;
    const style = `background:rgba(${r >= 0 ? '22,163,74' : '220,38,38'},${a})`;
    return { num: formatPercent(r).replace(' %', '%'), style };
  };
  const rows = years.map((y): Cell[] => {
    const byMonth = new Map(months.filter((p) => p.year === y.year).map((p) => [p.month as number, p.ret]));
    return [String(y.year), ...MONTHS.map((_, i) => cell(byMonth.get(i))), { num: formatPercent(y.ret).replace(' %', '%'), sign: y.ret, style: 'font-weight:600' }];
  });
  return table(['Year', ...MONTHS, 'Year'], rows, rows.length, 'heat');
}
