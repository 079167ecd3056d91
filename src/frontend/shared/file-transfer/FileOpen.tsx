import React from 'react';
import { Frame } from '@forge/react';
import { useFileFrame } from './use-file-frame';

export interface FileOpenProps {
  /** The file input's label, e.g. "JSON file to import". */
  label: string;
  /** The input's `accept`, e.g. `.json,application/json`; default any file. */
  accept?: string;
  /** A larger file is refused (in the frame, and through onError) before it is read. */
  maxBytes: number;
  /** The picked file's name and its whole text, decoded as UTF-8 (a leading byte order mark dropped). */
  onFile(name: string, text: string): void;
  /** Why a picked file was refused (too large, not UTF-8, unreadable) or did not arrive whole. */
  onError?(message: string): void;
}

/** The frame's label, file input and status line (static/file-transfer/src/styles.css). */
const HEIGHT = '84px';

/**
 * A labelled file input, in the Custom UI file-transfer frame (the local host renders no FilePicker). Until the frame
 * says hello it loads out of sight; if it never does, this renders nothing: keep a text field to paste into.
 */
export const FileOpen = ({ label, accept = '', maxBytes, onFile, onError }: FileOpenProps) => {
  const { mode } = useFileFrame({ mode: 'open', accept, maxBytes, label }, { onFile, onError });
  if (mode === 'fallback') return null;
  return <Frame resource="file-transfer" height={mode === 'frame' ? HEIGHT : '0px'} />;
};
