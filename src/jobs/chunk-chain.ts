import type { ChunkPass } from './chunk-pass';
import { readChunk, hasChunk, saveChunk, type ChunkRecord } from './job-records';
import { pushJobEvents, rateLimitWaitSeconds, type ChunkEvent } from './site-queue';

// When Jira's rate limit stops a chunk halfway, the part already visited is recorded and the rest becomes a chunk of
// its own (`3.7` → `3.7-1` → `3.7-2` …), queued after the Retry-After, instead of the whole chunk being redone. The
// record of each part names its continuation, so:
// - a duplicate delivery of a part finds the record and does nothing (only the delivery whose record was written
//   queues the rest: two duplicates may stop at different points, and only one of them may count);
// - a delivery that crashed between its record and queueing the rest is redelivered, finds its record, and queues the
//   rest again when no record of it exists yet;
// - a chunk is finished when its last part (a record with no continuation) is in: each chunk has exactly one.

/** The id of what is left of a chunk (or of one of its parts). */
export function nextPart(chunk: string): string {
  const at = chunk.indexOf('-');
  return at < 0 ? `${chunk}-1` : `${chunk.slice(0, at)}-${Number(chunk.slice(at + 1)) + 1}`;
}

/** Whether an earlier delivery already recorded this part; if it left a rest that was never recorded, it is queued again. */
export async function alreadyRecorded(event: ChunkEvent): Promise<boolean> {
  const record = await readChunk(event.jobId, event.chunk);
  if (!record) return false;
  const rest = record.continuation;
  // Queuing it again is harmless if it is already queued: its record is written once.
  if (rest && !(await hasChunk(event.jobId, rest.chunk))) await pushJobEvents([rest], 1);
  return true;
}

/**
 * Records what one pass over the chunk did. A pass that a 429 stopped before it visited anyone records nothing and
 * throws the 429 (the consumer queues the same event again); one stopped midway records its part and queues the rest.
 */
export async function recordPass<T>(event: ChunkEvent, record: ChunkRecord, pass: ChunkPass<T>, rest: () => Omit<ChunkEvent, 'jobId' | 'step' | 'chunk'>): Promise<void> {
  if (pass.rest.length === 0) {
    await saveChunk(event.jobId, record);
    return;
  }
  if (pass.visited === 0 && pass.rateLimit) throw pass.rateLimit;
  const continuation: ChunkEvent = { jobId: event.jobId, step: 'chunk', chunk: nextPart(event.chunk), ...rest() };
  if (await saveChunk(event.jobId, { ...record, continuation })) {
    await pushJobEvents([continuation], rateLimitWaitSeconds(pass.rateLimit?.retryAfterSeconds));
  }
}
