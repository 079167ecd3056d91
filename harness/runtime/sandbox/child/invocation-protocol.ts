// What the local platform sends into a sandbox and gets back: Forge's own invocation shapes (@forge/runtime's
// ExternalRequestBody and InvocationResult, the ones `forge tunnel` passes to its sandbox), and the header names the
// wrapper's __forge_fetch__ uses to reach the platform's proxy.
import type { ExternalRequestBody, InvocationResult } from '@forge/runtime';

export type { ExternalRequestBody, InvocationResult };

/** One message to the runner over IPC, as @forge/tunnel's NodeSandbox sends it. */
export interface SandboxRequest {
  lambdaEvent: ExternalRequestBody;
  tunnelContext: { requestId: string; deadline: number };
}

/** The runner's answer over IPC. */
export interface SandboxResponse {
  requestId: string;
  result: InvocationResult;
}

/** The `__forge_fetch__` context (`{ type, provider, remote, accountId? }`), JSON in a header of the proxied request. */
export const PROXY_CONTEXT_HEADER = 'x-forge-fetch-context';
/** The path @forge/api or @forge/kvs asked for, sent beside the context. */
export const PROXY_PATH_HEADER = 'x-forge-fetch-path';
