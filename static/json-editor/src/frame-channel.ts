// The frame's side of the protocol (protocol.ts): hello until loaded; loads, configures and syncs for this frame only;
// change messages for user edits (debounced) and as the verdict after each load and configure. The events API and the
// editor are passed in, so tests can drive it without a browser.
import type { Analysis } from './diagnostics';
import type { EditorContent, EditorSettings } from './editor';
import {
  CHANGE_DEBOUNCE_MS,
  HELLO_INTERVAL_MS,
  isJsonEditorConfigure,
  isJsonEditorLoad,
  isJsonEditorSync,
  JSON_EDITOR_EVENTS,
  type JsonEditorChange,
  type JsonEditorHello,
} from './protocol';
import { toProtocolDiagnostics } from './diagnostics';

/** The part of @forge/bridge's `events` the frame uses. */
export interface FrameEvents {
  emit(event: string, payload?: unknown): Promise<void>;
  on(event: string, callback: (payload?: unknown) => unknown): Promise<{ unsubscribe(): void }>;
}

export interface ChannelEditor {
  /** Replaces text, schema and read-only state (no validation: the channel checks right after). */
  load(content: EditorContent): void;
  /** Replaces the schema and read-only state, keeping the text. */
  configure(settings: EditorSettings): void;
  check(): Analysis;
  text(): string;
}

export interface FrameChannel {
  frameId: string;
  /** Subscribes to the page's messages, then says hello (and repeats it until loaded). */
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
  /** The revision of the last load or configure applied. */
  let revision: number | undefined;
  let helloTimer: ReturnType<typeof setInterval> | undefined;
  let changeTimer: ReturnType<typeof setTimeout> | undefined;
  let subscriptions: Array<{ unsubscribe(): void }> = [];
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
  const editPending = () => changeTimer !== undefined;

  /** Checks the text as it is now and tells the page (any pending edit goes with it). */
  const report = (cause: JsonEditorChange['cause'], requestId?: string) => {
    cancelChange();
    const analysis = editor.check();
    const change: JsonEditorChange = {
      frameId,
      ...(revision === undefined ? {} : { revision }),
      cause,
      ...(requestId === undefined ? {} : { requestId }),
      text: editor.text(),
      valid: analysis.valid,
      diagnostics: toProtocolDiagnostics(analysis.diagnostics),
    };
    emit(JSON_EDITOR_EVENTS.change, change);
  };

  const flush = () => {
    if (editPending()) report('edit');
  };

  const onLoad = (payload: unknown) => {
    if (stopped || !isJsonEditorLoad(payload) || payload.frameId !== frameId) return;
    stopHello();
    // The load replaces the text: an edit still waiting to be reported is superseded, not sent after it.
    cancelChange();
    isLoaded = true;
    revision = payload.revision;
    editor.load({ text: payload.text, schema: payload.schema, readOnly: payload.readOnly });
    report('load');
  };

  const onConfigure = (payload: unknown) => {
    // Before the first load there is nothing to configure: that load carries the page's settings of its time.
    if (stopped || !isLoaded || !isJsonEditorConfigure(payload) || payload.frameId !== frameId) return;
    revision = payload.revision;
    const pending = editPending();
    editor.configure({ schema: payload.schema, readOnly: payload.readOnly });
    // Re-validated at once against the new schema; a pending edit goes with the verdict.
    report(pending ? 'edit' : 'configure');
  };

  const onSync = (payload: unknown) => {
    if (stopped || !isLoaded || !isJsonEditorSync(payload) || payload.frameId !== frameId) return;
    report(editPending() ? 'edit' : 'sync', payload.requestId);
  };

  return {
    frameId,
    async start() {
      // Every subscription is in place before the hello: the page answers a hello at once.
      subscriptions = await Promise.all([
        events.on(JSON_EDITOR_EVENTS.load, onLoad),
        events.on(JSON_EDITOR_EVENTS.configure, onConfigure),
        events.on(JSON_EDITOR_EVENTS.sync, onSync),
      ]);
      if (stopped) {
        subscriptions.forEach((s) => s.unsubscribe());
        return;
      }
      if (isLoaded) return;
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
      subscriptions.forEach((s) => s.unsubscribe());
    },
  };
}
