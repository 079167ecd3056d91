import { validateAccountId } from '../../../domain/property-rules';

/** The most users a pasted list may hold: the resolver's limit (MAX_LISTED_USERS in src/resolvers/bulk-payload.ts). */
export const MAX_LISTED_USERS = 20_000;

export interface AccountList {
  /** Distinct valid ids, in the order they were pasted. */
  accountIds: string[];
  /** Lines whose id was already listed. */
  repeats: number;
  /** Lines whose first column is not an account id (1-based line numbers). */
  invalid: { line: number; text: string }[];
  /** An "accountId" header line was skipped. */
  header: boolean;
}

/**
 * A line's first column: the whole line, or what comes before the first comma, semicolon or tab (a CSV export or a
 * spreadsheet's cells pasted), unquoted when the column is a quoted CSV field.
 */
function firstColumn(line: string): string {
  const text = line.trim();
  if (text.startsWith('"')) {
    const quoted = /^"((?:[^"]|"")*)"/.exec(text);
    if (quoted) return quoted[1].replace(/""/g, '"').trim();
  }
  return text.split(/[,;\t]/, 1)[0].trim();
}

const HEADER = /^account[ _-]?id$/i;

/** Reads pasted account ids: one per line, or the first column of CSV lines; blank lines and a header skipped. */
export function readAccountList(text: string): AccountList {
  const list: AccountList = { accountIds: [], repeats: 0, invalid: [], header: false };
  const seen = new Set<string>();
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const id = firstColumn(line);
    if (id === '') return;
    if (HEADER.test(id)) {
      list.header = true;
      return;
    }
    try {
      validateAccountId(id);
    } catch {
      list.invalid.push({ line: index + 1, text: id });
      return;
    }
    if (seen.has(id)) list.repeats++;
    else {
      seen.add(id);
      list.accountIds.push(id);
    }
  });
  return list;
}
