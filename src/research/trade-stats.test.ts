import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RoundTrip } from './backtest-result.js';
import { groupTrades, tradeStats } from './trade-stats.js';

const H = 3_600_000;

function trip(symbol: string, exitHour: number, hours: number, netPnl: number, exitReason = 'signal'): RoundTrip {
  return {
    symbol, direction: 'long', entryTime: (exitHour - hours) * H, exitTime: exitHour * H, qty: 1,
    entryPrice: 100, exitPrice: 100 + netPnl, grossPnl: netPnl, fees: 0, netPnl, exitReason,
  };
}

test('wins, losses, expectancy, largest, streaks in exit order, durations', () => {
  // Exit order: +10, −4, −6, 0, −2, +20 (given out of order to check the sort).
  const trips = [trip('A', 6, 1, 20), trip('A', 1, 1, 10), trip('B', 2, 2, -4), trip('A', 3, 3, -6), trip('B', 4, 4, 0), trip('A', 5, 10, -2)];
  const s = tradeStats(trips);
  assert.deepEqual(
    [s.trades, s.wins, s.draws, s.losses, s.winRate, s.totalNet, s.avgWin, s.avgLoss, s.expectancy, s.largestWin, s.largestLoss],
    [6, 2, 1, 3, 2 / 6, 18, 15, -4, 3, 20, -6],
  );
  // The draw breaks the losing run: −4, −6 (2), then 0, then −2 (1).
  assert.equal(s.longestLossStreak, 2);
  assert.equal(s.longestWinStreak, 1);
  // 30 won against 12 lost.
  assert.equal(s.profitFactor, 30 / 12);
  // durations 1, 1, 2, 3, 4, 10 hours.
  assert.deepEqual([s.avgDuration, s.medianDuration, s.maxDuration], [(21 / 6) * H, 2.5 * H, 10 * H]);
});

test('no trips: counts 0, everything else null', () => {
  const s = tradeStats([]);
  assert.deepEqual([s.trades, s.winRate, s.avgWin, s.avgLoss, s.expectancy, s.largestLoss, s.medianDuration, s.longestLossStreak], [0, null, null, null, null, null, null, 0]);
  assert.equal(s.profitFactor, null);
});

test('groups by symbol and by exit reason, best total first', () => {
  const trips = [trip('A', 1, 1, 10, 'tp'), trip('B', 2, 1, -4, 'sl'), trip('A', 3, 1, -6, 'sl'), trip('B', 4, 1, 30, 'tp')];
  assert.deepEqual(groupTrades(trips, (t) => t.symbol).map((g) => [g.key, g.stats.trades, g.stats.totalNet]), [['B', 2, 26], ['A', 2, 4]]);
  assert.deepEqual(groupTrades(trips, (t) => t.exitReason).map((g) => [g.key, g.stats.winRate]), [['tp', 1], ['sl', 0]]);
});
