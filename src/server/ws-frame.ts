// Raw bytes the /ws gateway writes itself: a pre-built text frame shared by all subscribers, and an HTTP refusal of an upgrade.
import type { Duplex } from 'node:stream';

/** An unmasked, final text frame (RFC 6455 §5.2) around `text`: built once, written to every subscriber. */
export function textFrame(text: string): Buffer {
  const n = Buffer.byteLength(text);
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const out = Buffer.allocUnsafe(head + n);
  out[0] = 0x81;
  if (head === 2) out[1] = n;
  else if (head === 4) {
    out[1] = 126;
    out.writeUInt16BE(n, 2);
  } else {
    out[1] = 127;
    out.writeBigUInt64BE(BigInt(n), 2);
  }
  out.write(text, head, 'utf8');
  return out;
}

/** Answers an upgrade request with a bodiless HTTP status and closes the socket. */
export function refuse(socket: Duplex, status: number, text: string): void {
  if (!socket.destroyed) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
