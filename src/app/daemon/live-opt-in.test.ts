import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../../core/errors.js';
import type { RiskLimits } from '../../config/risk-config.js';
import { checkLiveOptIn, LIVE_CONFIRM_PHRASE } from './live-opt-in.js';

const limits: RiskLimits = {
  maxOrderNotional: 1000, maxSymbolNotional: 5000, maxAccountNotional: 10000, maxLeverage: 3, maxOpenPositions: 3, minOrderNotional: 10,
  stopLossPct: {}, takeProfitPct: {}, requireStopLoss: false, maxSlippageBps: 50,
  rates: { entriesPerMin: 30, entriesPerSymbolPerMin: 6, exitsPerMin: 120, cancelsPerMin: 120 },
  maxDailyLoss: 200, drawdownPeakReset: 'never', onBreach: 'close_only',
};
const ok = { SEXTANT_LIVE: '1', SEXTANT_LIVE_CONFIRM: LIVE_CONFIRM_PHRASE };

test('live starts only with the flag, the exact phrase and a written risk section that bounds losses', () => {
  assert.doesNotThrow(() => checkLiveOptIn(ok, true, [{ symbol: 'BTC', limits }]));
  const refused = (env: Record<string, string>, written: boolean, l: RiskLimits): string => {
    try {
      checkLiveOptIn(env, written, [{ symbol: 'BTC', limits: l }]);
    } catch (e) {
      assert.ok(e instanceof BadInputError);
      return e.message;
    }
    assert.fail('not refused');
  };
  assert.match(refused({}, true, limits), /SEXTANT_LIVE=1 \(got nothing\)[\s\S]*SEXTANT_LIVE_CONFIRM/);
  assert.match(refused({ ...ok, SEXTANT_LIVE: 'yes' }, true, limits), /got "yes"/);
  assert.match(refused({ ...ok, SEXTANT_LIVE_CONFIRM: LIVE_CONFIRM_PHRASE.toLowerCase() }, true, limits), /exactly/);
  assert.match(refused(ok, false, limits), /write a risk section/);
  assert.match(refused(ok, true, { ...limits, maxDailyLoss: undefined }), /BTC: set max_daily_loss or max_drawdown_pct/);
  assert.match(refused(ok, true, { ...limits, maxAccountNotional: Infinity }), /must be finite/);
  // Every problem at once, so one attempt shows the whole list.
  assert.equal(refused({}, false, limits).split('\n  - ').length - 1, 3);
});
