// The running Sextant's version, from the repository's package.json (recorded in every run spec).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvariantError } from '../core/errors.js';

const PACKAGE_JSON = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');

export function sextantVersion(): string {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new InvariantError(`${PACKAGE_JSON}: no version string`);
  return pkg.version;
}
