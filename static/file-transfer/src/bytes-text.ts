/** A size as the app's pages write it: "812 bytes", "12.3 KB (12,345 bytes)", "1.2 MB (1,234,567 bytes)". */
export function bytesText(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024) return exact;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${value.toFixed(1)} ${unit} (${exact})`;
}

/** How many bytes `text` takes as UTF-8 (what a download of it weighs). */
export const utf8Length = (text: string): number => new TextEncoder().encode(text).length;
