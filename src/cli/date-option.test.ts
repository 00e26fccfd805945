// `--from`, `--to`, `--since`, `--start` dates: a day that is not in the calendar is refused, not rolled into the next month.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadInputError } from '../core/errors.js';
import { parseFromOption, parseToOption } from './date-option.js';

test('a day past the end of its month is bad input, with or without a time or an offset', () => {
  for (const bad of ['2026-02-30', '2026-02-29T00:00:00Z', '2026-04-31T12:00:00+02:00', '2024-02-30 10:00', '2026-00-10', '2026-01-00']) {
    assert.throws(() => parseFromOption(bad), BadInputError, bad);
    assert.throws(() => parseToOption(bad), BadInputError, bad);
  }
});

test('calendar days still parse: leap day, month ends, an offset', () => {
  assert.equal(parseFromOption('2024-02-29'), Date.UTC(2024, 1, 29));
  assert.equal(parseFromOption('2026-04-30T12:00:00+02:00'), Date.UTC(2026, 3, 30, 10));
  assert.equal(parseToOption('2026-12-31'), Date.UTC(2027, 0, 1));
});
