/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a double quote, a line break, or spaces at either end
 * (which some readers would trim), with each double quote doubled.
 */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records as CSV: CRLF after every record (RFC 4180). */
export const csvRecords = (rows: readonly (readonly string[])[]) => rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
