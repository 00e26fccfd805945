// `sextant hl sign --vectors FILE` on the shared vectors: every vector's connection id and signature, checked line by line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';
import { captureIO } from '../../testkit/cli/test-io.js';
import { sharedDataDir, SHARED_DATA_MISSING } from '../../testkit/shared-data.js';
import { makeHlCommand } from './hl-command.js';

const DATA = sharedDataDir();

async function run(argv: string[], cwd = tmpdir()): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(cwd);
  const code = await main(argv, io, [makeHlCommand()]);
  return { code, out: io.stdout(), err: io.stderr() };
}

type Json = Record<string, unknown>;
const int = (h: unknown) => (typeof h === 'string' ? BigInt(h) : undefined);

test('hl sign reproduces every shared vector (all six kinds)', async (t) => {
  if (!DATA) return t.skip(SHARED_DATA_MISSING);
  const file = join(DATA, 'hyperliquid', 'signing-vectors.json');
  const { code, out, err } = await run(['hl', 'sign', '--vectors', file]);
  assert.equal(code, 0, err);
  assert.equal(err, '');
  const vectors = (JSON.parse(readFileSync(file, 'utf8')) as { signing_vectors: Json[] }).signing_vectors;
  const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as Json);
  assert.equal(lines.length, 33);
  assert.equal(lines.length, vectors.length);
  const kinds = new Set<string>();
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i];
    const line = lines[i];
    const exp = v.expected as Json;
    kinds.add(v.kind as string);
    assert.deepEqual(Object.keys(line), ['id', 'connection_id', 'r', 's', 'v'], `${v.id} key order`);
    assert.equal(line.id, v.id);
    const cid = exp.connection_id ?? (v.kind === 'l1_sign_connection_id' ? v.connection_id : (v.derived as Json | undefined)?.connection_id);
    if (cid !== undefined) assert.equal(line.connection_id, cid, `${v.id} connection_id`);
    if (['user_signed', 'multisig_l1', 'multisig_user_signed'].includes(v.kind as string)) assert.equal(line.connection_id, null, `${v.id}: kind has no connection id`);
    const sig = exp.signature as Json | undefined;
    if (sig) {
      assert.match(String(line.r), /^0x[0-9a-f]{64}$/, `${v.id} r`);
      assert.match(String(line.s), /^0x[0-9a-f]{64}$/, `${v.id} s`);
      assert.equal(int(line.r), int(sig.r), `${v.id} r`);
      assert.equal(int(line.s), int(sig.s), `${v.id} s`);
      assert.equal(line.v, sig.v, `${v.id} v`);
    } else {
      assert.deepEqual([line.r, line.s, line.v], [null, null, null], `${v.id}: no key, no signature`);
    }
  }
  assert.deepEqual([...kinds].sort(), ['l1_action', 'l1_action_hash_only', 'l1_sign_connection_id', 'multisig_l1', 'multisig_user_signed', 'user_signed']);
});

test('hl sign: bad files and vectors are named; bad vectors still print a line and exit 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-hl-'));
  writeFileSync(join(dir, 'broken.json'), '{"signing_vectors": [');
  writeFileSync(join(dir, 'shape.json'), '{"vectors": []}');
  writeFileSync(join(dir, 'mixed.json'), JSON.stringify({ signing_vectors: [
    { id: 'noop', kind: 'l1_action_hash_only', action: { type: 'noop' }, nonce: 1700000000000, vault_address: null, expires_after: null },
    { id: 'weird', kind: 'l3_action' },
  ] }));
  const missing = await run(['hl', 'sign'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /--vectors: is required/);
  const absent = await run(['hl', 'sign', '--vectors', 'nope.json'], dir);
  assert.equal(absent.code, 2);
  assert.match(absent.err, /--vectors: cannot read nope.json/);
  const broken = await run(['hl', 'sign', '--vectors', 'broken.json'], dir);
  assert.equal(broken.code, 2);
  assert.match(broken.err, /broken.json: not valid JSON/);
  const shape = await run(['hl', 'sign', '--vectors', 'shape.json'], dir);
  assert.match(shape.err, /shape.json.signing_vectors: expected a list of vectors/);
  const mixed = await run(['hl', 'sign', '--vectors', 'mixed.json'], dir);
  assert.equal(mixed.code, 1);
  const [ok, weird] = mixed.out.trimEnd().split('\n').map((l) => JSON.parse(l) as Json);
  assert.match(String(ok.connection_id), /^0x[0-9a-f]{64}$/);
  assert.deepEqual(weird, { id: 'weird', connection_id: null, r: null, s: null, v: null });
  assert.match(mixed.err, /mixed.json.signing_vectors\[1\] \(weird\).kind: unknown vector kind "l3_action"/);
  assert.match(mixed.err, /1 of 2 vectors could not be evaluated/);
});

test('hl lists its subcommands; unknown subcommands and stray options are refused', async () => {
  const help = await run(['hl', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /subcommands:\n {2}sign {2}recompute a signing-vectors file/);
  assert.match(help.out, /--vectors FILE/);
  const bare = await run(['hl']);
  assert.equal(bare.code, 2);
  assert.match(bare.err, /subcommands:\n {2}sign/);
  const unknown = await run(['hl', 'frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown subcommand "frobnicate"/);
  const extra = await run(['hl', 'sign', 'x', '--vectors', 'f']);
  assert.match(extra.err, /hl sign: unexpected argument "x"/);
});
