// Saves a text as a file from inside the frame: a Blob, an object URL for it, a click on an <a download> (a real
// user's click on the frame's button is what starts this), then the URL is revoked.
//
// Why this works in Forge, and here no more than there:
// - Forge's Custom UI iframe is sandboxed with `allow-downloads` ("Allows downloads to be started via a user gesture",
//   https://developer.atlassian.com/platform/forge/custom-ui/iframe), and the Content-Security-Policy Forge serves the
//   resource with (@forge/csp's CSPInjectionService, which the local server applies: harness/server/resource-csp.ts)
//   has `sandbox … allow-downloads … allow-same-origin allow-scripts`. Without a user's click Chromium refuses a
//   download from a sandboxed frame, so this runs only from the button's click handler.
// - The blob: URL is made by the frame's own document, so it is same-origin with it and `download` may name the file
//   (a cross-origin href would be opened, not saved under that name).
// - Following a link is a navigation, which the policy's fetch directives (default-src, connect-src) do not govern:
//   no CSP exception is needed. A fetch() of the blob: URL would be refused (connect-src has no blob:), so nothing here
//   fetches it.
export interface SaveRequest {
  fileName: string;
  mimeType: string;
  text: string;
}

/**
 * How long the object URL outlives the click. Chromium takes the Blob when the navigation starts, but older engines
 * read it asynchronously; a second is plenty, and the text is held only that long.
 */
export const REVOKE_DELAY_MS = 1_000;

export function saveTextFile({ fileName, mimeType, text }: SaveRequest, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  // In the document while clicked: Firefox ignores a click on a detached link.
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
  }
}
