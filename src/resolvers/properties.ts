import type Resolver from '@forge/resolver';
import { assertMatchesSchema } from '../domain/preference-schema';
import { byteSizeOf, validatePropertyKey, validatePropertyValue, validateStoredKey } from '../domain/property-rules';
import { entitles } from '../security/delegation';
import { planTarget, type Target } from '../security/target-policy';
import type { PropertyEntry } from '../shared/contract';
import { assertEntitled, authorityOverOthers, authorizeSelfWrite, clientFor, type Authority } from './authority';
import { defineResolver } from './define';
import { assertOutcomeAsExpected, conditionalWrite, readExpectedState } from './expected-state';
import type { Invocation } from './invocation';
import { optionalString, readPayload, requiredString } from './payload';

// Values are read this many at a time: enough to hide Jira's latency, few enough to stay clear of its burst limits.
export const READ_CONCURRENCY = 10;

/** Another user's properties: all of them for a Jira admin, only the entitled keys for a delegated manager. */
async function listOthers(invocation: Invocation, target: Target): Promise<PropertyEntry[]> {
  // An admin's key listing starts alongside the permission check (it runs as the user, so Jira refuses a
  // non-admin anyway); nothing read is returned, and no read error reported, until the check has passed.
  const asUser = invocation.jira('read-properties');
  const keysAsUser = asUser.listPropertyKeys(target.accountId);
  keysAsUser.catch(() => undefined);
  const authority = await authorityOverOthers(invocation);
  if (authority.kind === 'admin') return asUser.getProperties(target.accountId, await keysAsUser, READ_CONCURRENCY);
  const asApp = clientFor(invocation, authority, 'read-properties', target);
  const keys = (await asApp.listPropertyKeys(target.accountId)).filter((key) => entitles(authority.entitlement, key));
  return asApp.getProperties(target.accountId, keys, READ_CONCURRENCY);
}

/**
 * Refuses before any write unless the caller may write this key on this target; answers the client to write with,
 * and the preference definition whose schema a self-written value must match (when the caller is bound by one).
 */
async function authorizeWrite(invocation: Invocation, target: Target, key: string, operation: 'write-property' | 'delete-property') {
  if (!target.needsAdmin) {
    const definition = await authorizeSelfWrite(invocation, key);
    return { jira: invocation.jira(operation), definition };
  }
  const authority: Authority = await authorityOverOthers(invocation);
  assertEntitled(authority, key);
  return { jira: clientFor(invocation, authority, operation, target), definition: undefined };
}

export function definePropertyResolvers(resolver: Resolver): void {
  defineResolver(resolver, 'listProperties', async (payload, invocation) => {
    const fields = readPayload(payload, ['accountId']);
    const target = planTarget(invocation.caller, optionalString(fields, 'accountId'));
    const properties = target.needsAdmin
      ? await listOthers(invocation, target)
      : await (async () => {
          const jira = invocation.jira('read-properties');
          return jira.getProperties(target.accountId, await jira.listPropertyKeys(target.accountId), READ_CONCURRENCY);
        })();
    return { accountId: target.accountId, properties };
  });

  defineResolver(resolver, 'getProperty', async (payload, invocation) => {
    const fields = readPayload(payload, ['accountId', 'key']);
    const key = validateStoredKey(requiredString(fields, 'key'));
    const target = planTarget(invocation.caller, optionalString(fields, 'accountId'));
    let jira = invocation.jira('read-properties');
    if (target.needsAdmin) {
      const authority = await authorityOverOthers(invocation);
      assertEntitled(authority, key);
      jira = clientFor(invocation, authority, 'read-properties', target);
    }
    const property = await jira.getProperty(target.accountId, key);
    return { key: property.key, value: property.value, bytes: byteSizeOf(property.value) };
  });

  // Order: the payload's shape and the key (cheap, and the rights depend on the key), then the caller's rights,
  // and only then the value, its schema and the expected state, which a payload can make expensive.
  defineResolver(resolver, 'setProperty', async (payload, invocation) => {
    const fields = readPayload(payload, ['accountId', 'key', 'value', 'expected']);
    const key = validatePropertyKey(requiredString(fields, 'key'));
    const target = planTarget(invocation.caller, optionalString(fields, 'accountId'));
    const { jira, definition } = await authorizeWrite(invocation, target, key, 'write-property');
    validatePropertyValue(fields.value);
    if (definition) assertMatchesSchema(definition.schema, fields.value, `The value for "${definition.title}"`);
    const expected = readExpectedState(fields.expected);
    const options = await conditionalWrite(jira, target.accountId, key, expected, { exists: true, value: fields.value });
    const result = await jira.setProperty(target.accountId, key, fields.value, options);
    if (expected) assertOutcomeAsExpected(expected, result, { caller: invocation.caller, accountId: target.accountId, key });
    return { key, accountId: target.accountId, outcome: result.outcome, bytes: result.bytes };
  });

  defineResolver(resolver, 'deleteProperty', async (payload, invocation) => {
    const fields = readPayload(payload, ['accountId', 'key', 'expected']);
    const key = validateStoredKey(requiredString(fields, 'key'));
    const target = planTarget(invocation.caller, optionalString(fields, 'accountId'));
    const { jira } = await authorizeWrite(invocation, target, key, 'delete-property');
    const expected = readExpectedState(fields.expected);
    const options = await conditionalWrite(jira, target.accountId, key, expected, { exists: false });
    await jira.deleteProperty(target.accountId, key, options);
    return { key, accountId: target.accountId, deleted: true as const };
  });
}
