// The page's side of the file-transfer frame (src/frontend/shared/file-transfer) through the real @forge/react
// reconciler and @forge/bridge, with the bridge's events on a bus the test plays the frame on.
import { installNodeBridge, type ForgeDoc, type NodeBridge } from '../../harness/ui/node-bridge';
import type * as FileFrameHook from '../../src/frontend/shared/file-transfer/use-file-frame';
import { FILE_TRANSFER_EVENTS, HELLO_INTERVAL_MS, PART_CHARS, type FileTransferOpen, type FileTransferPart } from '../../static/file-transfer/src/protocol';
import { splitText } from '../../static/file-transfer/src/parts';
import { FIXTURE_MAX_BYTES, fingerprint } from '../browser/fixtures/fingerprint';

jest.setTimeout(20_000);

/** The events API as @forge/bridge calls it (`emit`, `on`), delivering asynchronously as Forge does. */
class Bus {
  emitted: Array<{ event: string; payload: unknown }> = [];
  private listeners = new Map<string, Set<(payload: unknown) => unknown>>();
  handlers = {
    emit: (data: unknown) => {
      const { event, payload } = data as { event: string; payload: unknown };
      this.emitted.push({ event, payload: structuredClone(payload) });
      this.deliver(event, payload);
      return undefined;
    },
    on: (data: unknown) => {
      const { event, callback } = data as { event: string; callback: (payload: unknown) => unknown };
      const set = this.listeners.get(event) ?? new Set();
      this.listeners.set(event, set);
      set.add(callback);
      return { unsubscribe: () => set.delete(callback) };
    },
  };
  deliver(event: string, payload: unknown) {
    for (const callback of [...(this.listeners.get(event) ?? [])]) setTimeout(() => callback(structuredClone(payload)), 0);
  }
  of = <T,>(event: string) => this.emitted.filter((m) => m.event === event).map((m) => m.payload as T);
  subscribers = (event: string) => this.listeners.get(event)?.size ?? 0;
}

function openFixture(handlers: Record<string, (data: unknown) => unknown>): NodeBridge {
  jest.resetModules();
  const ui = installNodeBridge({ ...handlers, getContext: () => ({ accountId: 'x', moduleKey: 'user-properties-admin' }) });
  ui.mount(() => require('../browser/fixtures/file-transfer-app'));
  return ui;
}

/** The hook's timings, read once a bridge is installed (@forge/bridge looks for one when it loads). */
const timings = () => require('../../src/frontend/shared/file-transfer/use-file-frame') as Pick<typeof FileFrameHook, 'FILE_FRAME_TIMEOUT_MS' | 'PART_TIMEOUT_MS'>;

/** Says hello as a frame does: again and again until `done` (the page configured it). */
async function helloUntil(ui: NodeBridge, bus: Bus, frameId: string, done: () => boolean) {
  const timer = setInterval(() => bus.deliver(FILE_TRANSFER_EVENTS.hello, { frameId }), HELLO_INTERVAL_MS);
  bus.deliver(FILE_TRANSFER_EVENTS.hello, { frameId });
  try {
    await ui.waitFor(done);
  } finally {
    clearInterval(timer);
  }
}

const frameOf = (ui: NodeBridge): ForgeDoc | undefined => ui.find('Frame')[0];
const sendParts = (bus: Bus, parts: FileTransferPart[]) => parts.forEach((part) => bus.deliver(FILE_TRANSFER_EVENTS.part, part));

test('loads the frame out of sight, configures it on its hello, and puts a picked file together from its parts', async () => {
  const bus = new Bus();
  const ui = openFixture(bus.handlers);
  expect(frameOf(ui)?.props).toMatchObject({ resource: 'file-transfer', height: '0px' });
  await ui.waitFor(() => bus.subscribers(FILE_TRANSFER_EVENTS.hello) === 1);

  // Another page's file frame (or a stray message) is not this page's until it says hello.
  sendParts(bus, [{ frameId: 'f1', requestId: '1', name: 'early.json', index: 0, count: 1, text: '{}' }]);
  bus.deliver(FILE_TRANSFER_EVENTS.hello, { frameId: 'f1' });
  await ui.waitFor(() => bus.of(FILE_TRANSFER_EVENTS.open).length > 0);
  expect(bus.of<FileTransferOpen>(FILE_TRANSFER_EVENTS.open).at(-1)).toEqual({ frameId: 'f1', accept: '.json,application/json', maxBytes: FIXTURE_MAX_BYTES, label: 'JSON file to import' });
  await ui.waitFor(() => frameOf(ui)?.props.height === '84px');
  expect(ui.text()).toContain('Picked: none');

  const text = `{"v":"${'é'.repeat(PART_CHARS)}${'😀'.repeat(PART_CHARS / 2)}"}`;
  const texts = splitText(text);
  expect(texts).toHaveLength(3);
  const parts = texts.map((t, index) => ({ frameId: 'f1', requestId: '7', name: 'import.json', index, count: texts.length, text: t }));
  // Out of order, one repeated, and one from another frame in between: only f1's parts count.
  sendParts(bus, [parts[2], parts[0], parts[2], { ...parts[1], frameId: 'f2', text: 'forged' }]);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(ui.text()).toContain('Picked: none');
  sendParts(bus, [parts[1]]);
  await ui.waitFor(() => ui.text().includes('Picked: import.json'));
  expect(ui.text()).toContain(`Picked: import.json, ${text.length} characters, fingerprint ${fingerprint(text)}, starts {"v":"éééééé`);
  expect(ui.text()).toContain('Problem: none');
});

test('a refusal from the frame reaches the page; a file missing a part is dropped with a message after the wait', async () => {
  const bus = new Bus();
  const ui = openFixture(bus.handlers);
  await ui.waitFor(() => bus.subscribers(FILE_TRANSFER_EVENTS.hello) === 1);
  bus.deliver(FILE_TRANSFER_EVENTS.hello, { frameId: 'f1' });
  await ui.waitFor(() => frameOf(ui)?.props.height === '84px');

  const message = 'large.json is 2.0 MB (2,097,152 bytes): files up to 293.0 KB (300,000 bytes) can be opened here.';
  bus.deliver(FILE_TRANSFER_EVENTS.refused, { frameId: 'f1', requestId: '1', name: 'large.json', bytes: 2_097_152, reason: 'too-large', message });
  await ui.waitFor(() => ui.text().includes(`Problem: ${message}`));

  jest.useFakeTimers({ doNotFake: ['setImmediate', 'queueMicrotask', 'nextTick'] });
  try {
    sendParts(bus, [{ frameId: 'f1', requestId: '2', name: 'half.json', index: 0, count: 2, text: 'x'.repeat(10) }]);
    jest.advanceTimersByTime(10);
    jest.advanceTimersByTime(timings().PART_TIMEOUT_MS);
  } finally {
    jest.useRealTimers();
  }
  await ui.waitFor(() => ui.text().includes('Problem: half.json did not arrive whole (1 of 2 parts missing). Pick it again.'));
  expect(ui.text()).toContain('Picked: none');
});

test('a frame reloaded in its Frame (a new id saying hello) is configured again and listened to from then on', async () => {
  const bus = new Bus();
  const ui = openFixture(bus.handlers);
  await ui.waitFor(() => bus.subscribers(FILE_TRANSFER_EVENTS.hello) === 1);
  bus.deliver(FILE_TRANSFER_EVENTS.hello, { frameId: 'old' });
  await ui.waitFor(() => bus.of(FILE_TRANSFER_EVENTS.open).length === 1);
  // The new document says hello until it is configured, as a frame does (a hello crossing the answer gets one more).
  await helloUntil(ui, bus, 'new', () => bus.of(FILE_TRANSFER_EVENTS.open).length >= 2);
  const configured = bus.of<FileTransferOpen>(FILE_TRANSFER_EVENTS.open).map((m) => m.frameId);
  expect(configured[0]).toBe('old');
  expect(new Set(configured.slice(1))).toEqual(new Set(['new']));
  sendParts(bus, [{ frameId: 'old', requestId: '1', name: 'stale.json', index: 0, count: 1, text: '1' }]);
  sendParts(bus, [{ frameId: 'new', requestId: '1', name: 'fresh.json', index: 0, count: 1, text: '2' }]);
  await ui.waitFor(() => ui.text().includes('Picked: fresh.json'));
});

test('switching to a download: the open component lets go of the frame lock and the download one configures its frame', async () => {
  const bus = new Bus();
  const ui = openFixture(bus.handlers);
  await ui.waitFor(() => bus.subscribers(FILE_TRANSFER_EVENTS.hello) === 1);
  bus.deliver(FILE_TRANSFER_EVENTS.hello, { frameId: 'f1' });
  await ui.waitFor(() => frameOf(ui)?.props.height === '84px');
  ui.fire(ui.get('Button', 'Offer a download'), 'onClick');
  await ui.waitFor(() => frameOf(ui)?.props.height === '0px');
  // The new Frame's document says hello until configured, as the frame does, every HELLO_INTERVAL_MS.
  await helloUntil(ui, bus, 'f2', () => bus.of(FILE_TRANSFER_EVENTS.download).length > 0);
  expect(bus.subscribers(FILE_TRANSFER_EVENTS.hello)).toBe(1);
  expect(bus.of(FILE_TRANSFER_EVENTS.download)).toEqual([{ frameId: 'f2', fileName: 'fixture.csv', mimeType: 'text/csv', text: 'a,b\r\n1,"Grüße 🎉"\r\n' }]);
  await ui.waitFor(() => frameOf(ui)?.props.height === '64px');
});

test('with no hello in time the component renders nothing', async () => {
  const bus = new Bus();
  const ui = openFixture(bus.handlers);
  expect(frameOf(ui)).toBeDefined();
  await ui.waitFor(() => frameOf(ui) === undefined, timings().FILE_FRAME_TIMEOUT_MS + 2_000);
  // A hello after that is not answered: nothing is shown for it to fill.
  bus.deliver(FILE_TRANSFER_EVENTS.hello, { frameId: 'late' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(bus.of(FILE_TRANSFER_EVENTS.open)).toEqual([]);
  expect(ui.text()).toContain('Picked: none');
});

test('without an events API (a host that refuses `on`) it renders nothing at once', async () => {
  const ui = openFixture({});
  await ui.waitFor(() => frameOf(ui) === undefined, 1_000);
});
