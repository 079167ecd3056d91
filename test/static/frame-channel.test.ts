import { analyse } from '../../static/json-editor/src/diagnostics';
import type { EditorContent } from '../../static/json-editor/src/editor';
import { createFrameChannel, makeFrameId, type ChannelEditor, type FrameEvents } from '../../static/json-editor/src/frame-channel';
import { CHANGE_DEBOUNCE_MS, HELLO_INTERVAL_MS, JSON_EDITOR_EVENTS } from '../../static/json-editor/src/protocol';
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
}

/** The editor without CodeMirror: a text the test edits, validated with the real analyse(). */
class FakeEditor implements ChannelEditor {
  content: EditorContent = { text: '' };
  loads: EditorContent[] = [];
  load(content: EditorContent) {
    this.content = content;
    this.loads.push(content);
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

  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', text: '{"a": 1}', readOnly: true });
  expect(editor.loads).toEqual([{ text: '{"a": 1}', schema: undefined, readOnly: true }]);
  jest.advanceTimersByTime(HELLO_INTERVAL_MS * 4);
  expect(events.of(JSON_EDITOR_EVENTS.hello)).toHaveLength(5);
  // A load is never echoed back as a change.
  expect(events.of(JSON_EDITOR_EVENTS.change)).toEqual([]);
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
  expect(events.of(JSON_EDITOR_EVENTS.change)).toEqual([]);
  jest.advanceTimersByTime(1);
  expect(events.of(JSON_EDITOR_EVENTS.change)).toEqual([
    {
      frameId: 'frame-1',
      text: '{"theme": 3}',
      valid: false,
      diagnostics: [{ line: 1, column: 11, message: 'Must be one of: "light", "dark".', source: 'schema' }],
    },
  ]);

  editor.type('{"theme": "dark"}');
  channel.edited();
  jest.advanceTimersByTime(CHANGE_DEBOUNCE_MS);
  expect(events.of(JSON_EDITOR_EVENTS.change)[1]).toEqual({ frameId: 'frame-1', text: '{"theme": "dark"}', valid: true, diagnostics: [] });
});

test('flush sends a pending change at once (blur), and only once', async () => {
  const { events, editor, channel } = await started();
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', text: '' });
  editor.type('[1,');
  channel.edited();
  channel.flush();
  expect(events.of(JSON_EDITOR_EVENTS.change)).toEqual([
    { frameId: 'frame-1', text: '[1,', valid: false, diagnostics: [{ line: 1, column: 4, message: 'Unexpected end of the text: a value is expected.', source: 'syntax' }] },
  ]);
  jest.advanceTimersByTime(CHANGE_DEBOUNCE_MS * 2);
  channel.flush();
  expect(events.of(JSON_EDITOR_EVENTS.change)).toHaveLength(1);
});

test('a load supersedes an edit still waiting to be reported', async () => {
  const { events, editor, channel } = await started();
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', text: '{}' });
  editor.type('{"typed": true}');
  channel.edited();
  events.deliver(JSON_EDITOR_EVENTS.load, { frameId: 'frame-1', text: '{\n  "reloaded": true\n}' });
  jest.advanceTimersByTime(CHANGE_DEBOUNCE_MS * 2);
  expect(events.of(JSON_EDITOR_EVENTS.change)).toEqual([]);
  expect(editor.text()).toBe('{\n  "reloaded": true\n}');
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
