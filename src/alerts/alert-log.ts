// The alerts' log port and the redaction every line and error passes through, so a token never reaches a log.

export type AlertLogLevel = 'info' | 'warn' | 'error';

/** Where alert channels report what they did (the daemon wires it to its structured log). */
export type AlertLog = (level: AlertLogLevel, message: string) => void;

/** Replaces every occurrence of each secret (and its URL-encoded form) in `text` with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('[redacted]');
  }
  return out;
}

/** The message of an error and its causes, one after the other, redacted. */
export function describeError(e: unknown, secrets: readonly string[]): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur !== undefined && cur !== null && depth < 5; depth++) {
    parts.push(cur instanceof Error ? cur.message : String(cur));
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return redact(parts.join(': '), secrets);
}
