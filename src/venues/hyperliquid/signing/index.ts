// Public surface of Hyperliquid signing: hashing, signing, verification, nonces and the /exchange signer.
export { encodeMsgpack } from './msgpack.js';
export type { MsgpackValue } from './msgpack.js';
export { actionHash, actionHashPreimage } from './action-hash.js';
export type { ActionHashInput } from './action-hash.js';
export {
  AGENT_TYPES, DEFAULT_SIGNATURE_CHAIN_ID, L1_DOMAIN, SEND_MULTI_SIG_TYPES, USER_SIGNED_TYPES, ZERO_ADDRESS, hyperliquidChain, l1Source, userSignedDomain,
} from './eip712.js';
export type { Network, TypedField } from './eip712.js';
export { joinSignature, normaliseV, padWord, parseSignature, sameSignature, splitSignature, trimSignature } from './signature.js';
export type { Signature } from './signature.js';
export { signConnectionId, signL1, signTypedPayload, signUserSigned, userSignedMessage, userSignedPayload, userSignedTypesOf } from './sign.js';
export type { L1SignInput, TypedDataSigner, TypedPayload, UserSignedTypes } from './sign.js';
export { recoverConnectionIdSigner, recoverL1Signer, recoverTypedPayloadSigner, recoverUserSignedSigner } from './verify.js';
export { multiSigAction, multiSigActionHash, signMultiSigL1Inner, signMultiSigOuter, signMultiSigUserSignedInner } from './multisig.js';
export type { MultiSigAction, MultiSigParties } from './multisig.js';
export { MAX_NONCE_LEAD_MS, MemoryNonceStore, NonceSource } from './nonce.js';
export type { NonceStore } from './nonce.js';
export { FileNonceStore } from './file-nonce-store.js';
export { HyperliquidSigner } from './exchange-signer.js';
export type { ExchangeRequest, L1SignOptions, SignerOptions } from './exchange-signer.js';
export { ENV_ACCOUNT_ADDRESS, ENV_PRIVATE_KEY, ENV_VAULT_ADDRESS, accountFromPrivateKey, signerFromEnv } from './env-signer.js';
export type { EnvSignerOptions } from './env-signer.js';
export { RUST_ADDRESS_FIELDS, rustCompatAction } from './rust-compat.js';
export { VECTOR_KINDS, runSigningVectors } from './vectors.js';
export type { VectorKind, VectorResult } from './vectors.js';
