// Fails when a src/ file (production or test) breaks DESIGN §3: the layer map, testkit for tests only, public faces, package homes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAYER_IMPORTS, PACKAGE_HOMES, PUBLIC_FACES, TESTS, allowedLayers } from './layers.js';

const SRC = dirname(fileURLToPath(import.meta.url));
/** This package's own name (strategy files import the SDK as `sextant`). */
const SELF = 'sextant';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

function layerOf(file: string, root = SRC): string | undefined {
  const rel = relative(root, file);
  return rel.includes(sep) ? rel.split(sep)[0] : undefined;
}

// Static and dynamic imports, re-exports and side-effect imports.
const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

const isTest = (rel: string): boolean => rel.endsWith('.test.ts');
const under = (rel: string, folder: string): boolean => rel === folder || rel.startsWith(`${folder}/`);
const posix = (p: string): string => p.split(sep).join('/');

/** The package a bare specifier names (`viem/accounts` → `viem`, `@scope/pkg/sub` → `@scope/pkg`). */
function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The layers a file may import: its layer's map; tests may also use testkit, and tests of app and cli anything. */
function allowedFor(from: string, test: boolean): ReadonlySet<string> {
  if (test && (from === 'app' || from === 'cli')) return new Set(Object.keys(LAYER_IMPORTS));
  const allowed = allowedLayers(from);
  if (test) allowed.add('testkit');
  return allowed;
}

/** The package rule: `pkg` may appear in the file `rel` (relative to src/, posix). */
function packageAllowed(pkg: string, rel: string): boolean | undefined {
  const homes = PACKAGE_HOMES[pkg];
  if (homes === undefined) return undefined;
  return homes.some((h) => (h === TESTS ? isTest(rel) : under(rel, h)));
}

/**
 * Every breach among `files` (paths under `root`, read with `read`): the layer map for production
 * and test files, testkit used only by tests, public faces, and where third-party packages appear.
 */
export function layerViolations(files: readonly string[], root = SRC, read: (file: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const rel = posix(relative(root, file));
    const from = layerOf(file, root);
    if (from === undefined) continue;
    if (!(from in LAYER_IMPORTS)) {
      problems.push(`${rel}: folder src/${from} is not a layer of DESIGN §3`);
      continue;
    }
    const test = isTest(rel);
    const allowed = allowedFor(from, test);
    for (const m of read(file).matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec.startsWith('.')) {
        if (spec.startsWith('node:') || spec === SELF) continue;
        const pkg = packageOf(spec);
        const ok = packageAllowed(pkg, rel);
        if (ok === undefined) problems.push(`${rel} imports ${spec}: package ${pkg} has no row in PACKAGE_HOMES`);
        else if (!ok) problems.push(`${rel} imports ${spec}: ${pkg} belongs in ${PACKAGE_HOMES[pkg].join(', ')}`);
        continue;
      }
      const target = resolve(dirname(file), spec);
      const to = layerOf(target, root);
      if (to === undefined || to === from) continue;
      const targetRel = posix(relative(root, target));
      if (to === 'testkit' && !test) problems.push(`${rel} imports ${spec}: only tests and benches may import testkit`);
      else if (!allowed.has(to)) problems.push(`${rel} imports ${spec}: ${test ? `a test of ${from}` : from} may not import ${to}`);
      const face = PUBLIC_FACES.find((f) => under(targetRel, f));
      if (face !== undefined && targetRel !== `${face}/index.js` && targetRel !== `${face}/index.ts`) {
        problems.push(`${rel} imports ${spec}: other layers import ${face} through ${face}/index.ts`);
      }
    }
  }
  return problems;
}

test('every src/ file respects the layer map, testkit, public faces and package homes', () => {
  assert.deepEqual(layerViolations(sourceFiles(SRC)), []);
});

test('the engine never imports a venue and venues never import the engine', () => {
  assert.ok(!allowedLayers('engine').has('venues'));
  assert.ok(!allowedLayers('venues').has('engine'));
  for (const [layer] of Object.entries(LAYER_IMPORTS)) {
    if (layer === 'cli') continue;
    assert.ok(!allowedLayers(layer).has('cli'), `${layer} may reach cli`);
    if (layer !== 'app') assert.ok(!allowedLayers(layer).has('app') || layer === 'cli', `${layer} may reach app`);
  }
});

test('the checker reports forbidden imports, unknown folders and dynamic imports, and passes allowed ones', () => {
  const root = '/virtual/src';
  const files: Record<string, string> = {
    [join(root, 'core', 'a.ts')]: "import { Kernel } from '../engine/kernel.js';",
    [join(root, 'venues', 'x', 'b.ts')]: "import type { X } from '../../engine/x.js';\nimport { y } from '../../market/y.js';",
    [join(root, 'sim', 'c.ts')]: "const m = await import('../engine/kernel.js');",
    [join(root, 'engine', 'ok.ts')]: "import { Ledger } from '../ledger/ledger.js';\nexport { z } from '../core/z.js';",
    [join(root, 'gadgets', 'd.ts')]: '',
    [join(root, 'core', 'e.test.ts')]: "import { Kernel } from '../engine/kernel.js';",
    [join(root, 'market', 'f.ts')]: "import '../sim/side-effect.js';",
  };
  assert.deepEqual(layerViolations(Object.keys(files), root, (f) => files[f]), [
    'core/a.ts imports ../engine/kernel.js: core may not import engine',
    'venues/x/b.ts imports ../../engine/x.js: venues may not import engine',
    'sim/c.ts imports ../engine/kernel.js: sim may not import engine',
    'gadgets/d.ts: folder src/gadgets is not a layer of DESIGN §3',
    'core/e.test.ts imports ../engine/kernel.js: a test of core may not import engine',
    'market/f.ts imports ../sim/side-effect.js: market may not import sim',
  ]);
});

/** Runs the checker over virtual files (path under /virtual/src → text). */
function check(files: Record<string, string>): string[] {
  const root = '/virtual/src';
  const abs = Object.fromEntries(Object.entries(files).map(([rel, text]) => [join(root, ...rel.split('/')), text]));
  return layerViolations(Object.keys(abs), root, (f) => abs[f]);
}

test('tests follow the map of their folder, may also use testkit, and tests of app and cli may import anything', () => {
  assert.deepEqual(
    check({
      'engine/k.test.ts': "import { runBacktest } from '../research/backtest-runner.js';\nimport { rig } from '../testkit/rig.js';\nimport { Ledger } from '../ledger/ledger.js';",
      'app/r.test.ts': "import { x } from '../localnet/x.js';\nimport { y } from '../cli/y.js';",
      'cli/c.test.ts': "import { z } from '../venues/hyperliquid/parse/z.js';",
      'testkit/t.test.ts': "import { c } from '../cli/c.js';",
    }),
    [
      'engine/k.test.ts imports ../research/backtest-runner.js: a test of engine may not import research',
      'testkit/t.test.ts imports ../cli/c.js: a test of testkit may not import cli',
    ],
  );
});

test('testkit is imported only by tests (and benches, outside src); testkit itself may not reach app or cli', () => {
  assert.deepEqual(
    check({
      'store/s.ts': "import { tempStore } from '../testkit/store/temp.js';",
      'store/s.test.ts': "import { tempStore } from '../testkit/store/temp.js';",
      'testkit/store/temp.ts': "import { helper } from '../helper.js';\nimport { openStore } from '../../store/open-store.js';",
      'testkit/cli/io.ts': "import type { CommandIO } from '../../cli/command.js';",
    }),
    [
      'store/s.ts imports ../testkit/store/temp.js: only tests and benches may import testkit',
      'testkit/cli/io.ts imports ../../cli/command.js: testkit may not import cli',
    ],
  );
});

test('other layers import a layer with a public face through its index.ts; its own layer may import its files', () => {
  assert.deepEqual(
    check({
      'strategy/a.ts': "import { Sma } from '../indicators/sma.js';\nimport { Ema } from '../indicators/index.js';",
      'indicators/b.ts': "import { Sma } from './sma.js';",
      'ingest/c.ts': "import { RestGateway } from '../venues/hyperliquid/transport/rest-gateway.js';\nimport { parse } from '../venues/hyperliquid/parse/trades.js';",
      'venues/hyperliquid/d.ts': "import { HttpTransport } from './transport/http-transport.js';",
      'cli/e.test.ts': "import { signL1 } from '../venues/hyperliquid/signing/sign.js';",
    }),
    [
      'strategy/a.ts imports ../indicators/sma.js: other layers import indicators through indicators/index.ts',
      'ingest/c.ts imports ../venues/hyperliquid/transport/rest-gateway.js: other layers import venues/hyperliquid/transport through venues/hyperliquid/transport/index.ts',
      'cli/e.test.ts imports ../venues/hyperliquid/signing/sign.js: other layers import venues/hyperliquid/signing through venues/hyperliquid/signing/index.ts',
    ],
  );
});

test('third-party packages appear only in their homes; subpaths count as the package; unlisted packages are reported', () => {
  assert.deepEqual(
    check({
      'store/sqlite/a.ts': "import Database from 'better-sqlite3';",
      'store/b.ts': "import Database from 'better-sqlite3';",
      'venues/hyperliquid/c.ts': "import { privateKeyToAccount } from 'viem/accounts';\nimport WebSocket from 'ws';",
      'engine/d.ts': "import { keccak256 } from 'viem';\nimport { readFileSync } from 'node:fs';",
      'localnet/e.test.ts': "import { Hyperliquid } from 'ccxt';\nimport * as hl from '@nktkas/hyperliquid/signing';",
      'localnet/f.ts': "import * as hl from '@nktkas/hyperliquid';",
      'app/strategy-typecheck.ts': "import ts from 'typescript';",
      'app/other.ts': "import ts from 'typescript';\nimport { defineStrategy } from 'sextant';",
      'research/g.ts': "import { chromium } from 'playwright-core';\nimport left from 'left-pad';",
    }),
    [
      "store/b.ts imports better-sqlite3: better-sqlite3 belongs in store/sqlite, testkit/store/raw-sqlite.ts",
      "engine/d.ts imports viem: viem belongs in venues, localnet, server, testkit",
      "localnet/f.ts imports @nktkas/hyperliquid: @nktkas/hyperliquid belongs in venues, testkit, tests",
      "app/other.ts imports typescript: typescript belongs in app/strategy-typecheck.ts, cli",
      "research/g.ts imports playwright-core: playwright-core belongs in testkit, tests",
      "research/g.ts imports left-pad: package left-pad has no row in PACKAGE_HOMES",
    ],
  );
});

test('the tables are honest: every runtime dependency has a home, every face has an index.ts in a layer', () => {
  const pkg = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  // Tooling, not imported by src/: types, and the TypeScript loader of bin/.
  const tooling = (name: string): boolean => name.startsWith('@types/') || name === 'tsx';
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    if (!tooling(name)) assert.ok(name in PACKAGE_HOMES, `dependency ${name} has no row in PACKAGE_HOMES`);
  }
  for (const face of PUBLIC_FACES) {
    assert.ok(face.split('/')[0] in LAYER_IMPORTS, `${face} is not in a layer`);
    assert.ok(existsSync(join(SRC, ...face.split('/'), 'index.ts')), `${face}/index.ts is missing`);
  }
});
