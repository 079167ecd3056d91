// The messages between the host page and the Custom UI documents its Frames load (harness/host/frames.ts is the page
// side, harness/host/frame-client.ts the frame side). Both sides are served by the same local server, so each checks
// that a message comes from its own origin and from the window it expects (the page: one of its mounted Frames; a
// frame: its parent).

/** Every message carries this key, so the host ignores other postMessage traffic (Atlaskit, the app's own). */
export const FRAME_MESSAGE_TAG = '__forgeHostFrame';

/** Frame → page. */
export type FrameToHost =
  /** A fresh document in the frame: forget the subscriptions of the one before (a reload, a navigation). */
  | { kind: 'hello' }
  /** A bridge command; answered with a `result` of the same id. */
  | { kind: 'call'; id: number; command: string; data?: unknown }
  /** `events.on`: deliver `event` to this subscription id as an `event` message, until `unsubscribe`. */
  | { kind: 'subscribe'; subId: number; event: string }
  | { kind: 'unsubscribe'; subId: number }
  /** The document's height in CSS px, whenever it changes (for a Frame without a `height` prop). */
  | { kind: 'size'; height: number }
  /** Something failed inside the frame (an uncaught error, an events callback that threw). */
  | { kind: 'error'; message: string };

/** Page → frame. */
export type HostToFrame =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: string }
  | { kind: 'event'; subId: number; payload: unknown };

export type Tagged<T> = T & { [FRAME_MESSAGE_TAG]: 1 };

export function isTagged<T>(data: unknown): data is Tagged<T> {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[FRAME_MESSAGE_TAG] === 1;
}

export const tag = <T extends object>(message: T): Tagged<T> => ({ ...message, [FRAME_MESSAGE_TAG]: 1 as const });

/** What an unknown command's error says; both sides use it to avoid reporting the same gap twice. */
export const NOT_IMPLEMENTED = 'is not implemented by the local Jira host';
