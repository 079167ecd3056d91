import { events } from '@forge/bridge';
import { useEffect, useRef, useState } from 'react';
import {
  JSON_EDITOR_EVENTS as EDITOR_EVENTS,
  type JsonEditorChange as ChangeMessage,
  type JsonEditorDiagnostic as EditorDiagnostic,
} from '../../../../static/json-editor/src/protocol';
import { acquireFrameLock, claimFrame, releaseFrameLock } from './frame-lock';

/** How long a page waits for the editor frame to say hello before it falls back to the TextArea. */
export const FRAME_TIMEOUT_MS = 4_000;

export type EditorMode = 'pending' | 'frame' | 'fallback';

interface Options {
  enabled: boolean;
  text: string;
  schema?: Record<string, unknown>;
  readOnly?: boolean;
  onChange(text: string): void;
}

type Subscription = { unsubscribe(): void } | undefined;

/**
 * Connects one JSON field to the Custom UI editor in a Frame over the bridge's `events`. Any failure (no frame,
 * no events API, a timeout) falls back to the TextArea, so an edit is never blocked by the editor.
 */
export function useEditorFrame({ enabled, text, schema, readOnly, onChange }: Options) {
  const [mode, setMode] = useState<EditorMode>(enabled ? 'pending' : 'fallback');
  const [diagnostics, setDiagnostics] = useState<EditorDiagnostic[]>([]);
  const frameId = useRef<string>();
  const lastFromFrame = useRef<string>();
  const latest = useRef({ text, schema, readOnly, onChange });
  latest.current = { text, schema, readOnly, onChange };

  useEffect(() => {
    if (!enabled) return undefined;
    const owner = Symbol('json-field');
    if (!acquireFrameLock(owner)) {
      setMode('fallback');
      return undefined;
    }
    let active = true;
    const subscriptions: Array<Promise<Subscription>> = [];
    const fallBack = () => {
      if (!active || frameId.current) return;
      setMode('fallback');
      releaseFrameLock(owner);
    };
    const load = () => {
      const { text: current, schema: currentSchema, readOnly: currentReadOnly } = latest.current;
      lastFromFrame.current = current;
      lastSchemaSent.current = JSON.stringify(currentSchema ?? null);
      void events.emit(EDITOR_EVENTS.load, { frameId: frameId.current, text: current, schema: currentSchema, readOnly: currentReadOnly }).catch(fallBack);
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
    subscribe(EDITOR_EVENTS.hello, (payload) => {
      const id = (payload as { frameId?: unknown } | undefined)?.frameId;
      if (!active || frameId.current !== undefined || typeof id !== 'string' || !claimFrame(id)) return;
      frameId.current = id;
      setMode('frame');
      load();
    });
    subscribe(EDITOR_EVENTS.change, (payload) => {
      const message = payload as ChangeMessage;
      if (!active || message?.frameId !== frameId.current || typeof message.text !== 'string') return;
      lastFromFrame.current = message.text;
      setDiagnostics(Array.isArray(message.diagnostics) ? message.diagnostics : []);
      latest.current.onChange(message.text);
    });
    const timer = setTimeout(fallBack, FRAME_TIMEOUT_MS);
    return () => {
      active = false;
      clearTimeout(timer);
      releaseFrameLock(owner);
      subscriptions.forEach((s) => void s.then((sub) => sub?.unsubscribe()));
    };
  }, [enabled]);

  // Text or schema changed on the UI Kit side (Format, Minify, reload after a conflict, a schema being edited):
  // send them into the frame. The frame's own edits come back as `lastFromFrame` and are not echoed.
  const schemaJson = JSON.stringify(schema ?? null);
  const lastSchemaSent = useRef(schemaJson);
  useEffect(() => {
    if (mode !== 'frame' || (text === lastFromFrame.current && schemaJson === lastSchemaSent.current)) return;
    lastFromFrame.current = text;
    lastSchemaSent.current = schemaJson;
    void events.emit(EDITOR_EVENTS.load, { frameId: frameId.current, text, schema: latest.current.schema, readOnly }).catch(() => undefined);
  }, [mode, text, schemaJson, readOnly]);

  return { mode, diagnostics };
}
