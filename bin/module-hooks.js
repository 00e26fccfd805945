// Module resolution hooks for user code (strategies, their tests): `sextant` names this installation's public API, and
// TypeScript or ESM-syntax files outside any package that declares a module type load as ES modules. Next to the
// compiled CLI (`transpile`), these hooks also transpile TypeScript, loading esbuild only when a .ts file is imported.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** File URL of the public API entry, and of this installation's root; set once per hooks thread before any resolve. */
let sdkUrl;
let rootUrl;
let transpile = false;
/** esbuild's transform, imported on the first TypeScript file. */
let transform;

export function initialize(data) {
  sdkUrl = data.sdkUrl;
  rootUrl = data.rootUrl;
  transpile = data.transpile === true;
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

/** TypeScript's convention: `./x.js` in a .ts file names `./x.ts` when only that exists. */
async function resolveTsSibling(specifier, context, next, e) {
  const fromTs = context.parentURL !== undefined && TS_FILE.test(context.parentURL);
  if (!transpile || !fromTs || e?.code !== 'ERR_MODULE_NOT_FOUND' || !/^\.\.?\/.*\.(c|m)?js$/.test(specifier)) throw e;
  try {
    return await next(specifier.replace(/js$/, 'ts'), context);
  } catch {
    throw e; // the error names what the user wrote
  }
}

export async function resolve(specifier, context, next) {
  if (specifier === 'sextant') return { url: sdkUrl, shortCircuit: true };
  let r;
  try {
    r = await next(specifier, context);
  } catch (e) {
    r = await resolveTsSibling(specifier, context, next, e);
  }
  // Sextant's own files (a package of type module) and packages need no look at package.json files.
  if (!r.url.startsWith('file:') || r.url.startsWith(rootUrl) || r.url.includes('/node_modules/')) return r;
  const file = fileURLToPath(r.url);
  const isTs = TS_FILE.test(file);
  if (!isTs && !file.endsWith('.js')) return r;
  // Transpiled here, TypeScript always becomes an ES module.
  if (transpile && isTs) return { ...r, format: 'module' };
  if (file.endsWith('.cts') || file.endsWith('.mts') || packageType(file) !== undefined) return r;
  // No package declares a type: TypeScript and ESM-syntax JavaScript load as modules, CommonJS JavaScript stays.
  if (isTs) return { ...r, format: 'module-typescript' };
  return ESM_SYNTAX.test(readFileSync(file, 'utf8')) ? { ...r, format: 'module' } : r;
}

export async function load(url, context, next) {
  if (!transpile || !url.startsWith('file:') || !TS_FILE.test(url)) return next(url, context);
  const file = fileURLToPath(url);
  transform ??= (await import('esbuild')).transform;
  const out = await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline', sourcefile: file });
  return { format: 'module', source: out.code, shortCircuit: true };
}
