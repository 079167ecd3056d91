import type Resolver from '@forge/resolver';
import { assertMatchesSchema } from '../domain/preference-schema';
import { PAGE_MAX_KEYS } from '../domain/read-pages';
import { ValidationError } from '../domain/errors';
import { lossyValueOf, propertyEntry, validatePropertyJson } from '../domain/property-json';
import { validatePropertyKey, validateStoredKey, type SerialisedValue } from '../domain/property-rules';
import { planTarget } from '../security/target-policy';
import { assertEntitled, authorityOverOthers, clientFor } from './authority';
import { defineResolver } from './define';
import { readExpectedState } from './expected-state';
import { optionalString, readPayload, requiredString } from './payload';
import { authorizeWrite, writeProperty } from './property-write';
import { firstPage, listReadableKeys, pageClock, readerForKeys, readKeyList, readPage } from './property-pages';

// Re-exported where the benchmark (harness/bench) has always read it.
export { READ_CONCURRENCY } from './property-pages';

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
    const access = await authorizeWrite(invocation, target, key, 'write-property');
    const { definition } = access;
    const { json } = readValueToWrite(fields);
    if (definition) {
      // The schema is checked against JSON.parse of the text: ajv validates JavaScript values, so a number past double
      // precision is checked as the double nearest to it (12345678901234567891 against `maximum` or `multipleOf`,
      // say). What is written is still the text, digit for digit.
      assertMatchesSchema(definition.schema, lossyValueOf(json), `The value for "${definition.title}"`);
    }
    const expected = readExpectedState(fields.expected);
    return writeProperty(invocation, access, { target, key, json, ...(expected ? { expected } : {}) });
  });

  defineResolver(resolver, 'deleteProperty', async (payload, invocation) => {
    const fields = readPayload(payload, ['accountId', 'key', 'expected']);
    const key = validateStoredKey(requiredString(fields, 'key'));
    const target = planTarget(invocation.caller, optionalString(fields, 'accountId'));
    const access = await authorizeWrite(invocation, target, key, 'delete-property');
    const expected = readExpectedState(fields.expected);
    return writeProperty(invocation, access, { target, key, ...(expected ? { expected } : {}) });
  });
}
