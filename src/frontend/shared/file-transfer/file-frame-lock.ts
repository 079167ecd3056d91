// One file-transfer frame per page. A frame's hello cannot tell the page which Frame it is in (Frame takes no
// parameters), and each frame shows its button or file input where its own Frame is: with two file components on a
// page, each could configure the other's frame, and one export's Download button would sit in the other's place. So
// the first file component mounted uses a frame and any other renders nothing (its page's copy/paste stays).
//
// A lock of its own, not the JSON editor's (src/frontend/shared/json-editor/frame-lock.ts): editor and file frames use
// separate event names (json-editor:* and file-transfer.*), so neither answers the other's hello, and a file frame
// need not push an editor on the same page back to its TextArea. (The local host still reports two Frames mounted
// at once in one module as a host error, harness/host/frames.ts; the app's pages never show both at once today.)
let holder: symbol | undefined;

export function acquireFileFrameLock(owner: symbol): boolean {
  if (holder !== undefined && holder !== owner) return false;
  holder = owner;
  return true;
}

export function releaseFileFrameLock(owner: symbol): void {
  if (holder === owner) holder = undefined;
}
