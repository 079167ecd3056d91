// How the local runtime tells the simulator who a request is from. Outside callers (curl, the browser) reach the
// simulator too, so the principal header is only believed together with a per-process secret they never see.
export const FORGE_SECRET_HEADER = 'x-forge-secret';
export const FORGE_PRINCIPAL_HEADER = 'x-forge-principal';

export type ForgePrincipal = { kind: 'app' } | { kind: 'user'; accountId: string };

export function principalHeaderValue(principal: ForgePrincipal): string {
  return principal.kind === 'app' ? 'app' : `user:${principal.accountId}`;
}
