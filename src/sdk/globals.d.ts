// Globals a strategy may use when its type check loads no Node.js types (strategies run deterministic code:
// the engine gives them time, data and orders; printing is the one side effect they need).
interface Console {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
}
// `var`, as Node's own types declare it: the two declarations then merge instead of conflicting.
// eslint-disable-next-line no-var
declare var console: Console;
