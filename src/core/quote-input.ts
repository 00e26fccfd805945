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

/** The quoted form: `shown` escaped, and when cut an ellipsis and the whole value's size. */
function quoted(shown: string, cutSize: string | undefined): string {
  return `"${escapeControls(shown.replace(/["\\]/g, '\\$&'))}${cutSize !== undefined ? '…' : ''}"${cutSize !== undefined ? ` (${cutSize})` : ''}`;
}

/**
 * `"value"` for an error message: quotes and backslashes escaped as in JSON, unsafe characters
 * as `\xHH` / `\uHHHH`, and a value longer than `max` characters cut: `"aaaa…" (10000 chars)`.
 */
export function quoteInput(value: string, max = QUOTE_MAX_CHARS): string {
  return value.length > max ? quoted(value.slice(0, max), `${value.length} chars`) : quoted(value, undefined);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8 (a cut last character is dropped when `cut`). */
function utf8(bytes: Uint8Array, cut: boolean): string | undefined {
  for (let drop = 0; drop <= (cut ? 3 : 0) && drop < bytes.length; drop++) {
    try {
      return strictUtf8.decode(bytes.subarray(0, bytes.length - drop));
    } catch {
      // Not valid with this many bytes dropped: try one fewer (a character cut by the slice).
      continue;
    }
  }
  return bytes.length === 0 ? '' : undefined;
}

/**
 * quoteInput of raw file bytes [start, end): valid UTF-8 as text; otherwise every byte outside
 * printable ASCII as `\xHH`, so invalid UTF-8 shows as the bytes it is. Only what can be shown
 * is decoded, so a huge value costs no more than a short one.
 */
export function quoteBytes(b: Uint8Array, start: number, end: number, max = QUOTE_MAX_CHARS): string {
  const size = end - start;
  const shownEnd = Math.min(end, start + 4 * max);
  const text = utf8(b.subarray(start, shownEnd), shownEnd < end);
  if (text !== undefined) {
    if (shownEnd === end && text.length <= max) return quoted(text, undefined);
    return quoted(text.slice(0, max), shownEnd === end ? `${text.length} chars` : `${size} bytes`);
  }
  let s = '';
  for (const x of b.subarray(start, Math.min(end, start + max))) {
    s += x === 0x22 || x === 0x5c ? '\\' + String.fromCharCode(x) : x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : `\\x${x.toString(16).padStart(2, '0')}`;
  }
  return `"${s}${size > max ? '…' : ''}"${size > max ? ` (${size} bytes)` : ''}`;
}

/** quoteInput for a value of any type (a parsed JSON or YAML field): a string quoted, anything else as its JSON text, cut the same way. */
export function quoteJson(v: unknown, max = QUOTE_MAX_CHARS): string {
  if (typeof v === 'string') return quoteInput(v, max);
  const text = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v);
  return text.length > max ? `${escapeControls(text.slice(0, max))}… (${text.length} chars)` : escapeControls(text);
}

/** A name from the input (a column, a symbol) for a message: as it is when short printable ASCII, else quoted. */
export function inputName(text: string): string {
  return /^[\x20-\x21\x23-\x7e]{1,60}$/.test(text) ? text : quoteInput(text);
}
