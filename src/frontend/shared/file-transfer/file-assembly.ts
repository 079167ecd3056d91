// The page's side of a picked file's parts (static/file-transfer/src/protocol.ts): put together in index order, and
// used only once every part is there and they agree with each other and with the limit the page asked for.
import { PART_CHARS, type FileTransferPart } from '../../../../static/file-transfer/src/protocol';

export type AssemblyOutcome =
  /** Kept; more parts to come. */
  | { kind: 'pending' }
  /** Every part is here: the file's text. */
  | { kind: 'done'; name: string; text: string }
  /** A part of a file already finished or given up on, or a repeat of a part already here. */
  | { kind: 'ignored' }
  /** The parts do not make a file the page asked for: the file is dropped. */
  | { kind: 'failed'; name: string; message: string };

interface Transfer {
  requestId: string;
  name: string;
  count: number;
  parts: Array<string | undefined>;
  received: number;
  chars: number;
}

export interface FileAssembler {
  add(part: FileTransferPart): AssemblyOutcome;
  /** The file whose parts are still coming, if any. */
  incomplete(): { requestId: string; name: string; received: number; count: number } | undefined;
  /** Gives up on the file in progress (a timeout): its later parts are ignored. */
  abandon(): void;
}

/**
 * Assembles the files of one frame. `maxBytes` is the open request's limit: UTF-8 never takes fewer bytes than
 * UTF-16 code units, so a text longer than that many characters, or in more parts than it needs, is not one the frame
 * could have read under the limit.
 */
export function createFileAssembler(maxBytes: () => number): FileAssembler {
  let current: Transfer | undefined;
  // Files finished or dropped: a part of theirs arriving late (or twice) starts nothing.
  const settled = new Set<string>();

  const settle = (transfer: Transfer) => {
    settled.add(transfer.requestId);
    if (current === transfer) current = undefined;
  };
  const fail = (transfer: Transfer, message: string): AssemblyOutcome => {
    settle(transfer);
    return { kind: 'failed', name: transfer.name, message };
  };

  return {
    add(part) {
      if (settled.has(part.requestId)) return { kind: 'ignored' };
      if (!current || current.requestId !== part.requestId) {
        // A new pick replaces a file still arriving: the user chose another one.
        if (current) settle(current);
        current = { requestId: part.requestId, name: part.name, count: part.count, parts: new Array<string | undefined>(part.count), received: 0, chars: 0 };
        const limit = maxBytes();
        const most = Math.max(1, Math.ceil(limit / PART_CHARS));
        if (part.count > most) return fail(current, `${part.name} came in ${part.count.toLocaleString('en-US')} parts, more than a file of at most ${limit.toLocaleString('en-US')} bytes needs.`);
      }
      const transfer = current;
      if (part.name !== transfer.name || part.count !== transfer.count) return fail(transfer, `The parts of ${transfer.name} do not agree with each other.`);
      const already = transfer.parts[part.index];
      if (already !== undefined) return already === part.text ? { kind: 'ignored' } : fail(transfer, `Part ${part.index + 1} of ${transfer.name} arrived twice, different each time.`);
      transfer.parts[part.index] = part.text;
      transfer.received += 1;
      transfer.chars += part.text.length;
      if (transfer.chars > maxBytes()) return fail(transfer, `${transfer.name} is larger than the ${maxBytes().toLocaleString('en-US')} bytes this page accepts.`);
      if (transfer.received < transfer.count) return { kind: 'pending' };
      settle(transfer);
      return { kind: 'done', name: transfer.name, text: transfer.parts.join('') };
    },
    incomplete: () => (current ? { requestId: current.requestId, name: current.name, received: current.received, count: current.count } : undefined),
    abandon() {
      if (current) settle(current);
    },
  };
}
