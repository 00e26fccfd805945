// Reads a YAML fixture (a reference system's config) for tests; the product reads YAML only in app and config.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The parsed document of the YAML file at `path`, unchecked. */
export function readYamlFile(path: string): unknown {
  return parse(readFileSync(path, 'utf8')) as unknown;
}
