// Input echoed in messages: quoted, control and invisible characters escaped, long values cut with their length.

/** Longest value quoted in full; longer ones are cut there. */
export const QUOTE_MAX_CHARS = 60;

// C0 controls, DEL, C1 controls (0x9b is CSI on some terminals), line/paragraph separators,
// bidirectional controls (they reorder what the reader sees) and lone surrogates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

function escapeChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 10) return '\\n';
  if (c === 13) return '\\r';
  if (c === 9) return '\\t';
  return c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
}

/** `text` with every unsafe character written as an escape (`\x1b`, `\x00`, `\u202e`); for whole message lines. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * `"value"` for an error message: quotes and backslashes escaped as in JSON, unsafe characters
 * as `\xHH` / `\uHHHH`, and a value longer than `max` characters cut: `"aaaa…" (10000 chars)`.
 */
export function quoteInput(value: string, max = QUOTE_MAX_CHARS): string {
  const cut = value.length > max;
  const shown = (cut ? value.slice(0, max) : value).replace(/["\\]/g, '\\$&');
  return `"${escapeControls(shown)}${cut ? '…' : ''}"${cut ? ` (${value.length} chars)` : ''}`;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** quoteInput of raw file bytes: valid UTF-8 as text, otherwise every byte outside printable ASCII as `\xHH`. */
export function quoteBytes(b: Uint8Array, start: number, end: number, max = QUOTE_MAX_CHARS): string {
  const bytes = b.subarray(start, end);
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    // Invalid UTF-8 (or cut inside a character): show the bytes, not replacement characters.
    const cut = bytes.length > max;
    let s = '';
    for (const x of cut ? bytes.subarray(0, max) : bytes) s += x >= 0x20 && x < 0x7f ? (x === 0x22 || x === 0x5c ? '\\' : '') + String.fromCharCode(x) : escapeChar(String.fromCharCode(x));
    return `"${s}${cut ? '…' : ''}"${cut ? ` (${bytes.length} bytes)` : ''}`;
  }
  return quoteInput(text, max);
}
