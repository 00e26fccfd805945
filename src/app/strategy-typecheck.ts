// Type-checks a user's TypeScript strategy (and what it imports) against the public API before a run starts.
import { dirname, join, relative, sep } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { BadInputError } from '../core/errors.js';

/** This installation's root and public API entry (what `import ... from 'sextant'` means). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SDK_ENTRY = join(ROOT, 'src', 'sdk', 'index.ts');

/**
 * Defaults when no tsconfig.json is found above the strategy: strict, modern syntax, imports written as
 * bundlers and tsx accept them (with or without `.ts`), no Node.js types (a strategy's inputs come from
 * the engine; `console` is declared by the SDK), so a check takes about a second.
 */
const DEFAULTS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  lib: ['lib.es2023.d.ts'],
  types: [],
};

/** The nearest tsconfig.json at or above the strategy's folder, if any. */
function findTsconfig(file: string): string | undefined {
  return ts.findConfigFile(dirname(file), (f) => existsSync(f), 'tsconfig.json');
}

function compilerOptions(file: string): { options: ts.CompilerOptions; source: string } {
  const configFile = findTsconfig(file);
  if (configFile === undefined || configFile.startsWith(ROOT)) return { options: { ...DEFAULTS }, source: 'defaults' };
  const read = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
  if (read.error) throw new BadInputError(configFile, ts.flattenDiagnosticMessageText(read.error.messageText, ' '));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configFile), undefined, configFile);
  const bad = parsed.errors.filter((d) => d.category === ts.DiagnosticCategory.Error && d.code !== 18003 /* no inputs: we give the root */);
  if (bad.length > 0) throw new BadInputError(configFile, ts.flattenDiagnosticMessageText(bad[0].messageText, ' '));
  return { options: parsed.options, source: configFile };
}

/**
 * Returns the type errors of `file` and the user files it imports, as `path:line:col: message` lines
 * (empty when it checks). Errors inside Sextant's own sources are not the user's and are left out.
 */
export function typecheckStrategy(file: string, cwd: string): string[] {
  return typecheckFiles([file], cwd);
}

/** The same for several files checked together (options from the tsconfig.json above the first). */
export function typecheckFiles(files: readonly string[], cwd: string): string[] {
  if (files.length === 0) return [];
  const file = files[0];
  const { options } = compilerOptions(file);
  const program = ts.createProgram({
    rootNames: files,
    options: {
      ...options,
      noEmit: true,
      // Type definitions (e.g. "types": ["node"] in the user's tsconfig) resolve from this installation.
      typeRoots: options.typeRoots ?? [join(ROOT, 'node_modules', '@types')],
      paths: { ...(options.paths ?? {}), sextant: [SDK_ENTRY] },
    },
  });
  const out: string[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.category !== ts.DiagnosticCategory.Error) continue;
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    if (d.file === undefined) {
      out.push(`${file}: ${text}`);
      continue;
    }
    if (d.file.fileName.startsWith(ROOT + 'src' + sep) || d.file.fileName.startsWith(join(ROOT, 'node_modules'))) continue;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    out.push(`${relativeOrAbsolute(d.file.fileName, cwd)}:${line + 1}:${character + 1}: ${text}`);
  }
  return out;
}

function relativeOrAbsolute(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}
