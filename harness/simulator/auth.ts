import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SimStore } from './store';
import type { SimPrincipal } from './types';

export type AuthenticatedPrincipal = Exclude<SimPrincipal, { kind: 'anonymous' }>;

export type AuthResult = { ok: true; principal: SimPrincipal } | { ok: false; reason: string };

// Same-length digests make the comparison constant-time whatever the length of the presented secret.
function secretMatches(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function activeUser(store: SimStore, accountId: string | undefined): AuthResult {
  const user = accountId === undefined ? undefined : store.getUser(accountId);
  if (!user) return { ok: false, reason: 'unknown user' };
  if (!user.active) return { ok: false, reason: 'inactive user' };
  // App accounts have no login: only the app itself acts as one (the `app` principal).
  if (user.accountType === 'app') return { ok: false, reason: 'app accounts cannot sign in' };
  return { ok: true, principal: { kind: 'user', accountId: user.accountId } };
}

/**
 * Who is calling: the local Forge runtime (x-forge-secret + x-forge-principal), HTTP Basic with a seeded user's
 * email and any API token, or nobody. Presented but wrong credentials fail; no credentials are anonymous.
 */
export function authenticate(headers: IncomingHttpHeaders, store: SimStore, forgeSecret: string): AuthResult {
  const secret = single(headers['x-forge-secret']);
  if (secret !== undefined) {
    if (!secretMatches(secret, forgeSecret)) return { ok: false, reason: 'wrong forge secret' };
    const principal = single(headers['x-forge-principal']) ?? '';
    if (principal === 'app') return { ok: true, principal: { kind: 'app' } };
    if (principal.startsWith('user:')) return activeUser(store, principal.slice('user:'.length));
    return { ok: false, reason: `unrecognised x-forge-principal '${principal}'` };
  }

  const authorization = single(headers.authorization);
  if (authorization === undefined) return { ok: true, principal: { kind: 'anonymous' } };
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (!basic) return { ok: false, reason: 'unsupported authorization scheme' };
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return { ok: false, reason: 'malformed basic credentials' };
  return activeUser(store, store.getUserByEmail(decoded.slice(0, colon))?.accountId);
}
