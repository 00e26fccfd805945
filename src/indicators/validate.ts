// Parameter checks for indicator constructors: each failure is a BadInputError naming the parameter.
import { BadInputError } from '../core/errors.js';
import { quoteJson } from '../core/quote-input.js';

/** An integer ≥ `min` (periods, windows, displacements). */
export function checkInt(where: string, name: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) throw new BadInputError(where, `${name} must be an integer ≥ ${min}, got ${String(value)}`);
  return value;
}

/** A finite number > 0 (factors, multipliers). */
export function checkPositive(where: string, name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new BadInputError(where, `${name} must be a finite number > 0, got ${String(value)}`);
  return value;
}

/** One of a fixed set of strings (seeding conventions, modes). */
export function checkChoice<T extends string>(where: string, name: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new BadInputError(where, `${name} must be one of ${choices.join(', ')}, got ${quoteJson(value)}`);
  }
  return value as T;
}
