// The `_meta` of the invocation event the platform sends into a sandbox (@forge/runtime's Metadata): who the app is,
// which module and function run, the user invoked for (`aaid`, none for async consumers), and the proxy token.
import { randomUUID } from 'node:crypto';
import type { ExternalRequestBody } from './sandbox/child/invocation-protocol';

export type InvocationMeta = ExternalRequestBody['_meta'];

export interface InstallationInfo {
  cloudId: string;
  appId: string;
  scopes: string[];
}

export interface InvokedModule {
  functionKey: string;
  moduleKey: string;
  moduleType: string;
}

export const LOCAL_ENVIRONMENT_ID = 'local-environment';
export const LOCAL_APP_VERSION = '0.0.0-local';

export const contextAriOf = (cloudId: string) => `ari:cloud:jira::site/${cloudId}`;

export function invocationMeta(
  installation: InstallationInfo,
  module: InvokedModule,
  invocation: { aaid?: string; proxy: { token: string; url: string }; timeoutSeconds: number },
): InvocationMeta {
  const invocationId = randomUUID();
  return {
    apiAuth: { env: 'local', objects: '' },
    clientId: 'local',
    contextAri: contextAriOf(installation.cloudId),
    appContext: {
      appId: installation.appId,
      appVersion: LOCAL_APP_VERSION,
      environmentId: LOCAL_ENVIRONMENT_ID,
      environmentType: 'DEVELOPMENT',
      invocationId,
      installationId: 'local-installation',
      functionKey: module.functionKey,
      moduleType: module.moduleType,
      moduleKey: module.moduleKey,
      permissions: { scopes: installation.scopes, external: {} },
    },
    tracing: { traceId: invocationId, spanId: invocationId.slice(0, 16) },
    realtime: {},
    aaid: invocation.aaid,
    proxy: invocation.proxy,
    timeout: invocation.timeoutSeconds,
  };
}
