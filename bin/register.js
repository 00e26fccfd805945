// Registers the loaders every Sextant process and user test runs under: our resolution hooks, then tsx for TypeScript.
import { register as registerHooks } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

// Order matters: hooks run last-registered first, so tsx sees the format our hook chose for user files.
registerHooks('./module-hooks.js', import.meta.url, { data: { sdkUrl: new URL('../src/sdk/index.ts', import.meta.url).href, rootUrl: new URL('../', import.meta.url).href } });
registerTsx();
