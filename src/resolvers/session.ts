import type Resolver from '@forge/resolver';
import { ForbiddenError } from '../domain/errors';
import { checkDelegation } from '../security/delegation';
import { defineResolver } from './define';
import { readPayload } from './payload';

export function defineSessionResolvers(resolver: Resolver): void {
  defineResolver(resolver, 'getSession', async (payload, { caller, jira, assertAdmin }) => {
    readPayload(payload, []);
    const [me, isAdmin] = await Promise.all([
      jira('read-own-profile').getCurrentUser(),
      assertAdmin().then(
        () => true,
        (error: unknown) => {
          if (error instanceof ForbiddenError) return false;
          throw error;
        },
      ),
    ]);
    // Only for showing the right page: every operation checks the delegation again, server-side.
    const delegation = isAdmin ? undefined : await checkDelegation(jira('read-own-profile'), caller.accountId);
    return { accountId: caller.accountId, displayName: me.displayName, isAdmin, delegatedKeys: [...(delegation?.rules ?? [])] };
  });
}
