// The public face of server auth: the AuthService facade, the scope check, the password-hash tool, the refusals and the HTTP policy.
export { AuthService, ADMIN_USER, DEFAULT_AUTH_LIMITS, DEFAULT_ORIGIN, type AuthLimits, type AuthOutcome, type AuthServiceOptions } from './auth-service.js';
export { AuthRefusedError, RateLimitedError, type AuthRefusalReason } from './auth-errors.js';
export { requireScope, hasScope, type Principal } from './principal.js';
export { ADMIN_PASSWORD_HASH_ENV, DEFAULT_SCRYPT, hashPassword, hashPasswordFromStream, type ScryptParams } from './password-hash.js';
export { SecretToken } from './secret-token.js';
export { presentedToken, type RequestHeaders } from './credentials.js';
export { CorsPolicy, checkBind, clientAddress, isLoopback, securityHeaders, type BindSettings } from './http-policy.js';
export type { IssuedSession, Session, SessionPolicy } from './session-store.js';
export type { CreatedApiKey } from './api-keys.js';
export type { AllowedWallet } from './wallet-sign-in.js';
export type { BucketRule } from './rate-limiter.js';
export { perMinute } from './rate-limiter.js';
