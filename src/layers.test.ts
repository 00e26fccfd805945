// Fails when a src/ file imports from a layer DESIGN §3 forbids, or when a venue and the engine meet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAYER_IMPORTS, allowedLayers } from './layers.js';

const SRC = dirname(fileURLToPath(import.meta.url));

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

const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every forbidden import among `files` (paths under `root`, read with `read`). */
export function layerViolations(files: readonly string[], root = SRC, read: (file: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const from = layerOf(file, root);
    // Tests play the composition root (they wire a kernel to a simulated venue and a ledger), so
    // only production files are held to the map.
    if (from === undefined || file.endsWith('.test.ts')) continue;
    if (!(from in LAYER_IMPORTS)) {
      problems.push(`${relative(root, file)}: folder src/${from} is not a layer of DESIGN §3`);
      continue;
    }
    const allowed = allowedLayers(from);
    const text = read(file);
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      const to = layerOf(target, root);
      if (to === undefined || to === from) continue;
      if (!allowed.has(to)) problems.push(`${relative(root, file)} imports ${spec}: ${from} may not import ${to}`);
    }
  }
  return problems;
}

test('every src/ import respects the layer map', () => {
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
  };
  assert.deepEqual(layerViolations(Object.keys(files), root, (f) => files[f]), [
    'core/a.ts imports ../engine/kernel.js: core may not import engine',
    'venues/x/b.ts imports ../../engine/x.js: venues may not import engine',
    'sim/c.ts imports ../engine/kernel.js: sim may not import engine',
    'gadgets/d.ts: folder src/gadgets is not a layer of DESIGN §3',
  ]);
});
