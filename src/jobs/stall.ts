/** What the watchdog saw of a running job at its last rounds. */
export interface JobWatch {
  /** The job's page and chunk records then. */
  records: number;
  /** Rounds in a row that found no new record. */
  quietRounds: number;
}

/**
 * Rounds without a new record before a job counts as stalled. Rounds are hourly, and a job may rightly rest for up to
 * an hour: Jira's hourly quota spent, each step waits out Retry-After (at most 900 s per delay, again and again). Three
 * quiet rounds after the one that last saw a change are three hours or more without progress.
 */
export const STALLED_AFTER_QUIET_ROUNDS = 3;

export function nextWatch(previous: JobWatch | undefined, records: number): { watch: JobWatch; stalled: boolean } {
  const quietRounds = previous && previous.records === records ? previous.quietRounds + 1 : 0;
  return { watch: { records, quietRounds }, stalled: quietRounds >= STALLED_AFTER_QUIET_ROUNDS };
}
