// Replays a recording as it arrived: frames read back by (recording, seq), re-parsed by the live decoder, fed to the kernel at their receive times.
import type { Envelope } from '../core/envelope.js';
import { BadInputError } from '../core/errors.js';
import { driveEvents, type EventDriveOptions } from '../engine/event-driver.js';
import type { Kernel } from '../engine/kernel.js';
import type { RecordedFrame, RecordingStore } from '../store/recording-port.js';
import { HlFrameDecoder } from '../venues/hyperliquid/parse/frame-decoder.js';

export interface ReplayedFrame {
  readonly frame: RecordedFrame;
  /** The frame's envelopes (empty for control frames and malformed ones). */
  readonly events: readonly Envelope[];
  /** Set when the frame is malformed (it was malformed live too, and counted there). */
  readonly error: BadInputError | undefined;
}

/** Frames read per page: bounds memory on long recordings. */
const PAGE = 10_000;

/**
 * Every frame of `recording` in seq order, decoded by a fresh decoder exactly as the recorder's
 * decoder did live: same bytes, same order, same receive time ⇒ the same envelopes (type,
 * symbol, source, seq, tsEvent, tsInit, data). A gap in the seqs is an error, not a skip.
 */
export async function* replayFrames(store: RecordingStore, recording: number, pageSize = PAGE): AsyncGenerator<ReplayedFrame> {
  if ((await store.getRecording(recording)) === undefined) throw new BadInputError(`recording ${recording}`, 'no such recording');
  const decoder = new HlFrameDecoder();
  let next = 1;
  for (;;) {
    const page = await store.readFrames(recording, next, pageSize);
    for (const frame of page) {
      if (frame.seq !== next) throw new BadInputError(`recording ${recording}`, `frame seq ${next} is missing (next stored is ${frame.seq})`);
      next++;
      const d = decoder.decode(frame.payload, frame.tsInit);
      yield d.ok ? { frame, events: d.events, error: undefined } : { frame, events: [], error: d.error };
    }
    if (page.length < pageSize) return;
  }
}

/** Every envelope of the recording in arrival order (for a kernel run or a comparison). */
export async function replayEvents(store: RecordingStore, recording: number): Promise<Envelope[]> {
  const out: Envelope[] = [];
  for await (const f of replayFrames(store, recording)) for (const e of f.events) out.push(e);
  return out;
}

/**
 * Runs recorded envelopes through the kernel as they arrived: in arrival order, one step per
 * receive time (tsInit), which is what a live kernel saw. Stepping by venue time instead would
 * have to reorder them, since channels stamped with venue time (books, trades) and with receive
 * time (candles, contexts) interleave out of order on the wire.
 */
export function driveRecording(kernel: Kernel, events: readonly Envelope[], opts: Omit<EventDriveOptions, 'stepBy'> = {}): number {
  return driveEvents(kernel, events, { ...opts, stepBy: 'tsInit' });
}
