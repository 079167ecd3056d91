import { SAMPLES_PER_JOB } from './bulk/bulk-spec';
import type { ChunkRecord } from './job-records';

/** Sums records into one: users, failures, per-key counts and bytes, matches, a bulk job's results and samples. */
export function mergeRecords(id: string, records: readonly ChunkRecord[]): ChunkRecord {
  // No prototype: a property key may be any string, `__proto__` included.
  const keys = Object.create(null) as ChunkRecord['keys'];
  const merged: ChunkRecord = { chunk: id, users: 0, failed: 0, keys };
  for (const record of records) {
    merged.users += record.users;
    merged.failed += record.failed;
    for (const [key, [count, bytes, largest]] of Object.entries(record.keys)) {
      const sum = keys[key] ?? [0, 0, 0];
      keys[key] = [sum[0] + count, sum[1] + bytes, Math.max(sum[2], largest)];
    }
    if (record.matches) merged.matches = [...(merged.matches ?? []), ...record.matches];
    if (record.results) merged.results = [...(merged.results ?? []), ...record.results];
    if (record.samples) merged.samples = [...(merged.samples ?? []), ...record.samples].slice(0, SAMPLES_PER_JOB);
  }
  return merged;
}
