// window.__bridge: the host side of the Forge bridge that @forge/bridge and @forge/react talk to. It must exist before
// the app bundle runs (both read it when they load), so main.tsx installs it synchronously.
import type { HostPageConfig } from './config';
import { setForgeDoc } from './doc-store';
import { emitEvent, subscribeEvent } from './events-bus';
import { closeFlag, showFlag, type FlagOptions } from './flags';
import { installFrameHost } from './frames';
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
  const body = (await response.json().catch(() => undefined)) as { code?: string; message?: string } | undefined;
  if (!response.ok) {
    // The platform refused or stopped the invocation (a Forge limit, a function that threw): the real bridge rejects
    // too, and the app must cope; here it is also shown, since each is a bug of the app.
    const message = `invoke('${functionKey}') failed with HTTP ${response.status}: ${body?.code ? `${body.code}: ` : ''}${body?.message ?? 'no message'}`;
    reportHostError('invoke', message);
    throw new Error(message);
  }
  return body;
}

/** Calls an `events.on` callback of the UI Kit app with a delivered payload; a callback that throws is the app's bug. */
function callSubscriber(event: string, callback: (payload: unknown) => unknown, payload: unknown): void {
  const failed = (error: unknown) => reportHostError('app-error', `an events.on('${event}') callback threw: ${describeError(error)}`);
  try {
    const result = callback(payload) as { catch?: unknown } | undefined;
    if (result && typeof result.catch === 'function') (result as Promise<unknown>).catch(failed);
  } catch (error) {
    failed(error);
  }
}

export function createBridgeHandlers(config: HostPageConfig): Record<string, Handler> {
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
    // events.on / events.emit: one bus with every Frame's Custom UI (harness/host/events-bus.ts). useTheme subscribes to
    // FORGE_CORE_THEME_CHANGED; this host never changes theme.
    on: (data: { event: string; callback: (payload: unknown) => unknown }) => {
      if (typeof data?.callback !== 'function') throw new TypeError('events.on: the callback must be a function');
      const unsubscribe = subscribeEvent(data.event, (payload) => callSubscriber(data.event, data.callback, payload));
      return { unsubscribe };
    },
    emit: (data: { event: string; payload?: unknown }) => {
      emitEvent(data?.event, data?.payload);
    },
  };
}

export function installBridge(config: HostPageConfig): void {
  const handlers = createBridgeHandlers(config);
  installFrameHost(config, {
    getContext: () => handlers.getContext(undefined),
    invoke: async (data) => handlers.invoke(data),
  });
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
