import type Resolver from '@forge/resolver';
import { ValidationError } from '../domain/errors';
import { KEY_EXPORT_MAX_USERS } from '../domain/property-export';
import { validateAccountId, validateStoredKey } from '../domain/property-rules';
import { ENTRY_RESERVATION_BYTES, PAGE_VALUE_BUDGET_BYTES, READ_CONCURRENCY } from '../domain/read-pages';
import type { JiraClient } from '../jira/client';
import { readKeyValue, readKeyValues } from '../jira/key-values';
import { planTarget, type Target } from '../security/target-policy';
import { assertEntitled, authorityOverOthers, clientFor } from './authority';
import { defineResolver } from './define';
import type { Invocation } from './invocation';
import { readPayload, requiredString } from './payload';
import { pageClock } from './property-pages';

/** readKeyValues' `accountIds`: 1 to KEY_EXPORT_MAX_USERS distinct valid account ids. */
export function readAccountIdList(value: unknown): string[] {
  if (!Array.isArray(value)) throw new ValidationError('"accountIds" must be a list of account ids.');
  if (value.length === 0) throw new ValidationError('"accountIds" must name at least one user.');
  if (value.length > KEY_EXPORT_MAX_USERS) {
    throw new ValidationError(`"accountIds" names ${value.length} users; one request may name at most ${KEY_EXPORT_MAX_USERS}.`);
  }
  const seen = new Set<string>();
  return value.map((item: unknown, index) => {
    let accountId: string;
    try {
      accountId = validateAccountId(item);
    } catch (error) {
      throw new ValidationError(`"accountIds" item ${index + 1}: ${(error as Error).message}`);
    }
    if (seen.has(accountId)) throw new ValidationError(`"accountIds" names ${accountId} more than once.`);
    seen.add(accountId);
    return accountId;
  });
}

/**
 * The client to read `key` on each target with, after one rights check: the caller's own record as them; anyone
 * else's as a Jira admin (asUser) or, for a delegated manager granted the key, the guarded asApp client bound to that
 * user. A delegate naming a key outside their delegation, or anyone else naming another user, is refused before any
 * property is read.
 */
async function readersFor(invocation: Invocation, key: string, targets: readonly Target[]): Promise<(target: Target) => JiraClient> {
  const own = invocation.jira('read-properties');
  if (!targets.some((target) => target.needsAdmin)) return () => own;
  const authority = await authorityOverOthers(invocation);
  assertEntitled(authority, key);
  return (target) => (target.needsAdmin ? clientFor(invocation, authority, 'read-properties', target) : own);
}

export function defineKeyExportResolver(resolver: Resolver): void {
  // One key across users (the finder's export): each value read once, as its exact text, READ_CONCURRENCY at a time,
  // stopping before the answer could pass Forge's 5 MB (100 values of 32 KB, escaped, could) or the page's time.
  defineResolver(resolver, 'readKeyValues', async (payload, invocation) => {
    const timeIsUp = pageClock();
    const fields = readPayload(payload, ['key', 'accountIds']);
    const key = validateStoredKey(requiredString(fields, 'key'));
    const targets = readAccountIdList(fields.accountIds).map((accountId) => planTarget(invocation.caller, accountId));
    const readerOf = await readersFor(invocation, key, targets);
    const values = await readKeyValues(
      (accountId, index) => readKeyValue(readerOf(targets[index]), accountId, key),
      targets.map((target) => target.accountId),
      { concurrency: READ_CONCURRENCY, maxBytes: PAGE_VALUE_BUDGET_BYTES, reservationBytes: ENTRY_RESERVATION_BYTES, timeIsUp },
    );
    return { values };
  });
}
