// The Custom UI editor frames on a page cannot tell the UI Kit side which of them is which (Frame takes no
// parameters), so at most one editor at a time uses a frame; any other JSON field on the page uses the TextArea.
let holder: symbol | undefined;
const claimedFrames = new Set<string>();

export function acquireFrameLock(owner: symbol): boolean {
  if (holder !== undefined && holder !== owner) return false;
  holder = owner;
  return true;
}

export function releaseFrameLock(owner: symbol): void {
  if (holder === owner) holder = undefined;
}

/** A frame answers to the first editor that claims it; later hellos from it are ignored by everyone else. */
export function claimFrame(frameId: string): boolean {
  if (claimedFrames.has(frameId)) return false;
  claimedFrames.add(frameId);
  return true;
}
