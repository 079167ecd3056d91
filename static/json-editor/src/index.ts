// Entry of the json-editor Custom UI resource (shown inside UI Kit pages by `<Frame resource="json-editor" />`).
//
// The editor lives in a shadow root. Forge serves Custom UI with `style-src 'self'` (no 'unsafe-inline' unless the
// manifest asks for it), which blocks the <style> elements CodeMirror injects into a document; in a shadow root
// CodeMirror's style-mod uses constructed stylesheets (adoptedStyleSheets), which that policy allows. So the editor
// needs no CSP exception. Everything the editor's ARIA attributes point at (help text, live region) is in the same
// shadow root, because id references do not cross its boundary.
import './styles.css';
import { createJsonEditor } from './editor';
import { createFrameChannel } from './frame-channel';

const SHADOW_CSS = `
:host { display: flex; flex-direction: column; }
.mount { flex: 1 1 auto; min-height: 0; }
.problem {
  margin: 0;
  padding: 8px 12px;
  border-left: 4px solid var(--ds-icon-danger, #C9372C);
  background: var(--ds-background-danger, #FFECEB);
}
.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}`;

const HELP =
  'JSON editor. Tab indents: press Escape, then Tab, to move focus out of the editor. ' +
  'Control+Shift+F (Command+Shift+F on macOS) formats the JSON; Control+Space suggests property names and values; ' +
  'F8 goes to the next problem.';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>, text = ''): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.textContent = text;
  return el;
}

function showProblem(where: ParentNode, message: string) {
  where.replaceChildren(element('p', { class: 'problem', role: 'alert' }, message));
}

async function main() {
  const host = document.getElementById('editor');
  if (!host) return;
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(SHADOW_CSS);
  shadow.adoptedStyleSheets = [sheet];

  // @forge/bridge throws while loading when the page has no bridge (the file opened on its own, say): check first,
  // and load it only then, so the page can say what is wrong instead of staying blank.
  const bridge = (globalThis as { __bridge?: { callBridge?: unknown } }).__bridge;
  if (typeof bridge?.callBridge !== 'function') {
    showProblem(shadow, 'This editor runs inside the app’s pages in Jira: the Forge bridge is missing here.');
    return;
  }
  const { events } = await import('@forge/bridge');

  const mount = element('div', { class: 'mount' });
  const help = element('p', { id: 'editor-help', class: 'visually-hidden' }, HELP);
  const status = element('div', { id: 'status', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  shadow.append(mount, help, status);

  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  const announce = (message: string) => {
    // Clear first so that the same message twice is announced twice.
    status.textContent = '';
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      status.textContent = message;
    }, 50);
  };

  let channel: ReturnType<typeof createFrameChannel> | undefined;
  const editor = createJsonEditor({ parent: mount, root: shadow, onUserEdit: () => channel?.edited(), announce, describedBy: help.id });
  channel = createFrameChannel({ events, editor });
  host.dataset.frameId = channel.frameId;

  // A pending change goes out at once when the editor loses focus (the user may be reaching for Save) or the page hides.
  editor.view.contentDOM.addEventListener('blur', () => channel?.flush());
  window.addEventListener('pagehide', () => channel?.flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') channel?.flush();
  });

  try {
    await channel.start();
  } catch (error) {
    console.error('[json-editor]', error);
    showProblem(shadow, 'The editor could not connect to the page. Reload the page to try again.');
  }
}

void main();
