// POST /exchange: decode, recover the signer, apply the nonce rules, then run the action on the signer's account.
import type { Account } from './account.js';
import { spendRequests } from './address-rate-limit.js';
import type { LocalVenue } from './local-venue.js';
import { updateIsolatedMargin, usdAmount, usdClassTransfer } from './margin-transfers.js';
import { modifyOrder, placeOrders, type WireOrderStatus } from './order-entry.js';
import { ok, refused, undecodable, type Reply } from './reply.js';
import { l1ActionHash, readSignature, recoverL1Signer, recoverUserSigner } from './signer-recovery.js';
import { cancelTwap, startTwap } from './twap-orders.js';
import { readAction, signedNonce, UNSUPPORTED_ACTIONS, type L1Action, type UserSignedAction } from './wire-actions.js';

type Body = Record<string, unknown>;

const DEFAULT = { status: 'ok', response: { type: 'default' } } as const;

/** JSON.stringify drops undefined keys before they reach us; the hash does the same for null optional fields. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = withoutNulls(x);
  return out;
}

export async function handleExchange(venue: LocalVenue, raw: unknown): Promise<Reply> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undecodable();
  const body = raw as Body;
  const type = typeof body.action === 'object' && body.action !== null ? (body.action as Body).type : undefined;
  if (typeof type === 'string' && UNSUPPORTED_ACTIONS.has(type)) return refused(`Action ${type} is not supported by the local venue.`);
  const amount = type === 'usdClassTransfer' ? (body.action as Body).amount : undefined;
  // The venue's "1.5 subaccount:0x…" form moves USDC of a sub-account.
  if (typeof amount === 'string' && amount.includes('subaccount:')) return refused('Vault and sub-account trading is not supported by the local venue.');
  const read = readAction(body.action);
  if ('error' in read) return undecodable(read.error);
  const nonce = body.nonce;
  if (typeof nonce !== 'number' || !Number.isSafeInteger(nonce) || nonce < 0) return undecodable('Failed to deserialize the JSON body into the target type: nonce: expected a non-negative integer');
  const sig = readSignature(body.signature);
  if (sig === undefined) return undecodable('Failed to deserialize the JSON body into the target type: signature: expected {r, s, v}');
  if (body.vaultAddress !== undefined && body.vaultAddress !== null) return refused('Vault and sub-account trading is not supported by the local venue.');
  const expiresAfter = body.expiresAfter === undefined || body.expiresAfter === null ? undefined : body.expiresAfter;
  if (expiresAfter !== undefined && (typeof expiresAfter !== 'number' || !Number.isSafeInteger(expiresAfter))) return undecodable('Failed to deserialize the JSON body into the target type: expiresAfter: expected an integer');
  const now = venue.now();

  let signer: string | undefined;
  if (read.kind === 'l1') {
    if (expiresAfter !== undefined && expiresAfter < now) return refused(`Action expired: expiresAfter ${expiresAfter} < ${now}`);
    // The venue hashes its own canonical form of the action: a client that signed "25.20", or keys in
    // another order, signed a different hash and so "is" another address, which has no account.
    const canonical = l1ActionHash(read.hashed, nonce, undefined, expiresAfter);
    if (canonical === undefined) return undecodable('Failed to deserialize the JSON body into the target type: action: cannot be hashed');
    signer = await recoverL1Signer(canonical, sig, venue.opts.testnet);
    if (signer === undefined) return refused('Unable to recover signer.');
    const asSent = l1ActionHash(withoutNulls(body.action) as Record<string, unknown>, nonce, undefined, expiresAfter);
    // Clients serialise what they signed, so a body whose own hash differs was signed as sent: refuse
    // it as the venue would, unless the canonical signer is a known account (then the body was merely reordered).
    if (asSent !== canonical && venue.account(signer) === undefined && !venue.agents.has(signer)) return refused(`User or API Wallet ${signer} does not exist.`);
  } else {
    if (expiresAfter !== undefined) return undecodable('Failed to deserialize the JSON body into the target type: expiresAfter: not allowed on user-signed actions');
    const chain = venue.opts.testnet ? 'Testnet' : 'Mainnet';
    if (read.action.hyperliquidChain !== chain) return refused(`Invalid hyperliquidChain ${read.action.hyperliquidChain}: this venue is ${chain}.`);
    // The envelope nonce is not signed; the action's own is, so they must agree (else one signed transfer replays under any fresh nonce).
    const signed = signedNonce(read.action);
    if (signed.value !== nonce) return refused(`Invalid nonce: the action's ${signed.field} ${signed.value} differs from the request nonce ${nonce}.`);
    signer = await recoverUserSigner(read.action as unknown as Record<string, unknown>, sig);
    if (signer === undefined) return refused('Unable to recover signer.');
    // API wallets sign L1 actions only; moving funds or approving agents takes the account's own key.
    if (venue.agents.has(signer)) return refused(`API wallet ${signer} cannot sign ${read.action.type}: user-signed actions need the account's own key.`);
  }

  // An approved API wallet trades for its master; nonces stay per signer.
  const owner = read.kind === 'l1' ? (venue.agents.get(signer) ?? signer) : signer;
  const acct = venue.openAccount(owner, 'signed');
  if (acct === undefined) {
    if (venue.accountCount >= venue.maxAccounts) return refused(`User or API Wallet ${signer} does not exist: the local venue holds at most ${venue.maxAccounts} accounts.`);
    return refused(`User or API Wallet ${signer} does not exist.`);
  }
  const bad = venue.nonces.check(signer, nonce, now);
  if (bad !== undefined) return refused(bad);
  const throttled = spendRequests(acct, read.action, now);
  if (throttled !== undefined) return refused(throttled);
  venue.nonces.use(signer, nonce);
  // Whatever the action changes of the account is saved with its nonce (a state file).
  acct.changed = true;
  const reply = read.kind === 'l1' ? runL1(venue, acct, read.action) : runUserSigned(venue, acct, read.action);
  venue.settle(acct);
  return reply;
}

function runL1(venue: LocalVenue, acct: Account, action: L1Action): Reply {
  switch (action.type) {
    case 'order':
      if (action.grouping === 'normalTpsl' && action.orders.length === 0) return refused('Grouping normalTpsl needs a parent order.');
      return ok({ status: 'ok', response: { type: 'order', data: { statuses: placeOrders(venue.entry(), acct, action.orders, action.grouping) } } });
    case 'cancel':
      return ok({ status: 'ok', response: { type: 'cancel', data: { statuses: action.cancels.map((c) => cancelOne(acct, c.a, c.o)) } } });
    case 'cancelByCloid':
      return ok({ status: 'ok', response: { type: 'cancel', data: { statuses: action.cancels.map((c) => cancelOne(acct, c.asset, c.cloid)) } } });
    case 'modify': {
      const s = modifyOrder(venue.entry(), acct, action.oid, action.order);
      return typeof s === 'object' && 'error' in s ? refused(s.error) : ok(DEFAULT);
    }
    case 'batchModify': {
      const statuses: WireOrderStatus[] = action.modifies.map((m) => modifyOrder(venue.entry(), acct, m.oid, m.order));
      return ok({ status: 'ok', response: { type: 'order', data: { statuses } } });
    }
    case 'updateLeverage': {
      const m = venue.market(action.asset);
      if (m === undefined) return refused(`Invalid asset ${action.asset}.`);
      if (action.leverage < 1 || action.leverage > m.spec.maxLeverage) return refused(`Invalid leverage value: ${action.leverage} (max ${m.spec.maxLeverage}x for ${m.spec.name}).`);
      acct.leverage.set(m.spec.name, { type: action.isCross ? 'cross' : 'isolated', value: action.leverage });
      acct.venue.setLeverage(m.spec.name, action.leverage);
      return ok(DEFAULT);
    }
    case 'updateIsolatedMargin': {
      const m = venue.market(action.asset);
      if (m === undefined) return refused(`Invalid asset ${action.asset}.`);
      const bad = updateIsolatedMargin(acct, m, action.ntli);
      return bad === undefined ? ok(DEFAULT) : refused(bad);
    }
    case 'twapOrder':
      return ok({ status: 'ok', response: { type: 'twapOrder', data: { status: startTwap(venue.entry(), acct, action.twap, () => venue.ids.nextTwapId()) } } });
    case 'twapCancel':
      return ok({ status: 'ok', response: { type: 'twapCancel', data: { status: cancelTwap(acct, action.a, action.t) } } });
    case 'scheduleCancel': {
      if (action.time === undefined) {
        acct.scheduledCancel = undefined;
        return ok(DEFAULT);
      }
      if (action.time < venue.now() + 5_000) return refused('Scheduled cancel time too early, must be at least 5 seconds from now.');
      acct.scheduledCancel = action.time;
      return ok(DEFAULT);
    }
    case 'noop':
      return ok(DEFAULT);
  }
}

function cancelOne(acct: Account, asset: number, ref: number | string): 'success' | { error: string } {
  const o = acct.byOidOrCloid(ref);
  if (o === undefined || o.asset !== asset || !acct.cancel(o)) return { error: `Order was never placed, already canceled, or filled. asset=${asset}` };
  return 'success';
}

function runUserSigned(venue: LocalVenue, acct: Account, action: UserSignedAction): Reply {
  switch (action.type) {
    case 'approveAgent': {
      const bad = venue.agents.approve(acct.address, action.agentAddress, action.agentName);
      return bad === undefined ? ok(DEFAULT) : refused(bad);
    }
    case 'usdClassTransfer': {
      const bad = usdClassTransfer(acct, action.usd, action.toPerp, venue.now());
      return bad === undefined ? ok(DEFAULT) : refused(bad);
    }
    case 'usdSend': {
      const amount = usdAmount(action.usd);
      if (amount === undefined) return refused('Invalid amount.');
      if (action.usd.value > acct.withdrawable()) return refused('Insufficient balance for withdrawal.');
      const to = venue.openAccount(action.destination, 'transfer');
      if (to === undefined) return refused(`Destination ${action.destination} cannot get an account: the local venue holds at most ${venue.maxAccounts} accounts.`);
      acct.ledger.deposit(venue.now(), -amount, `usdSend to ${to.address}`);
      to.ledger.deposit(venue.now(), amount, `usdSend from ${acct.address}`);
      return ok(DEFAULT);
    }
  }
}
