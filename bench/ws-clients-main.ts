// The /ws load benchmark's clients (run by ws-gateway-main.ts in a process of its own): N raw WebSocket clients on loopback that count messages and sample latency.
//
// A raw client (net.Socket + the few lines of framing a server's unmasked frames need) costs a
// fraction of a `ws` client per frame, so one core can receive what the gateway sends.
// stdin: `start` and `stop` lines; stdout: `ready`, then one JSON line of results after `stop`.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';

const [host, portText, countText, universeText, perClientText, sampleEveryText] = process.argv.slice(2);
const port = Number(portText);
const count = Number(countText);
const universe = universeText.split(',');
const perClient = Number(perClientText);
const sampleEvery = Number(sampleEveryText);
/** Client i watches `perClient` consecutive symbols of the universe from offset i: as many distinct sets as symbols. */
const symbolsOf = (i: number): string[] => Array.from({ length: perClient }, (_, j) => universe[(i + j) % universe.length]);
const MARKER = Buffer.from('{"type":"update"');
const now = (): number => performance.timeOrigin + performance.now();

interface Totals {
  counting: boolean;
  messages: number;
  frames: number;
  bytes: number;
  closes: number;
  latencies: number[];
}

const totals: Totals = { counting: false, messages: 0, frames: 0, bytes: 0, closes: 0, latencies: [] };

function maskedFrame(opcode: number, payload: Buffer): Buffer {
  if (payload.length >= 65_536) throw new Error('client frames here are small');
  const mask = randomBytes(4);
  const head = payload.length < 126 ? 2 : 4;
  const out = Buffer.alloc(head + 4 + payload.length);
  out[0] = 0x80 | opcode;
  if (head === 2) out[1] = 0x80 | payload.length;
  else {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(payload.length, 2);
  }
  mask.copy(out, head);
  for (let i = 0; i < payload.length; i++) out[head + 4 + i] = payload[i] ^ mask[i & 3];
  return out;
}

/** One client: handshake, subscribe, then frames counted as they arrive. */
function open(i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, host);
    socket.setNoDelay(true);
    const sampled = i % sampleEvery === 0;
    let buf: Buffer = Buffer.alloc(0);
    let upgraded = false;
    socket.on('error', reject);
    socket.on('close', () => {
      if (upgraded) totals.closes++;
    });
    socket.once('connect', () => {
      const key = randomBytes(16).toString('base64');
      socket.write(`GET /ws HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString('latin1');
        if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
        upgraded = true;
        buf = buf.subarray(end + 4);
        socket.write(maskedFrame(0x1, Buffer.from(JSON.stringify({ type: 'subscribe', channels: ['books'], symbols: symbolsOf(i) }))));
        resolve();
      }
      let off = 0;
      while (buf.length - off >= 2) {
        const b0 = buf[off];
        let len = buf[off + 1] & 0x7f;
        let hdr = 2;
        if (len === 126) {
          if (buf.length - off < 4) break;
          len = buf.readUInt16BE(off + 2);
          hdr = 4;
        } else if (len === 127) {
          if (buf.length - off < 10) break;
          len = Number(buf.readBigUInt64BE(off + 2));
          hdr = 10;
        }
        if (buf.length - off < hdr + len) break;
        const payload = buf.subarray(off + hdr, off + hdr + len);
        off += hdr + len;
        const opcode = b0 & 0x0f;
        if (opcode === 0x9) socket.write(maskedFrame(0xa, Buffer.from(payload)));
        if (opcode !== 0x1 || !totals.counting) continue;
        totals.frames++;
        totals.bytes += len;
        if (sampled) {
          const t = now();
          const msgs = JSON.parse(payload.toString('utf8')) as { type: string; data: { t: number } }[];
          for (const m of msgs) {
            if (m.type !== 'update') continue;
            totals.messages++;
            totals.latencies.push(t - m.data.t);
          }
        } else {
          let k = payload.indexOf(MARKER);
          while (k >= 0) {
            totals.messages++;
            k = payload.indexOf(MARKER, k + MARKER.length);
          }
        }
      }
      buf = off === buf.length ? Buffer.alloc(0) : buf.subarray(off);
    });
  });
}

async function main(): Promise<void> {
  // Connect in batches: a burst of thousands of handshakes at once only fills the accept queue.
  for (let i = 0; i < count; i += 100) {
    const batch: Promise<void>[] = [];
    for (let j = i; j < Math.min(count, i + 100); j++) batch.push(open(j));
    await Promise.all(batch);
  }
  process.stdout.write('ready\n');
  const startCpu = { v: process.cpuUsage() };
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'start') {
      totals.counting = true;
      startCpu.v = process.cpuUsage();
    } else if (line === 'stop') {
      totals.counting = false;
      const cpu = process.cpuUsage(startCpu.v);
      const lat = totals.latencies.sort((a, b) => a - b);
      const q = (p: number): number => (lat.length === 0 ? NaN : lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]);
      process.stdout.write(
        JSON.stringify({
          messages: totals.messages,
          frames: totals.frames,
          bytes: totals.bytes,
          closes: totals.closes,
          samples: lat.length,
          p50_ms: q(0.5),
          p99_ms: q(0.99),
          max_ms: lat[lat.length - 1] ?? NaN,
          cpu_ms: (cpu.user + cpu.system) / 1000,
        }) + '\n',
      );
      process.exit(0);
    }
  }
}

await main();
