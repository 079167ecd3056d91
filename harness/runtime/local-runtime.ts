import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createForgeFetch } from './forge-fetch';
import { KvsService } from './kvs';
import { AppManifest, loadManifest } from './manifest';

export interface InvokeRequest {
  functionKey: string;
  payload?: unknown;
  /** accountType defaults to 'licensed' for a user and 'anonymous' without one. */
  context: { accountId?: string; moduleKey: string; accountType?: 'licensed' | 'unlicensed' | 'customer' | 'anonymous' };
}

type ForgeHandler = (event: unknown, backendRuntimePayload?: unknown) => Promise<unknown>;

export class InvokeRequestError extends Error {}

export interface LocalRuntimeOptions {
  jiraBaseUrl: string;
  forgeSecret: string;
  manifestPath?: string;
  cloudId?: string;
  /** SQLite file of the local Forge KVS (`@forge/kvs`), or ':memory:' (default). */
  kvsDbPath?: string;
}

interface Invocation {
  accountId?: string;
  moduleKey: string;
}

const DEFAULT_MANIFEST = path.resolve(__dirname, '../../manifest.yml');
const FORGE_INVOKE_LIMIT_MS = 25_000;

type ForgeFetch = ReturnType<typeof createForgeFetch>;

interface ActiveInvocation extends Invocation {
  forgeFetch: ForgeFetch;
}

// Forge's globals are process-wide, but several runtimes may live in one process (tests with different manifests).
// Each invocation carries its own runtime's fetch; calls outside any invocation use the most recently created one.
const invocations = new AsyncLocalStorage<ActiveInvocation>();
let latestForgeFetch: ForgeFetch | undefined;

function installForgeGlobals(scopes: readonly string[]) {
  const g = globalThis as Record<string, unknown>;
  g.__forge_fetch__ = (...args: Parameters<ForgeFetch>) => {
    const forgeFetch = invocations.getStore()?.forgeFetch ?? latestForgeFetch;
    if (!forgeFetch) throw new Error('local Forge runtime: no runtime has been created');
    return forgeFetch(...args);
  };
  const noopTimer = { stop: () => undefined };
  g.__forge_runtime__ = {
    metrics: {
      counter: () => ({ incr: () => undefined, decr: () => undefined }),
      timing: () => ({ measure: () => noopTimer }),
      gauge: () => ({ set: () => undefined }),
    },
    get aaid() {
      return invocations.getStore()?.accountId;
    },
    appContext: {
      appId: 'local-app',
      appVersion: '0.0.0-local',
      environmentId: 'local-environment',
      environmentType: 'DEVELOPMENT',
      invocationId: 'local-invocation',
      installationId: 'local-installation',
      get moduleKey() {
        return invocations.getStore()?.moduleKey;
      },
      permissions: { scopes, external: {} },
    },
    lambdaContext: { getRemainingTimeInMillis: () => FORGE_INVOKE_LIMIT_MS },
  };
}

/**
 * Runs the app's real resolver handler the way the Forge platform does: it finds the module's resolver function in
 * manifest.yml, loads the handler it names, and calls it with the platform's (event, backendRuntimePayload) pair.
 */
export function createLocalRuntime(options: LocalRuntimeOptions) {
  const manifestPath = options.manifestPath ?? DEFAULT_MANIFEST;
  const manifest: AppManifest = loadManifest(manifestPath);
  const cloudId = options.cloudId ?? 'local-cloud-0000';
  const notGranted = new Set<string>();
  const kvs = new KvsService({ dbPath: options.kvsDbPath ?? ':memory:', manifestPath });
  const forgeFetch = createForgeFetch({
    jiraBaseUrl: options.jiraBaseUrl,
    forgeSecret: options.forgeSecret,
    scopes: manifest.scopes,
    currentAccountId: () => invocations.getStore()?.accountId,
    hasGranted: (accountId) => !notGranted.has(accountId),
    kvs: (kvsPath, init) => kvs.handle(kvsPath, init),
  });
  installForgeGlobals(manifest.scopes);
  latestForgeFetch = forgeFetch;

  const handlers = new Map<string, ForgeHandler>();
  function handlerFor(functionKey: string): ForgeHandler {
    const cached = handlers.get(functionKey);
    if (cached) return cached;
    const spec = manifest.functions.get(functionKey);
    if (!spec) throw new InvokeRequestError(`manifest.yml has no function module '${functionKey}'`);
    const dot = spec.lastIndexOf('.');
    const file = path.join(manifest.root, 'src', spec.slice(0, dot));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const handler = require(file)[spec.slice(dot + 1)] as ForgeHandler | undefined;
    if (typeof handler !== 'function') throw new InvokeRequestError(`handler '${spec}' is not a function`);
    handlers.set(functionKey, handler);
    return handler;
  }

  async function invoke(request: InvokeRequest): Promise<unknown> {
    const module = manifest.modules.get(request.context.moduleKey);
    if (!module) throw new InvokeRequestError(`manifest.yml has no module '${request.context.moduleKey}'`);
    if (!module.resolverFunction) throw new InvokeRequestError(`module '${module.key}' has no resolver`);
    const handler = handlerFor(module.resolverFunction);
    const { accountId } = request.context;
    const event = {
      call: { functionKey: request.functionKey, payload: request.payload, jobId: undefined },
      context: {
        cloudId,
        localId: `${module.key}-${randomUUID()}`,
        moduleKey: module.key,
        extension: { type: module.type },
        environmentType: 'DEVELOPMENT',
        environmentId: 'local-environment',
        accountType: request.context.accountType ?? (accountId ? 'licensed' : 'anonymous'),
      },
    };
    const backendRuntimePayload = {
      principal: accountId ? { accountId } : undefined,
      installContext: `ari:cloud:jira::site/${cloudId}`,
    };
    return invocations.run({ accountId, moduleKey: module.key, forgeFetch }, () => handler(event, backendRuntimePayload));
  }

  return {
    manifest,
    invoke,
    /** The local Forge KVS behind `@forge/kvs` (its store, request log and entries). */
    kvs,
    /** Closes the KVS database. */
    close: () => kvs.close(),
    /** Simulate a user who has not yet allowed the app to act for them (asUser() then throws NeedsAuthenticationError). */
    revokeUserGrant: (accountId: string) => notGranted.add(accountId),
    grantUser: (accountId: string) => notGranted.delete(accountId),
  };
}

export type LocalRuntime = ReturnType<typeof createLocalRuntime>;
