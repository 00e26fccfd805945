// One Hyperliquid frame → message and envelopes, stamped with the frame's receive time: the single path shared by the recorder and replay.
import type { Clock } from '../../../core/clock.js';
import type { Envelope } from '../../../core/envelope.js';
import { BadInputError } from '../../../core/errors.js';
import { HlStamp } from './context.js';
import { HlWsParser } from './ws-frame.js';
import type { HlWsMessage } from './ws-messages.js';

/** The parser's clock: reads the receive time of the frame being decoded, so tsInit is the recorded one. */
class FrameClock implements Clock {
  t = 0;
  now(): number {
    return this.t;
  }
}

export type Decoded = { readonly ok: true; readonly message: HlWsMessage; readonly events: readonly Envelope[] } | { readonly ok: false; readonly error: BadInputError };

const NONE: readonly Envelope[] = Object.freeze([]);

/**
 * Decodes frames in arrival order. Seq numbers are counted per (type, symbol) across every frame
 * the decoder sees, malformed ones included (a frame that fails half-way may already have drawn
 * some), so a replay must feed every recorded frame, in seq order, to a fresh decoder: then it
 * draws the same seqs and stamps the same tsInit as the live decoder did.
 */
export class HlFrameDecoder {
  private readonly clock = new FrameClock();
  private readonly parser: HlWsParser;

  constructor(source?: string) {
    this.parser = new HlWsParser(new HlStamp(this.clock, source));
  }

  decode(frame: Uint8Array, receivedAt: number): Decoded {
    this.clock.t = receivedAt;
    let message: HlWsMessage;
    try {
      message = this.parser.parse(frame);
    } catch (e) {
      // The parser promises BadInputError for every malformed frame; anything else is wrapped, not thrown.
      const error = e instanceof BadInputError ? e : new BadInputError('hyperliquid ws', `frame could not be parsed: ${(e as Error).message}`, { cause: e });
      return { ok: false, error };
    }
    return { ok: true, message, events: messageEvents(message) };
  }
}

/** The envelopes a message carries, in frame order (none for control frames). */
export function messageEvents(m: HlWsMessage): readonly Envelope[] {
  switch (m.channel) {
    case 'l2Book':
    case 'allMids':
    case 'bbo':
    case 'activeAssetCtx':
    case 'activeSpotAssetCtx':
      return [m.event];
    case 'trades':
    case 'candle':
    case 'orderUpdates':
    case 'userFills':
    case 'userFundings':
    case 'user':
      return m.events;
    default:
      return NONE;
  }
}
