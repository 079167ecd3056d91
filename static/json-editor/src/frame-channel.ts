// The frame's side of the protocol (protocol.ts): hello until loaded, loads for this frame only, debounced change
// messages for user edits. The events API and the editor are passed in, so tests can drive it without a browser.
import type { Analysis } from './diagnostics';
import type { EditorContent } from './editor';
import { CHANGE_DEBOUNCE_MS, HELLO_INTERVAL_MS, isJsonEditorLoad, JSON_EDITOR_EVENTS, type JsonEditorChange, type JsonEditorHello } from './protocol';
import { toProtocolDiagnostics } from './diagnostics';

/** The part of @forge/bridge's `events` the frame uses. */
export interface FrameEvents {
  emit(event: string, payload?: unknown): Promise<void>;
  on(event: string, callback: (payload?: unknown) => unknown): Promise<{ unsubscribe(): void }>;
}

export interface ChannelEditor {
  load(content: EditorContent): void;
  check(): Analysis;
  text(): string;
}

export interface FrameChannel {
  frameId: string;
  /** Subscribes to loads, then says hello (and repeats it until loaded). */
  start(): Promise<void>;
  /** A user edit happened: a change message follows after the debounce. */
  edited(): void;
  /** Sends a pending change now (the editor lost focus: the page may be about to save). */
  flush(): void;
  loaded(): boolean;
  stop(): void;
}

/** 128 random bits as hex; getRandomValues works in any context (randomUUID needs a secure one). */
export function makeFrameId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function createFrameChannel(options: {
  events: FrameEvents;
  editor: ChannelEditor;
  frameId?: string;
  onError?: (error: unknown) => void;
}): FrameChannel {
  const { events, editor, frameId = makeFrameId(), onError = (error) => console.error('[json-editor]', error) } = options;
  let isLoaded = false;
  let helloTimer: ReturnType<typeof setInterval> | undefined;
  let changeTimer: ReturnType<typeof setTimeout> | undefined;
  let subscription: { unsubscribe(): void } | undefined;
  let stopped = false;

  const emit = (event: string, payload: unknown) => {
    events.emit(event, payload).catch(onError);
  };
  const sayHello = () => emit(JSON_EDITOR_EVENTS.hello, { frameId } satisfies JsonEditorHello);
  const stopHello = () => {
    if (helloTimer !== undefined) clearInterval(helloTimer);
    helloTimer = undefined;
  };
  const cancelChange = () => {
    if (changeTimer !== undefined) clearTimeout(changeTimer);
    changeTimer = undefined;
  };

  const flush = () => {
    if (changeTimer === undefined) return;
    cancelChange();
    const analysis = editor.check();
    const change: JsonEditorChange = { frameId, text: editor.text(), valid: analysis.valid, diagnostics: toProtocolDiagnostics(analysis.diagnostics) };
    emit(JSON_EDITOR_EVENTS.change, change);
  };

  const onLoad = (payload: unknown) => {
    if (stopped || !isJsonEditorLoad(payload) || payload.frameId !== frameId) return;
    stopHello();
    // The load replaces the text: an edit still waiting to be reported is superseded, not sent after it.
    cancelChange();
    isLoaded = true;
    editor.load({ text: payload.text, schema: payload.schema, readOnly: payload.readOnly });
  };

  return {
    frameId,
    async start() {
      subscription = await events.on(JSON_EDITOR_EVENTS.load, onLoad);
      if (stopped || isLoaded) return;
      sayHello();
      helloTimer = setInterval(() => {
        if (isLoaded || stopped) stopHello();
        else sayHello();
      }, HELLO_INTERVAL_MS);
    },
    edited() {
      if (stopped) return;
      cancelChange();
      changeTimer = setTimeout(flush, CHANGE_DEBOUNCE_MS);
    },
    flush,
    loaded: () => isLoaded,
    stop() {
      stopped = true;
      stopHello();
      cancelChange();
      subscription?.unsubscribe();
    },
  };
}
