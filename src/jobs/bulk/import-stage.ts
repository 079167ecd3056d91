import { kvs } from '@forge/kvs';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import { validatePropertyJson } from '../../domain/property-json';
import { utf8Bytes, validateAccountId, validatePropertyKey } from '../../domain/property-rules';
import { inStorage } from '../../storage/in-storage';
import type { ImportItem, ImportStage } from '../../shared/contract';
import { TARGET_PAGE_USERS } from './bulk-spec';

// An import of `{ accountId: { key: value } }`, staged part by part (a resolver's payload is at most 500 KB, an import
// can be far larger) and kept as the record of what its job set: a dry run and the run read the same values, and an
// undo learns from it which keys each user had imported.
//
// Items come ordered by accountId, so users fall into blocks of IMPORT_BLOCK_USERS consecutive ids, found again by
// the first id of each block; a block's items are stored in parts of at most PART_BYTES (KVS keeps 240 KiB a value,
// and one item is at most 32,768 bytes of text, twice that once escaped in the stored array). The users themselves are
// listed in pages of 1,000, as any listed target is (bulk-targets.ts).

/** Users of one block: a chunk of a bulk run (100 users) reads one block, or two. */
export const IMPORT_BLOCK_USERS = 100;
const PART_BYTES = 160_000;
/** Distinct keys of one import: each is checked against the caller's rights, and each user's keys are read. */
export const MAX_IMPORT_KEYS = 100;
/** Users of one import, as a pasted list (bulk-payload.ts). */
export const MAX_IMPORT_USERS = 20_000;

export interface ImportRecord {
  importId: string;
  ownerAccountId: string;
  createdAt: number;
  /** Parts received: the next part's number. */
  parts: number;
  complete: boolean;
  users: number;
  items: number;
  keys: string[];
  /** Each block's first accountId and how many parts its items take. */
  blocks: { first: string; parts: number }[];
  /** The last user staged and their keys so far: the next part may go on with them, never repeat a key. */
  tail?: { accountId: string; keys: string[] };
}

const recordKey = (importId: string) => `import:${importId}`;
const usersKey = (importId: string, page: number) => `import:${importId}:users:${page}`;
const partKey = (importId: string, block: number, part: number) => `import:${importId}:block:${block}:${part}`;

const read = <T>(key: string) => inStorage('read', () => kvs.get<T>(key));
const save = (key: string, value: unknown) => inStorage('save', () => kvs.set(key, value));

export const stageOf = (record: ImportRecord): ImportStage => ({
  importId: record.importId,
  users: record.users,
  items: record.items,
  keys: record.keys,
  complete: record.complete,
});

/** The caller's own import: another's is not found (its id says nothing of whose it is). */
export async function readImport(importId: string, ownerAccountId: string): Promise<ImportRecord> {
  const record = await read<ImportRecord>(recordKey(importId));
  if (!record || record.ownerAccountId !== ownerAccountId) throw new NotFoundError(`There is no import ${importId}.`);
  return record;
}

/** Any import by id, for the job that runs it (its owner was checked when the job started). */
export const readImportForJob = (importId: string) => read<ImportRecord>(recordKey(importId));

export const newImport = (importId: string, ownerAccountId: string): ImportRecord => ({
  importId,
  ownerAccountId,
  createdAt: Date.now(),
  parts: 0,
  complete: false,
  users: 0,
  items: 0,
  keys: [],
  blocks: [],
});

/** Each item checked as a single edit's key and value are, in order; answers them as checked. */
export function checkItems(record: ImportRecord, raw: unknown): ImportItem[] {
  if (!Array.isArray(raw)) throw new ValidationError('"items" must be a list of [accountId, key, json].');
  let tail = record.tail && { accountId: record.tail.accountId, keys: new Set(record.tail.keys) };
  const keys = new Set(record.keys);
  let users = record.users;
  return raw.map((item, i) => {
    if (!Array.isArray(item) || item.length !== 3) throw new ValidationError(`"items[${i}]" must be [accountId, key, json].`);
    const accountId = validateAccountId(item[0]);
    const key = validatePropertyKey(item[1]);
    const { json } = validatePropertyJson(item[2], `items[${i}] (${key} of ${accountId})`);
    if (tail && accountId < tail.accountId) throw new ValidationError(`"items[${i}]": items must be ordered by accountId (${accountId} comes before ${tail.accountId}).`);
    if (tail?.accountId === accountId) {
      if (tail.keys.has(key)) throw new ValidationError(`"items[${i}]": ${accountId} has "${key}" twice.`);
      tail.keys.add(key);
    } else {
      tail = { accountId, keys: new Set([key]) };
      if (++users > MAX_IMPORT_USERS) throw new ValidationError(`An import takes at most ${MAX_IMPORT_USERS.toLocaleString('en-US')} users.`);
    }
    keys.add(key);
    if (keys.size > MAX_IMPORT_KEYS) throw new ValidationError(`An import takes at most ${MAX_IMPORT_KEYS} distinct keys.`);
    return [accountId, key, json];
  });
}

/**
 * Adds checked items to the import: the open block's last part and the last page of users are read, extended and
 * saved again, then the record. The caller saves parts one at a time (`part` numbers them).
 */
export async function appendItems(record: ImportRecord, items: readonly ImportItem[], last: boolean): Promise<ImportRecord> {
  const next: ImportRecord = { ...record, blocks: record.blocks.map((block) => ({ ...block })), keys: [...record.keys], parts: record.parts + 1 };
  let userPage = next.users === 0 ? 0 : Math.floor((next.users - 1) / TARGET_PAGE_USERS);
  let pageUsers: string[] = next.users === 0 ? [] : ((await read<string[]>(usersKey(next.importId, userPage))) ?? []);
  let block = next.blocks.length - 1;
  let part: ImportItem[] = block < 0 ? [] : ((await read<ImportItem[]>(partKey(next.importId, block, next.blocks[block]!.parts - 1))) ?? []);
  let partBytes = utf8Bytes(JSON.stringify(part));
  let tail = next.tail && { accountId: next.tail.accountId, keys: [...next.tail.keys] };
  const saves: Array<[string, unknown]> = [];
  const closePart = () => saves.push([partKey(next.importId, block, next.blocks[block]!.parts - 1), part]);

  for (const item of items) {
    const [accountId, key] = item;
    if (tail?.accountId === accountId) tail.keys.push(key);
    else {
      tail = { accountId, keys: [key] };
      if (next.users % IMPORT_BLOCK_USERS === 0) {
        if (block >= 0) closePart();
        next.blocks.push({ first: accountId, parts: 1 });
        block = next.blocks.length - 1;
        part = [];
        partBytes = 2;
      }
      if (next.users > 0 && next.users % TARGET_PAGE_USERS === 0) {
        saves.push([usersKey(next.importId, userPage), pageUsers]);
        userPage++;
        pageUsers = [];
      }
      pageUsers.push(accountId);
      next.users++;
    }
    if (!next.keys.includes(key)) next.keys.push(key);
    const bytes = utf8Bytes(JSON.stringify(item)) + 1;
    if (part.length > 0 && partBytes + bytes > PART_BYTES) {
      closePart();
      next.blocks[block]!.parts++;
      part = [];
      partBytes = 2;
    }
    part.push(item);
    partBytes += bytes;
    next.items++;
  }
  if (block >= 0) closePart();
  if (next.users > 0) saves.push([usersKey(next.importId, userPage), pageUsers]);
  for (const [key, value] of saves) await save(key, value);
  const saved: ImportRecord = { ...next, complete: last, ...(tail ? { tail } : {}) };
  await save(recordKey(next.importId), saved);
  return saved;
}

/** The next part's number must be the one expected: a part sent twice, or one skipped, would change the import. */
export function assertNextPart(record: ImportRecord, part: unknown): void {
  if (record.complete) throw new ConflictError('That import is complete: start a new one to change it.');
  if (part !== record.parts) throw new ConflictError(`The import expects part ${record.parts} next, not ${String(part)}.`);
}

/** One page of the import's users, as a bulk job's target page. */
export async function importUsersPage(record: ImportRecord, page: number): Promise<{ accountIds: string[]; last: boolean }> {
  const pages = Math.max(1, Math.ceil(record.users / TARGET_PAGE_USERS));
  const accountIds = page < pages ? ((await read<string[]>(usersKey(record.importId, page))) ?? []) : [];
  return { accountIds, last: page + 1 >= pages };
}

/** The block a user's items are in: the last whose first id is not after theirs. */
function blockOf(record: ImportRecord, accountId: string): number {
  let low = 0;
  let high = record.blocks.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (record.blocks[middle]!.first <= accountId) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Each of these users' imported values, by key (in the order the file gave them): the blocks they are in, read once. */
export async function importedValues(record: ImportRecord, accountIds: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const wanted = new Set(accountIds);
  const blocks = [...new Set(accountIds.map((accountId) => blockOf(record, accountId)))];
  const values = new Map<string, Map<string, string>>();
  for (const block of blocks) {
    const parts = await Promise.all(
      Array.from({ length: record.blocks[block]?.parts ?? 0 }, (_, part) => read<ImportItem[]>(partKey(record.importId, block, part))),
    );
    for (const [accountId, key, json] of parts.flatMap((items) => items ?? [])) {
      if (!wanted.has(accountId)) continue;
      const user = values.get(accountId) ?? new Map<string, string>();
      user.set(key, json);
      values.set(accountId, user);
    }
  }
  return values;
}
