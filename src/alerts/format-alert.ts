// Plain, short text for each alert and command reply: `BTC buy 0.01 @ 97 250 (bot trend-1, fee 0.29)`.
import { unreachable } from '../core/errors.js';
import type { Alert, DailySummary } from './alert-message.js';

/**
 * A number as people read it: at most 12 significant digits (no float noise such as
 * 0.30000000000000004), thousands grouped with a space from 10 000 up.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const clean = Number(n.toPrecision(12));
  if (clean !== 0 && Math.abs(clean) < 1e-6) return clean.toPrecision(4);
  let text = String(clean);
  if (text.includes('e')) text = clean.toFixed(0);
  return group(text);
}

/** Money: two decimals, grouped; `signed` adds + to gains. */
export function formatMoney(n: number, signed = false): string {
  const text = group(n.toFixed(2));
  return signed && n > 0 ? '+' + text : text;
}

function group(text: string): string {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const [int, frac] = body.split('.');
  const grouped = int.length > 4 ? int.replace(/\B(?=(\d{3})+$)/g, ' ') : int;
  return (neg ? '-' : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

const seconds = (ms: number): string => `${formatNumber(Math.round(ms / 100) / 10)} s`;

export function formatDaily(s: DailySummary): string {
  return `Daily ${s.day}: ${s.trades} trade${s.trades === 1 ? '' : 's'}, PnL ${formatMoney(s.pnlNet, true)} net of fees (fees ${formatMoney(s.fees)}), equity ${formatMoney(s.equity)}, drawdown ${(s.drawdown * 100).toFixed(1)}%`;
}

export function formatAlert(a: Alert): string {
  switch (a.kind) {
    case 'fill': {
      const who = [a.botId !== undefined ? `bot ${a.botId}` : undefined, `fee ${formatNumber(a.fee)}`].filter((x) => x !== undefined).join(', ');
      return `${a.symbol} ${a.side} ${formatNumber(a.qty)} @ ${formatNumber(a.price)} (${who})`;
    }
    case 'kill':
      return a.to === 'off'
        ? `Kill level off (was ${a.from}): trading resumed, by ${a.source}${a.reason !== '' ? `: ${a.reason}` : ''}`
        : `Kill level ${a.to} (was ${a.from}), by ${a.source}${a.reason !== '' ? `: ${a.reason}` : ''}`;
    case 'stale':
      return `Stale data: ${a.symbol !== undefined ? a.symbol + ' ' : ''}${a.stream} silent for ${seconds(a.silentMs)} (limit ${seconds(a.limitMs)})`;
    case 'reconcile': {
      const n = a.differences.length;
      return [`Reconciliation: ${n} difference${n === 1 ? '' : 's'}, ${a.action}`, ...a.differences.slice(0, 10).map((d) => `- ${d}`), ...(n > 10 ? [`- … and ${n - 10} more`] : [])].join('\n');
    }
    case 'daily':
      return formatDaily(a.summary);
    case 'text':
      return a.text;
    default:
      return unreachable(a, 'alert kind');
  }
}
