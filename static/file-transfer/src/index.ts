// Entry of the file-transfer Custom UI resource (shown inside UI Kit pages by `<Frame resource="file-transfer" />`):
// the page chooses, through the protocol (protocol.ts), whether it offers a download or asks for a file.
import './styles.css';
import { saveTextFile } from './save-file';
import { createTransferChannel, type TransferChannel } from './transfer-channel';
import { createTransferView } from './view';

function showProblem(root: HTMLElement, message: string) {
  const problem = document.createElement('p');
  problem.className = 'status problem';
  problem.setAttribute('role', 'alert');
  problem.textContent = message;
  root.replaceChildren(problem);
}

async function main() {
  const root = document.getElementById('transfer');
  if (!root) return;
  // @forge/bridge throws while loading when the page has no bridge (the file opened on its own): check first.
  const bridge = (globalThis as { __bridge?: { callBridge?: unknown } }).__bridge;
  if (typeof bridge?.callBridge !== 'function') {
    showProblem(root, 'This runs inside the app’s pages in Jira: the Forge bridge is missing here.');
    return;
  }
  const { events } = await import('@forge/bridge');

  let channel: TransferChannel | undefined;
  const view = createTransferView(root, {
    onDownload: () => channel?.download(),
    onPick: (file) => void channel?.pick(file),
  });
  channel = createTransferChannel({ events, view, save: (request) => saveTextFile(request) });
  root.dataset.frameId = channel.frameId;
  try {
    await channel.start();
  } catch (error) {
    console.error('[file-transfer]', error);
    showProblem(root, 'This frame could not connect to the page. Reload the page to try again.');
  }
}

void main();
