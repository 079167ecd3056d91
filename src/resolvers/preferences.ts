import type Resolver from '@forge/resolver';
import { readPreferences } from '../storage/app-config-store';
import { defineResolver } from './define';
import { readPayload } from './payload';
import { READ_CONCURRENCY } from './properties';

export function definePreferenceResolvers(resolver: Resolver): void {
  // The caller's own page: always their own record, as themselves.
  defineResolver(resolver, 'getMyPreferences', async (payload, invocation) => {
    readPayload(payload, []);
    const accountId = invocation.caller.accountId;
    const jira = invocation.jira('read-properties');
    const [{ definitions, allowRawEditing }, keys] = await Promise.all([readPreferences(), jira.listPropertyKeys(accountId)]);
    const properties = await jira.getProperties(accountId, keys, READ_CONCURRENCY);
    return { accountId, definitions, allowRawEditing, properties };
  });
}
