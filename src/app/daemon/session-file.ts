// A bot's session recording on disk: the header, then every input and command as JSON lines, appended in order.
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { BadInputError } from '../../core/errors.js';
import type { BotInput } from '../../live/bot-host.js';
import { encodeSessionLine, type CommandLine, type SessionHeader } from '../../live/session-codec.js';

/** Buffered lines are written out once they pass this many characters (and on every flush). */
const FLUSH_CHARS = 64 * 1024;

/**
 * Appends in the order the bot took its inputs. Lines are buffered and written by `flush` (the daemon
 * calls it on a timer and at each stop) or when the buffer fills; a crash loses at most the unflushed
 * tail and may cut the last line, which `replay-check` drops and reports. `close` flushes and fsyncs.
 */
export class SessionFile {
  private buffer: string[] = [];
  private chars = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly fd: number,
  ) {}

  /** Creates the file (never replaces one) and writes the header at once. */
  static create(path: string, header: SessionHeader): SessionFile {
    mkdirSync(dirname(path), { recursive: true });
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new BadInputError(path, code === 'EEXIST' ? 'a session file of that name exists already (session ids are unique)' : `cannot create the session file (${code ?? (e as Error).message})`, { cause: e });
    }
    const f = new SessionFile(path, fd);
    f.push(encodeSessionLine(header));
    f.flush();
    return f;
  }

  input(input: BotInput): void {
    this.push(encodeSessionLine(input));
  }

  command(line: CommandLine): void {
    this.push(encodeSessionLine(line));
  }

  /** Writes the buffered lines to the file (not fsynced: a killed process loses nothing written). */
  flush(): void {
    if (this.buffer.length === 0) return;
    const data = Buffer.from(this.buffer.join(''));
    this.buffer = [];
    this.chars = 0;
    for (let off = 0; off < data.length; ) off += writeSync(this.fd, data, off);
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.closed = true;
  }

  private push(line: string): void {
    if (this.closed) throw new BadInputError(this.path, 'the session file is closed');
    this.buffer.push(line, '\n');
    this.chars += line.length + 1;
    if (this.chars >= FLUSH_CHARS) this.flush();
  }
}
