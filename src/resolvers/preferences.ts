import type Resolver from '@forge/resolver';
import { utf8Bytes } from '../domain/property-rules';
import { FIRST_PAGE_COUNT, PAGE_MAX_KEYS } from '../domain/read-pages';
import { readPreferences } from '../storage/app-config-store';
import { defineResolver } from './define';
import { readPayload } from './payload';
import { firstPage, pageClock } from './property-pages';

export function definePreferenceResolvers(resolver: Resolver): void {
  // The caller's own page: always their own record, as themselves. The keys are listed once and read in pages, as
  // on the admin page: the defined keys first (up to a full page, so the forms show with their values at once), then
  // a first page of the others; the page reads the rest with getPropertyValues.
  defineResolver(resolver, 'getMyPreferences', async (payload, invocation) => {
    const timeIsUp = pageClock();
    readPayload(payload, []);
    const target = { accountId: invocation.caller.accountId, needsAdmin: false };
    const jira = invocation.jira('read-properties');
    const [{ definitions, allowRawEditing }, keys] = await Promise.all([readPreferences(), jira.listPropertyKeys(target.accountId)]);
    const listed = new Set(keys);
    const defined = definitions.map((definition) => definition.key).filter((key) => listed.has(key));
    const isDefined = new Set(defined);
    const ordered = [...defined, ...keys.filter((key) => !isDefined.has(key))];
    const firstCount = Math.min(PAGE_MAX_KEYS, Math.max(FIRST_PAGE_COUNT, defined.length));
    const definitionBytes = utf8Bytes(JSON.stringify(definitions));
    const page = await firstPage({ jira }, target, ordered, timeIsUp, firstCount, definitionBytes);
    return { accountId: target.accountId, definitions, allowRawEditing, properties: page.properties, remainingKeys: page.remainingKeys };
  });
}
