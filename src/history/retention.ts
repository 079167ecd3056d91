import { readHistorySettings } from '../storage/app-config-store';
import { deleteHistoryRecords, recordsBefore } from './history-records';

// The daily round of the history-retention trigger (manifest.yml): entries older than the admin's setting are
// deleted, oldest first. A scheduled trigger has 55 s; a round stops starting deletions after RUN_BUDGET_MS, and what
// is left (only after a long backlog, or a shortened setting) goes at the next round.

const DAY_MS = 86_400_000;
const PAGE = 100;
const RUN_BUDGET_MS = 30_000;

export async function purgeHistory(now = Date.now()): Promise<{ deleted: number; finished: boolean }> {
  const { retentionDays } = await readHistorySettings();
  const cutoff = now - retentionDays * DAY_MS;
  const started = Date.now();
  let deleted = 0;
  for (;;) {
    if (Date.now() - started > RUN_BUDGET_MS) return { deleted, finished: false };
    // Each query starts afresh from the oldest: the page just read is deleted, so there is nothing to page past.
    const records = await recordsBefore(cutoff, PAGE);
    if (records.length === 0) return { deleted, finished: true };
    await deleteHistoryRecords(records.map((record) => record.id));
    deleted += records.length;
  }
}

/** The scheduled trigger's function: answers in the web trigger format Forge expects of it. */
export async function retentionHandler(): Promise<{ statusCode: number }> {
  try {
    const { deleted, finished } = await purgeHistory();
    console.log(JSON.stringify({ event: 'history-retention', deleted, finished }));
    return { statusCode: 204 };
  } catch (error) {
    // A scheduled trigger is not retried; the next round tries again.
    console.error(`history retention: ${(error as Error).message}`);
    return { statusCode: 500 };
  }
}
