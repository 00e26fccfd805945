// /exchange actions read at the edge: shape checks (422 text on failure), numbers parsed once, and the canonical form the venue hashes.
import { MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS, unsignedDecimal, type UnsignedDecimal } from '../../venues/hyperliquid/wire/decimal.js';

export type { UnsignedDecimal } from '../../venues/hyperliquid/wire/decimal.js';

export type Tif = 'Gtc' | 'Ioc' | 'Alo' | 'FrontendMarket';

export type OrderKind = { readonly limit: { readonly tif: Tif } } | { readonly trigger: { readonly isMarket: boolean; readonly triggerPx: UnsignedDecimal; readonly tpsl: 'tp' | 'sl' } };

/** One order of an order / modify action, numbers parsed (their canonical text is what the venue hashes). */
export interface WireOrder {
  readonly a: number;
  readonly b: boolean;
  readonly p: UnsignedDecimal;
  readonly s: UnsignedDecimal;
  readonly r: boolean;
  readonly t: OrderKind;
  readonly c?: string;
}

export type Grouping = 'na' | 'normalTpsl' | 'positionTpsl';

export type L1Action =
  | { readonly type: 'order'; readonly orders: readonly WireOrder[]; readonly grouping: Grouping; readonly builder?: { readonly b: string; readonly f: number } }
  | { readonly type: 'cancel'; readonly cancels: readonly { readonly a: number; readonly o: number }[] }
  | { readonly type: 'cancelByCloid'; readonly cancels: readonly { readonly asset: number; readonly cloid: string }[] }
  | { readonly type: 'modify'; readonly oid: number | string; readonly order: WireOrder }
  | { readonly type: 'batchModify'; readonly modifies: readonly { readonly oid: number | string; readonly order: WireOrder }[] }
  | { readonly type: 'updateLeverage'; readonly asset: number; readonly isCross: boolean; readonly leverage: number }
  | { readonly type: 'updateIsolatedMargin'; readonly asset: number; readonly isBuy: boolean; readonly ntli: number }
  | { readonly type: 'scheduleCancel'; readonly time?: number }
  | { readonly type: 'twapOrder'; readonly twap: TwapWire }
  | { readonly type: 'twapCancel'; readonly a: number; readonly t: number }
  | { readonly type: 'noop' };

/** The `twap` of a twapOrder: asset, isBuy, size, reduce-only, minutes, randomize (the hashed key order). */
export interface TwapWire {
  readonly a: number;
  readonly b: boolean;
  readonly s: UnsignedDecimal;
  readonly r: boolean;
  readonly m: number;
  readonly t: boolean;
}

/**
 * User-signed actions keep `amount` exactly as signed (the EIP-712 message covers the string as
 * sent); `usd` is its value, parsed with the same strict reader.
 */
export type UserSignedAction =
  | { readonly type: 'usdClassTransfer'; readonly signatureChainId: string; readonly hyperliquidChain: string; readonly amount: string; readonly toPerp: boolean; readonly nonce: number; readonly usd: UnsignedDecimal }
  | { readonly type: 'approveAgent'; readonly signatureChainId: string; readonly hyperliquidChain: string; readonly agentAddress: string; readonly agentName?: string; readonly nonce: number }
  | { readonly type: 'usdSend'; readonly signatureChainId: string; readonly hyperliquidChain: string; readonly destination: string; readonly amount: string; readonly time: number; readonly usd: UnsignedDecimal };

export type ReadAction =
  | { readonly kind: 'l1'; readonly action: L1Action; /** The canonical object the venue hashes. */ readonly hashed: Record<string, unknown> }
  | { readonly kind: 'user'; readonly action: UserSignedAction };

/**
 * The nonce a user-signed action carries in its signed message (`time` for transfers out,
 * `nonce` otherwise). The venue requires it to equal the request's nonce: the envelope nonce is
 * not signed, so without this one signed transfer could be replayed under fresh nonces.
 */
export function signedNonce(a: UserSignedAction): { readonly field: 'time' | 'nonce'; readonly value: number } {
  return a.type === 'usdSend' ? { field: 'time', value: a.time } : { field: 'nonce', value: a.nonce };
}

/** Actions of the real venue the local one does not implement: answered with a plain `err`, not a 422. */
export const UNSUPPORTED_ACTIONS: ReadonlySet<string> = new Set([
  'withdraw3', 'spotSend', 'approveBuilderFee', 'vaultTransfer', 'subAccountTransfer', 'createSubAccount',
  'setReferrer', 'spotUser', 'sendAsset', 'tokenDelegate', 'cDeposit', 'cWithdraw', 'multiSig', 'evmUserModify', 'reserveRequestWeight',
]);

/** Thrown inside the reader: the message becomes the 422 body. */
class Undecodable extends Error {}

const CLOID = /^0x[0-9a-fA-F]{32}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function fail(path: string, what: string): never {
  throw new Undecodable(`${path}: ${what}`);
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'expected an object');
  return v as Record<string, unknown>;
}

function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'expected an array');
  return v;
}

function uint(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(path, 'expected a non-negative integer');
  return v;
}

function int(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(path, 'expected an integer');
  return v;
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'expected a boolean');
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'expected a string');
  return v;
}

function decimal(v: unknown, path: string): UnsignedDecimal {
  const d = unsignedDecimal(v);
  if (d === undefined) fail(path, `expected an unsigned decimal string of at most ${MAX_INTEGER_DIGITS} integer and ${MAX_FRACTION_DIGITS} fraction digits, got ${String(JSON.stringify(v)).slice(0, 60)}`);
  return d;
}

function cloid(v: unknown, path: string): string {
  if (typeof v !== 'string' || !CLOID.test(v)) fail(path, 'expected a cloid: 0x and 32 hex digits');
  return v.toLowerCase();
}

function address(v: unknown, path: string): string {
  if (typeof v !== 'string' || !ADDRESS.test(v)) fail(path, 'expected an address: 0x and 40 hex digits');
  return v.toLowerCase();
}

function oidOrCloid(v: unknown, path: string): number | string {
  return typeof v === 'string' ? cloid(v, path) : uint(v, path);
}

function order(v: unknown, path: string): WireOrder {
  const o = obj(v, path);
  const t = obj(o.t, `${path}.t`);
  let kind: OrderKind;
  if (t.limit !== undefined) {
    const tif = str(obj(t.limit, `${path}.t.limit`).tif, `${path}.t.limit.tif`);
    if (tif !== 'Gtc' && tif !== 'Ioc' && tif !== 'Alo' && tif !== 'FrontendMarket') fail(`${path}.t.limit.tif`, `unknown variant ${JSON.stringify(tif)}`);
    kind = { limit: { tif } };
  } else if (t.trigger !== undefined) {
    const g = obj(t.trigger, `${path}.t.trigger`);
    const tpsl = str(g.tpsl, `${path}.t.trigger.tpsl`);
    if (tpsl !== 'tp' && tpsl !== 'sl') fail(`${path}.t.trigger.tpsl`, `unknown variant ${JSON.stringify(tpsl)}`);
    kind = { trigger: { isMarket: bool(g.isMarket, `${path}.t.trigger.isMarket`), triggerPx: decimal(g.triggerPx, `${path}.t.trigger.triggerPx`), tpsl } };
  } else fail(`${path}.t`, 'expected limit or trigger');
  // Key order a, b, p, s, r, t, c is the msgpack order the signature covers.
  const out: WireOrder = { a: uint(o.a, `${path}.a`), b: bool(o.b, `${path}.b`), p: decimal(o.p, `${path}.p`), s: decimal(o.s, `${path}.s`), r: bool(o.r, `${path}.r`), t: kind };
  return o.c === undefined || o.c === null ? out : { ...out, c: cloid(o.c, `${path}.c`) };
}

function readL1(a: Record<string, unknown>, type: string): L1Action {
  switch (type) {
    case 'order': {
      const orders = arr(a.orders, 'action.orders').map((o, i) => order(o, `action.orders[${i}]`));
      const g = a.grouping ?? 'na';
      if (g !== 'na' && g !== 'normalTpsl' && g !== 'positionTpsl') fail('action.grouping', `unknown variant ${JSON.stringify(g)}`);
      if (a.builder === undefined || a.builder === null) return { type, orders, grouping: g };
      const b = obj(a.builder, 'action.builder');
      return { type, orders, grouping: g, builder: { b: address(b.b, 'action.builder.b'), f: uint(b.f, 'action.builder.f') } };
    }
    case 'cancel':
      return { type, cancels: arr(a.cancels, 'action.cancels').map((c, i) => ({ a: uint(obj(c, `action.cancels[${i}]`).a, `action.cancels[${i}].a`), o: uint((c as Record<string, unknown>).o, `action.cancels[${i}].o`) })) };
    case 'cancelByCloid':
      return {
        type,
        cancels: arr(a.cancels, 'action.cancels').map((c, i) => ({ asset: uint(obj(c, `action.cancels[${i}]`).asset, `action.cancels[${i}].asset`), cloid: cloid((c as Record<string, unknown>).cloid, `action.cancels[${i}].cloid`) })),
      };
    case 'modify':
      return { type, oid: oidOrCloid(a.oid, 'action.oid'), order: order(a.order, 'action.order') };
    case 'batchModify':
      return {
        type,
        modifies: arr(a.modifies, 'action.modifies').map((m, i) => {
          const o = obj(m, `action.modifies[${i}]`);
          return { oid: oidOrCloid(o.oid, `action.modifies[${i}].oid`), order: order(o.order, `action.modifies[${i}].order`) };
        }),
      };
    case 'updateLeverage':
      return { type, asset: uint(a.asset, 'action.asset'), isCross: bool(a.isCross, 'action.isCross'), leverage: uint(a.leverage, 'action.leverage') };
    case 'updateIsolatedMargin':
      return { type, asset: uint(a.asset, 'action.asset'), isBuy: bool(a.isBuy, 'action.isBuy'), ntli: int(a.ntli, 'action.ntli') };
    case 'scheduleCancel':
      return a.time === undefined || a.time === null ? { type } : { type, time: uint(a.time, 'action.time') };
    case 'twapOrder': {
      const t = obj(a.twap, 'action.twap');
      return {
        type,
        twap: { a: uint(t.a, 'action.twap.a'), b: bool(t.b, 'action.twap.b'), s: decimal(t.s, 'action.twap.s'), r: bool(t.r, 'action.twap.r'), m: uint(t.m, 'action.twap.m'), t: bool(t.t, 'action.twap.t') },
      };
    }
    case 'twapCancel':
      return { type, a: uint(a.a, 'action.a'), t: uint(a.t, 'action.t') };
    case 'noop':
      return { type };
    default:
      fail('action.type', `unknown variant ${JSON.stringify(type)}`);
  }
}

function readUserSigned(a: Record<string, unknown>, type: string): UserSignedAction {
  const signatureChainId = str(a.signatureChainId, 'action.signatureChainId');
  // An EVM chain id: the EIP-712 domain needs it as a (safe) integer.
  if (!/^0x[0-9a-fA-F]{1,13}$/.test(signatureChainId) || Number(signatureChainId) === 0) fail('action.signatureChainId', 'expected a hex chain id of at most 13 digits');
  const hyperliquidChain = str(a.hyperliquidChain, 'action.hyperliquidChain');
  switch (type) {
    case 'usdClassTransfer':
      return { type, signatureChainId, hyperliquidChain, usd: decimal(a.amount, 'action.amount'), amount: a.amount as string, toPerp: bool(a.toPerp, 'action.toPerp'), nonce: uint(a.nonce, 'action.nonce') };
    case 'approveAgent': {
      const base = { type, signatureChainId, hyperliquidChain, agentAddress: address(a.agentAddress, 'action.agentAddress'), nonce: uint(a.nonce, 'action.nonce') } as const;
      return a.agentName === undefined || a.agentName === null ? base : { ...base, agentName: str(a.agentName, 'action.agentName') };
    }
    case 'usdSend':
      return { type, signatureChainId, hyperliquidChain, destination: address(a.destination, 'action.destination'), usd: decimal(a.amount, 'action.amount'), amount: a.amount as string, time: uint(a.time, 'action.time') };
    default:
      fail('action.type', `unknown variant ${JSON.stringify(type)}`);
  }
}

function isDecimal(v: object): v is UnsignedDecimal {
  return 'text' in v && 'value' in v && 'decimals' in v;
}

/** The action as the venue hashes it: every parsed decimal replaced by its canonical text, keys in wire order. */
function hashedForm(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(hashedForm);
  if (typeof v !== 'object' || v === null) return v;
  if (isDecimal(v)) return v.text;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = hashedForm(x);
  return out;
}

const USER_SIGNED = new Set(['usdClassTransfer', 'approveAgent', 'usdSend']);

/**
 * Reads an action: the canonical object (numbers re-serialised, keys in wire order, cloids and
 * addresses lowercased) or the text of the 422 the venue answers for a body it cannot decode.
 */
export function readAction(raw: unknown): ReadAction | { readonly error: string } {
  try {
    const a = obj(raw, 'action');
    const type = str(a.type, 'action.type');
    if (USER_SIGNED.has(type)) return { kind: 'user', action: readUserSigned(a, type) };
    const action = readL1(a, type);
    return { kind: 'l1', action, hashed: hashedForm(action) as Record<string, unknown> };
  } catch (e) {
    if (e instanceof Undecodable) return { error: `Failed to deserialize the JSON body into the target type: ${e.message}` };
    throw e;
  }
}
