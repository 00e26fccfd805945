// Structured JSON logs (pino): one root logger per daemon, children carry correlation ids; secrets are redacted by key name.
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Clock } from '../../core/clock.js';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const REDACTED = '[redacted]';

/**
 * A key names a secret when, lower-cased and without `_`/`-`, it ends with one of these: `apiKey`, `HL_PRIVATE_KEY`,
 * `telegramBotToken`, `apiSecret`, `Authorization`... (`seed` is no secret here: it names a simulation's seed).
 */
const SECRET_KEY = /(apikey|privatekey|secretkey|secret|token|password|passphrase|authorization|cookie|mnemonic|signingkey)$/;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[-_]/g, ''));
}

/** A copy of `value` with every secret-named key's value replaced, at any depth (arrays, errors' causes included). */
export function redactSecrets(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, seen));
  const out: Record<string, unknown> = {};
  if (value instanceof Error) {
    // Errors keep their own serialisation (type, message, stack) but their enumerable fields are walked too.
    out.type = value.name;
    out.message = value.message;
    if (value.stack !== undefined) out.stack = value.stack;
    if (value.cause !== undefined) out.cause = redactSecrets(value.cause, seen);
  }
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : redactSecrets(v, seen);
  return out;
}

export interface LoggerOptions {
  readonly clock: Clock;
  /** Where the JSON lines go (a file, stdout); tests pass a collecting stream. */
  readonly destination: DestinationStream;
  readonly level?: LogLevel;
  /** Fields on every line (e.g. `{ mode: 'paper' }`); secret-named ones are redacted too. */
  readonly base?: Readonly<Record<string, unknown>>;
}

/**
 * The last guard, on each written line: pino applies no formatter to a child's bindings
 * (`log.child({ apiKey })`), so every line is parsed and redacted once more before it leaves.
 * Logs are not the hot path: a few lines a second.
 */
function redactingDestination(to: DestinationStream): DestinationStream {
  return {
    write(line: string): void {
      to.write(`${JSON.stringify(redactSecrets(JSON.parse(line)))}\n`);
    },
  };
}

/** The daemon's root logger: JSON lines with `time` from the injected clock (ms since the epoch). */
export function createLogger(o: LoggerOptions): Logger {
  return pino(
    {
      level: o.level ?? 'info',
      base: redactSecrets({ ...o.base }) as Record<string, unknown>,
      timestamp: () => `,"time":${o.clock.now()}`,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (b) => redactSecrets(b) as Record<string, unknown>,
        log: (obj) => redactSecrets(obj) as Record<string, unknown>,
      },
      // Errors pass through `log` above, which keeps them readable and redacted.
      serializers: { err: (e: unknown) => redactSecrets(e) },
    },
    redactingDestination(o.destination),
  );
}

/**
 * The correlation ids a log line can carry; the convention is one child logger per scope:
 * `forBot(root, id)` for everything a bot does, then `forOrder(botLog, intent, cloid)` for one order's path.
 */
export interface Correlation {
  readonly bot?: string;
  readonly intent?: string;
  readonly cloid?: string;
  readonly symbol?: string;
}

export function withCorrelation(log: Logger, c: Correlation): Logger {
  return log.child(Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)));
}

export const forBot = (log: Logger, bot: string): Logger => log.child({ bot });

export const forOrder = (log: Logger, intent: string, cloid?: string): Logger => withCorrelation(log, { intent, cloid });
