import React from 'react';
import { Frame } from '@forge/react';
import { useFileFrame } from './use-file-frame';

export interface FileDownloadProps {
  /** The name the file is saved under, e.g. `user-properties-5b10ac8d82e05b22cc7d4ef5.json`. */
  fileName: string;
  /** Its type: `application/json`, `text/csv`. */
  mimeType: string;
  /** The file's content, saved as UTF-8 exactly as given. */
  text: string;
}

/** The frame's button row and status line (static/file-transfer/src/styles.css). */
const HEIGHT = '64px';

/**
 * A "Download <fileName>" button, in the Custom UI file-transfer frame (UI Kit itself cannot save a file). Until the
 * frame says hello it loads out of sight; if it never does, this renders nothing: keep a way to copy the text.
 */
export const FileDownload = ({ fileName, mimeType, text }: FileDownloadProps) => {
  const { mode } = useFileFrame({ mode: 'download', fileName, mimeType, text });
  if (mode === 'fallback') return null;
  return <Frame resource="file-transfer" height={mode === 'frame' ? HEIGHT : '0px'} />;
};
