// Reads the shared recorded Hyperliquid responses and frames (../shared/data/hyperliquid/fixtures) for tests and the benchmark.
import { sharedDataFile } from '../../shared-data.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const HL_FIXTURES_MISSING = 'shared Hyperliquid fixtures (../shared/data/hyperliquid/fixtures beside the repository) are absent';

/** The fixtures folder, or undefined when the shared data is not beside the repository. */
export function hlFixtureDir(): string | undefined {
  return sharedDataFile('hyperliquid', 'fixtures');
}

/** Raw bytes of a fixture file (path relative to the fixtures folder). */
export function fixtureBytes(rel: string): Buffer {
  const dir = hlFixtureDir();
  if (dir === undefined) throw new Error(HL_FIXTURES_MISSING);
  return readFileSync(join(dir, rel));
}

export function fixtureJson(rel: string): unknown {
  return JSON.parse(fixtureBytes(rel).toString('utf8'));
}

interface Cassette {
  readonly asserted_by_source_test: Record<string, unknown> | null;
  readonly interactions: readonly { readonly request: { readonly body: { readonly type: string } & Record<string, unknown> }; readonly response: { readonly body: unknown } }[];
}

/** A python-sdk cassette (file name without folder). */
export function cassette(file: string): Cassette {
  return fixtureJson(`python-sdk-info-cassettes/${file}`) as Cassette;
}

/** The response body of the cassette's interaction whose request type is `type`. */
export function cassetteBody(file: string, type: string): unknown {
  const hit = cassette(file).interactions.find((i) => i.request.body.type === type);
  if (hit === undefined) throw new Error(`${file}: no ${type} interaction`);
  return hit.response.body;
}

export interface TranscribedFrame {
  readonly id: string;
  readonly channel: string;
  readonly raw: string;
  readonly parsed: unknown;
}

export function transcribedFrames(): readonly TranscribedFrame[] {
  return (fixtureJson('ws-frames-transcribed.json') as { frames: TranscribedFrame[] }).frames;
}

export function transcribedFrame(id: string): TranscribedFrame {
  const f = transcribedFrames().find((x) => x.id === id);
  if (f === undefined) throw new Error(`ws-frames-transcribed.json: no frame ${id}`);
  return f;
}

/** The `response` of a ccxt static case by id. */
export function ccxtResponse(id: string): unknown {
  const cases = (fixtureJson('ccxt-static-responses.json') as { cases: { id: string; response: unknown }[] }).cases;
  const c = cases.find((x) => x.id === id);
  if (c === undefined) throw new Error(`ccxt-static-responses.json: no case ${id}`);
  return c.response;
}
