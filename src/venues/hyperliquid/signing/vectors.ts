// Runs a file of signing vectors (the shape of shared signing-vectors.json): connection ids and signatures per vector.
import type { Hex } from 'viem';
import { BadInputError } from '../../../core/errors.js';
import { accountFromPrivateKey } from './env-signer.js';
import { actionHash } from './action-hash.js';
import { hyperliquidChain } from './eip712.js';
import type { Network, TypedField } from './eip712.js';
import type { MsgpackValue } from './msgpack.js';
import { multiSigAction, signMultiSigL1Inner, signMultiSigOuter, signMultiSigUserSignedInner } from './multisig.js';
import type { MultiSigAction } from './multisig.js';
import { rustCompatAction } from './rust-compat.js';
import { signConnectionId, signL1, signTypedPayload, userSignedMessage } from './sign.js';
import type { TypedDataSigner } from './sign.js';
import type { Signature } from './signature.js';

export const VECTOR_KINDS = ['l1_action', 'l1_action_hash_only', 'l1_sign_connection_id', 'user_signed', 'multisig_l1', 'multisig_user_signed'] as const;
export type VectorKind = (typeof VECTOR_KINDS)[number];

export interface VectorResult {
  readonly id: string;
  readonly kind: string;
  /** The phantom agent's connection id; null for kinds without one (user-signed, multi-sig). */
  readonly connectionId: Hex | null;
  /** Null when the vector has no private key. */
  readonly signature: Signature | null;
  /** Multi-sig kinds: the wrapper action and the hash the outer signature covers. */
  readonly multiSig?: { readonly action: MultiSigAction; readonly multiSigActionHash: Hex };
  /** Set when the vector could not be evaluated (the rest is null). */
  readonly error?: string;
}

type Obj = Readonly<Record<string, unknown>>;

function obj(v: unknown, where: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new BadInputError(where, 'expected an object');
  return v as Obj;
}

function int(v: unknown, where: string): number {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  throw new BadInputError(where, `expected a non-negative integer, got ${JSON.stringify(v)}`);
}

function optInt(v: unknown, where: string): number | undefined {
  return v === null || v === undefined ? undefined : int(v, where);
}

function optString(v: unknown, where: string): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string') throw new BadInputError(where, `expected a string or null, got ${JSON.stringify(v)}`);
  return v;
}

function bool(v: unknown, where: string): boolean {
  if (typeof v !== 'boolean') throw new BadInputError(where, `expected true or false, got ${JSON.stringify(v)}`);
  return v;
}

function network(v: unknown, where: string): Network {
  return bool(v, where) ? 'mainnet' : 'testnet';
}

function typedFields(v: unknown, where: string): TypedField[] {
  if (!Array.isArray(v)) throw new BadInputError(where, 'expected a list of {name, type}');
  return v.map((f, i) => {
    const o = obj(f, `${where}[${i}]`);
    if (typeof o.name !== 'string' || typeof o.type !== 'string') throw new BadInputError(`${where}[${i}]`, 'expected {name: string, type: string}');
    return { name: o.name, type: o.type };
  });
}

/** The one primary type of a vector's `types` block (vectors carry no EIP712Domain entry). */
function primary(typesRaw: unknown, primaryType: unknown, where: string): { primaryType: string; fields: TypedField[] } {
  const types = obj(typesRaw, `${where}.types`);
  const name = typeof primaryType === 'string' ? primaryType : Object.keys(types)[0];
  if (name === undefined || !(name in types)) throw new BadInputError(`${where}.primaryType`, `no type ${JSON.stringify(name)} in types`);
  return { primaryType: name, fields: typedFields(types[name], `${where}.types.${name}`) };
}

/** The Rust SDK hashes with its own msgpack of alloy addresses; everyone else packs the JSON as given. */
function packedAction(v: Obj, action: MsgpackValue): MsgpackValue {
  const source = v.source as { repo?: unknown } | undefined;
  return typeof source?.repo === 'string' && source.repo.includes('rust-sdk') ? rustCompatAction(action) : action;
}

function keyOf(v: Obj, where: string): TypedDataSigner | undefined {
  const k = optString(v.private_key, `${where}.private_key`);
  return k === undefined ? undefined : accountFromPrivateKey(k, `${where}.private_key`);
}

async function runOne(v: Obj, where: string): Promise<Omit<VectorResult, 'id' | 'kind'>> {
  const kind = v.kind;
  const account = keyOf(v, where);
  switch (kind) {
    case 'l1_action':
    case 'l1_action_hash_only': {
      const input = {
        action: packedAction(v, obj(v.action, `${where}.action`) as MsgpackValue),
        nonce: int(v.nonce, `${where}.nonce`),
        vaultAddress: optString(v.vault_address, `${where}.vault_address`),
        expiresAfter: optInt(v.expires_after, `${where}.expires_after`),
      };
      if (kind === 'l1_action_hash_only' || !account) return { connectionId: actionHash(input), signature: null };
      return signL1(account, { ...input, network: network(v.is_mainnet, `${where}.is_mainnet`) });
    }
    case 'l1_sign_connection_id': {
      const connectionId = optString(v.connection_id, `${where}.connection_id`) as Hex;
      if (!account) return { connectionId, signature: null };
      return { connectionId, signature: await signConnectionId(account, connectionId, network(v.is_mainnet, `${where}.is_mainnet`)) };
    }
    case 'user_signed': {
      const e = obj(v.eip712, `${where}.eip712`);
      if (!account) return { connectionId: null, signature: null };
      const { primaryType, fields } = primary(e.types, e.primaryType, `${where}.eip712`);
      const domain = obj(e.domain, `${where}.eip712.domain`);
      const signature = await signTypedPayload(account, {
        domain: domain as never,
        types: { [primaryType]: fields },
        primaryType,
        message: userSignedMessage(obj(e.message, `${where}.eip712.message`), fields),
      });
      return { connectionId: null, signature };
    }
    case 'multisig_l1':
    case 'multisig_user_signed': {
      if (!account) return { connectionId: null, signature: null };
      return { connectionId: null, ...(await runMultiSig(v, account, where)) };
    }
    default:
      throw new BadInputError(`${where}.kind`, `unknown vector kind ${JSON.stringify(kind)} (known: ${VECTOR_KINDS.join(', ')})`);
  }
}

/** Inner signers: keys listed in inputs.signers, else the vector's own key (single signer, also the leader). */
function innerSigners(inputs: Obj, leader: TypedDataSigner, where: string): TypedDataSigner[] {
  const listed = Array.isArray(inputs.signers) ? inputs.signers : [];
  const keys = listed.filter((s): s is string => typeof s === 'string' && /^(0x)?[0-9a-fA-F]{64}$/.test(s));
  return keys.length === 0 ? [leader] : keys.map((k, i) => accountFromPrivateKey(k, `${where}.inputs.signers[${i}]`));
}

async function runMultiSig(v: Obj, leader: TypedDataSigner, where: string): Promise<{ signature: Signature; multiSig: VectorResult['multiSig'] }> {
  const inputs = obj(v.inputs, `${where}.inputs`);
  const multiSigUser = optString(inputs.multiSigUser, `${where}.inputs.multiSigUser`) as string;
  const outerSigner = leader.address;
  const signers = innerSigners(inputs, leader, where);
  if (v.kind === 'multisig_l1') {
    const action = obj(inputs.inner_action, `${where}.inputs.inner_action`) as MsgpackValue;
    const nonce = int(inputs.nonce, `${where}.inputs.nonce`);
    const net = network(inputs.is_mainnet, `${where}.inputs.is_mainnet`);
    const vaultAddress = optString(inputs.vault_address, `${where}.inputs.vault_address`);
    const expiresAfter = optInt(inputs.expires_after, `${where}.inputs.expires_after`);
    const signatures: Signature[] = [];
    for (const s of signers) signatures.push(await signMultiSigL1Inner(s, { multiSigUser, outerSigner, action, nonce, network: net, vaultAddress, expiresAfter }));
    const signatureChainId = optString(inputs.signatureChainId, `${where}.inputs.signatureChainId`) as string;
    const wrapper = multiSigAction({ multiSigUser, outerSigner, signatureChainId, signatures, action });
    const outer = await signMultiSigOuter(leader, { wrapper, nonce, hyperliquidChain: hyperliquidChain(net), vaultAddress, expiresAfter });
    return { signature: outer.signature, multiSig: { action: wrapper, multiSigActionHash: outer.multiSigActionHash } };
  }
  const action = obj(inputs.action, `${where}.inputs.action`);
  const types = primary(inputs.types, inputs.primaryType, `${where}.inputs`);
  const signatures: Signature[] = [];
  for (const s of signers) signatures.push(await signMultiSigUserSignedInner(s, { multiSigUser, outerSigner, action, types }));
  const payloadAction = (inputs.payloadAction ?? action) as MsgpackValue;
  const signatureChainId = optString(action.signatureChainId, `${where}.inputs.action.signatureChainId`) as string;
  const wrapper = multiSigAction({ multiSigUser, outerSigner, signatureChainId, signatures, action: payloadAction });
  const nonce = int(action.nonce ?? action.time, `${where}.inputs.action.nonce`);
  const chain = action.hyperliquidChain;
  if (chain !== 'Mainnet' && chain !== 'Testnet') throw new BadInputError(`${where}.inputs.action.hyperliquidChain`, `expected Mainnet or Testnet, got ${JSON.stringify(chain)}`);
  const outer = await signMultiSigOuter(leader, { wrapper, nonce, hyperliquidChain: chain });
  return { signature: outer.signature, multiSig: { action: wrapper, multiSigActionHash: outer.multiSigActionHash } };
}

/**
 * Evaluates every entry of `signing_vectors`. A bad vector yields a result with `error` set and
 * nulls elsewhere, so one malformed entry does not hide the others.
 */
export async function runSigningVectors(file: unknown, where = 'vectors'): Promise<VectorResult[]> {
  const root = obj(file, where);
  const list = root.signing_vectors;
  if (!Array.isArray(list)) throw new BadInputError(`${where}.signing_vectors`, 'expected a list of vectors');
  const out: VectorResult[] = [];
  for (let i = 0; i < list.length; i++) {
    const raw = list[i];
    const id = raw !== null && typeof raw === 'object' && typeof (raw as Obj).id === 'string' ? ((raw as Obj).id as string) : `#${i}`;
    const kind = raw !== null && typeof raw === 'object' ? String((raw as Obj).kind) : 'unknown';
    const at = `${where}.signing_vectors[${i}] (${id})`;
    try {
      out.push({ id, kind, ...(await runOne(obj(raw, at), at)) });
    } catch (e) {
      if (!(e instanceof BadInputError)) throw e;
      out.push({ id, kind, connectionId: null, signature: null, error: e.message });
    }
  }
  return out;
}
