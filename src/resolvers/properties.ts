import type Resolver from '@forge/resolver';
import { assertMatchesSchema } from '../domain/preference-schema';
import { PAGE_MAX_KEYS } from '../domain/read-pages';
import { ValidationError } from '../domain/errors';
import { lossyValueOf, propertyEntry, validatePropertyJson } from '../domain/property-json';
import { validatePropertyKey, validateStoredKey, type SerialisedValue } from '../domain/property-rules';
import { planTarget, type Target } from '../security/target-policy';
import { assertEntitled, authorityOverOthers, authorizeSelfWrite, clientFor, type Authority } from './authority';
import { defineResolver } from './define';
import { assertOutcomeAsExpected, conditionalWrite, readExpectedState } from './expected-state';
import type { Invocation } from './invocation';
import { optionalString, readPayload, requiredString } from './payload';
import { firstPage, listReadableKeys, pageClock, readerForKeys, readKeyList, readPage } from './property-pages';

// Re-exported where the benchmark (harness/bench) has always read it.
export { READ_CONCURRENCY } from './property-pages';

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

/**
 * The text to write: `json` as given, checked and never reformatted. A JavaScript `value` is refused by name: written
 * with JSON.stringify, a value once read into doubles would round what others stored.
 */
function readValueToWrite(fields: Record<string, unknown>): SerialisedValue {
  if (fields.value !== undefined) throw new ValidationError('Give the value as its JSON text, "json" ("value" is not accepted: it would pass numbers through doubles).');
  if (fields.json === undefined) throw new ValidationError('A property value is required: give its JSON text as "json".');
  return validatePropertyJson(fields.json);
}

export function definePropertyResolvers(resolver: Resolver): void {
  // An open: listProperties lists the keys once and answers a first page; getPropertyValues reads the rest, a page
  // of named keys per call, each call checking the caller's rights once and reading each named value at most once.
  defineResolver(resolver, 'listProperties', async (payload, invocation) => {
    const timeIsUp = pageClock();
    const fields = readPayload(payload, ['accountId']);
    const target = planTarget(invocation.caller, optionalString(fields, 'accountId'));
    const { keys, ...reader } = await listReadableKeys(invocation, target);
    return firstPage(reader, target, keys, timeIsUp);
  });

  defineResolver(resolver, 'getPropertyValues', async (payload, invocation) => {
    const timeIsUp = pageClock();
    const fields = readPayload(payload, ['accountId', 'keys']);
    const keys = readKeyList(fields.keys);
    const target = planTarget(invocation.caller, optionalString(fields, 'accountId'));
    const reader = await readerForKeys(invocation, target, keys);
    const page = await readPage(reader, target.accountId, keys, PAGE_MAX_KEYS, timeIsUp);
    return { accountId: target.accountId, properties: page.properties, remainingKeys: page.unread };
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
    return propertyEntry(property.key, property.json);
  });

  // Order: the payload's shape and the key (cheap, and the rights depend on the key), then the caller's rights,
  // and only then the value, its schema and the expected state, which a payload can make expensive.
  defineResolver(resolver, 'setProperty', async (payload, invocation) => {
    const fields = readPayload(payload, ['accountId', 'key', 'json', 'value', 'expected']);
    const key = validatePropertyKey(requiredString(fields, 'key'));
    const target = planTarget(invocation.caller, optionalString(fields, 'accountId'));
    const { jira, definition } = await authorizeWrite(invocation, target, key, 'write-property');
    const { json } = readValueToWrite(fields);
    if (definition) {
      // The schema is checked against JSON.parse of the text: ajv validates JavaScript values, so a number past double
      // precision is checked as the double nearest to it (12345678901234567891 against `maximum` or `multipleOf`,
      // say). What is written is still the text, digit for digit.
      assertMatchesSchema(definition.schema, lossyValueOf(json), `The value for "${definition.title}"`);
    }
    const expected = readExpectedState(fields.expected);
    const options = await conditionalWrite(jira, target.accountId, key, expected, { exists: true, json });
    const result = await jira.setProperty(target.accountId, key, json, options);
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
