import type { ForgeDoc } from './render/types';

// The reconciler sends the SAME mutable forgeDoc object on every commit, so identity says nothing: a version counter
// tells React that something changed.
let doc: ForgeDoc | undefined;
let version = 0;
const listeners = new Set<() => void>();

export function setForgeDoc(next: ForgeDoc): void {
  doc = next;
  version += 1;
  listeners.forEach((listener) => listener());
}

export const getForgeDoc = (): ForgeDoc | undefined => doc;
export const getDocVersion = (): number => version;

export function subscribeForgeDoc(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
