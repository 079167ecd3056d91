import { kvs } from '@forge/kvs';
import { knownKeyOwner } from '../domain/known-keys';
import { NotFoundError } from '../domain/errors';
import { inStorage } from '../storage/in-storage';
import type { Inventory, InventoryKey } from '../shared/contract';
import type { ChunkRecord, JobRecord } from './job-records';
import { mergeRecords } from './record-sum';

// The last finished inventory: a small header naming the job, and its keys in shards, so a site with thousands of
// distinct keys stays within KVS's 240 KiB per value. The header is written last, so the previous inventory stays the
// one answered until a new one is complete.
const HEADER_KEY = 'inventory:latest';
const shardKey = (jobId: string, index: number) => `inventory:${jobId}:keys:${index}`;
const KEYS_PER_SHARD = 1_000;

interface InventoryHeader extends Omit<Inventory, 'keys'> {
  shards: number;
}

/** Sums the chunks into one entry per key, most widespread first. */
export function summarize(chunks: readonly ChunkRecord[], deep: boolean): { users: number; failed: number; keys: InventoryKey[] } {
  const { users, failed, keys: totals } = mergeRecords('inventory', chunks);
  const keys = Object.entries(totals).map(([key, [count, total, largest]]): InventoryKey => {
    const owner = knownKeyOwner(key);
    return { key, users: count, ...(owner ? { owner } : {}), ...(deep ? { bytes: { total, largest } } : {}) };
  });
  keys.sort((a, b) => b.users - a.users || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { users, failed, keys };
}

const save = (key: string, value: object) => inStorage('save', () => kvs.set(key, value));

/** Stores a finished job's inventory and makes it the latest; the one it replaces is deleted afterwards. */
export async function publishInventory(job: JobRecord, chunks: readonly ChunkRecord[], finishedAt: number): Promise<void> {
  const { users, failed, keys } = summarize(chunks, job.deep);
  const shards = Math.ceil(keys.length / KEYS_PER_SHARD);
  for (let i = 0; i < shards; i++) await save(shardKey(job.jobId, i), keys.slice(i * KEYS_PER_SHARD, (i + 1) * KEYS_PER_SHARD));
  const previous = await inStorage('read', () => kvs.get<InventoryHeader>(HEADER_KEY));
  const header: InventoryHeader = { jobId: job.jobId, finishedAt: new Date(finishedAt).toISOString(), deep: job.deep, users, failed, shards };
  await save(HEADER_KEY, header);
  if (previous && previous.jobId !== job.jobId) {
    await Promise.all(Array.from({ length: previous.shards }, (_, i) => kvs.delete(shardKey(previous.jobId, i)))).catch(() => undefined);
  }
}

export async function readInventory(): Promise<Inventory> {
  const header = await inStorage('read', () => kvs.get<InventoryHeader>(HEADER_KEY));
  if (!header) throw new NotFoundError('No inventory has finished yet: start one from the All users tab.');
  const { shards, ...inventory } = header;
  const parts = await inStorage('read', () => Promise.all(Array.from({ length: shards }, (_, i) => kvs.get<InventoryKey[]>(shardKey(header.jobId, i)))));
  return { ...inventory, keys: parts.flatMap((part) => part ?? []) };
}
