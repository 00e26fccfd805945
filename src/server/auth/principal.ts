// Who a request acts for (user, scopes, how it proved it) and the scope check every mutating endpoint runs on the server.
import { scopesGranted, type AuthVia, type PrincipalView, type Scope } from '../../api/auth.js';
import { AuthRefusedError } from './auth-errors.js';

/** An authenticated caller. Holds no secret: safe to log and to serialise. */
export interface Principal extends PrincipalView {
  /** The session's public id (sessions) or the key's id (API keys). */
  readonly credentialId: string;
}

export function principal(user: string, scope: Scope, via: AuthVia, credentialId: string): Principal {
  return Object.freeze({ user, scopes: Object.freeze([...scopesGranted(scope)]), via, credentialId });
}

/** Throws AuthRefusedError 403 'insufficient-scope' unless `p` holds `scope`. */
export function requireScope(p: Principal, scope: Scope): void {
  if (!p.scopes.includes(scope)) {
    throw new AuthRefusedError(403, 'insufficient-scope', `needs the ${scope} scope; this ${p.via === 'api-key' ? 'API key' : 'session'} has ${p.scopes.join(', ')}`);
  }
}

/** Whether `p` holds `scope` (for views that show or hide, never as the gate itself). */
export function hasScope(p: Principal, scope: Scope): boolean {
  return p.scopes.includes(scope);
}
