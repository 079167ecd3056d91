import { events } from '@forge/bridge';
import { useEffect, useRef, useState } from 'react';
import {
  JSON_EDITOR_EVENTS as EDITOR_EVENTS,
  type JsonEditorChange as ChangeMessage,
  type JsonEditorConfigure as ConfigureMessage,
  type JsonEditorDiagnostic as EditorDiagnostic,
  type JsonEditorLoad as LoadMessage,
  type JsonEditorSync as SyncMessage,
} from '../../../../static/json-editor/src/protocol';
import { acquireFrameLock, claimFrame, releaseFrameLock } from './frame-lock';

/** How long a page waits for the editor frame to say hello before it falls back to the TextArea. */
export const FRAME_TIMEOUT_MS = 4_000;
/** How long flushEditorFrame() waits for the frame's answer before the page goes on with the text it has. */
export const SYNC_TIMEOUT_MS = 3_000;

export type EditorMode = 'pending' | 'frame' | 'fallback';

interface Options {
  enabled: boolean;
  text: string;
  schema?: Record<string, unknown>;
  readOnly?: boolean;
  onChange(text: string): void;
}

type Subscription = { unsubscribe(): void } | undefined;

/** The frame's diagnostics, and the text and settings they were made for. */
interface Verdict {
  text: string;
  settings: string;
  diagnostics: EditorDiagnostic[];
}

// At most one field on a page uses the frame (frame-lock.ts), so the page's handlers can reach it without a handle.
let connected: { sync(timeoutMs: number): Promise<string | undefined> } | undefined;

/**
 * Asks the connected editor frame for its text now, a pending edit included, and hands it to the field's onChange.
 * Edits reach the page after a pause (the frame debounces them, then they cross frames and a render), while a click
 * handler runs with the state last rendered: a Save handler awaits this first, so what it saves is what the user sees.
 * Resolves with the frame's text, or undefined when no frame is connected (the TextArea's text is current) or it did
 * not answer in time (the caller goes on with its state; the resolver still checks what is sent).
 */
export function flushEditorFrame(timeoutMs: number = SYNC_TIMEOUT_MS): Promise<string | undefined> {
  return connected ? connected.sync(timeoutMs) : Promise.resolve(undefined);
}

/**
 * Connects one JSON field to the Custom UI editor in a Frame over the bridge's `events` (the protocol is in
 * static/json-editor/src/protocol.ts). Any failure (no frame, no events API, a timeout) falls back to the TextArea,
 * so an edit is never blocked by the editor.
 */
export function useEditorFrame({ enabled, text, schema, readOnly, onChange }: Options) {
  const [mode, setMode] = useState<EditorMode>(enabled ? 'pending' : 'fallback');
  const [verdict, setVerdict] = useState<Verdict>();
  const frameId = useRef<string>();
  // What the frame holds, as far as the page knows: the text last loaded or reported, the settings last sent.
  const frameText = useRef<string>();
  const frameSettings = useRef<string>();
  // Each load and configure gets the next revision; change messages name the last one the frame had applied.
  const revision = useRef(0);
  const loadRevision = useRef(0);
  const settings = JSON.stringify({ schema: schema ?? null, readOnly: readOnly ?? false });
  const latest = useRef({ text, schema, readOnly, settings, onChange });
  latest.current = { text, schema, readOnly, settings, onChange };
  // The text the page holds: the one rendered, or the one last handed to onChange since.
  const pageText = useRef(text);
  pageText.current = text;

  /** The text and settings of the last render, as a load: they replace everything in the frame. */
  const sendLoad = (onError: () => void) => {
    const current = latest.current;
    revision.current += 1;
    loadRevision.current = revision.current;
    frameText.current = current.text;
    frameSettings.current = current.settings;
    const message: LoadMessage = { frameId: frameId.current!, revision: revision.current, text: current.text, schema: current.schema, readOnly: current.readOnly };
    void events.emit(EDITOR_EVENTS.load, message).catch(onError);
  };
  /** The settings of the last render alone: the frame keeps its text, and any edit it has not reported yet. */
  const sendConfigure = () => {
    const current = latest.current;
    revision.current += 1;
    frameSettings.current = current.settings;
    const message: ConfigureMessage = { frameId: frameId.current!, revision: revision.current, schema: current.schema, readOnly: current.readOnly };
    void events.emit(EDITOR_EVENTS.configure, message).catch(() => undefined);
  };

  useEffect(() => {
    if (!enabled) return undefined;
    const owner = Symbol('json-field');
    if (!acquireFrameLock(owner)) {
      setMode('fallback');
      return undefined;
    }
    let active = true;
    const subscriptions: Array<Promise<Subscription>> = [];
    const syncs = new Map<string, (text: string | undefined) => void>();
    let nextSync = 0;
    const fallBack = () => {
      if (!active || frameId.current) return;
      setMode('fallback');
      releaseFrameLock(owner);
    };
    const subscribe = (event: string, handler: (payload: unknown) => void) => {
      const subscription = Promise.resolve()
        .then(() => events.on(event, handler) as Promise<Subscription>)
        .catch(() => {
          fallBack();
          return undefined;
        });
      subscriptions.push(subscription);
    };
    const mine = {
      sync: (timeoutMs: number) =>
        new Promise<string | undefined>((resolve) => {
          nextSync += 1;
          const requestId = String(nextSync);
          const settle = (value: string | undefined) => {
            clearTimeout(timer);
            syncs.delete(requestId);
            resolve(value);
          };
          const timer = setTimeout(() => settle(undefined), timeoutMs);
          syncs.set(requestId, settle);
          const message: SyncMessage = { frameId: frameId.current!, requestId };
          void events.emit(EDITOR_EVENTS.sync, message).catch(() => settle(undefined));
        }),
    };
    subscribe(EDITOR_EVENTS.hello, (payload) => {
      const id = (payload as { frameId?: unknown } | undefined)?.frameId;
      if (!active || frameId.current !== undefined || typeof id !== 'string' || !claimFrame(id)) return;
      frameId.current = id;
      setMode('frame');
      // The text and settings of the last render, whatever changed while the frame was starting.
      sendLoad(fallBack);
      connected = mine;
    });
    subscribe(EDITOR_EVENTS.change, (payload) => {
      const message = payload as ChangeMessage;
      if (!active || message?.frameId !== frameId.current || typeof message.text !== 'string') return;
      const settle = typeof message.requestId === 'string' ? syncs.get(message.requestId) : undefined;
      const at = typeof message.revision === 'number' ? message.revision : 0;
      // Made before the page's last load, which replaced it in the frame too: the frame answers that load next.
      if (at < loadRevision.current) {
        settle?.(undefined);
        return;
      }
      frameText.current = message.text;
      // Diagnostics made against settings the page has replaced since are not about what it shows.
      const diagnostics = Array.isArray(message.diagnostics) ? message.diagnostics : [];
      setVerdict(at === revision.current ? { text: message.text, settings: frameSettings.current ?? '', diagnostics } : undefined);
      if (message.text !== pageText.current) {
        pageText.current = message.text;
        latest.current.onChange(message.text);
      }
      settle?.(message.text);
    });
    const timer = setTimeout(fallBack, FRAME_TIMEOUT_MS);
    return () => {
      active = false;
      clearTimeout(timer);
      releaseFrameLock(owner);
      if (connected === mine) connected = undefined;
      syncs.forEach((settle) => settle(undefined));
      subscriptions.forEach((s) => void s.then((sub) => sub?.unsubscribe()));
    };
  }, [enabled]);

  // Text or settings changed on the UI Kit side (Format, Minify, reload after a conflict, a schema being edited):
  // a new text goes as a load (with the settings), new settings alone as a configure. The frame's own edits come back
  // as `frameText` and are not echoed.
  useEffect(() => {
    if (mode !== 'frame' || frameId.current === undefined) return;
    if (text !== frameText.current) sendLoad(() => undefined);
    else if (settings !== frameSettings.current) sendConfigure();
  }, [mode, text, settings]);

  // Only the frame's verdict on this very text under these very settings; until it comes, none.
  const diagnostics = verdict && verdict.text === text && verdict.settings === settings ? verdict.diagnostics : [];
  return { mode, diagnostics };
}
