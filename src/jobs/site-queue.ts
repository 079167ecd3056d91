import { Queue, type PushEvent } from '@forge/events';
import type { UserSummary } from '../shared/contract';

/** The queue of site-wide jobs; manifest.yml's `consumer` module hands its events to the `jobs` function. */
export const SITE_JOBS_QUEUE = 'site-jobs';

/**
 * What one event asks a consumer to do: list one page of the site's users, or visit one chunk of them (a find job's
 * chunk also carries who they are, for its results).
 */
export type JobEvent =
  | { jobId: string; step: 'plan'; page: number }
  | ChunkEvent;

export interface ChunkEvent {
  jobId: string;
  step: 'chunk';
  /** `page.index`, and `-part` for what a rate limit left of it (see chunk-chain.ts). */
  chunk: string;
  accountIds: string[];
  people?: UserSummary[];
}

// Forge takes at most 50 events (and 200 KB) per push; a chunk event carries at most 100 account ids (≈ 7 KB), or
// 50 people with their names (≈ 8 KB).
const EVENTS_PER_PUSH = 50;

const queue = new Queue({ key: SITE_JOBS_QUEUE });

/** Forge delays an event at most 900 s. */
export const MAX_DELAY_SECONDS = 900;

/** How long to wait after Jira's 429: its Retry-After, or 10 s when it gave none. */
export const rateLimitWaitSeconds = (retryAfterSeconds: number | undefined) => retryAfterSeconds ?? 10;

/**
 * Pushes the events, 50 at a time, after `delayInSeconds` (0–900). A refusal (Forge's per-minute limit, say) throws
 * for the caller to retry later.
 */
export async function pushJobEvents(events: JobEvent[], delayInSeconds = 0): Promise<void> {
  const delay = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delayInSeconds)));
  for (let i = 0; i < events.length; i += EVENTS_PER_PUSH) {
    const batch: PushEvent[] = events
      .slice(i, i + EVENTS_PER_PUSH)
      .map((body) => ({ body: body as unknown as Record<string, unknown>, ...(delay > 0 ? { delayInSeconds: delay } : {}) }));
    await queue.push(batch);
  }
}
