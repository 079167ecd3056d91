// The page side of UI Kit's `Frame`: which resources a Frame may load, the Frames mounted right now, and the
// postMessage channel their Custom UI documents call the bridge through (see harness/host/frame-protocol.ts).
import type { FrameResourceInfo, HostPageConfig } from './config';
import { emitEvent, subscribeEvent } from './events-bus';
import { NOT_IMPLEMENTED, isTagged, tag, type FrameToHost, type HostToFrame } from './frame-protocol';
import { reportHostError } from './host-errors';

/** What the page's bridge lends the frames: the same answers the UI Kit app gets. */
export interface FrameHostServices {
  getContext(): unknown;
  invoke(data: { functionKey: string; payload?: unknown; metadata?: unknown }): Promise<unknown>;
}

interface MountedFrame {
  resource: string;
  onSize(height: number): void;
  /** subscription id (the frame's) → unsubscribe. */
  subscriptions: Map<number, () => void>;
}

let services: FrameHostServices | undefined;
let resources: Record<string, FrameResourceInfo> = {};
const mounted = new Map<MessageEventSource, MountedFrame>();

/** Where the Frame for `resourceKey` loads from, or why it cannot; undefined if the manifest has no such resource. */
export function frameResource(resourceKey: unknown): FrameResourceInfo | undefined {
  if (typeof resourceKey !== 'string' || !Object.prototype.hasOwnProperty.call(resources, resourceKey)) return undefined;
  return resources[resourceKey];
}

function dropSubscriptions(frame: MountedFrame): void {
  frame.subscriptions.forEach((unsubscribe) => unsubscribe());
  frame.subscriptions.clear();
}

/**
 * A Frame's iframe is in the page: accept its document's messages from now on. Returns the function that forgets it
 * (and ends its event subscriptions) when the Frame unmounts.
 */
export function mountFrame(window_: Window, resource: string, onSize: (height: number) => void): () => void {
  const frame: MountedFrame = { resource, onSize, subscriptions: new Map() };
  mounted.set(window_, frame);
  if (mounted.size > 1) {
    const resourcesShown = [...mounted.values()].map((f) => `'${f.resource}'`).join(', ');
    reportHostError('frame', `this module renders ${mounted.size} Frames at once (${resourcesShown}); UI Kit renders only one Frame per module`);
  }
  return () => {
    dropSubscriptions(frame);
    if (mounted.get(window_) === frame) mounted.delete(window_);
  };
}

function reply(target: MessageEventSource, message: HostToFrame): void {
  (target as Window).postMessage(tag(message), window.location.origin);
}

async function runCommand(frame: MountedFrame, command: string, data: any): Promise<unknown> {
  if (!services) throw new Error('the frame host is not installed');
  switch (command) {
    case 'emit':
      return emitEvent(data?.event, data?.payload);
    case 'getContext':
      // The frame is part of the same module: the same context the UI Kit app gets.
      return services.getContext();
    case 'invoke':
      return services.invoke(data);
    default: {
      const message = `bridge command '${command}' (from the Frame of resource '${frame.resource}') ${NOT_IMPLEMENTED}`;
      reportHostError('bridge-command', message);
      throw new Error(message);
    }
  }
}

async function answerCall(source: MessageEventSource, frame: MountedFrame, id: number, command: string, data: unknown): Promise<void> {
  let value: unknown;
  try {
    value = await runCommand(frame, command, data);
  } catch (error) {
    return reply(source, { kind: 'result', id, ok: false, error: (error as Error)?.message ?? String(error) });
  }
  try {
    reply(source, { kind: 'result', id, ok: true, value });
  } catch (error) {
    reply(source, { kind: 'result', id, ok: false, error: `the answer to '${command}' cannot be sent to the frame: ${(error as Error).message}` });
  }
}

function onMessage(event: MessageEvent): void {
  if (event.origin !== window.location.origin || !event.source) return;
  const frame = mounted.get(event.source);
  if (!frame || !isTagged<FrameToHost>(event.data)) return;
  const source = event.source;
  const message = event.data;
  switch (message.kind) {
    case 'hello':
      dropSubscriptions(frame);
      break;
    case 'call':
      void answerCall(source, frame, message.id, String(message.command), message.data);
      break;
    case 'subscribe': {
      const { subId } = message;
      frame.subscriptions.get(subId)?.();
      try {
        const unsubscribe = subscribeEvent(message.event, (payload) => {
          // The frame may have gone (or reloaded) since: only its current subscriptions hear anything.
          if (mounted.get(source) === frame && frame.subscriptions.has(subId)) reply(source, { kind: 'event', subId, payload });
        });
        frame.subscriptions.set(subId, unsubscribe);
      } catch (error) {
        reportHostError('app-error', `the Frame of resource '${frame.resource}': ${(error as Error).message}`);
      }
      break;
    }
    case 'unsubscribe':
      frame.subscriptions.get(message.subId)?.();
      frame.subscriptions.delete(message.subId);
      break;
    case 'size':
      if (typeof message.height === 'number' && Number.isFinite(message.height)) frame.onSize(Math.max(0, Math.ceil(message.height)));
      break;
    case 'error':
      reportHostError('app-error', `the Frame of resource '${frame.resource}': ${String(message.message)}`);
      break;
    default:
      reportHostError('frame', `the Frame of resource '${frame.resource}' sent an unknown message: ${JSON.stringify(message).slice(0, 200)}`);
  }
}

let installed = false;

export function installFrameHost(config: HostPageConfig, frameServices: FrameHostServices): void {
  services = frameServices;
  resources = config.resources ?? {};
  if (!installed) window.addEventListener('message', onMessage);
  installed = true;
}
