// window.__bridge: the host side of the Forge bridge that @forge/bridge and @forge/react talk to. It must exist before
// the app bundle runs (both read it when they load), so main.tsx installs it synchronously.
import type { HostPageConfig } from './config';
import { setForgeDoc } from './doc-store';
import { closeFlag, showFlag, type FlagOptions } from './flags';
import { reportHostError } from './host-errors';
import type { ForgeDoc } from './render/types';

type Handler = (data: any) => unknown;

declare global {
  interface Window {
    __bridge?: { callBridge: (command: string, data?: unknown) => Promise<unknown> };
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

async function postInvoke(config: HostPageConfig, functionKey: string, payload: unknown): Promise<unknown> {
  const response = await fetch('/__forge/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionKey, payload, context: { accountId: config.account.accountId, moduleKey: config.module.key } }),
  });
  const body = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
  if (!response.ok) {
    // The platform itself refused (unknown key, crashed resolver): the real bridge rejects too, and it is a bug.
    const message = `invoke('${functionKey}') failed with HTTP ${response.status}: ${body?.message ?? 'no message'}`;
    reportHostError('invoke', message);
    throw new Error(message);
  }
  return body;
}

export function createBridgeHandlers(config: HostPageConfig): Record<string, Handler> {
  const subscribers = new Map<string, Set<(payload: unknown) => unknown>>();
  return {
    reconcile: (data: { forgeDoc: ForgeDoc }) => {
      setForgeDoc(data.forgeDoc);
    },
    invoke: (data: { functionKey: string; payload?: unknown; metadata?: unknown }) => {
      if (data.metadata !== undefined) throw new Error('the local host does not implement invoke with metadata');
      return postInvoke(config, data.functionKey, data.payload);
    },
    getContext: () => structuredClone(config.context),
    showFlag: (data: FlagOptions) => {
      showFlag(data);
    },
    closeFlag: (data: { id: string | number }) => closeFlag(data.id),
    // The reconciler reports errors it cannot recover from (a component threw while rendering).
    onError: (data: { error?: unknown }) => {
      reportHostError('app-error', `the app crashed while rendering: ${describeError(data?.error)}`);
    },
    // events.on / events.emit (useTheme subscribes to FORGE_CORE_THEME_CHANGED; this host never changes theme).
    on: (data: { event: string; callback: (payload: unknown) => unknown }) => {
      const set = subscribers.get(data.event) ?? new Set();
      subscribers.set(data.event, set);
      set.add(data.callback);
      return { unsubscribe: () => set.delete(data.callback) };
    },
    emit: (data: { event: string; payload?: unknown }) => {
      subscribers.get(data.event)?.forEach((callback) => callback(data.payload));
    },
  };
}

export function installBridge(config: HostPageConfig): void {
  const handlers = createBridgeHandlers(config);
  window.__bridge = {
    callBridge: async (command: string, data?: unknown) => {
      const handler = Object.prototype.hasOwnProperty.call(handlers, command) ? handlers[command] : undefined;
      if (!handler) {
        const message = `bridge command '${command}' is not implemented by the local Jira host`;
        reportHostError('bridge-command', message);
        throw new Error(message);
      }
      return handler(data);
    },
  };
}
