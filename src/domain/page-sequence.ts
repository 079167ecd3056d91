import type { Envelope, ErrorBody, PropertyEntry } from '../shared/contract';
import { nextPageKeys } from './read-pages';

/** What getPropertyValues answers, as far as the sequence needs it. */
export interface PageAnswer {
  properties: PropertyEntry[];
  remainingKeys: string[];
}

/** One page loop of an open, wired to the page that shows it (the admin table, My preferences). */
export interface PageSequence {
  /** Reads the values of `keys` (getPropertyValues). */
  fetchPage(keys: string[]): Promise<Envelope<PageAnswer>>;
  /** False once the open this loop belongs to was replaced (Refresh, a save) or closed: its answers are dropped. */
  isCurrent(): boolean;
  /** A page arrived: its values, and every key still to read. */
  onPage(properties: PropertyEntry[], remaining: readonly string[]): void;
  /** A page failed: reading stops; `remaining` (the failed page's keys included) is where a retry resumes. */
  onError(error: ErrorBody, remaining: readonly string[]): void;
}

export const STALLED_ERROR: ErrorBody = {
  code: 'INTERNAL_ERROR',
  message: 'The app read no further properties. Try again; if it keeps happening, tell your Jira admin.',
};

/**
 * Reads `remaining` a page at a time until no key is left, the open is no longer current, or a page fails. Each key
 * is asked for once (a retry after a failure asks again only for what was not delivered).
 */
export async function readRemainingPages(remaining: readonly string[], sequence: PageSequence): Promise<void> {
  let left = remaining;
  while (left.length > 0) {
    const keys = nextPageKeys(left);
    const answer = await sequence.fetchPage(keys);
    if (!sequence.isCurrent()) return;
    if (!answer.success) {
      sequence.onError(answer.error, left);
      return;
    }
    const { properties, remainingKeys } = answer.data;
    // The resolver answers the unread keys as a tail of those asked for; a page that read none would loop forever.
    if (remainingKeys.length >= keys.length) {
      sequence.onError(STALLED_ERROR, left);
      return;
    }
    left = [...remainingKeys, ...left.slice(keys.length)];
    sequence.onPage(properties, left);
  }
}
