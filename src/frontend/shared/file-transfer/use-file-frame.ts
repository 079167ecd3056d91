import { events } from '@forge/bridge';
import { useEffect, useRef, useState } from 'react';
import {
  FILE_TRANSFER_EVENTS,
  isFileTransferHello,
  isFileTransferPart,
  isFileTransferRefused,
  type FileTransferDownload as DownloadMessage,
  type FileTransferOpen as OpenMessage,
} from '../../../../static/file-transfer/src/protocol';
import { createFileAssembler } from './file-assembly';
import { acquireFileFrameLock, releaseFileFrameLock } from './file-frame-lock';

/** How long a page waits for the file frame's hello before it gives up on it (as the JSON editor's FRAME_TIMEOUT_MS). */
export const FILE_FRAME_TIMEOUT_MS = 4_000;
/** How long a picked file's next part may take before the page drops the file as incomplete. */
export const PART_TIMEOUT_MS = 10_000;

/** 'pending': waiting for the frame's hello; 'frame': it is configured; 'fallback': no frame (show nothing). */
export type FileFrameMode = 'pending' | 'frame' | 'fallback';

export type FileFrameRequest =
  | { mode: 'download'; fileName: string; mimeType: string; text: string }
  | { mode: 'open'; accept: string; maxBytes: number; label: string };

export interface FileFrameHandlers {
  /** A picked file's whole text (open mode). */
  onFile?(name: string, text: string): void;
  /** Why a picked file was not read or did not arrive whole (open mode); the frame shows it too. */
  onError?(message: string): void;
}

type Subscription = { unsubscribe(): void } | undefined;

/** What a request is made of: when none of it changed, the frame already shows it. */
const partsOf = (r: FileFrameRequest): readonly unknown[] =>
  r.mode === 'download' ? [r.mode, r.fileName, r.mimeType, r.text] : [r.mode, r.accept, r.maxBytes, r.label];
const sameParts = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * Connects a file component to the Custom UI file-transfer frame in its Frame, over the bridge's `events` (the
 * protocol is in static/file-transfer/src/protocol.ts). Any failure (no frame, no events API, no hello in time) ends
 * in 'fallback', where the component renders nothing and the page's copy/paste text remains the way.
 */
export function useFileFrame(request: FileFrameRequest, handlers: FileFrameHandlers = {}): { mode: FileFrameMode } {
  const [mode, setMode] = useState<FileFrameMode>('pending');
  const frameId = useRef<string>();
  const latest = useRef({ request, handlers });
  latest.current = { request, handlers };
  const sent = useRef<{ frameId: string; parts: readonly unknown[] }>();

  /**
   * The request of the last render, complete: it replaces whatever the frame showed. Unless `again`, only when it
   * differs from what this frame was sent last.
   */
  const send = (again: boolean) => {
    const id = frameId.current;
    if (id === undefined) return;
    const current = latest.current.request;
    const parts = partsOf(current);
    if (!again && sent.current?.frameId === id && sameParts(sent.current.parts, parts)) return;
    sent.current = { frameId: id, parts };
    if (current.mode === 'download') {
      const message: DownloadMessage = { frameId: id, fileName: current.fileName, mimeType: current.mimeType, text: current.text };
      void events.emit(FILE_TRANSFER_EVENTS.download, message).catch(() => undefined);
    } else {
      const message: OpenMessage = { frameId: id, accept: current.accept, maxBytes: current.maxBytes, label: current.label };
      void events.emit(FILE_TRANSFER_EVENTS.open, message).catch(() => undefined);
    }
  };

  useEffect(() => {
    const owner = Symbol('file-frame');
    if (!acquireFileFrameLock(owner)) {
      setMode('fallback');
      return undefined;
    }
    let active = true;
    let gaveUp = false;
    const subscriptions: Array<Promise<Subscription>> = [];
    const assembler = createFileAssembler(() => (latest.current.request.mode === 'open' ? latest.current.request.maxBytes : 0));
    let partTimer: ReturnType<typeof setTimeout> | undefined;
    const clearPartTimer = () => {
      if (partTimer !== undefined) clearTimeout(partTimer);
      partTimer = undefined;
    };
    let helloTimer: ReturnType<typeof setTimeout> | undefined;
    const fallBack = () => {
      clearTimeout(helloTimer);
      if (!active || frameId.current !== undefined) return;
      gaveUp = true;
      setMode('fallback');
      releaseFileFrameLock(owner);
    };
    const subscribe = (event: string, handler: (payload: unknown) => void) => {
      subscriptions.push(
        Promise.resolve()
          .then(() => events.on(event, handler) as Promise<Subscription>)
          .catch(() => {
            fallBack();
            return undefined;
          }),
      );
    };

    subscribe(FILE_TRANSFER_EVENTS.hello, (payload) => {
      if (!active || gaveUp || !isFileTransferHello(payload)) return;
      // A frame says hello until it is configured. This page holds the only file frame (file-frame-lock.ts), so a
      // hello is from it: the first, a repeat that crossed the configuration (sent again, harmless), or a new
      // document in the same Frame (a reload), which gets the request and from then on is the one listened to.
      clearTimeout(helloTimer);
      if (payload.frameId !== frameId.current) {
        frameId.current = payload.frameId;
        assembler.abandon();
        clearPartTimer();
        setMode('frame');
      }
      send(true);
    });
    subscribe(FILE_TRANSFER_EVENTS.part, (payload) => {
      if (!active || !isFileTransferPart(payload) || payload.frameId !== frameId.current) return;
      const outcome = assembler.add(payload);
      clearPartTimer();
      if (outcome.kind === 'done') latest.current.handlers.onFile?.(outcome.name, outcome.text);
      else if (outcome.kind === 'failed') latest.current.handlers.onError?.(outcome.message);
      const waiting = assembler.incomplete();
      if (waiting) {
        partTimer = setTimeout(() => {
          assembler.abandon();
          latest.current.handlers.onError?.(`${waiting.name} did not arrive whole (${waiting.count - waiting.received} of ${waiting.count} parts missing). Pick it again.`);
        }, PART_TIMEOUT_MS);
      }
    });
    subscribe(FILE_TRANSFER_EVENTS.refused, (payload) => {
      if (!active || !isFileTransferRefused(payload) || payload.frameId !== frameId.current) return;
      latest.current.handlers.onError?.(payload.message);
    });
    helloTimer = setTimeout(fallBack, FILE_FRAME_TIMEOUT_MS);
    return () => {
      active = false;
      clearTimeout(helloTimer);
      clearPartTimer();
      releaseFileFrameLock(owner);
      frameId.current = undefined;
      subscriptions.forEach((s) => void s.then((sub) => sub?.unsubscribe()));
    };
  }, []);

  // What the page offers or asks changed (another format, a new export): the frame gets the whole request again.
  useEffect(() => {
    if (mode === 'frame') send(false);
  });

  return { mode };
}
