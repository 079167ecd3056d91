import type { ImportItem } from '../shared/contract';
import { csvRows } from './csv';
import { ValidationError } from './errors';
import { validatePropertyJson } from './property-json';
import { utf8Bytes, validateAccountId, validatePropertyKey } from './property-rules';

// A file to import, in the format the exports write (property-export.ts): JSON `{ accountId: { key: value } }`, each
// value's text taken exactly as the file spells it (never parsed and written again, so every digit, escape and space
// is kept, as it is for a single edit), or CSV `accountId,key,json`. Every account id, key and value is checked as a
// single edit's is; a file with any problem is not imported at all, so nothing half of a file is written.

export interface ParsedImport {
  /** Ordered by accountId (stageImport takes them so), each user's keys in the file's order. */
  items: ImportItem[];
  users: number;
  keys: string[];
  /** What is wrong, with where: the first MAX_PROBLEMS of them. */
  problems: string[];
}

export const MAX_PROBLEMS = 20;

/** Walks a JSON text's outer two objects, taking each inner value's text as a slice (no recursion: a value may nest deep). */
class Slicer {
  at = 0;
  constructor(private readonly text: string) {}

  fail(what: string): never {
    const where = this.at >= this.text.length ? 'at the end of the file' : `at character ${this.at + 1}`;
    throw new ValidationError(`The file is not valid JSON of { accountId: { key: value } }: ${what} ${where}.`);
  }
  space() {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at]!)) this.at++;
  }
  peek() {
    this.space();
    return this.text[this.at];
  }
  take(char: string) {
    if (this.peek() !== char) this.fail(`expected "${char}"`);
    this.at++;
  }
  /** A string's end, past its closing quote. */
  private stringEnd(from: number): number {
    for (let i = from + 1; i < this.text.length; i++) {
      const char = this.text[i];
      if (char === '\\') i++;
      else if (char === '"') return i + 1;
    }
    this.at = from;
    return this.fail('a string that never ends');
  }
  name(): string {
    if (this.peek() !== '"') this.fail('expected a quoted name');
    const start = this.at;
    this.at = this.stringEnd(start);
    try {
      return JSON.parse(this.text.slice(start, this.at)) as string;
    } catch {
      this.at = start;
      return this.fail('a name that is not a valid JSON string');
    }
  }
  /** The text of one value, as it stands; checked afterwards as a property value. */
  value(): string {
    this.space();
    const start = this.at;
    let depth = 0;
    while (this.at < this.text.length) {
      const char = this.text[this.at]!;
      if (char === '"') {
        this.at = this.stringEnd(this.at);
        if (depth === 0) break;
        continue;
      }
      if (char === '{' || char === '[') depth++;
      else if (char === '}' || char === ']') {
        if (depth === 0) break;
        depth--;
        if (depth === 0) {
          this.at++;
          break;
        }
      } else if (depth === 0 && (char === ',' || ' \t\n\r'.includes(char))) break;
      this.at++;
    }
    if (this.at === start) this.fail('expected a value');
    return this.text.slice(start, this.at);
  }
  /** `{ "name": …, … }`, calling `each` for every member, the slicer at its value. */
  members(each: (name: string) => void) {
    this.take('{');
    if (this.peek() === '}') {
      this.at++;
      return;
    }
    for (;;) {
      const name = this.name();
      this.take(':');
      each(name);
      if (this.peek() === ',') {
        this.at++;
        continue;
      }
      this.take('}');
      return;
    }
  }
  end() {
    if (this.peek() !== undefined) this.fail('more after the outer object');
  }
}

function jsonRows(text: string): Array<[string, string, string, string]> {
  const slicer = new Slicer(text);
  const rows: Array<[string, string, string, string]> = [];
  slicer.members((accountId) => {
    if (slicer.peek() !== '{') slicer.fail(`the value of ${JSON.stringify(accountId)} must be an object of keys`);
    slicer.members((key) => rows.push([accountId, key, slicer.value(), `${JSON.stringify(accountId)} → ${JSON.stringify(key)}`]));
  });
  slicer.end();
  return rows;
}

function csvImportRows(text: string): Array<[string, string, string, string]> {
  const [header, ...records] = csvRows(text);
  if (!header || header.join(',') !== 'accountId,key,json') {
    throw new ValidationError('A CSV import starts with the header accountId,key,json (as the CSV export writes it).');
  }
  return records.map((record, i) => {
    if (record.length !== 3) throw new ValidationError(`CSV row ${i + 2} has ${record.length} fields; it needs accountId,key,json.`);
    const [accountId, key, json] = record as [string, string, string];
    return [accountId, key, json, `row ${i + 2}`];
  });
}

/** Reads a file to import; a file that cannot be read at all throws, one with bad entries answers their problems. */
export function readImportFile(text: string): ParsedImport {
  const body = text.replace(/^\uFEFF/, '');
  const rows = body.trimStart().startsWith('{') ? jsonRows(body) : csvImportRows(body);
  const problems: string[] = [];
  const items: ImportItem[] = [];
  const seen = new Set<string>();
  let wrong = 0;
  for (const [rawAccountId, rawKey, json, where] of rows) {
    try {
      const accountId = validateAccountId(rawAccountId);
      const key = validatePropertyKey(rawKey);
      const id = `${accountId}\n${key}`;
      if (seen.has(id)) throw new ValidationError(`${accountId} has "${key}" more than once.`);
      seen.add(id);
      items.push([accountId, key, validatePropertyJson(json, key).json]);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      if (++wrong <= MAX_PROBLEMS) problems.push(`${where}: ${error.message}`);
    }
  }
  if (wrong > MAX_PROBLEMS) problems.push(`… and ${wrong - MAX_PROBLEMS} more.`);
  // Stable: each user's keys stay in the file's order.
  items.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { items, users: new Set(items.map((item) => item[0])).size, keys: [...new Set(items.map((item) => item[1]))], problems };
}

/** A resolver's payload is at most 500 KB: an import is sent in parts of about this many bytes of items. */
export const IMPORT_PART_BYTES = 400_000;

/** The items in parts of at most `maxBytes` each (as JSON), in order; a user's items may run on into the next part. */
export function importParts(items: readonly ImportItem[], maxBytes = IMPORT_PART_BYTES): ImportItem[][] {
  const parts: ImportItem[][] = [];
  let part: ImportItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = utf8Bytes(JSON.stringify(item)) + 1;
    if (part.length > 0 && bytes + size > maxBytes) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(item);
    bytes += size;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}
