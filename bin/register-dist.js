// Registers the loader for user code (strategies, their tests) next to the compiled CLI in dist/: `sextant` is the
// compiled SDK, and TypeScript files are transpiled by our hooks when one is imported (no transpiler otherwise).
import { register } from 'node:module';

// Stack traces of user code name the lines of its .ts files (the hooks add inline source maps).
process.setSourceMapsEnabled(true);
register('./module-hooks.js', import.meta.url, {
  data: { sdkUrl: new URL('../dist/sdk/index.js', import.meta.url).href, rootUrl: new URL('../', import.meta.url).href, transpile: true },
});
