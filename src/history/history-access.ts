import { ForbiddenError } from '../domain/errors';
import { authorityOverOthers, NOT_ALLOWED_MESSAGE } from '../resolvers/authority';
import type { Invocation } from '../resolvers/invocation';
import { entitles } from '../security/delegation';
import { planTarget } from '../security/target-policy';
import { MODULE_KEYS } from '../shared/contract';

// Who sees which entries: admins every entry; a delegate the entries on keys they are granted; everyone the entries
// on their own record, from either page. Checked server-side on every call, like every other read.

export interface HistoryScope {
  /** Only entries on this record (the caller's own, or the one asked for). */
  accountId?: string;
  /** Only entries whose key passes. */
  allowsKey(key: string): boolean;
}

const everyKey = () => true;

export async function historyScope(invocation: Invocation, requestedAccountId: string | undefined): Promise<HistoryScope> {
  const { caller } = invocation;
  // From My preferences an omitted accountId means the caller's own record; planTarget refuses anyone else's there.
  const siteWide = requestedAccountId === undefined && caller.moduleKey === MODULE_KEYS.adminPage;
  if (!siteWide) {
    const target = planTarget(caller, requestedAccountId);
    if (!target.needsAdmin) return { accountId: target.accountId, allowsKey: everyKey };
  }
  let authority;
  try {
    authority = await authorityOverOthers(invocation);
  } catch (error) {
    if (error instanceof ForbiddenError && siteWide) throw new ForbiddenError(`${NOT_ALLOWED_MESSAGE} Your own changes are on My preferences.`);
    throw error;
  }
  const allowsKey = authority.kind === 'admin' ? everyKey : (key: string) => entitles(authority.entitlement, key);
  return { ...(siteWide ? {} : { accountId: requestedAccountId }), allowsKey };
}
