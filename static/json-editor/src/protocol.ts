// The protocol between this Custom UI editor (shown through UI Kit's `<Frame resource="json-editor" />`) and the UI Kit
// page around it. Both sides talk only through @forge/bridge's `events` (Frame takes no props to pass data in), so
// every message carries the frame's id: a page may hold several frames, and each frame ignores other frames' loads.
//
//   frame                                   UI Kit page
//   ── json-editor:hello {frameId} ───────▶ (every 500 ms until a load for this frameId arrives: the page may
//                                            subscribe after the frame has started)
//   ◀── json-editor:load {frameId, text, schema?, readOnly?}   (first load, and any later one: Format, Minify, reload)
//   ── json-editor:change {frameId, text, valid, diagnostics} ▶ (each user edit, debounced; never for a load)
//
// The UI Kit side imports these with `import type` only: nothing here may pull editor code into the UI Kit bundle.

export const JSON_EDITOR_EVENTS = {
  hello: 'json-editor:hello',
  load: 'json-editor:load',
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
 * one without `readOnly` makes the editor editable again.
 */
export interface JsonEditorLoad {
  frameId: string;
  text: string;
  /** A JSON Schema (draft-07 unless its `$schema` names 2019-09 or 2020-12): validation and completion. */
  schema?: Record<string, unknown>;
  readOnly?: boolean;
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
  text: string;
  /** The text parses as JSON (JSON.parse) and, when a schema was loaded, the value matches it. */
  valid: boolean;
  /** In document order; at most one syntax problem (the first), and schema problems only when the text parses. */
  diagnostics: JsonEditorDiagnostic[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a load message's shape (events can come from any frame or module of the app). */
export function isJsonEditorLoad(value: unknown): value is JsonEditorLoad {
  return (
    isRecord(value) &&
    typeof value.frameId === 'string' &&
    typeof value.text === 'string' &&
    (value.schema === undefined || isRecord(value.schema)) &&
    (value.readOnly === undefined || typeof value.readOnly === 'boolean')
  );
}
