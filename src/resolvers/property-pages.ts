import { JiraError, ValidationError } from '../domain/errors';
import { unreadableEntry } from '../domain/property-json';
import {
  ENTRY_RESERVATION_BYTES,
  entryAnswerBytes,
  FIRST_PAGE_COUNT,
  keyListBytes,
  LISTING_KEYS_BUDGET_BYTES,
  PAGE_MAX_KEYS,
  PAGE_TIME_BUDGET_MS,
  pageBudgetBytes,
  READ_CONCURRENCY,
} from '../domain/read-pages';
import { validateStoredKey } from '../domain/property-rules';
import type { JiraClient } from '../jira/client';
import { readPropertyPage, unaddressable } from '../jira/user-properties';
import { entitles } from '../security/delegation';
import type { Target } from '../security/target-policy';
import type { PropertyEntry, PropertyPage } from '../shared/contract';
import { assertEntitled, authorityOverOthers, clientFor } from './authority';
import type { Invocation } from './invocation';

export { READ_CONCURRENCY };

/** The client to read the target's values with, once the caller's rights are checked (once per invocation). */
interface Reader {
  jira: JiraClient;
}

/** When this invocation's page must stop starting reads; measured from the start of the resolver's work. */
export function pageClock(now: () => number = Date.now): () => boolean {
  const startedAt = now();
  return () => now() - startedAt >= PAGE_TIME_BUDGET_MS;
}

/**
 * Reads one page of `keys` (see readPropertyPage): at most `maxCount` values, within the time budget and a byte budget
 * that leaves room for `otherBytes` of other content in the same answer (see pageBudgetBytes). The keys not read go
 * back as remaining keys, so they count among `otherBytes` (getPropertyValues counts all of `keys`).
 */
export function readPage(reader: Reader, accountId: string, keys: readonly string[], maxCount: number, timeIsUp: () => boolean, otherBytes = keyListBytes(keys)) {
  return readPropertyPage((key) => reader.jira.getProperty(accountId, key), keys, {
    concurrency: READ_CONCURRENCY,
    maxCount,
    maxBytes: pageBudgetBytes(otherBytes),
    reservationBytes: ENTRY_RESERVATION_BYTES,
    timeIsUp,
  });
}

/**
 * The keys of the target's record the caller may read, listed once, and the client to read them with. Self: the
 * caller's own record, as them. Another user: every key for a Jira admin (as the user), only the entitled keys
 * for a delegated manager (asApp, guarded). Exactly one rights check.
 */
export async function listReadableKeys(invocation: Invocation, target: Target): Promise<Reader & { keys: string[] }> {
  if (!target.needsAdmin) {
    const jira = invocation.jira('read-properties');
    return { jira, keys: await jira.listPropertyKeys(target.accountId) };
  }
  // An admin's key listing starts alongside the permission check (it runs as the user, so Jira refuses a
  // non-admin anyway); nothing read is returned, and no read error reported, until the check has passed.
  const asUser = invocation.jira('read-properties');
  const keysAsUser = asUser.listPropertyKeys(target.accountId);
  keysAsUser.catch(() => undefined);
  const authority = await authorityOverOthers(invocation);
  if (authority.kind === 'admin') return { jira: asUser, keys: await keysAsUser };
  const asApp = clientFor(invocation, authority, 'read-properties', target);
  const keys = (await asApp.listPropertyKeys(target.accountId)).filter((key) => entitles(authority.entitlement, key));
  return { jira: asApp, keys };
}

/**
 * The client to read the named keys of the target with, after the same rights check as the listing: a delegated
 * manager naming any key outside their delegation is refused before anything is read, not served a partial page.
 */
export async function readerForKeys(invocation: Invocation, target: Target, keys: readonly string[]): Promise<Reader> {
  if (!target.needsAdmin) return { jira: invocation.jira('read-properties') };
  const authority = await authorityOverOthers(invocation);
  for (const key of keys) assertEntitled(authority, key);
  return { jira: clientFor(invocation, authority, 'read-properties', target) };
}

/**
 * The first answer of an open: the listed keys' first page of values, and the keys still to read. A key no URL can
 * address is answered here as `unreadable` (no request can read it, and getPropertyValues refuses it).
 */
export async function firstPage(
  reader: Reader,
  target: Target,
  keys: readonly string[],
  timeIsUp: () => boolean,
  firstPageCount: number = FIRST_PAGE_COUNT,
  /** Bytes the answer carries besides the page (getMyPreferences' definitions). */
  besidesBytes = 0,
): Promise<PropertyPage> {
  const listingBytes = keyListBytes(keys);
  if (listingBytes > LISTING_KEYS_BUDGET_BYTES) {
    throw new JiraError(
      `This user has ${keys.length.toLocaleString('en-US')} property keys, more than the app can list in one answer within Forge's limits.`,
    );
  }
  const unreadable: PropertyEntry[] = [];
  const addressable: string[] = [];
  for (const key of keys) {
    const why = unaddressable(key);
    if (why) unreadable.push(unreadableEntry(key, why));
    else addressable.push(key);
  }
  // Beside the page: the keys left to read (at most every listed key) and the unreadable entries.
  const otherBytes = besidesBytes + listingBytes + unreadable.reduce((sum, entry) => sum + entryAnswerBytes(entry), 0);
  const page = await readPage(reader, target.accountId, addressable, firstPageCount, timeIsUp, otherBytes);
  return { accountId: target.accountId, properties: [...page.properties, ...unreadable], remainingKeys: page.unread };
}

/** getPropertyValues' `keys`: 1 to PAGE_MAX_KEYS distinct keys a URL can address. */
export function readKeyList(value: unknown): string[] {
  if (!Array.isArray(value)) throw new ValidationError('"keys" must be a list of property keys.');
  if (value.length === 0) throw new ValidationError('"keys" must name at least one property key.');
  if (value.length > PAGE_MAX_KEYS) {
    throw new ValidationError(`"keys" names ${value.length} keys; one request may name at most ${PAGE_MAX_KEYS}.`);
  }
  const seen = new Set<string>();
  return value.map((item: unknown, index) => {
    let key: string;
    try {
      key = validateStoredKey(item);
    } catch (error) {
      throw new ValidationError(`"keys" item ${index + 1}: ${(error as Error).message}`);
    }
    if (seen.has(key)) throw new ValidationError(`"keys" names ${JSON.stringify(key)} more than once.`);
    seen.add(key);
    return key;
  });
}
