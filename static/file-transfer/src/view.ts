// What the frame shows: a Download button with the file's size, or a labelled file input; and one live region for
// what happened. Plain DOM with classes only: Forge serves the resource with `style-src 'self'`, so no style
// attribute or <style> element (styles.css is the bundle's own stylesheet).
import { bytesText } from './bytes-text';
import type { TransferView } from './transfer-channel';

export interface TransferViewHandlers {
  onDownload(): void;
  onPick(file: File): void;
}

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attributes: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.textContent = text;
  return el;
}

/** Draws into `root` (emptied first); the returned view is what the channel drives. */
export function createTransferView(root: HTMLElement, handlers: TransferViewHandlers): TransferView {
  const doc = root.ownerDocument;
  const body = element(doc, 'div', { class: 'body' });
  // Polite: a screen reader hears "Download started" or why a file was refused once it is done speaking.
  const status = element(doc, 'p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' });
  root.replaceChildren(body, status);

  let shown: 'download' | 'open' | undefined;
  let button: HTMLButtonElement | undefined;
  let size: HTMLSpanElement | undefined;
  let label: HTMLLabelElement | undefined;
  let input: HTMLInputElement | undefined;

  const showDownload: TransferView['showDownload'] = ({ fileName, bytes }) => {
    if (shown !== 'download' || !button || !size) {
      button = element(doc, 'button', { type: 'button', class: 'button primary', id: 'download' });
      button.addEventListener('click', () => handlers.onDownload());
      size = element(doc, 'span', { class: 'meta', id: 'download-size' });
      // The button's name is its text; the size follows it in the same row.
      const row = element(doc, 'div', { class: 'row' });
      row.append(button, size);
      body.replaceChildren(row);
      shown = 'download';
      input = undefined;
      label = undefined;
    }
    button.textContent = `Download ${fileName}`;
    size.textContent = bytesText(bytes);
  };

  const showOpen: TransferView['showOpen'] = ({ accept, label: text }) => {
    if (shown !== 'open' || !input || !label) {
      // A plain <input type="file">: no sandbox token governs file choosers (browsers open one only on a user's click,
      // which is how this is used), and Forge's iframe permissions page lists nothing about them; checked in Chromium
      // under Forge's documented sandbox and @forge/csp's policy (test/static/file-transfer.test.ts).
      label = element(doc, 'label', { for: 'file', class: 'label' });
      const field = element(doc, 'input', { type: 'file', id: 'file', class: 'file', 'aria-describedby': 'status' });
      field.addEventListener('change', () => {
        const file = field.files?.[0];
        if (file) handlers.onPick(file);
        // The same file can be picked again (after fixing it on disk): change fires only when the value changes.
        field.value = '';
      });
      input = field;
      body.replaceChildren(label, field);
      shown = 'open';
      button = undefined;
      size = undefined;
    }
    label.textContent = text;
    if (accept) input.setAttribute('accept', accept);
    else input.removeAttribute('accept');
  };

  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    showDownload,
    showOpen,
    status(message, tone) {
      status.classList.toggle('problem', tone === 'problem' && message !== '');
      // Cleared first, then set a moment later: the same message twice is announced twice.
      status.textContent = '';
      clearTimeout(announceTimer);
      if (message) announceTimer = setTimeout(() => (status.textContent = message), 50);
    },
  };
}
