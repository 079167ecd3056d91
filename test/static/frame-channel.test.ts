import { analyse } from '../../static/json-editor/src/diagnostics';
import type { EditorContent, EditorSettings } from '../../static/json-editor/src/editor';
import { createFrameChannel, makeFrameId, type ChannelEditor, type FrameEvents } from '../../static/json-editor/src/frame-channel';
import { CHANGE_DEBOUNCE_MS, HELLO_INTERVAL_MS, JSON_EDITOR_EVENTS, type JsonEditorChange } from '../../static/json-editor/src/protocol';
import { compileSchema } from '../../static/json-editor/src/schema-validation';

/** The bridge's events API as the page sees it: emitted messages recorded, subscribers called on delivery. */
class FakeEvents implements FrameEvents {
  emitted: Array<{ event: string; payload: unknown }> = [];
  private listeners = new Map<string, Set<(payload?: unknown) => unknown>>();

  async emit(event: string, payload?: unknown): Promise<void> {
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

  of(event: string) {
    return this.emitted.filter((m) => m.event === event).map((m) => m.payload);
  }

  changes() {
    return this.of(JSON_EDITOR_EVENTS.change) as JsonEditorChange[];
  }

  /** Change messages for user edits only (not the verdicts after loads, configures and syncs). */
  edits() {
    return this.changes().filter((c) => c.cause === 'edit');
  }
}

/** The editor without CodeMirror: a text the test edits, validated with the real analyse(). */
class FakeEditor implements ChannelEditor {
  content: EditorContent = { text: '' };
  loads: EditorContent[] = [];
  configures: EditorSettings[] = [];
  load(content: EditorContent) {
    this.content = content;
    this.loads.push(content);
  }
  configure(settings: EditorSettings) {
    this.content = { text: this.content.text, ...settings };
    this.configures.push(settings);
  }
  type(text: string) {
    this.content = { ...this.content, text };
  }
  check() {
    return analyse(this.content.text, this.content.schema ? compileSchema(this.content.schema) : undefined);
  }
  text() {
    return this.content.text;
  }
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

async function started(frameId = 'frame-1') {
  const events = new FakeEvents();
  const editor = new FakeEditor();
  const channel = createFrameChannel({ events, editor, frameId });
  await channel.start();
  return { events, editor, channel };
}

test('makeFrameId gives 32 random hex digits', () => {
  const a = makeFrameId();
  expect(a).toMatch(/^[0-9a-f]{32}$/);
  expect(makeFrameId()).not.toBe(a);
});

test('says hello at once and every 500 ms until a load for its frame arrives, then stops', async () => {
  const { events, editor } = await started();
  expect(events.of(JSON_EDITOR_EVENTS.hello)).toEqual([{ frameId: 'frame-1' }]);
  jest.advanceTimersByTime(HELLO_INTERVAL_MS * 3);
  expect(events.of(JSON_EDITOR_EVENTS.hello)).toHaveLength(4);

  // Other frames' loads and malformed messages are ignored: the hello goes on.
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-2', text: '{}' });
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1' });
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', text: '{}', schema: 'not an object' });
  jest.advanceTimersByTime(HELLO_INTERVAL_MS);
  expect(events.of(JSON_EDITOR_EVENTS.hello)).toHaveLength(5);
  expect(editor.loads).toEqual([]);

  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', revision: 1, text: '{"a": 1}', readOnly: true });
  expect(editor.loads).toEqual([{ text: '{"a": 1}', schema: undefined, readOnly: true }]);
  jest.advanceTimersByTime(HELLO_INTERVAL_MS * 4);
  expect(events.of(JSON_EDITOR_EVENTS.hello)).toHaveLength(5);
  // A load is answered with the frame's verdict on it, never with an edit.
  expect(events.changes()).toEqual([{ frameId: 'frame-1', revision: 1, cause: 'load', text: '{"a": 1}', valid: true, diagnostics: [] }]);
});

test('a burst of edits becomes one change after the debounce, with validity and diagnostics', async () => {
  const { events, editor, channel } = await started();
  const schema = { type: 'object', properties: { theme: { enum: ['light', 'dark'] } } };
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', text: '{}', schema });

  editor.type('{"theme": ');
  channel.edited();
  jest.advanceTimersByTime(CHANGE_DEBOUNCE_MS - 10);
  editor.type('{"theme": 3}');
  channel.edited();
  jest.advanceTimersByTime(CHANGE_DEBOUNCE_MS - 1);
  expect(events.edits()).toEqual([]);
  jest.advanceTimersByTime(1);
  expect(events.edits()).toEqual([
    {
      frameId: 'frame-1',
      cause: 'edit',
      text: '{"theme": 3}',
      valid: false,
      diagnostics: [{ line: 1, column: 11, message: 'Must be one of: "light", "dark".', source: 'schema' }],
    },
  ]);

  editor.type('{"theme": "dark"}');
  channel.edited();
  jest.advanceTimersByTime(CHANGE_DEBOUNCE_MS);
  expect(events.edits()[1]).toEqual({ frameId: 'frame-1', cause: 'edit', text: '{"theme": "dark"}', valid: true, diagnostics: [] });
});

test('flush sends a pending change at once (blur), and only once', async () => {
  const { events, editor, channel } = await started();
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', text: '' });
  editor.type('[1,');
  channel.edited();
  channel.flush();
  expect(events.edits()).toEqual([
    {
      frameId: 'frame-1',
      cause: 'edit',
      text: '[1,',
      valid: false,
      diagnostics: [{ line: 1, column: 4, message: 'Unexpected end of the text: a value is expected.', source: 'syntax' }],
    },
  ]);
  jest.advanceTimersByTime(CHANGE_DEBOUNCE_MS * 2);
  channel.flush();
  expect(events.edits()).toHaveLength(1);
});

test('a load supersedes an edit still waiting to be reported', async () => {
  const { events, editor, channel } = await started();
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', text: '{}' });
  editor.type('{"typed": true}');
  channel.edited();
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', text: '{\n  "reloaded": true\n}' });
  jest.advanceTimersByTime(CHANGE_DEBOUNCE_MS * 2);
  expect(events.edits()).toEqual([]);
  expect(editor.text()).toBe('{\n  "reloaded": true\n}');
  expect(events.changes().map((c) => [c.cause, c.text])).toEqual([
    ['load', '{}'],
    ['load', '{\n  "reloaded": true\n}'],
  ]);
});

const THEMES = { type: 'string', enum: ['compact', 'comfortable'] };
const THEMES_2 = { type: 'string', enum: ['light', 'dark', 'auto'] };

test('a configure replaces the schema, keeps the text, and the frame re-validates at once', async () => {
  const { events, editor } = await started();
  // Before the first load there is nothing to configure: that load brings the page's settings of its time.
  events.deliver(JSON_EDITOR_EVENTS.configure, { frameId: 'frame-1', revision: 1, schema: THEMES });
  expect(editor.configures).toEqual([]);
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', revision: 2, text: '"auto"', schema: THEMES });
  expect(events.changes().at(-1)).toEqual({
    frameId: 'frame-1',
    revision: 2,
    cause: 'load',
    text: '"auto"',
    valid: false,
    diagnostics: [{ line: 1, column: 1, message: 'Must be one of: "compact", "comfortable".', source: 'schema' }],
  });

  events.deliver(JSON_EDITOR_EVENTS.configure, { frameId: 'frame-2', revision: 3, schema: THEMES_2 });
  events.deliver(JSON_EDITOR_EVENTS.configure, { frameId: 'frame-1', revision: 3, schema: 'not a schema' });
  expect(editor.configures).toEqual([]);
  events.deliver(JSON_EDITOR_EVENTS.configure, { frameId: 'frame-1', revision: 3, schema: THEMES_2 });
  expect(editor.configures).toEqual([{ schema: THEMES_2, readOnly: undefined }]);
  expect(editor.text()).toBe('"auto"');
  expect(events.changes().at(-1)).toEqual({ frameId: 'frame-1', revision: 3, cause: 'configure', text: '"auto"', valid: true, diagnostics: [] });
  expect(events.edits()).toEqual([]);
});

test('a configure does not drop an edit still waiting to be reported: it goes at once, checked against the new schema', async () => {
  const { events, editor, channel } = await started();
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', revision: 1, text: '"comfortable"', schema: THEMES });
  editor.type('"dark"');
  channel.edited();
  events.deliver(JSON_EDITOR_EVENTS.configure, { frameId: 'frame-1', revision: 2, schema: THEMES_2 });
  expect(editor.text()).toBe('"dark"');
  expect(events.edits()).toEqual([{ frameId: 'frame-1', revision: 2, cause: 'edit', text: '"dark"', valid: true, diagnostics: [] }]);
  // The debounce was consumed: nothing is sent twice.
  jest.advanceTimersByTime(CHANGE_DEBOUNCE_MS * 2);
  expect(events.edits()).toHaveLength(1);
});

test('a sync is answered at once with the text shown, a pending edit included, and the request id', async () => {
  const { events, editor, channel } = await started();
  events.deliver(JSON_EDITOR_EVENTS.sync, { frameId: 'frame-1', requestId: 'early' });
  expect(events.changes()).toEqual([]);
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', revision: 1, text: '"auto"', schema: THEMES_2 });

  events.deliver(JSON_EDITOR_EVENTS.sync, { frameId: 'frame-1', requestId: 'r1' });
  expect(events.changes().at(-1)).toEqual({ frameId: 'frame-1', revision: 1, cause: 'sync', requestId: 'r1', text: '"auto"', valid: true, diagnostics: [] });

  editor.type('"dark"');
  channel.edited();
  events.deliver(JSON_EDITOR_EVENTS.sync, { frameId: 'frame-2', requestId: 'not-mine' });
  events.deliver(JSON_EDITOR_EVENTS.sync, { frameId: 'frame-1' });
  events.deliver(JSON_EDITOR_EVENTS.sync, { frameId: 'frame-1', requestId: 'r2' });
  expect(events.changes().at(-1)).toEqual({ frameId: 'frame-1', revision: 1, cause: 'edit', requestId: 'r2', text: '"dark"', valid: true, diagnostics: [] });
  jest.advanceTimersByTime(CHANGE_DEBOUNCE_MS * 2);
  expect(events.edits()).toHaveLength(1);
  expect(events.changes().filter((c) => c.requestId !== undefined).map((c) => c.requestId)).toEqual(['r1', 'r2']);
});

test('stop ends the hello and unsubscribes', async () => {
  const { events, editor, channel } = await started();
  channel.stop();
  jest.advanceTimersByTime(HELLO_INTERVAL_MS * 2);
  expect(events.of(JSON_EDITOR_EVENTS.hello)).toHaveLength(1);
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', text: '{}' });
  expect(editor.loads).toEqual([]);
});

test('a failing emit is reported, not thrown', async () => {
  const errors: unknown[] = [];
  const events = new FakeEvents();
  events.emit = () => Promise.reject(new Error('bridge gone'));
  const channel = createFrameChannel({ events, editor: new FakeEditor(), frameId: 'f', onError: (e) => errors.push(e) });
  await channel.start();
  await Promise.resolve();
  await Promise.resolve();
  expect(errors).toEqual([new Error('bridge gone')]);
  channel.stop();
});
