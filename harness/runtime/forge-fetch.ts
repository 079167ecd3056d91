import { matchOperation, requiredScopes } from '../contract/openapi';
import { FORGE_PRINCIPAL_HEADER, FORGE_SECRET_HEADER, ForgePrincipal, principalHeaderValue } from './principal-channel';

/** What @forge/api passes as the first argument of `__forge_fetch__`. */
export interface ForgeFetchContext {
  type: string;
  provider: 'app' | 'user' | 'none';
  remote?: string;
  accountId?: string;
}

export interface ForgeFetchConfig {
  jiraBaseUrl: string;
  forgeSecret: string;
  scopes: readonly string[];
  /** Users who have not granted the app access yet: asUser() answers NEEDS_AUTHENTICATION_ERR for them. */
  hasGranted(accountId: string): boolean;
  /** The local Forge KVS service that answers `@forge/kvs` (`{ type: 'kvs' }`); without it such calls throw. */
  kvs?: (path: string, init: RequestInit) => Promise<Response>;
  /** The local async events queue that answers `@forge/events` (`/webhook/queue/…` on stargate, as the app). */
  queue?: (path: string, init: RequestInit) => Promise<Response>;
}

/** Who the platform invoked the function for: a user (asUser() without an id acts as them), or no one at all. */
export interface ForgeFetchInvoker {
  accountId?: string;
  /** Async event consumers run without a user (JIRA-AND-FORGE-FACTS.md, "Async events"). */
  userless?: boolean;
}

const STORAGE_SCOPE = 'storage:app';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

// Mirrors the Forge proxy in front of Jira: it picks the credentials, refuses calls the manifest's scopes do not
// cover (Jira Cloud answers 401 "scope does not match"), and signals a missing user grant with a proxy error header.
export function createForgeFetch(config: ForgeFetchConfig) {
  return async (ctx: ForgeFetchContext, path: string, init: RequestInit = {}, invoker: ForgeFetchInvoker = {}): Promise<Response> => {
    if (ctx.type === 'kvs') {
      // @forge/kvs: { type: 'kvs', provider: 'app', remote: 'kvs' }, or bare { type: 'kvs' } when the runtime
      // advertises __forge_runtime__.kvs.url/host. Forge hosted storage needs the storage:app scope.
      if (!config.kvs) throw new Error('local Forge runtime: no KVS service is configured');
      if (!config.scopes.includes(STORAGE_SCOPE)) {
        return jsonResponse(403, {
          code: 'FORBIDDEN',
          message: `The app is not allowed to use Forge storage: manifest.yml lacks the '${STORAGE_SCOPE}' scope`,
        });
      }
      return config.kvs(path, init);
    }
    if (ctx.type === 'fpp' && ctx.remote === 'stargate' && ctx.provider === 'app' && path.startsWith('/webhook/queue/')) {
      // @forge/events pushes, and asks for job stats and cancels, through __requestAtlassianAsApp (queries.js).
      if (!config.queue) throw new Error('local Forge runtime: no async events queue is configured');
      return config.queue(path, init);
    }
    if (ctx.type !== 'fpp' || ctx.remote !== 'jira') {
      throw new Error(`local Forge runtime: __forge_fetch__ type '${ctx.type}' remote '${ctx.remote}' is not supported`);
    }
    let principal: ForgePrincipal;
    if (ctx.provider === 'app') {
      principal = { kind: 'app' };
    } else if (ctx.provider === 'user') {
      // Forge's user impersonation in async contexts (a scope's `allowImpersonation`) is not modelled: refused.
      if (invoker.userless) return jsonResponse(401, { code: 401, message: 'asUser() in an invocation without a user (an async event consumer, a scheduled trigger): use asApp()' });
      // asUser(accountId) naming someone other than the invoking user would be impersonation, which @forge/manifest
      // calls "not yet supported" (a scope's allowImpersonation): refused, so the app can never come to rely on it.
      // (A platform test in the test process has no invoking user; there the named user is the principal.)
      if (ctx.accountId !== undefined && invoker.accountId !== undefined && ctx.accountId !== invoker.accountId) {
        return jsonResponse(401, { code: 401, message: 'asUser() naming a user other than the one who invoked the app: impersonation is not supported' });
      }
      const accountId = ctx.accountId ?? invoker.accountId;
      if (!accountId) return jsonResponse(401, { code: 401, message: 'asUser() called without an invoking user' });
      if (!config.hasGranted(accountId)) {
        return new Response(null, { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } });
      }
      principal = { kind: 'user', accountId };
    } else {
      // Top-level requestJira: this app always names its principal (asUser/asApp), so refuse loudly.
      return jsonResponse(401, { code: 401, message: 'requestJira without asUser()/asApp() is not allowed in this app' });
    }

    const method = (init.method ?? 'GET').toUpperCase();
    const url = new URL(path, config.jiraBaseUrl);
    const operation = matchOperation(method, url.pathname);
    if (operation) {
      const missing = requiredScopes(operation.operation).filter((scope) => !config.scopes.includes(scope));
      if (missing.length > 0) {
        return jsonResponse(401, { code: 401, message: `Unauthorized; scope does not match (missing ${missing.join(', ')})` });
      }
    }

    const headers = new Headers(init.headers as HeadersInit | undefined);
    headers.set(FORGE_SECRET_HEADER, config.forgeSecret);
    headers.set(FORGE_PRINCIPAL_HEADER, principalHeaderValue(principal));
    return fetch(url, { ...init, headers });
  };
}
