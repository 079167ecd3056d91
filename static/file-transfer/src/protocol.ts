// The protocol between this Custom UI resource (shown through UI Kit's `<Frame resource="file-transfer" />`) and the
// UI Kit page around it. UI Kit has no download and the local host renders no FilePicker, so a frame does both: it
// saves a text the page hands it as a file, or reads a file the user picks and hands its text to the page. As with the
// JSON editor (static/json-editor/src/protocol.ts), both sides talk only through @forge/bridge's `events` (Frame takes
// no props to pass data in), and every message carries the frame's id. Event names have their own prefix, so nothing
// here is heard by an editor frame on the same page, nor the other way round.
//
//   frame                                         UI Kit page
//   ── file-transfer.hello {frameId} ───────────▶ (every 500 ms until a download or open for this frameId arrives)
//   ◀── file-transfer.download {frameId, fileName, mimeType, text}     (show "Download <fileName>"; again on a change)
//   ◀── file-transfer.open {frameId, accept, maxBytes, label}          (show a labelled file input)
//   ── file-transfer.part {frameId, requestId, name, index, count, text} ▶   (a picked file's text, in order, in parts)
//   ── file-transfer.refused {frameId, requestId, name, bytes, reason, message} ▶   (a picked file that is not read)
//
// Each download or open message is complete and replaces the one before (a page may switch a frame from one to the
// other). A picked file's text goes in parts of at most PART_CHARS characters, `index` 0 … `count - 1`, all with the
// same `requestId` (one per pick); the page puts them together in index order and uses the text once it has every
// part. Why parts: one event per file would carry up to `maxBytes` in a single postMessage through Forge's bridge,
// whose size limits are not documented; parts keep each message small whatever the file.
//
// The UI Kit side imports the constants and types only: nothing here may pull frame code into the UI Kit bundle.

export const FILE_TRANSFER_EVENTS = {
  hello: 'file-transfer.hello',
  download: 'file-transfer.download',
  open: 'file-transfer.open',
  part: 'file-transfer.part',
  refused: 'file-transfer.refused',
} as const;

/** How often the frame repeats its hello until it is configured. */
export const HELLO_INTERVAL_MS = 500;
/** The most characters (UTF-16 code units, as JavaScript counts) one part carries. */
export const PART_CHARS = 64_000;

export interface FileTransferHello {
  /** Random, made by the frame when it starts; names this frame in every later message. */
  frameId: string;
}

/** Offers `text` as a file: the frame shows a Download button, and saves the text (UTF-8) when it is clicked. */
export interface FileTransferDownload {
  frameId: string;
  /** The name the browser saves the file under (it may still change characters the system does not allow). */
  fileName: string;
  /** The file's type, e.g. `application/json` or `text/csv`. */
  mimeType: string;
  text: string;
}

/** Asks the user for a file: the frame shows a file input with this label. */
export interface FileTransferOpen {
  frameId: string;
  /** The input's `accept`: file name extensions and types, e.g. `.json,application/json`; '' for any file. */
  accept: string;
  /** A larger file is refused before it is read. */
  maxBytes: number;
  label: string;
}

/** One part of a picked file's text (decoded as UTF-8, without a byte order mark). */
export interface FileTransferPart {
  frameId: string;
  /** Made by the frame for each file picked; the same in every part of that file. */
  requestId: string;
  /** The file's name as the browser gives it (no folder). */
  name: string;
  /** 0-based; the parts of one file are sent in order, but the page must not rely on it. */
  index: number;
  /** How many parts the file has (at least 1: an empty file is one empty part). */
  count: number;
  text: string;
}

export type RefusalReason = 'too-large' | 'not-utf8' | 'unreadable';

/** A picked file the frame did not read, and why (the frame shows `message` too). */
export interface FileTransferRefused {
  frameId: string;
  requestId: string;
  name: string;
  /** The file's size in bytes. */
  bytes: number;
  reason: RefusalReason;
  message: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

// Shape checks: events can come from any frame or module of the app.

export function isFileTransferHello(value: unknown): value is FileTransferHello {
  return isRecord(value) && typeof value.frameId === 'string' && value.frameId !== '';
}

export function isFileTransferDownload(value: unknown): value is FileTransferDownload {
  return (
    isRecord(value) &&
    typeof value.frameId === 'string' &&
    typeof value.fileName === 'string' &&
    value.fileName !== '' &&
    typeof value.mimeType === 'string' &&
    typeof value.text === 'string'
  );
}

export function isFileTransferOpen(value: unknown): value is FileTransferOpen {
  return (
    isRecord(value) &&
    typeof value.frameId === 'string' &&
    typeof value.accept === 'string' &&
    isCount(value.maxBytes) &&
    typeof value.label === 'string' &&
    value.label !== ''
  );
}

export function isFileTransferPart(value: unknown): value is FileTransferPart {
  return (
    isRecord(value) &&
    typeof value.frameId === 'string' &&
    typeof value.requestId === 'string' &&
    typeof value.name === 'string' &&
    isCount(value.index) &&
    isCount(value.count) &&
    value.count >= 1 &&
    value.index < value.count &&
    typeof value.text === 'string' &&
    value.text.length <= PART_CHARS
  );
}

export function isFileTransferRefused(value: unknown): value is FileTransferRefused {
  return (
    isRecord(value) &&
    typeof value.frameId === 'string' &&
    typeof value.requestId === 'string' &&
    typeof value.name === 'string' &&
    isCount(value.bytes) &&
    (value.reason === 'too-large' || value.reason === 'not-utf8' || value.reason === 'unreadable') &&
    typeof value.message === 'string'
  );
}
