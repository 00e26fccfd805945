// The local venue's state file on disk: a header, a snapshot, then one fsynced line per save; compacted by atomic replacement.
import { closeSync, fdatasyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { replaceFileAtomically } from '../../core/atomic-file.js';
import { BadInputError } from '../../core/errors.js';
import { applyRecord, emptyImage, headerLine, readHeader, readRecord, type StateImage } from './venue-state.js';

/** Lines appended since the last snapshot may reach this many bytes before the file is compacted (or the snapshot's size, when larger). */
const MIN_JOURNAL_BYTES = 4 * 1024 * 1024;

export interface LoadedState {
  readonly image: StateImage;
  /** A last line cut short by a crash in the middle of its write: dropped (its action was never answered). */
  readonly tornTail: boolean;
}

/**
 * Reads a state file: undefined when there is none. A file of another format or version, or one
 * damaged anywhere but in a last line without its newline, is refused with a BadInputError naming
 * the file and line (the venue never starts empty over it).
 */
export function loadStateFile(path: string, fillsKept: number): LoadedState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BadInputError(path, `cannot read the state file: ${(e as Error).message}`, { cause: e });
  }
  const lines = text.split('\n');
  // A file written by the venue ends with a newline: the piece after the last one is a torn write.
  const torn = lines.pop() as string;
  if (lines.length === 0) throw new BadInputError(path, text === '' ? 'the state file is empty (not a local venue state file; refusing to start over it)' : 'the state file has no complete first line (damaged or not a state file; refusing to start over it)');
  readHeader(lines[0], path);
  if (lines.length < 2) throw new BadInputError(`${path}:2`, 'the state file has no snapshot after its header (damaged; refusing to start over it)');
  const image = emptyImage();
  for (let i = 1; i < lines.length; i++) {
    const where = `${path}:${i + 1}`;
    applyRecord(image, readRecord(lines[i], where), where, fillsKept);
  }
  return { image, tornTail: torn !== '' };
}

/** The open state file: appends with fdatasync, compacts by writing a new snapshot atomically. */
export class VenueStateFile {
  private fd: number | undefined;
  private journalBytes = 0;
  private snapshotBytes = 0;

  constructor(readonly path: string) {}

  /** Replaces the file with the header and `snapshot` (one record line), then appends after it. */
  writeSnapshot(snapshot: string): void {
    this.closeFd();
    const text = `${headerLine()}\n${snapshot}\n`;
    replaceFileAtomically(this.path, text, 0o600);
    this.snapshotBytes = text.length;
    this.journalBytes = 0;
    this.fd = openSync(this.path, 'a');
  }

  /** Appends one record line and waits until it is on disk. */
  append(record: string): void {
    if (this.fd === undefined) throw new BadInputError(this.path, 'the state file is not open');
    const bytes = Buffer.from(record + '\n');
    for (let off = 0; off < bytes.length; ) off += writeSync(this.fd, bytes, off);
    fdatasyncSync(this.fd);
    this.journalBytes += bytes.length;
  }

  /** True when the appended lines outweigh a fresh snapshot: time to compact. */
  get wantsSnapshot(): boolean {
    return this.journalBytes > Math.max(MIN_JOURNAL_BYTES, this.snapshotBytes);
  }

  close(): void {
    this.closeFd();
  }

  private closeFd(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    closeSync(fd);
  }
}
