// One remembered string (a stream's coin), recognised again from a frame's bytes without building it.
const QUOTE = 0x22;

/**
 * A feed repeats one coin name in every frame and trade; building it again each time is an
 * allocation per trade. Only strings JSON writes without escapes are remembered, so matching the
 * raw bytes is the same as decoding them.
 */
export class LastString {
  private text = '';
  private bytes: Buffer = Buffer.alloc(0);

  /** The remembered string when `b[from, …)` holds exactly its bytes and then a closing quote; else undefined. */
  quotedAt(b: Uint8Array, from: number, end: number): string | undefined {
    const k = this.bytes;
    const n = k.length;
    if (n === 0 || from + n >= end || b[from + n] !== QUOTE) return undefined;
    for (let j = 0; j < n; j++) if (k[j] !== b[from + j]) return undefined;
    return this.text;
  }

  /** The byte length of the remembered string. */
  get byteLength(): number {
    return this.bytes.length;
  }

  /** Remembers `text` (unless JSON would escape it) and returns it. */
  remember(text: string): string {
    if (JSON.stringify(text).length === text.length + 2) {
      this.text = text;
      this.bytes = Buffer.from(text, 'utf8');
    }
    return text;
  }
}
