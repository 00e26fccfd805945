// Module resolution hooks for user code (strategies, their tests): `sextant` names this installation's public API, and
// TypeScript or ESM-syntax files outside any package that declares a module type load as ES modules.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** File URL of the public API entry, and of this installation's root; set once per hooks thread before any resolve. */
let sdkUrl;
let rootUrl;

export function initialize(data) {
  sdkUrl = data.sdkUrl;
  rootUrl = data.rootUrl;
}

/**
 * The `"type"` of the nearest package.json above `file`, or undefined when there is none or it declares none.
 * Node's default for such files is CommonJS; tsx then compiles an ESM-syntax `.ts` file to CommonJS and a
 * strategy importing a sibling file fails with "Cannot require() ES Module ... in a cycle".
 */
function packageType(file) {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    let text;
    try {
      text = readFileSync(join(dir, 'package.json'), 'utf8');
    } catch (e) {
      if (e.code !== 'ENOENT' && e.code !== 'ENOTDIR' && e.code !== 'EACCES') throw e;
      if (dirname(dir) === dir) return undefined;
      continue;
    }
    try {
      const type = JSON.parse(text).type;
      return type === 'module' || type === 'commonjs' ? type : undefined;
    } catch {
      return undefined; // a package.json that is not JSON declares nothing; Node reports it where it matters
    }
  }
}

const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s)/m;
const TS_FILE = /\.(ts|mts|cts)$/;

export async function resolve(specifier, context, next) {
  if (specifier === 'sextant') return { url: sdkUrl, shortCircuit: true };
  const r = await next(specifier, context);
  // Sextant's own files (a package of type module) and packages need no look at package.json files.
  if (!r.url.startsWith('file:') || r.url.startsWith(rootUrl) || r.url.includes('/node_modules/')) return r;
  const file = fileURLToPath(r.url);
  const isTs = TS_FILE.test(file);
  if (!isTs && !file.endsWith('.js')) return r;
  if (file.endsWith('.cts') || file.endsWith('.mts') || packageType(file) !== undefined) return r;
  // No package declares a type: TypeScript and ESM-syntax JavaScript load as modules, CommonJS JavaScript stays.
  if (isTs) return { ...r, format: 'module-typescript' };
  return ESM_SYNTAX.test(readFileSync(file, 'utf8')) ? { ...r, format: 'module' } : r;
}
