// Gaps in the local host must never pass quietly: every one is pushed to `window.__hostErrors` (browser tests assert
// it stays empty), logged, and shown in a red banner above the app.

export type HostErrorKind = 'bridge-command' | 'unsupported-component' | 'app-error' | 'invoke' | 'frame' | 'host';

export interface HostError {
  kind: HostErrorKind;
  message: string;
  at: string;
}

declare global {
  interface Window {
    __hostErrors: HostError[];
  }
}

const listeners = new Set<() => void>();
const reported = new Set<string>();

if (!Array.isArray(window.__hostErrors)) window.__hostErrors = [];

/** Records a host error. The same (kind, message) is recorded once, however often a re-render meets it. */
export function reportHostError(kind: HostErrorKind, message: string): void {
  const id = `${kind}\u0000${message}`;
  if (reported.has(id)) return;
  reported.add(id);
  window.__hostErrors.push({ kind, message, at: new Date().toISOString() });
  // eslint-disable-next-line no-console
  console.error(`[forge host] ${kind}: ${message}`);
  listeners.forEach((listener) => listener());
}

export function subscribeHostErrors(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A snapshot for useSyncExternalStore: the array identity changes whenever an error is added. */
let snapshot: readonly HostError[] = [];
export function getHostErrors(): readonly HostError[] {
  if (snapshot.length !== window.__hostErrors.length) snapshot = [...window.__hostErrors];
  return snapshot;
}
