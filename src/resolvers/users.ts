import type Resolver from '@forge/resolver';
import { ValidationError } from '../domain/errors';
import { defineResolver } from './define';
import { planTarget } from '../security/target-policy';
import { authorityOverOthers } from './authority';
import { optionalString, readPayload, requiredString } from './payload';

const MAX_QUERY_LENGTH = 100;
const MAX_RESULTS = 20;

export function defineUserResolvers(resolver: Resolver): void {
  defineResolver(resolver, 'searchUsers', async (payload, { jira }) => {
    const query = requiredString(readPayload(payload, ['query']), 'query').trim();
    if (query.length === 0) throw new ValidationError('Type part of a name or email address to search for.');
    if (query.length > MAX_QUERY_LENGTH) throw new ValidationError(`The search text is longer than ${MAX_QUERY_LENGTH} characters.`);
    return jira('search-users').findUsers(query, MAX_RESULTS);
  });

  // Who the admin page is looking at: the same rule as the properties themselves (self, admin or delegate).
  defineResolver(resolver, 'getUser', async (payload, invocation) => {
    const target = planTarget(invocation.caller, optionalString(readPayload(payload, ['accountId']), 'accountId'));
    if (target.needsAdmin) await authorityOverOthers(invocation);
    return invocation.jira('read-user-profile').getUser(target.accountId);
  });
}
