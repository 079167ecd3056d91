// The file-transfer frame's channel (static/file-transfer/src/transfer-channel.ts) without a browser: the bridge's
// events, the view and the save are fakes that record what the channel does.
import { FILE_TRANSFER_EVENTS, HELLO_INTERVAL_MS, PART_CHARS, type FileTransferPart, type FileTransferRefused } from '../../static/file-transfer/src/protocol';
import type { PickedFile } from '../../static/file-transfer/src/read-file';
import type { SaveRequest } from '../../static/file-transfer/src/save-file';
import { createTransferChannel, makeFrameId, type FrameEvents, type TransferView } from '../../static/file-transfer/src/transfer-channel';

/** The bridge's events API as the frame sees it: emitted messages recorded, subscribers called on delivery. */
class FakeEvents implements FrameEvents {
  emitted: Array<{ event: string; payload: unknown }> = [];
  subscribedBeforeFirstEmit: string[] | undefined;
  private listeners = new Map<string, Set<(payload?: unknown) => unknown>>();

  async emit(event: string, payload?: unknown): Promise<void> {
    this.subscribedBeforeFirstEmit ??= [...this.listeners.keys()];
    this.emitted.push({ event, payload: structuredClone(payload) });
  }

  async on(event: string, callback: (payload?: unknown) => unknown) {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(callback);
    return { unsubscribe: () => set.delete(callback) };
  }

  deliver(event: string, payload: unknown) {
    this.listeners.get(event)?.forEach((callback) => callback(payload));
  }

  listenerCount = () => [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
  of = <T>(event: string) => this.emitted.filter((m) => m.event === event).map((m) => m.payload as T);
  hellos = () => this.of<{ frameId: string }>(FILE_TRANSFER_EVENTS.hello);
  parts = () => this.of<FileTransferPart>(FILE_TRANSFER_EVENTS.part);
  refusals = () => this.of<FileTransferRefused>(FILE_TRANSFER_EVENTS.refused);
}

class FakeView implements TransferView {
  downloads: Array<{ fileName: string; bytes: number }> = [];
  opens: Array<{ accept: string; label: string }> = [];
  statuses: Array<{ message: string; tone: 'info' | 'problem' }> = [];
  showDownload(offer: { fileName: string; bytes: number }) {
    this.downloads.push(offer);
  }
  showOpen(request: { accept: string; label: string }) {
    this.opens.push(request);
  }
  status(message: string, tone: 'info' | 'problem') {
    this.statuses.push({ message, tone });
  }
  lastStatus = () => this.statuses.at(-1);
}

/** A picked file: its bytes as given, and whether the channel read them. */
function pickedFile(name: string, contents: string | Uint8Array, options: { size?: number } = {}): PickedFile & { reads: number } {
  const bytes = typeof contents === 'string' ? new TextEncoder().encode(contents) : contents;
  const file = {
    name,
    size: options.size ?? bytes.byteLength,
    reads: 0,
    async arrayBuffer() {
      file.reads += 1;
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
  return file;
}

const FRAME = 'frame-1';

function setup() {
  const events = new FakeEvents();
  const view = new FakeView();
  const saved: SaveRequest[] = [];
  const errors: unknown[] = [];
  const channel = createTransferChannel({ events, view, save: (request) => saved.push(request), frameId: FRAME, onError: (error) => errors.push(error) });
  return { events, view, saved, errors, channel };
}

const openRequest = (overrides: Partial<{ frameId: string; accept: string; maxBytes: number; label: string }> = {}) => ({
  frameId: FRAME,
  accept: '.json,application/json',
  maxBytes: 1_000_000,
  label: 'JSON file to import',
  ...overrides,
});

afterEach(() => jest.useRealTimers());

describe('handshake', () => {
  test('subscribes first, then says hello every interval until a download for this frame arrives', async () => {
    jest.useFakeTimers();
    const { events, view, channel } = setup();
    await channel.start();
    expect(events.subscribedBeforeFirstEmit?.sort()).toEqual([FILE_TRANSFER_EVENTS.download, FILE_TRANSFER_EVENTS.open].sort());
    expect(events.hellos()).toEqual([{ frameId: FRAME }]);
    jest.advanceTimersByTime(HELLO_INTERVAL_MS * 3);
    expect(events.hellos()).toHaveLength(4);

    events.deliver(FILE_TRANSFER_EVENTS.download, { frameId: FRAME, fileName: 'a.json', mimeType: 'application/json', text: '{}' });
    jest.advanceTimersByTime(HELLO_INTERVAL_MS * 4);
    expect(events.hellos()).toHaveLength(4);
    expect(view.downloads).toEqual([{ fileName: 'a.json', bytes: 2 }]);
    channel.stop();
  });

  test('an open request configures it too and ends the hellos', async () => {
    jest.useFakeTimers();
    const { events, view, channel } = setup();
    await channel.start();
    events.deliver(FILE_TRANSFER_EVENTS.open, openRequest());
    jest.advanceTimersByTime(HELLO_INTERVAL_MS * 4);
    expect(events.hellos()).toHaveLength(1);
    expect(view.opens).toEqual([{ accept: '.json,application/json', label: 'JSON file to import' }]);
    expect(channel.configuration()).toEqual({ mode: 'open', open: openRequest() });
    channel.stop();
  });

  test('messages for another frame, and malformed ones, are ignored: the hellos go on', async () => {
    jest.useFakeTimers();
    const { events, view, channel } = setup();
    await channel.start();
    events.deliver(FILE_TRANSFER_EVENTS.download, { frameId: 'someone-else', fileName: 'a.json', mimeType: 'application/json', text: '{}' });
    events.deliver(FILE_TRANSFER_EVENTS.open, openRequest({ frameId: 'someone-else' }));
    for (const bad of [undefined, 'x', { frameId: FRAME }, { frameId: FRAME, fileName: '', mimeType: 'text/csv', text: '' }, { frameId: FRAME, fileName: 'a', mimeType: 'text/csv', text: 3 }]) {
      events.deliver(FILE_TRANSFER_EVENTS.download, bad);
    }
    for (const bad of [openRequest({ maxBytes: -1 }), openRequest({ maxBytes: 1.5 }), openRequest({ label: '' }), { ...openRequest(), accept: undefined }]) {
      events.deliver(FILE_TRANSFER_EVENTS.open, bad);
    }
    jest.advanceTimersByTime(HELLO_INTERVAL_MS);
    expect(events.hellos()).toHaveLength(2);
    expect(view.downloads).toEqual([]);
    expect(view.opens).toEqual([]);
    expect(channel.configuration()).toBeUndefined();
    expect(channel.download()).toBe(false);
    channel.stop();
  });

  test('stop() ends the hellos and every subscription', async () => {
    jest.useFakeTimers();
    const { events, channel } = setup();
    await channel.start();
    expect(events.listenerCount()).toBe(2);
    channel.stop();
    jest.advanceTimersByTime(HELLO_INTERVAL_MS * 3);
    expect(events.hellos()).toHaveLength(1);
    expect(events.listenerCount()).toBe(0);
  });

  test('frame ids are 128 random bits', () => {
    const ids = new Set(Array.from({ length: 50 }, makeFrameId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('download', () => {
  test('saves exactly the text offered last, under its name and type; the size shown is its UTF-8 bytes', async () => {
    const { events, view, saved, channel } = setup();
    await channel.start();
    const text = '{"name":"Дмитрий","emoji":"🎉"}\r\n';
    events.deliver(FILE_TRANSFER_EVENTS.download, { frameId: FRAME, fileName: 'user-properties-x.json', mimeType: 'application/json', text });
    expect(view.downloads.at(-1)).toEqual({ fileName: 'user-properties-x.json', bytes: Buffer.byteLength(text, 'utf8') });
    expect(channel.download()).toBe(true);
    expect(saved).toEqual([{ fileName: 'user-properties-x.json', mimeType: 'application/json', text }]);
    expect(view.lastStatus()).toEqual({ message: `Download started: user-properties-x.json (${Buffer.byteLength(text, 'utf8')} bytes).`, tone: 'info' });

    // The page switches the format: the next click saves the new file, and the old "started" line is cleared.
    events.deliver(FILE_TRANSFER_EVENTS.download, { frameId: FRAME, fileName: 'user-properties-x.csv', mimeType: 'text/csv', text: 'a,b\r\n' });
    expect(view.lastStatus()).toEqual({ message: '', tone: 'info' });
    expect(channel.download()).toBe(true);
    expect(saved.at(-1)).toEqual({ fileName: 'user-properties-x.csv', mimeType: 'text/csv', text: 'a,b\r\n' });
    channel.stop();
  });

  test('a save that throws is shown as a problem, not as started', async () => {
    const events = new FakeEvents();
    const view = new FakeView();
    const errors: unknown[] = [];
    const channel = createTransferChannel({ events, view, frameId: FRAME, onError: (e) => errors.push(e), save: () => { throw new Error('quota'); } });
    await channel.start();
    events.deliver(FILE_TRANSFER_EVENTS.download, { frameId: FRAME, fileName: 'a.json', mimeType: 'application/json', text: '{}' });
    expect(channel.download()).toBe(false);
    expect(view.lastStatus()).toEqual({ message: 'a.json could not be saved: quota', tone: 'problem' });
    expect(errors).toHaveLength(1);
    channel.stop();
  });
});

describe('open', () => {
  test('a picked file goes to the page in order, in parts of at most 64,000 characters that join to its text', async () => {
    const { events, view, channel } = setup();
    await channel.start();
    events.deliver(FILE_TRANSFER_EVENTS.open, openRequest());
    // An emoji (two UTF-16 units) right where the first cut would fall: it must not be split.
    const text = `${'a'.repeat(PART_CHARS - 1)}🎉${'Ж'.repeat(PART_CHARS)}${'b'.repeat(10_000)}`;
    await channel.pick(pickedFile('big.json', text));
    const parts = events.parts();
    expect(parts.map((p) => [p.frameId, p.requestId, p.name, p.index, p.count])).toEqual([
      [FRAME, '1', 'big.json', 0, 3],
      [FRAME, '1', 'big.json', 1, 3],
      [FRAME, '1', 'big.json', 2, 3],
    ]);
    expect(parts.every((p) => p.text.length <= PART_CHARS)).toBe(true);
    expect(parts[0].text).toBe('a'.repeat(PART_CHARS - 1));
    expect(parts[1].text.startsWith('🎉')).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(Buffer.byteLength(text)).toBe(202_003); // 63,999 + 4 + 2 × 64,000 + 10,000
    expect(view.lastStatus()).toEqual({ message: 'Read big.json (197.3 KB (202,003 bytes)).', tone: 'info' });

    // Each pick has its own request id; an empty file is one empty part.
    await channel.pick(pickedFile('empty.json', ''));
    expect(events.parts().slice(3)).toEqual([{ frameId: FRAME, requestId: '2', name: 'empty.json', index: 0, count: 1, text: '' }]);
    channel.stop();
  });

  test('decodes UTF-8 and drops a leading byte order mark', async () => {
    const { events, channel } = setup();
    await channel.start();
    events.deliver(FILE_TRANSFER_EVENTS.open, openRequest());
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"ключ":"значение"}')]);
    await channel.pick(pickedFile('bom.json', withBom));
    expect(events.parts().map((p) => p.text)).toEqual(['{"ключ":"значение"}']);
    channel.stop();
  });

  test('a file over maxBytes is refused before it is read: shown in the frame and sent to the page, no parts', async () => {
    const { events, view, channel } = setup();
    await channel.start();
    events.deliver(FILE_TRANSFER_EVENTS.open, openRequest({ maxBytes: 2048 }));
    const file = pickedFile('large.json', 'x'.repeat(2049));
    await channel.pick(file);
    expect(file.reads).toBe(0);
    expect(events.parts()).toEqual([]);
    const message = 'large.json is 2.0 KB (2,049 bytes): files up to 2.0 KB (2,048 bytes) can be opened here.';
    expect(events.refusals()).toEqual([{ frameId: FRAME, requestId: '1', name: 'large.json', bytes: 2049, reason: 'too-large', message }]);
    expect(view.lastStatus()).toEqual({ message, tone: 'problem' });

    // Exactly at the limit is fine.
    await channel.pick(pickedFile('fits.json', 'x'.repeat(2048)));
    expect(events.parts().map((p) => p.text.length)).toEqual([2048]);
    channel.stop();
  });

  test('a file whose size grew past the limit after it was picked is refused once read', async () => {
    const { events, channel } = setup();
    await channel.start();
    events.deliver(FILE_TRANSFER_EVENTS.open, openRequest({ maxBytes: 10 }));
    await channel.pick(pickedFile('grew.json', '12345678901', { size: 5 }));
    expect(events.refusals().map((r) => [r.reason, r.bytes])).toEqual([['too-large', 11]]);
    expect(events.parts()).toEqual([]);
    channel.stop();
  });

  test('bytes that are not UTF-8 are refused, not read with replacement characters', async () => {
    const { events, view, channel } = setup();
    await channel.start();
    events.deliver(FILE_TRANSFER_EVENTS.open, openRequest());
    // "café" in Latin-1.
    await channel.pick(pickedFile('latin1.csv', new Uint8Array([0x63, 0x61, 0x66, 0xe9])));
    expect(events.parts()).toEqual([]);
    expect(events.refusals()).toEqual([
      { frameId: FRAME, requestId: '1', name: 'latin1.csv', bytes: 4, reason: 'not-utf8', message: 'latin1.csv is not UTF-8 text. Save it with UTF-8 encoding and pick it again.' },
    ]);
    expect(view.lastStatus()?.tone).toBe('problem');
    channel.stop();
  });

  test('a file that cannot be read is refused as unreadable', async () => {
    const { events, channel } = setup();
    await channel.start();
    events.deliver(FILE_TRANSFER_EVENTS.open, openRequest());
    await channel.pick({ name: 'gone.json', size: 3, arrayBuffer: () => Promise.reject(new Error('NotFoundError')) });
    expect(events.refusals().map((r) => [r.reason, r.message])).toEqual([['unreadable', 'gone.json could not be read (NotFoundError). Pick it again.']]);
    channel.stop();
  });

  test('a second pick while the first is still being read wins: the first sends nothing', async () => {
    const { events, channel } = setup();
    await channel.start();
    events.deliver(FILE_TRANSFER_EVENTS.open, openRequest());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = pickedFile('first.json', '"first"');
    const slowRead = slow.arrayBuffer.bind(slow);
    slow.arrayBuffer = async () => {
      await held;
      return slowRead();
    };
    const first = channel.pick(slow);
    await channel.pick(pickedFile('second.json', '"second"'));
    release();
    await first;
    expect(events.parts().map((p) => [p.requestId, p.name, p.text])).toEqual([['2', 'second.json', '"second"']]);
    channel.stop();
  });

  test('nothing is read when the frame is not asking for a file', async () => {
    const { events, channel } = setup();
    await channel.start();
    const file = pickedFile('a.json', '{}');
    await channel.pick(file);
    events.deliver(FILE_TRANSFER_EVENTS.download, { frameId: FRAME, fileName: 'a.json', mimeType: 'application/json', text: '{}' });
    await channel.pick(file);
    expect(file.reads).toBe(0);
    expect(events.parts()).toEqual([]);
    channel.stop();
  });

  test('a failed send stops the parts and says so in the frame', async () => {
    const { events, view, errors, channel } = setup();
    await channel.start();
    events.deliver(FILE_TRANSFER_EVENTS.open, openRequest());
    const emit = events.emit.bind(events);
    let sent = 0;
    events.emit = async (event, payload) => {
      if (event === FILE_TRANSFER_EVENTS.part && ++sent === 2) throw new Error('DataCloneError');
      return emit(event, payload);
    };
    await channel.pick(pickedFile('three.json', 'z'.repeat(PART_CHARS * 2 + 1)));
    expect(events.parts().map((p) => p.index)).toEqual([0]);
    expect(view.lastStatus()).toEqual({ message: 'three.json could not be handed to the page. Pick it again.', tone: 'problem' });
    expect(errors).toHaveLength(1);
    channel.stop();
  });
});
