// Reading a file line by line in fixed-size blocks, so a session of any length never sits in memory whole.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const BLOCK = 1024 * 1024;

/**
 * Complete lines of `path` in order (without their newline); the file's last bytes after its last
 * newline, when any, are not a complete line: they are left out and `torn` tells (a writer killed
 * mid-line). The file is closed when the lines run out or the caller stops iterating.
 */
export class LineReader implements Iterable<string> {
  /** True once iteration found bytes after the last newline. */
  torn = false;

  constructor(private readonly path: string) {}

  *[Symbol.iterator](): Iterator<string> {
    const fd = openSync(this.path, 'r');
    try {
      const buf = Buffer.allocUnsafe(BLOCK);
      const decoder = new StringDecoder('utf8');
      let rest = '';
      for (;;) {
        const n = readSync(fd, buf, 0, BLOCK, null);
        if (n === 0) break;
        const parts = (rest + decoder.write(buf.subarray(0, n))).split('\n');
        rest = parts.pop() as string;
        yield* parts;
      }
      rest += decoder.end();
      this.torn = rest !== '';
    } finally {
      closeSync(fd);
    }
  }
}
