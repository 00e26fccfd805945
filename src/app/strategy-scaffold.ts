// `sextant new strategy NAME`: writes a commented strategy, a test that backtests it, and a tsconfig that type-checks it.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BadInputError } from '../core/errors.js';
import { ROOT, SDK_ENTRY } from './strategy-typecheck.js';

const TEMPLATES = join(ROOT, 'templates', 'strategy');

/** The tsconfig a strategy folder gets: the same options `backtest` checks with, `sextant` mapped to this installation. */
export function strategyTsconfig(): string {
  const config = {
    compilerOptions: {
      strict: true,
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      allowImportingTsExtensions: true,
      noEmit: true,
      skipLibCheck: true,
      lib: ['ES2023'],
      // Strategies need no Node.js types (tests reference them themselves), which keeps the pre-run check fast.
      types: [],
      typeRoots: [join(ROOT, 'node_modules', '@types')],
      paths: { sextant: [SDK_ENTRY] },
    },
    include: ['*.ts'],
  };
  return JSON.stringify(config, null, 2) + '\n';
}

/** Writes NAME.ts, NAME.test.ts and (when absent) tsconfig.json into `dir`; never overwrites. Returns the paths. */
export function scaffoldStrategy(name: string, dir: string): string[] {
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(name)) throw new BadInputError(`strategy name ${JSON.stringify(name)}`, 'use 1–63 lower-case letters, digits and "-", starting with a letter (it names the files and the strategy)');
  const files: [string, string][] = [
    [join(dir, `${name}.ts`), readFileSync(join(TEMPLATES, 'strategy.ts'), 'utf8').replaceAll('__NAME__', name)],
    [join(dir, `${name}.test.ts`), readFileSync(join(TEMPLATES, 'strategy.test.ts'), 'utf8').replaceAll('__NAME__', name)],
  ];
  const existing = files.filter(([f]) => existsSync(f)).map(([f]) => f);
  if (existing.length > 0) throw new BadInputError(existing[0], 'already exists; choose another name or folder (nothing was written)');
  const tsconfig = join(dir, 'tsconfig.json');
  if (!existsSync(tsconfig)) files.push([tsconfig, strategyTsconfig()]);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of files) writeFileSync(f, text, { flag: 'wx' });
  return files.map(([f]) => f);
}
