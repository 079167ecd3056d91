// The `events` API of @forge/bridge: one bus per page, shared by the UI Kit app (harness/host/bridge.ts) and every
// Custom UI document its Frames load (harness/host/frames.ts). As Forge documents it, an emitted event reaches every
// subscription to that event name, the emitter's own included; `unsubscribe()` ends one subscription only.
//
// Events cross frames in Forge (the UI Kit app and each Custom UI run in iframes), so here too: the payload must survive
// structured cloning (emit rejects otherwise, as the product's postMessage would), every subscriber gets its own copy,
// and delivery is asynchronous.

type Deliver = (payload: unknown) => void;

const subscriptions = new Map<string, Set<{ deliver: Deliver }>>();

/** Subscribes to `event`; the returned function ends this subscription (and only this one). */
export function subscribeEvent(event: string, deliver: Deliver): () => void {
  if (typeof event !== 'string') throw new TypeError(`events.on: the event name must be a string, not ${typeof event}`);
  const entry = { deliver };
  let set = subscriptions.get(event);
  if (!set) subscriptions.set(event, (set = new Set()));
  set.add(entry);
  return () => {
    set.delete(entry);
    if (set.size === 0 && subscriptions.get(event) === set) subscriptions.delete(event);
  };
}

/** Sends `payload` to every subscription to `event`. Throws if the payload cannot cross a frame boundary. */
export function emitEvent(event: string, payload: unknown): void {
  if (typeof event !== 'string') throw new TypeError(`events.emit: the event name must be a string, not ${typeof event}`);
  let copy: unknown;
  try {
    copy = structuredClone(payload);
  } catch (error) {
    throw new Error(
      `events.emit('${event}'): the payload cannot be sent to other frames (${(error as Error).message}). ` +
        'Forge event payloads are strings, numbers, booleans, null, Blobs, and objects or arrays of those.',
    );
  }
  const set = subscriptions.get(event);
  if (!set) return;
  for (const entry of [...set]) {
    setTimeout(() => {
      // A subscription ended between emit and delivery hears nothing, as with a frame that has gone.
      if (set.has(entry)) entry.deliver(structuredClone(copy));
    }, 0);
  }
}

/** How many subscriptions `event` has (for tests and the console). */
export const subscriptionCount = (event: string): number => subscriptions.get(event)?.size ?? 0;
