import type { PropertyEntry } from '../shared/contract';
import { MAX_VALUE_BYTES, utf8Bytes } from './property-rules';

// Opening a user reads their values in pages, one resolver invocation each, so that every invocation stays within
// Forge's limits whatever the record holds: an invoke answer of at most 5 MB (5,242,880 bytes of JSON), a request
// payload of at most 500 KB, 25 s. Read in one answer, 300 values of 20 KB would be ~6 MB, and 1,000 reads take
// longer than anyone should wait for the first row. listProperties lists the keys once and reads a first page;
// getPropertyValues reads the rest, a page of named keys at a time. Shared by the resolvers and the admin page.

/** Forge's limit on one invoke answer (the JSON of the envelope), in bytes. */
export const FORGE_RESPONSE_LIMIT_BYTES = 5_242_880;
/** Forge's limit on one invoke request payload, in bytes (500 KB). */
export const FORGE_PAYLOAD_LIMIT_BYTES = 512_000;

/** Values read at a time: enough to hide Jira's latency, few enough to stay clear of its burst limits. */
export const READ_CONCURRENCY = 10;

/**
 * Values the first call of an open reads: one round of concurrent reads after the listing, so the first rows show
 * as fast for 10 properties as for 1,000. Its entries are bounded by bytes too (`pageBudgetBytes`), beside the
 * listing's key names.
 */
export const FIRST_PAGE_COUNT = READ_CONCURRENCY;

/**
 * Keys one getPropertyValues call may name. 100 reads at the resolver's read concurrency are 10 rounds of Jira
 * latency, far inside 25 s, and 100 key names are far below the 500 KB payload limit (see PAGE_KEYS_BUDGET_BYTES).
 */
export const PAGE_MAX_KEYS = 100;

/**
 * Bytes of entries one answer may carry, each entry counted as the JSON it takes in the answer (`entryAnswerBytes`):
 * its key, its exact text `json` as a JSON string (so at least the value's own size) and its byte count. A page stops
 * starting reads once the entries read so far, plus every read in flight counted at ENTRY_RESERVATION_BYTES, could
 * pass its budget: so no answer's entries ever exceed it. 4,000,000 leaves more than
 * 1.2 MB of the 5 MB limit for what surrounds the entries: a getPropertyValues answer adds at most its remaining keys,
 * a tail of the keys its payload named (under the 500 KB payload limit), and the envelope.
 */
export const PAGE_VALUE_BUDGET_BYTES = 4_000_000;

/** What an answer spends besides its entries and key names: the envelope, the field names, the accountId. */
export const ANSWER_OVERHEAD_BYTES = 64 * 1024;

/**
 * The entries' budget of an answer that also carries `otherBytes` of other content (a first page's listed keys and
 * unreadable entries, getMyPreferences' definitions): PAGE_VALUE_BUDGET_BYTES, or less so the whole answer stays
 * within Forge's limit. A page always reads at least one value, so every page makes progress.
 */
export function pageBudgetBytes(otherBytes: number): number {
  return Math.max(0, Math.min(PAGE_VALUE_BUDGET_BYTES, FORGE_RESPONSE_LIMIT_BYTES - ANSWER_OVERHEAD_BYTES - otherBytes));
}

/**
 * A page starts no new read after this long into its invocation and answers the rest as remaining keys: reads in
 * flight may still retry on 429 or 503 within the invocation's 15 s Jira budget, and Forge ends the call at 25 s.
 */
export const PAGE_TIME_BUDGET_MS = 8_000;

/**
 * Bytes of key names (as JSON) one listing answer may carry. Jira answers a listing in one piece; the key names go
 * back to the page (to read, and so Create knows every existing key) in the first answer, beside its first page
 * (≤ 327,680 bytes of values). 3,500,000 bytes hold more than 13,000 keys of 255 characters; a larger listing is
 * refused with a clear error rather than cut off by the platform.
 */
export const LISTING_KEYS_BUDGET_BYTES = 3_500_000;

/**
 * Bytes of key names (as JSON) one getPropertyValues payload may carry, under the 500 KB payload limit with room for
 * the envelope. 100 keys of 255 characters take 26 KB, or 153 KB escaped at 6 bytes a character; only keys of absurd
 * length make a page shorter than PAGE_MAX_KEYS.
 */
export const PAGE_KEYS_BUDGET_BYTES = 400_000;

/**
 * The most one entry can take in an answer, counted for a read in flight until its answer lands. For a stored value
 * of at most MAX_VALUE_BYTES (Jira's limit on what it was sent):
 * - `json` as a JSON string: Jira's GET answer may write every non-ASCII character as a \u00E9-style escape (Jira's
 *   escapeUnicode; the simulator does too), so a 2-byte character is 6 bytes of text and 7 once its backslash is escaped in the
 *   answer; with `"` and `\` escaped too, at most 3.5 bytes per stored byte: 4 × MAX_VALUE_BYTES;
 * - the key (a listed key is at most 1,024 code units, at most 6 bytes each as JSON) and the field names: 8 KiB.
 */
export const ENTRY_RESERVATION_BYTES = 4 * MAX_VALUE_BYTES + 8 * 1024;

/** UTF-8 bytes of an entry as the answer's JSON carries it. */
export function entryAnswerBytes(entry: PropertyEntry): number {
  return utf8Bytes(JSON.stringify(entry));
}

/** UTF-8 bytes of `keys` as a JSON array, as they travel in a payload or an answer. */
export function keyListBytes(keys: readonly string[]): number {
  return utf8Bytes(JSON.stringify(keys));
}

/**
 * The next keys to ask getPropertyValues for: the first of `remaining`, at most PAGE_MAX_KEYS and at most
 * PAGE_KEYS_BUDGET_BYTES of JSON, and never none while any remain.
 */
export function nextPageKeys(remaining: readonly string[]): string[] {
  const page: string[] = [];
  let bytes = 2; // "[" and "]"
  for (const key of remaining) {
    if (page.length === PAGE_MAX_KEYS) break;
    const keyBytes = utf8Bytes(JSON.stringify(key)) + (page.length > 0 ? 1 : 0);
    if (page.length > 0 && bytes + keyBytes > PAGE_KEYS_BUDGET_BYTES) break;
    page.push(key);
    bytes += keyBytes;
  }
  return page;
}
