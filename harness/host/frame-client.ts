// Runs inside every Custom UI document a Frame loads: the server adds it (bundled, as the external script
// __forge__/global-bridge.js, which the resource's CSP allows as 'self') at the very top of the resource's index.html,
// so `window.__bridge` exists before @forge/bridge loads, as Forge's own injected global-bridge.js does. Each bridge
// call goes to the host page by postMessage (harness/host/frames.ts answers); `events.on` callbacks stay here and the
// page sends the events to them.
import { NOT_IMPLEMENTED, isTagged, tag, type FrameToHost, type HostToFrame } from './frame-protocol';

(() => {
  // The local server serves the page and its frames from one origin; accept nothing from anywhere else.
  const hostOrigin = window.location.origin;
  const host = window.parent;
  const inFrame = host !== window;

  const post = (message: FrameToHost) => {
    if (!inFrame) throw new Error('this Custom UI resource is not inside a Frame of the local Jira host: open the host page instead');
    host.postMessage(tag(message), hostOrigin);
  };
  const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  const reportToHost = (message: string) => {
    try {
      post({ kind: 'error', message });
    } catch {
      // Not in a frame: the console has it.
    }
  };

  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const callbacks = new Map<number, { event: string; callback: (payload: unknown) => unknown }>();

  window.addEventListener('message', (event) => {
    if (event.source !== host || event.origin !== hostOrigin || !isTagged<HostToFrame>(event.data)) return;
    const message = event.data;
    if (message.kind === 'result') {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (!call) return;
      if (message.ok) call.resolve(message.value);
      else call.reject(new Error(message.error));
    } else if (message.kind === 'event') {
      const subscription = callbacks.get(message.subId);
      if (!subscription) return;
      const failed = (error: unknown) => reportToHost(`an events.on('${subscription.event}') callback threw: ${describe(error)}`);
      try {
        const result = subscription.callback(message.payload) as { catch?: unknown } | undefined;
        if (result && typeof result.catch === 'function') (result as Promise<unknown>).catch(failed);
      } catch (error) {
        failed(error);
      }
    }
  });

  function call(command: string, data: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      try {
        // Structured cloning: a payload with functions or DOM nodes fails here, as it would in Forge.
        post({ kind: 'call', id, command, data });
      } catch (error) {
        pending.delete(id);
        reject(error);
      }
    });
  }

  function on(data: { event: string; callback: (payload: unknown) => unknown }) {
    if (typeof data?.callback !== 'function') throw new TypeError('events.on: the callback must be a function');
    const subId = nextId++;
    callbacks.set(subId, { event: data.event, callback: data.callback });
    post({ kind: 'subscribe', subId, event: data.event });
    return {
      unsubscribe: () => {
        if (callbacks.delete(subId)) post({ kind: 'unsubscribe', subId });
      },
    };
  }

  window.__bridge = {
    callBridge: async (command: string, data?: unknown) =>
      command === 'on' ? on(data as { event: string; callback: (payload: unknown) => unknown }) : call(command, data),
  };
  if (!inFrame) return;

  post({ kind: 'hello' });

  // Gaps and crashes inside the frame belong on the host page's list too (its unknown commands are reported already).
  window.addEventListener('error', (event) => reportToHost(`uncaught error: ${event.error ? describe(event.error) : event.message}`));
  window.addEventListener('unhandledrejection', (event) => {
    if (!String((event.reason as { message?: unknown } | undefined)?.message ?? '').includes(NOT_IMPLEMENTED)) {
      reportToHost(`unhandled promise rejection: ${describe(event.reason)}`);
    }
  });

  // Auto-size: the host sizes a Frame without `height` to its document, which is the <html> element's box. A document
  // that makes <html> as tall as the frame (`height: 100%`) would stay at the frame's first height, so when the box
  // fills the frame, its overflow counts too (such a document can grow its Frame, never shrink it).
  let lastHeight = -1;
  const sendSize = () => {
    const root = document.documentElement;
    const box = root.getBoundingClientRect().height;
    const height = Math.ceil(box >= window.innerHeight - 1 ? Math.max(box, root.scrollHeight) : box);
    if (height === lastHeight) return;
    lastHeight = height;
    post({ kind: 'size', height });
  };
  const resized = new ResizeObserver(sendSize);
  resized.observe(document.documentElement);
  document.addEventListener('DOMContentLoaded', () => resized.observe(document.body));
  window.addEventListener('load', sendSize);
})();
