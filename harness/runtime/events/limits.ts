// Forge's async events limits, enforced by the local queue at the documented values unless a caller relaxes one
// (Infinity turns a limit off). Source: developer.atlassian.com/platform/forge/limits-async-events and
// runtime-reference/async-events-api, summarised in shared/guide/JIRA-AND-FORGE-FACTS.md ("Async events").

export interface QueueLimits {
  /** Events in one push (50). */
  maxEventsPerPush: number;
  /** The pushed events' JSON, in bytes (200 KB, measured as @forge/events' validators.js measures it). */
  maxPushBytes: number;
  /** Events pushed per minute per installation (500); over it the push answers 429. */
  eventsPerMinute: number;
  /** `delayInSeconds` of an event (0–900). */
  maxDelaySeconds: number;
  /** One event's JSON, for consumers whose function's `timeoutSeconds` is over 55 (100 KB). */
  maxLongRunningEventBytes: number;
  /** `retryData` of an InvocationError, as JSON (4 KB). */
  maxRetryDataBytes: number;
  /** `retryAfter` of an InvocationError, in seconds (900). */
  maxRetryAfterSeconds: number;
}

export const QUEUE_LIMITS: Readonly<QueueLimits> = {
  maxEventsPerPush: 50,
  maxPushBytes: 200 * 1024,
  eventsPerMinute: 500,
  maxDelaySeconds: 900,
  maxLongRunningEventBytes: 100 * 1024,
  maxRetryDataBytes: 4 * 1024,
  maxRetryAfterSeconds: 900,
};

/** A consumer's invocation timeout when its function sets none; `timeoutSeconds` may raise it to 900. */
export const DEFAULT_CONSUMER_TIMEOUT_SECONDS = 55;
export const MAX_CONSUMER_TIMEOUT_SECONDS = 900;

/** Events accepted over the last minute of the queue's clock (one installation: the local one). */
export class EventsPerMinute {
  private readonly accepted: Array<{ at: number; count: number }> = [];

  constructor(private readonly now: () => number) {}

  /** How many events were accepted in the minute before now. */
  recent(): number {
    const since = this.now() - 60_000;
    while (this.accepted.length > 0 && this.accepted[0].at <= since) this.accepted.shift();
    return this.accepted.reduce((sum, entry) => sum + entry.count, 0);
  }

  add(count: number): void {
    if (count > 0) this.accepted.push({ at: this.now(), count });
  }
}

export const jsonBytes = (value: unknown): number => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8'));
