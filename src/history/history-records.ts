import { Filter, FilterConditions, kvs, Sort, WhereConditions, type AndFilter } from '@forge/kvs';
import { StorageError, ValidationError } from '../domain/errors';
import { inStorage } from '../storage/in-storage';
import type { HistoryEntry, WriteAuthority } from '../shared/contract';

// The history in Forge storage: one `history` entity per write (manifest.yml declares its attributes and indexes),
// keyed by its id. Values are at most 32 KB of JSON text each, so an entry with its before and after stays far
// inside KVS's 240 KiB per value.

export const HISTORY_ENTITY = 'history';

/** An entry as stored: times in milliseconds (a float attribute: past what 32-bit integers hold). */
export interface HistoryRecord {
  id: string;
  at: number;
  actorAccountId: string;
  authority: WriteAuthority;
  accountId: string;
  key: string;
  operation: HistoryEntry['operation'];
  before?: string;
  after?: string;
  principal: HistoryEntry['principal'];
  moduleKey: string;
  jobId?: string;
  restoredFrom?: string;
  /** `pending` from just before the write is sent until Jira's answer is recorded (recorded-write.ts). */
  status: 'pending' | 'recorded' | 'unconfirmed';
}

const entity = () => kvs.entity<HistoryRecord>(HISTORY_ENTITY);

// A KVS string attribute must hold a non-blank character, and a Jira property key may be " ": the key is stored (and
// looked up) with a prefix.
const KEY_PREFIX = 'k:';
const storedKey = (key: string) => `${KEY_PREFIX}${key}`;
const toStored = (record: HistoryRecord): HistoryRecord => ({ ...record, key: storedKey(record.key) });
const fromStored = (record: HistoryRecord): HistoryRecord => ({ ...record, key: record.key.slice(KEY_PREFIX.length) });

export const saveHistoryRecord = (record: HistoryRecord) => inStorage('save', () => entity().set(record.id, toStored(record)));
export const readHistoryRecord = (id: string) => inStorage('read', async () => {
  const record = await entity().get(id);
  return record && fromStored(record);
});
export const deleteHistoryRecord = (id: string) => inStorage('save', () => entity().delete(id));

export interface HistoryFilters {
  accountId?: string;
  key?: string;
  actorAccountId?: string;
  jobId?: string;
}

export interface HistoryQuery {
  filters: HistoryFilters;
  /** Milliseconds, inclusive. */
  from?: number;
  to?: number;
  cursor?: string;
  limit: number;
}

type Index = { name: string; partition?: string[]; uses: (keyof HistoryFilters)[] };

/** The most selective index the filters allow (manifest.yml declares them); the other filters are conditions. */
function indexFor(filters: HistoryFilters): Index {
  const { accountId, key, actorAccountId, jobId } = filters;
  if (accountId !== undefined && key !== undefined) return { name: 'by-target-key', partition: [accountId, storedKey(key)], uses: ['accountId', 'key'] };
  if (jobId !== undefined) return { name: 'by-job', partition: [jobId], uses: ['jobId'] };
  if (accountId !== undefined) return { name: 'by-target', partition: [accountId], uses: ['accountId'] };
  if (actorAccountId !== undefined) return { name: 'by-actor', partition: [actorAccountId], uses: ['actorAccountId'] };
  if (key !== undefined) return { name: 'by-property-key', partition: [storedKey(key)], uses: ['key'] };
  return { name: 'by-time', uses: [] };
}

function conditionsFor(filters: HistoryFilters, used: readonly (keyof HistoryFilters)[]): AndFilter<HistoryRecord> | undefined {
  let conditions: AndFilter<HistoryRecord> | undefined;
  for (const name of ['accountId', 'key', 'actorAccountId', 'jobId'] as const) {
    const value = filters[name];
    if (value === undefined || used.includes(name)) continue;
    const clause = FilterConditions.equalTo(name === 'key' ? storedKey(value) : value);
    conditions = conditions ? conditions.and(name, clause) : new Filter<HistoryRecord>().and(name, clause);
  }
  return conditions;
}

/** One page of records, newest first. */
export async function queryHistory(query: HistoryQuery): Promise<{ records: HistoryRecord[]; cursor?: string }> {
  const index = indexFor(query.filters);
  let builder = entity()
    .query()
    .index(index.name, index.partition ? { partition: index.partition } : undefined)
    .sort(Sort.DESC)
    .limit(query.limit);
  if (query.from !== undefined || query.to !== undefined) builder = builder.where(WhereConditions.between(query.from ?? 0, query.to ?? Number.MAX_SAFE_INTEGER));
  const conditions = conditionsFor(query.filters, index.uses);
  if (conditions) builder = builder.filters(conditions);
  if (query.cursor) builder = builder.cursor(query.cursor);
  let page;
  try {
    page = await builder.getMany();
  } catch (error) {
    // A cursor that KVS did not hand out (or one for another query) is the caller's mistake, not a storage failure.
    if ((error as { code?: unknown }).code === 'INVALID_CURSOR') throw new ValidationError('"cursor" is not a cursor of this history.');
    throw new StorageError('read', { cause: error });
  }
  return { records: page.results.map((result) => fromStored(result.value)), ...(page.nextCursor ? { cursor: page.nextCursor } : {}) };
}

/** The newest recorded write to one user's key: what a restore expects to find there still. */
export async function lastRecorded(accountId: string, key: string): Promise<HistoryRecord | undefined> {
  let cursor: string | undefined;
  do {
    const page = await queryHistory({ filters: { accountId, key }, limit: 20, ...(cursor ? { cursor } : {}) });
    const recorded = page.records.find((record) => record.status === 'recorded');
    if (recorded) return recorded;
    cursor = page.cursor;
  } while (cursor);
  return undefined;
}

/** The oldest entries written before `cutoff` (ms), oldest first: what retention deletes next. */
export async function recordsBefore(cutoff: number, limit: number): Promise<HistoryRecord[]> {
  const page = await inStorage('read', () =>
    entity().query().index('by-time').where(WhereConditions.lessThan(cutoff)).sort(Sort.ASC).limit(limit).getMany(),
  );
  return page.results.map((result) => fromStored(result.value));
}

/** Deletes entries, at most 25 to a transaction (KVS's limit). */
export async function deleteHistoryRecords(ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 25) {
    const transaction = ids.slice(i, i + 25).reduce((tx, id) => tx.delete(id, { entityName: HISTORY_ENTITY }), kvs.transact());
    await inStorage('save', () => transaction.execute());
  }
}
