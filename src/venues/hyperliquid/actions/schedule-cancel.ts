// The `scheduleCancel` action (dead man's switch) and `noop` (burns a nonce, e.g. to invalidate an in-flight action).
import { BadInputError } from '../../../core/errors.js';
import type { NoopAction, ScheduleCancelAction } from './wire-types.js';

/** The venue refuses a schedule less than 5 s ahead of its clock. */
export const SCHEDULE_CANCEL_MIN_LEAD_MS = 5_000;

/**
 * Cancels every open order at `time` (ms). `time` undefined clears the switch (the key is then
 * absent from the action, not null). `now` is the caller's clock: builders read no clock. The
 * venue allows 10 triggers a day (reset 00:00 UTC).
 */
export function scheduleCancelAction(time: number | undefined, now: number): ScheduleCancelAction {
  if (time === undefined) return { type: 'scheduleCancel' };
  if (!Number.isSafeInteger(time)) throw new BadInputError('scheduleCancel.time', `expected integer ms since the epoch, got ${time}`);
  if (!Number.isFinite(now)) throw new BadInputError('scheduleCancel.now', `expected a clock time, got ${now}`);
  if (time < now + SCHEDULE_CANCEL_MIN_LEAD_MS) {
    throw new BadInputError('scheduleCancel.time', `must be at least ${SCHEDULE_CANCEL_MIN_LEAD_MS} ms after now (${now}), got ${time} (${time - now} ms ahead)`);
  }
  return { type: 'scheduleCancel', time };
}

export function noopAction(): NoopAction {
  return { type: 'noop' };
}
