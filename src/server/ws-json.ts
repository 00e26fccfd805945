// JSON text of a payload the daemon publishes on /ws, refusing what JSON cannot carry faithfully (NaN, Infinity, bigint, undefined).
import { BadInputError } from '../core/errors.js';

/** JSON.stringify that throws BadInputError naming `where` instead of writing NaN/Infinity as null. */
export function finiteJson(value: unknown, where: string): string {
  let bad: string | undefined;
  const text = JSON.stringify(value, (key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) bad ??= `${key === '' ? 'the payload' : `field "${key}"`} is ${v}`;
    else if (typeof v === 'bigint') {
      bad ??= `field "${key}" is a bigint`;
      return null;
    }
    return v;
  }) as string | undefined;
  if (text === undefined) throw new BadInputError(where, 'the payload is not JSON (undefined or a function)');
  if (bad !== undefined) throw new BadInputError(where, `${bad}: only finite numbers are published`);
  return text;
}
