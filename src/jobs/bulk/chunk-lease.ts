import { Filter, FilterConditions, kvs, WhereConditions } from '@forge/kvs';
import { randomUUID } from 'node:crypto';
import { setEntityIf } from '../../storage/conditional-set';
import { inStorage } from '../../storage/in-storage';

// Forge may deliver an event twice at once, and two deliveries of a bulk chunk would both read, both plan and both
// write: the same PUT twice, and two history entries of one change. So a delivery first takes the chunk's lease, and a
// second delivery that finds it held waits (the queue brings the event back once the lease has run out). A delivery
// that fails lets go of it; one whose sandbox dies leaves it to run out. The lease is a `chunk-lease` entity, taken
// by a transaction whose condition is that no lease is held: KVS's own TTL cannot serve, since Forge deletes expired
// keys only eventually. A lease let go of stays as a record (until 0), so the first delivery of a chunk knows it is
// the first: no earlier delivery can have written for its users, and it need not look for their history entries.

const LEASE_ENTITY = 'chunk-lease';
/** Longer than a delivery can run (the jobs function's 55 s timeout). */
export const LEASE_MS = 60_000;

interface Lease {
  jobId: string;
  holder: string;
  until: number;
}

export interface HeldLease {
  key: string;
  jobId: string;
  holder: string;
  /** No delivery of this chunk took its lease before. */
  first: boolean;
}

/** Another delivery holds the chunk: try again once its lease runs out. */
export class LeaseHeld extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Another delivery of this chunk is running.');
  }
}

const leaseKey = (jobId: string, chunk: string) => `job:${jobId}:lease:${chunk}`;
const setIf = (key: string, lease: Lease, conditions: ReturnType<Filter<Lease>['and']>) => setEntityIf(LEASE_ENTITY, key, lease, conditions);

export async function takeLease(jobId: string, chunk: string, now = Date.now()): Promise<HeldLease> {
  const key = leaseKey(jobId, chunk);
  const lease: Lease = { jobId, holder: randomUUID(), until: now + LEASE_MS };
  if (await setIf(key, lease, new Filter<Lease>().and('until', FilterConditions.notExists()))) return { key, jobId, holder: lease.holder, first: true };
  if (await setIf(key, lease, new Filter<Lease>().and('until', FilterConditions.lessThan(now)))) return { key, jobId, holder: lease.holder, first: false };
  const held = await inStorage('read', () => kvs.entity<Lease>(LEASE_ENTITY).get(key));
  throw new LeaseHeld(Math.max(1, Math.ceil(((held?.until ?? now) - now) / 1000)));
}

/** Lets go of the lease, unless it ran out and another delivery holds it now. */
export async function releaseLease(lease: HeldLease): Promise<void> {
  await setIf(lease.key, { jobId: lease.jobId, holder: lease.holder, until: 0 }, new Filter<Lease>().and('holder', FilterConditions.equalTo(lease.holder)));
}

/** Some delivery of the job holds a chunk's lease now: it may be writing (every write of a run is under one). */
export async function anyLeaseHeld(jobId: string, now = Date.now()): Promise<boolean> {
  const page = await inStorage('read', () =>
    kvs.entity<Lease>(LEASE_ENTITY).query().index('by-job', { partition: [jobId] }).where(WhereConditions.greaterThan(now)).limit(1).getMany(),
  );
  return page.results.length > 0;
}

/** Deletes the leases of a job's chunks (each chunk record names one), once the job's records go. */
export async function deleteLeases(jobId: string, chunks: readonly string[]): Promise<void> {
  for (let i = 0; i < chunks.length; i += 25) {
    const batch = chunks.slice(i, i + 25).map((chunk) => ({ key: leaseKey(jobId, chunk), entityName: LEASE_ENTITY }));
    await inStorage('save', () => kvs.batchDelete(batch));
  }
}
