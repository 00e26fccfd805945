// A byte-level JSON reader with line numbers and exact numbers, for the JSON bar formats.
import { BadInputError } from '../../core/errors.js';
import { scanNumberAt, scanOut } from './ascii-number.js';
import type { ScanOut } from './ascii-number.js';
import { quoteBytes, quoteInput } from '../../core/quote-input.js';

/**
 * Reads JSON token by token so every error names `file:line`, numbers keep their decimals, and
 * broken (e.g. truncated) JSON is reported where it breaks. Callers drive it with the schema they
 * expect; `skipValue` passes over anything else.
 */
export class JsonCursor {
  pos = 0;
  /** 1-based line of `pos`. */
  line = 1;
  /** Decimals of the last number read. */
  decimals = 0;
  /** The last non-number value `number()` met, quoted for a message, else undefined (null or a number). */
  badText: string | undefined = undefined;
  private readonly out: ScanOut = scanOut();

  constructor(
    readonly b: Uint8Array,
    readonly name: string,
  ) {
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.pos = 3;
  }

  /**
   * Where a record that starts on `line` is, for errors naming the record itself (`candle 17`):
   * `file:line`, or just the file when it is one line (freqtrade writes it so), where `:1` says nothing.
   */
  recordWhere(line: number): string {
    if (this.oneLine === undefined) {
      let end = this.b.length;
      while (end > 0 && (this.b[end - 1] === 10 || this.b[end - 1] === 13 || this.b[end - 1] === 32 || this.b[end - 1] === 9)) end--;
      this.oneLine = this.b.subarray(0, end).indexOf(10) < 0;
    }
    return this.oneLine ? this.name : `${this.name}:${line}`;
  }

  private oneLine: boolean | undefined = undefined;

  /** Throws BadInputError at the current line (or `line`). */
  fail(reason: string, line = this.line): never {
    throw new BadInputError(`${this.name}:${line}`, reason);
  }

  /** Skips whitespace; returns the next byte, or -1 at the end. */
  peek(): number {
    const b = this.b;
    let i = this.pos;
    for (; i < b.length; i++) {
      const c = b[i];
      if (c === 10) this.line++;
      else if (c !== 32 && c !== 9 && c !== 13) break;
    }
    this.pos = i;
    return i < b.length ? b[i] : -1;
  }

  /** True when only whitespace is left. */
  atEnd(): boolean {
    return this.peek() === -1;
  }

  /** Describes the next token for messages. */
  private near(): string {
    if (this.peek() === -1) return 'the end of the file (truncated JSON?)';
    return quoteBytes(this.b, this.pos, Math.min(this.b.length, this.pos + 20));
  }

  /** Consumes byte `c` (after whitespace) or fails saying what was expected. */
  expect(c: number, what: string): void {
    if (this.peek() !== c) this.fail(`expected ${what}, got ${this.near()}`);
    this.pos++;
  }

  /**
   * After an element of an array or object: consumes `,` and returns true, or consumes the
   * closing byte and returns false.
   */
  more(close: number, what: string): boolean {
    const c = this.peek();
    if (c === 44) {
      this.pos++;
      return true;
    }
    if (c === close) {
      this.pos++;
      return false;
    }
    return this.fail(`expected , or ${String.fromCharCode(close)} in ${what}, got ${this.near()}`);
  }

  /** True and consumed when the next token is `null`. */
  nullLiteral(): boolean {
    const b = this.b;
    const i = this.pos;
    if (this.peek() === 110 && b[i + 1] === 117 && b[i + 2] === 108 && b[i + 3] === 108) {
      this.pos += 4;
      return true;
    }
    return false;
  }

  /**
   * Reads a number (exactly, see scanNumberAt); `null` gives NaN. Any other value is skipped and
   * gives NaN too, with its text in `badText`, so callers can treat the row as bad, not the file.
   */
  number(): number {
    this.badText = undefined;
    const c = this.peek();
    if (c === 45 || (c >= 48 && c <= 57)) {
      const v = scanNumberAt(this.b, this.pos, this.b.length, this.out);
      if (v === v) {
        this.pos = this.out.end;
        this.decimals = this.out.decimals;
        return v;
      }
    }
    if (this.nullLiteral()) return NaN;
    if (c === 34) {
      this.badText = quoteInput(this.string());
      return NaN;
    }
    const start = this.pos;
    this.skipValue();
    this.badText = quoteBytes(this.b, start, this.pos);
    return NaN;
  }

  /** Reads a string value. */
  string(): string {
    if (this.peek() !== 34) this.fail(`expected a string, got ${this.near()}`);
    const b = this.b;
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    for (; i < b.length; i++) {
      const c = b[i];
      if (c === 92) {
        escaped = true;
        i++;
      } else if (c === 34) break;
      else if (c === 10) this.fail('newline inside a string');
    }
    if (i >= b.length) this.fail('unterminated string (truncated JSON?)');
    this.pos = i + 1;
    const raw = Buffer.from(b.buffer, b.byteOffset + start, i + 1 - start).toString('utf8');
    if (!escaped) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch (e) {
      throw new BadInputError(`${this.name}:${this.line}`, `bad escape in string ${quoteInput(raw)}`, { cause: e });
    }
  }

  /** Skips one value of any kind, checking its structure. */
  skipValue(): void {
    const c = this.peek();
    if (c === 34) {
      this.string();
    } else if (c === 91) {
      this.pos++;
      if (this.peek() === 93) {
        this.pos++;
        return;
      }
      do this.skipValue();
      while (this.more(93, 'an array'));
    } else if (c === 123) {
      this.pos++;
      if (this.peek() === 125) {
        this.pos++;
        return;
      }
      do {
        this.string();
        this.expect(58, ':');
        this.skipValue();
      } while (this.more(125, 'an object'));
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const v = scanNumberAt(this.b, this.pos, this.b.length, this.out);
      if (v !== v) this.fail(`bad number ${this.near()}`);
      this.pos = this.out.end;
    } else if (!this.literal('true') && !this.literal('false') && !this.nullLiteral()) {
      this.fail(`expected a JSON value, got ${this.near()}`);
    }
  }

  private literal(word: string): boolean {
    const b = this.b;
    for (let k = 0; k < word.length; k++) if (b[this.pos + k] !== word.charCodeAt(k)) return false;
    this.pos += word.length;
    return true;
  }
}
