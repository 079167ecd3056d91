/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a double quote, a line break, or spaces at either end
 * (which some readers would trim), with each double quote doubled.
 */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records as CSV: CRLF after every record (RFC 4180). */
export const csvRecords = (rows: readonly (readonly string[])[]) => rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');

/**
 * The records of a CSV text (RFC 4180): fields split at commas, a quoted field may hold commas, doubled quotes and
 * line breaks; records end at CRLF or LF. A last empty line ends the text, it is not a record.
 */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      if (char === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
