import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { randomUUID } from 'node:crypto';
import { StorageError } from '../../domain/errors';
import { inStorage } from '../../storage/in-storage';

// Forge may deliver an event twice at once, and two deliveries of a bulk chunk would both read, both plan and both
// write: the same PUT twice, and two history entries of one change. So a delivery first takes the chunk's lease, and a
// second delivery that finds it held waits (the queue brings the event back once the lease has run out). A delivery
// that fails lets go of it; one whose sandbox dies leaves it to run out. The lease is a `chunk-lease` entity, taken
// by a transaction whose condition is that no lease is held: KVS's own TTL cannot serve, since Forge deletes expired
// keys only eventually.

const LEASE_ENTITY = 'chunk-lease';
/** Longer than a delivery can run (the jobs function's 55 s timeout). */
export const LEASE_MS = 60_000;

interface Lease {
  holder: string;
  until: number;
}

export interface HeldLease {
  key: string;
  holder: string;
}

/** Another delivery holds the chunk: try again once its lease runs out. */
export class LeaseHeld extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Another delivery of this chunk is running.');
  }
}

const leaseKey = (jobId: string, chunk: string) => `job:${jobId}:lease:${chunk}`;
const conditionFailed = (error: unknown) => (error as { code?: unknown } | undefined)?.code === 'CONDITIONAL_CHECK_FAILED';

export async function takeLease(jobId: string, chunk: string, now = Date.now()): Promise<HeldLease> {
  const key = leaseKey(jobId, chunk);
  const lease: Lease = { holder: randomUUID(), until: now + LEASE_MS };
  const free = new Filter<Lease>().or('until', FilterConditions.notExists()).or('until', FilterConditions.lessThan(now));
  try {
    await kvs.transact().set(key, lease, { entityName: LEASE_ENTITY, conditions: free }).execute();
    return { key, holder: lease.holder };
  } catch (error) {
    if (!conditionFailed(error)) throw new StorageError('save', { cause: error });
  }
  const held = await inStorage('read', () => kvs.entity<Lease>(LEASE_ENTITY).get(key));
  throw new LeaseHeld(Math.max(1, Math.ceil(((held?.until ?? now) - now) / 1000)));
}

/** Lets go of the lease, unless it ran out and another delivery holds it now. */
export async function releaseLease(lease: HeldLease): Promise<void> {
  try {
    await kvs
      .transact()
      .delete(lease.key, { entityName: LEASE_ENTITY, conditions: new Filter<Lease>().and('holder', FilterConditions.equalTo(lease.holder)) })
      .execute();
  } catch (error) {
    if (!conditionFailed(error)) throw new StorageError('save', { cause: error });
  }
}
