// The protocol between this Custom UI editor (shown through UI Kit's `<Frame resource="json-editor" />`) and the UI Kit
// page around it. Both sides talk only through @forge/bridge's `events` (Frame takes no props to pass data in), so
// every message carries the frame's id: a page may hold several frames, and each frame ignores other frames' messages.
//
//   frame                                   UI Kit page
//   ── json-editor:hello {frameId} ───────▶ (every 500 ms until a load for this frameId arrives: the page may
//                                            subscribe after the frame has started)
//   ◀── json-editor:load {frameId, revision, text, schema?, readOnly?}      (first load, Format, Minify, a reload)
//   ◀── json-editor:configure {frameId, revision, schema?, readOnly?}       (the schema or read-only state changed)
//   ◀── json-editor:sync {frameId, requestId}                                (the page is about to save)
//   ── json-editor:change {frameId, revision, cause, text, valid, diagnostics, requestId?} ▶
//
// A change message goes out after each user edit (debounced, or at once on blur), and as the frame's verdict after
// each load and configure (the schema may make the same text valid or not) and in answer to a sync. It names the
// revision of the last load or configure the frame had applied, so the page can tell:
//   - a change older than the page's last load: superseded by that load (the frame dropped it too), ignored;
//   - diagnostics made against an older schema: not about what the page shows now, not shown.
// Why configure is not a load: a load replaces the text, and the page's copy of the text may be behind the frame's
// (an edit not yet reported); sending it back with a new schema would undo what the user just typed.
// Why sync: edits are reported after a pause, and a page handler (Save) runs with the state it last rendered; the page
// asks for the frame's text first, so what is saved is what the user sees.
//
// The UI Kit side imports these with `import type` only: nothing here may pull editor code into the UI Kit bundle.

export const JSON_EDITOR_EVENTS = {
  hello: 'json-editor:hello',
  load: 'json-editor:load',
  configure: 'json-editor:configure',
  sync: 'json-editor:sync',
  change: 'json-editor:change',
} as const;

/** How often the frame repeats its hello until it is loaded. */
export const HELLO_INTERVAL_MS = 500;
/** A burst of keystrokes becomes one change message after this much quiet (pending changes are flushed on blur). */
export const CHANGE_DEBOUNCE_MS = 150;

export interface JsonEditorHello {
  /** Random, made by the frame when it starts; names this frame in every later message. */
  frameId: string;
}

/**
 * Replaces the whole editor state. Each load is complete: a load without `schema` removes a schema given before, and
 * one without `readOnly` makes the editor editable again. An edit not yet reported is dropped.
 */
export interface JsonEditorLoad {
  frameId: string;
  /** Increases with every load and configure the page sends; echoed in change messages. */
  revision?: number;
  text: string;
  /** A JSON Schema (draft-07 unless its `$schema` names 2019-09 or 2020-12): validation and completion. */
  schema?: Record<string, unknown>;
  readOnly?: boolean;
}

/** Replaces the schema and the read-only state (complete, as a load is), keeping the text and any pending edit. */
export interface JsonEditorConfigure {
  frameId: string;
  revision?: number;
  schema?: Record<string, unknown>;
  readOnly?: boolean;
}

/** Asks for a change message now, with this request id, whether or not an edit is pending. */
export interface JsonEditorSync {
  frameId: string;
  requestId: string;
}

export interface JsonEditorDiagnostic {
  /** 1-based line of the first character of the problem. */
  line: number;
  /** 1-based column of that character, counted in UTF-16 code units as JavaScript strings are (a tab counts as 1). */
  column: number;
  message: string;
  source: 'syntax' | 'schema';
}

export interface JsonEditorChange {
  frameId: string;
  /** The revision of the last load or configure applied before this text was checked (absent before the first). */
  revision?: number;
  /** 'edit': the user changed the text; otherwise the verdict after a load or configure, or the answer to a sync. */
  cause: 'edit' | 'load' | 'configure' | 'sync';
  /** The sync this answers. */
  requestId?: string;
  text: string;
  /** The text parses as JSON (JSON.parse) and, when a schema was loaded, the value matches it. */
  valid: boolean;
  /** In document order; at most one syntax problem (the first), and schema problems only when the text parses. */
  diagnostics: JsonEditorDiagnostic[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isRevision = (value: unknown) => value === undefined || (typeof value === 'number' && Number.isSafeInteger(value));

/** Checks a configure message's shape (events can come from any frame or module of the app). */
export function isJsonEditorConfigure(value: unknown): value is JsonEditorConfigure {
  return (
    isRecord(value) &&
    typeof value.frameId === 'string' &&
    isRevision(value.revision) &&
    (value.schema === undefined || isRecord(value.schema)) &&
    (value.readOnly === undefined || typeof value.readOnly === 'boolean')
  );
}

/** Checks a load message's shape. */
export function isJsonEditorLoad(value: unknown): value is JsonEditorLoad {
  return isJsonEditorConfigure(value) && typeof (value as { text?: unknown }).text === 'string';
}

export function isJsonEditorSync(value: unknown): value is JsonEditorSync {
  return isRecord(value) && typeof value.frameId === 'string' && typeof value.requestId === 'string';
}
