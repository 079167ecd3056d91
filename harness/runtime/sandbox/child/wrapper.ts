// The local Forge runtime wrapper (built to .build/forge-runtime/dist/wrapper.js; Forge's bundler copies it into the
// function bundle as __forge_wrapper__.cjs, in place of the wrapper it would download from Atlassian's CDN).
// For each invocation it installs the globals the Forge SDKs read (__forge_fetch__, __forge_runtime__) from the
// invocation's own metadata, calls the app's handler, and answers Forge's InvocationResult. Everything the app reaches
// (Jira, KVS) goes through the platform's proxy with the invocation's token: the sandbox holds no credentials.
import path from 'node:path';
import { PROXY_CONTEXT_HEADER, PROXY_PATH_HEADER, type ExternalRequestBody, type InvocationResult } from './invocation-protocol';

type Handler = (event: unknown, backendRuntimePayload: unknown) => unknown;
interface LambdaContext {
  awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

const handlers = new Map<string, Handler>();

function handlerFor(spec: string): Handler {
  const cached = handlers.get(spec);
  if (cached) return cached;
  const dot = spec.lastIndexOf('.');
  const file = path.join(process.env.FORGE_EFS_RUNTIME_PATH ?? __dirname, `${spec.slice(0, dot)}.cjs`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const handler = require(file)[spec.slice(dot + 1)] as Handler | undefined;
  if (typeof handler !== 'function') throw new Error(`Handler '${spec}' is not a function.`);
  handlers.set(spec, handler);
  return handler;
}

const noopTimer = { stop: () => undefined };

function installGlobals(event: ExternalRequestBody, lambdaContext: LambdaContext): void {
  const meta = event._meta;
  const proxy = meta.proxy;
  const g = globalThis as Record<string, unknown>;
  g.__forge_fetch__ = async (context: unknown, requestPath: string, init: RequestInit = {}) => {
    if (!proxy) throw new Error('Forge runtime: this invocation has no proxy');
    const headers = new Headers(init.headers as HeadersInit | undefined);
    headers.set('authorization', `Bearer ${proxy.token}`);
    headers.set(PROXY_CONTEXT_HEADER, JSON.stringify(context));
    headers.set(PROXY_PATH_HEADER, requestPath);
    return fetch(proxy.url, { ...init, headers, redirect: 'manual' });
  };
  g.__forge_runtime__ = {
    proxy,
    tracing: meta.tracing,
    metrics: {
      counter: () => ({ incr: () => undefined, decr: () => undefined }),
      timing: () => ({ measure: () => noopTimer }),
      gauge: () => ({ set: () => undefined }),
    },
    aaid: meta.aaid,
    appContext: meta.appContext,
    contextAri: meta.contextAri,
    lambdaContext,
  };
}

function describeFailure(error: unknown): InvocationResult['error'] {
  const failure = error instanceof Error ? error : new Error(String(error));
  return { errorType: failure.name, errorMessage: failure.message, stack: (failure.stack ?? '').split('\n'), isHostedCodeError: true };
}

/** Never rejects: a failing handler becomes `success: false`, as the platform reports it. */
export async function invoke(event: ExternalRequestBody, lambdaContext: LambdaContext): Promise<InvocationResult> {
  try {
    installGlobals(event, lambdaContext);
    const handler = handlerFor(event.handler);
    const body = await handler(event.body, {
      principal: event._meta.aaid ? { accountId: event._meta.aaid } : undefined,
      installContext: event._meta.contextAri,
      license: event._meta.license,
    });
    return { status: 200, success: true, body };
  } catch (error) {
    return { status: 500, success: false, body: undefined, error: describeFailure(error) };
  }
}
