// Reads a frame's channel, coin and venue time straight from its bytes, without JSON.parse (the parser parses once, later).
import { hasCoin, routingChannel, streamKey } from './subscriptions.js';

const CHANNEL_PREFIX = Buffer.from('{"channel":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The channel of a frame the venue wrote as `{"channel":"<name>",…}` (it always puts the channel
 * first); undefined for any other shape, which the caller then parses the slow way.
 */
export function peekChannel(frame: Buffer): string | undefined {
  if (frame.length <= CHANNEL_PREFIX.length || frame.compare(CHANNEL_PREFIX, 0, CHANNEL_PREFIX.length, 0, CHANNEL_PREFIX.length) !== 0) return undefined;
  return readString(frame, CHANNEL_PREFIX.length);
}

/** The first string value of `"field":"…"` in the frame (no escapes inside), or undefined. */
export function peekString(frame: Buffer, field: string): string | undefined {
  const pattern = `"${field}":"`;
  const i = frame.indexOf(pattern, 0, 'latin1');
  return i < 0 ? undefined : readString(frame, i + pattern.length);
}

/** The first non-negative integer value of `"field":<digits>` in the frame, or NaN. */
export function peekInteger(frame: Buffer, field: string): number {
  const pattern = `"${field}":`;
  const i = frame.indexOf(pattern, 0, 'latin1');
  if (i < 0) return NaN;
  let n = 0;
  let j = i + pattern.length;
  const start = j;
  for (; j < frame.length; j++) {
    const c = frame[j] - 0x30;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  return j === start ? NaN : n;
}

/** The stream key a data frame belongs to (see subscriptions.ts), or undefined when its coin cannot be read. */
export function frameStreamKey(channel: string, frame: Buffer): string | undefined {
  const c = routingChannel(channel);
  if (!hasCoin(c)) return streamKey(c, undefined);
  if (c === 'candle') {
    const coin = peekString(frame, 's');
    const interval = peekString(frame, 'i');
    return coin === undefined || interval === undefined ? undefined : streamKey(c, coin, interval);
  }
  const coin = peekString(frame, 'coin');
  return coin === undefined ? undefined : streamKey(c, coin);
}

function readString(frame: Buffer, from: number): string | undefined {
  for (let j = from; j < frame.length; j++) {
    const b = frame[j];
    if (b === QUOTE) return frame.toString('utf8', from, j);
    if (b === BACKSLASH) return undefined; // escapes: not a name the venue uses
  }
  return undefined;
}
