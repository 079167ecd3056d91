// Reads a picked file as text, in the frame. Only what a Custom UI frame may do under Forge's policy: the File's own
// arrayBuffer() (no fetch of a blob: URL, which `connect-src` does not list, and no FileReader data: URL).
import { bytesText } from './bytes-text';
import type { RefusalReason } from './protocol';

/** What the frame needs of a picked File (the DOM's File has it). */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** `bytes`: the file's size, as read when it was (else as the browser reported it). */
export type ReadOutcome = { ok: true; text: string; bytes: number } | { ok: false; reason: RefusalReason; message: string; bytes: number };

/**
 * The file's text, decoded as UTF-8 (a byte order mark at the start is dropped, as JSON.parse would refuse it), or why
 * not: larger than `maxBytes` (refused before reading a byte), not valid UTF-8 (refused rather than read with
 * replacement characters, which would change values without a word), or unreadable (removed since it was picked).
 */
export async function readTextFile(file: PickedFile, maxBytes: number): Promise<ReadOutcome> {
  const tooLarge = (bytes: number): ReadOutcome => ({
    ok: false,
    reason: 'too-large',
    bytes,
    message: `${file.name} is ${bytesText(bytes)}: files up to ${bytesText(maxBytes)} can be opened here.`,
  });
  if (file.size > maxBytes) return tooLarge(file.size);
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (error) {
    return { ok: false, reason: 'unreadable', bytes: file.size, message: `${file.name} could not be read (${(error as Error)?.message ?? String(error)}). Pick it again.` };
  }
  // The size the browser reported may be stale (the file changed on disk after it was picked).
  if (bytes.byteLength > maxBytes) return tooLarge(bytes.byteLength);
  try {
    return { ok: true, bytes: bytes.byteLength, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'not-utf8', bytes: bytes.byteLength, message: `${file.name} is not UTF-8 text. Save it with UTF-8 encoding and pick it again.` };
  }
}
