// For tests of the local platform's own services (KVS, the proxy's scope and principal rules) and for the bench's
// baselines: the real @forge/kvs and @forge/api clients run in this process and reach a runtime's proxy directly, as
// the wrapper's __forge_fetch__ does inside a sandbox. The app itself never runs this way: its resolvers run in the
// built function's sandboxes.
import type { LocalRuntime } from './local-runtime';

/** Points the test process's Forge globals at `runtime` (the latest call wins), acting for `accountId` if given. */
export function useRuntimeInProcess(runtime: LocalRuntime, accountId?: string): void {
  const g = globalThis as Record<string, unknown>;
  g.__forge_fetch__ = (ctx: Parameters<LocalRuntime['platformFetch']>[0], path: string, init?: RequestInit) => runtime.platformFetch(ctx, path, init, accountId);
  const noopTimer = { stop: () => undefined };
  g.__forge_runtime__ = {
    metrics: { counter: () => ({ incr: () => undefined, decr: () => undefined }), timing: () => ({ measure: () => noopTimer }), gauge: () => ({ set: () => undefined }) },
    aaid: accountId,
    appContext: { appId: 'local-app', environmentId: 'local-environment', permissions: { scopes: runtime.manifest.scopes, external: {} } },
    lambdaContext: { getRemainingTimeInMillis: () => runtime.limits.invocationTimeoutMs },
  };
}
