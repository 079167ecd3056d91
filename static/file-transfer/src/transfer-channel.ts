// The frame's side of the protocol (protocol.ts): hello until configured; download and open messages for this frame
// only; a picked file read, checked and sent to the page in parts, or refused with a reason. The events API, the view
// and the save are passed in, so tests can drive it without a browser.
import { bytesText, utf8Length } from './bytes-text';
import { splitText } from './parts';
import {
  FILE_TRANSFER_EVENTS,
  HELLO_INTERVAL_MS,
  isFileTransferDownload,
  isFileTransferOpen,
  type FileTransferDownload,
  type FileTransferHello,
  type FileTransferOpen,
  type FileTransferPart,
  type FileTransferRefused,
} from './protocol';
import { readTextFile, type PickedFile } from './read-file';
import type { SaveRequest } from './save-file';

/** The part of @forge/bridge's `events` the frame uses. */
export interface FrameEvents {
  emit(event: string, payload?: unknown): Promise<void>;
  on(event: string, callback: (payload?: unknown) => unknown): Promise<{ unsubscribe(): void }>;
}

/** What the frame shows (view.ts draws it in the document). */
export interface TransferView {
  showDownload(offer: { fileName: string; bytes: number }): void;
  showOpen(request: { accept: string; label: string }): void;
  /** A line for the live region: progress and outcomes ('info'), or what went wrong ('problem'). '' clears it. */
  status(message: string, tone: 'info' | 'problem'): void;
}

export type Configuration = { mode: 'download'; download: FileTransferDownload } | { mode: 'open'; open: FileTransferOpen };

export interface TransferChannel {
  frameId: string;
  /** Subscribes to the page's messages, then says hello (and repeats it until configured). */
  start(): Promise<void>;
  /** The user clicked Download: saves the offered text. False when no download is offered. */
  download(): boolean;
  /** The user picked a file: reads it and sends it to the page, or refuses it (shown here and sent to the page). */
  pick(file: PickedFile): Promise<void>;
  configuration(): Configuration | undefined;
  stop(): void;
}

/** 128 random bits as hex; getRandomValues works in any context (randomUUID needs a secure one). */
export function makeFrameId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function createTransferChannel(options: {
  events: FrameEvents;
  view: TransferView;
  save(request: SaveRequest): void;
  frameId?: string;
  onError?: (error: unknown) => void;
}): TransferChannel {
  const { events, view, save, frameId = makeFrameId(), onError = (error) => console.error('[file-transfer]', error) } = options;
  let configured: Configuration | undefined;
  let helloTimer: ReturnType<typeof setInterval> | undefined;
  let subscriptions: Array<{ unsubscribe(): void }> = [];
  let stopped = false;
  /** Picks so far: the latest pick wins, an earlier one still being read is dropped. */
  let picks = 0;

  const sayHello = () => void events.emit(FILE_TRANSFER_EVENTS.hello, { frameId } satisfies FileTransferHello).catch(onError);
  const stopHello = () => {
    if (helloTimer !== undefined) clearInterval(helloTimer);
    helloTimer = undefined;
  };

  const onDownload = (payload: unknown) => {
    if (stopped || !isFileTransferDownload(payload) || payload.frameId !== frameId) return;
    stopHello();
    const changed = configured?.mode !== 'download' || configured.download.fileName !== payload.fileName || configured.download.text !== payload.text;
    configured = { mode: 'download', download: payload };
    view.showDownload({ fileName: payload.fileName, bytes: utf8Length(payload.text) });
    // "Download started" was about the file offered then; a new one has not been downloaded.
    if (changed) view.status('', 'info');
  };

  const onOpen = (payload: unknown) => {
    if (stopped || !isFileTransferOpen(payload) || payload.frameId !== frameId) return;
    stopHello();
    const changed = configured?.mode !== 'open';
    configured = { mode: 'open', open: payload };
    view.showOpen({ accept: payload.accept, label: payload.label });
    if (changed) view.status('', 'info');
  };

  const refuse = (refusal: FileTransferRefused) => {
    view.status(refusal.message, 'problem');
    void events.emit(FILE_TRANSFER_EVENTS.refused, refusal).catch(onError);
  };

  return {
    frameId,
    async start() {
      // Every subscription is in place before the hello: the page answers a hello at once.
      subscriptions = await Promise.all([events.on(FILE_TRANSFER_EVENTS.download, onDownload), events.on(FILE_TRANSFER_EVENTS.open, onOpen)]);
      if (stopped) {
        subscriptions.forEach((s) => s.unsubscribe());
        return;
      }
      if (configured) return;
      sayHello();
      helloTimer = setInterval(() => {
        if (configured || stopped) stopHello();
        else sayHello();
      }, HELLO_INTERVAL_MS);
    },
    download() {
      if (stopped || configured?.mode !== 'download') return false;
      const { fileName, mimeType, text } = configured.download;
      try {
        save({ fileName, mimeType, text });
      } catch (error) {
        onError(error);
        view.status(`${fileName} could not be saved: ${(error as Error)?.message ?? String(error)}`, 'problem');
        return false;
      }
      view.status(`Download started: ${fileName} (${bytesText(utf8Length(text))}).`, 'info');
      return true;
    },
    async pick(file) {
      if (stopped || configured?.mode !== 'open') return;
      const { maxBytes } = configured.open;
      picks += 1;
      const pick = picks;
      const requestId = String(pick);
      const current = () => !stopped && pick === picks && configured?.mode === 'open';
      view.status(`Reading ${file.name}…`, 'info');
      const outcome = await readTextFile(file, maxBytes);
      if (!current()) return;
      if (!outcome.ok) {
        refuse({ frameId, requestId, name: file.name, bytes: outcome.bytes, reason: outcome.reason, message: outcome.message });
        return;
      }
      const texts = splitText(outcome.text);
      try {
        // One after another, in order: the page needs them all, and a failed send stops the rest.
        for (const [index, text] of texts.entries()) {
          if (!current()) return;
          await events.emit(FILE_TRANSFER_EVENTS.part, { frameId, requestId, name: file.name, index, count: texts.length, text } satisfies FileTransferPart);
        }
      } catch (error) {
        onError(error);
        view.status(`${file.name} could not be handed to the page. Pick it again.`, 'problem');
        return;
      }
      view.status(`Read ${file.name} (${bytesText(outcome.bytes)}).`, 'info');
    },
    configuration: () => configured,
    stop() {
      stopped = true;
      stopHello();
      subscriptions.forEach((s) => s.unsubscribe());
    },
  };
}
