// Signature recovery for the local venue: L1 and user-signed vectors recover their signer; tampering recovers someone else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recoverConnectionIdSigner, recoverL1Signer, recoverUserSignedSigner } from './verify.js';

const PY_ADDR = '0x14791697260e4c9a71f18484c9f997b308e59325';
const RS_ADDR = '0xcd49bbac6e85fdeb167eb7ca41a945d2b8758f6f';

test('an L1 vector (unpadded Python r/s) recovers its signer; vault and network matter', async () => {
  const input = { action: { type: 'dummy', num: 100000000000 }, nonce: 0, vaultAddress: '0x1719884eb866cb12b2287399b15f7db5e7d775ea', network: 'mainnet' as const };
  const signature = { r: '0x3c548db75e479f8012acf3000ca3a6b05606bc2ec0c29c50c515066a326239', s: '0x4d402be7396ce74fbba3795769cda45aec00dc3125a984f2a9f23177b190da2c', v: 28 };
  assert.equal(await recoverL1Signer({ ...input, signature }), PY_ADDR);
  assert.notEqual(await recoverL1Signer({ ...input, vaultAddress: null, signature }), PY_ADDR);
  assert.notEqual(await recoverL1Signer({ ...input, network: 'testnet', signature }), PY_ADDR);
  // v given as y parity (0/1) is accepted.
  assert.equal(await recoverL1Signer({ ...input, signature: { ...signature, v: 1 } }), PY_ADDR);
});

test('a bare connection id recovers its signer', async () => {
  const sig = { r: '0xfa8a41f6a3fa728206df80801a83bcbfbab08649cd34d9c0bfba7c7b2f99340f', s: '0x53a00226604567b98a1492803190d65a201d6805e5831b7044f17fd530aec784', v: 28 };
  assert.equal(await recoverConnectionIdSigner('0xde6c4037798a4434ca03cd05f00e3b803126221375cd1e7eaaaf041768be06eb', 'mainnet', sig), RS_ADDR);
});

test('user-signed actions recover from the type table; a changed amount recovers someone else', async () => {
  const action = { type: 'usdSend', signatureChainId: '0x66eee', hyperliquidChain: 'Testnet', destination: '0x5e9ee1089755c3435139848e47e6635505d5a13a', amount: '1', time: 1687816341423 };
  const sig = { r: '0x637b37dd731507cdd24f46532ca8ba6eec616952c56218baeff04144e4a77073', s: '0x11a6a24900e6e314136d2592e2f8d502cd89b7c15b198e1bee043c9589f9fad7', v: 27 };
  assert.equal(await recoverUserSignedSigner(action, sig), PY_ADDR);
  assert.notEqual(await recoverUserSignedSigner({ ...action, amount: '2' }, sig), PY_ADDR);
  const withdraw = { ...action, type: 'withdraw3' };
  assert.equal(await recoverUserSignedSigner(withdraw, { r: '0x8363524c799e90ce9bc41022f7c39b4e9bdba786e5f9c72b20e43e1462c37cf9', s: '0x58b1411a775938b83e29182e8ef74975f9054c8e97ebf5ec2dc8d51bfc893881', v: 28 }), PY_ADDR);
  const fee = { type: 'approveBuilderFee', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', maxFeeRate: '0.001%', builder: '0x1234567890123456789012345678901234567890', nonce: 1583838 };
  assert.equal(await recoverUserSignedSigner(fee, { r: '0x343c9078af7c3d6683abefd0ca3b2960de5b669b716863e6dc49090853a4a3cd', s: '0x6c016301239461091a8ca3ea5ac783362526c4d9e9e624ffc563aea93d6ac239', v: 27 }), RS_ADDR);
});

test('malformed signatures and actions are bad input, named', async () => {
  const action = { type: 'noop' };
  await assert.rejects(recoverL1Signer({ action, nonce: 1, network: 'mainnet', signature: { r: '0x1', s: 'zz', v: 27 } }), /signature.s: expected 0x \+ 1..64 hex/);
  await assert.rejects(recoverL1Signer({ action, nonce: 1, network: 'mainnet', signature: { r: '0x1', s: '0x1', v: 29 } }), /signature.v: expected v 27 or 28/);
  await assert.rejects(recoverL1Signer({ action, nonce: 1, network: 'mainnet', signature: null }), /signature: expected \{r, s, v\}/);
  await assert.rejects(recoverUserSignedSigner({ type: 'order' }, { r: '0x1', s: '0x1', v: 27 }), /action.type: not a user-signed action type: "order"/);
  await assert.rejects(recoverUserSignedSigner({ type: 'usdSend', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', amount: '1', time: 1 }, { r: '0x1', s: '0x1', v: 27 }), /action.destination: missing/);
});

test('address fields of user-signed actions hash the same in any case (checksum not enforced)', async () => {
  const fee = { type: 'approveBuilderFee', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', maxFeeRate: '0.001%', builder: '0x1234567890123456789012345678901234567890', nonce: 1583838 };
  const sig = { r: '0x343c9078af7c3d6683abefd0ca3b2960de5b669b716863e6dc49090853a4a3cd', s: '0x6c016301239461091a8ca3ea5ac783362526c4d9e9e624ffc563aea93d6ac239', v: 27 };
  const agent = { type: 'approveAgent', signatureChainId: '0x66eee', hyperliquidChain: 'Mainnet', agentAddress: '0xAbCdEf0123456789aBcDeF0123456789AbCdEf01', nonce: 1 };
  assert.equal(await recoverUserSignedSigner(fee, sig), RS_ADDR);
  const a = await recoverUserSignedSigner(agent, sig);
  assert.equal(await recoverUserSignedSigner({ ...agent, agentAddress: agent.agentAddress.toLowerCase() }, sig), a);
  await assert.rejects(recoverUserSignedSigner({ ...agent, agentAddress: '0x12' }, sig), /action.agentAddress: expected an address/);
});
