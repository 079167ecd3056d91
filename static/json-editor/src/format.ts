// Pretty-printing as whitespace edits (jsonc-parser's formatter): number literals, key order and escapes stay exactly as
// typed (JSON.stringify would turn 1.0 into 1 and round integers past 2^53), and the cursor keeps its place because
// only the whitespace around it changes.
import { format } from 'jsonc-parser';

export interface TextEdit {
  from: number;
  to: number;
  insert: string;
}

export const INDENT = 2;

/** Edits that pretty-print the text with two-space indentation, or undefined when it is not valid JSON. */
export function prettyPrintEdits(text: string): TextEdit[] | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  return format(text, undefined, { tabSize: INDENT, insertSpaces: true, eol: '\n', insertFinalNewline: false }).map((edit) => ({
    from: edit.offset,
    to: edit.offset + edit.length,
    insert: edit.content,
  }));
}

/** Applies edits made for a text (sorted, non-overlapping, as the formatter returns them). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let last = 0;
  for (const edit of edits) {
    out += text.slice(last, edit.from) + edit.insert;
    last = edit.to;
  }
  return out + text.slice(last);
}
