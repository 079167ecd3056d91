import type Resolver from '@forge/resolver';
import { byteSizeOf, validatePropertyKey, validatePropertyValue } from '../domain/property-rules';
import { planTarget } from '../security/target-policy';
import { defineResolver } from './define';
import { assertStoredState, readExpectedState } from './expected-state';
import type { Invocation } from './invocation';
import { optionalString, readPayload, requiredString } from './payload';

// Values are read this many at a time: enough to hide Jira's latency, few enough to stay clear of its burst limits.
export const READ_CONCURRENCY = 10;

/** Refuses before any write when the target is someone else and the caller is not a Jira admin. */
async function authorizeWrite(invocation: Invocation, accountId: string | undefined) {
  const target = planTarget(invocation.caller, accountId);
  if (target.needsAdmin) await invocation.assertAdmin();
  return target;
}

/**
 * Reads may start before the admin check answers (the reads run as the user, so Jira refuses a non-admin anyway),
 * but nothing read is returned, and no read error is reported, until the check has passed.
 */
async function authorizedRead<T>(invocation: Invocation, needsAdmin: boolean, read: () => Promise<T>): Promise<T> {
  const pending = read();
  if (needsAdmin) {
    pending.catch(() => undefined);
    await invocation.assertAdmin();
  }
  return pending;
}

export function definePropertyResolvers(resolver: Resolver): void {
  defineResolver(resolver, 'listProperties', async (payload, invocation) => {
    const fields = readPayload(payload, ['accountId']);
    const target = planTarget(invocation.caller, optionalString(fields, 'accountId'));
    const jira = invocation.jira('read-properties');
    const keys = await authorizedRead(invocation, target.needsAdmin, () => jira.listPropertyKeys(target.accountId));
    const properties = await jira.getProperties(target.accountId, keys, READ_CONCURRENCY);
    return { accountId: target.accountId, properties };
  });

  defineResolver(resolver, 'getProperty', async (payload, invocation) => {
    const fields = readPayload(payload, ['accountId', 'key']);
    const key = validatePropertyKey(requiredString(fields, 'key'));
    const target = planTarget(invocation.caller, optionalString(fields, 'accountId'));
    const jira = invocation.jira('read-properties');
    const property = await authorizedRead(invocation, target.needsAdmin, () => jira.getProperty(target.accountId, key));
    return { key: property.key, value: property.value, bytes: byteSizeOf(property.value) };
  });

  defineResolver(resolver, 'setProperty', async (payload, invocation) => {
    const fields = readPayload(payload, ['accountId', 'key', 'value', 'expected']);
    const key = validatePropertyKey(requiredString(fields, 'key'));
    validatePropertyValue(fields.value);
    const expected = readExpectedState(fields.expected);
    const target = await authorizeWrite(invocation, optionalString(fields, 'accountId'));
    const jira = invocation.jira('write-property');
    if (expected) await assertStoredState(jira, target.accountId, key, expected);
    const result = await jira.setProperty(target.accountId, key, fields.value);
    return { key, accountId: target.accountId, outcome: result.outcome, bytes: result.bytes };
  });

  defineResolver(resolver, 'deleteProperty', async (payload, invocation) => {
    const fields = readPayload(payload, ['accountId', 'key', 'expected']);
    const key = validatePropertyKey(requiredString(fields, 'key'));
    const expected = readExpectedState(fields.expected);
    const target = await authorizeWrite(invocation, optionalString(fields, 'accountId'));
    const jira = invocation.jira('delete-property');
    if (expected) await assertStoredState(jira, target.accountId, key, expected);
    await jira.deleteProperty(target.accountId, key);
    return { key, accountId: target.accountId, deleted: true as const };
  });
}
