import type { BulkRows, NewSimUser, SimStore } from '../store';
import { DEFAULT_SITE_SEED, generateSiteUser } from './generate-user';

export interface SiteGeneration {
  /** Users inserted by this call. */
  added: number;
  /** Generated users of this seed the database now has. */
  total: number;
  ms: number;
}

type PropertyRow = BulkRows['properties'][number];
type MembershipRow = BulkRows['memberships'][number];

const metaKey = (seed: string) => `generated-users:${seed}`;

/**
 * Gives the site `count` generated users of `seed` (on top of the demo users): users 0 … count-1 of generateSiteUser,
 * their properties and group memberships (in the groups the site has), in one transaction. A database that already has
 * some of them (a persisted site started again, maybe with a larger count) gets only the missing ones: the count is
 * recorded in the database, so properties a user has since deleted are not put back. A smaller count removes nothing.
 */
export function addSiteUsers(store: SimStore, count: number, seed: string = DEFAULT_SITE_SEED): SiteGeneration {
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`siteUsers must be a non-negative integer, got ${String(count)}`);
  if (seed === '') throw new Error('siteSeed must not be empty');
  const started = performance.now();
  const already = Number(store.getMeta(metaKey(seed)) ?? 0);
  if (count <= already) return { added: 0, total: already, ms: performance.now() - started };

  const groupIds = new Map(store.listGroups().map((group) => [group.name.toLowerCase(), group.groupId]));
  const rows = { users: [] as NewSimUser[], properties: [] as PropertyRow[], memberships: [] as MembershipRow[] };
  for (let index = already; index < count; index++) {
    const { user, properties, groups } = generateSiteUser(seed, index);
    rows.users.push(user);
    for (const property of properties) rows.properties.push({ accountId: user.accountId, key: property.key, json: property.json });
    for (const name of groups) {
      const groupId = groupIds.get(name.toLowerCase());
      if (groupId !== undefined) rows.memberships.push({ groupId, accountId: user.accountId });
    }
  }
  store.inTransaction(() => {
    store.bulkInsert(rows);
    store.setMeta(metaKey(seed), String(count));
  });
  return { added: count - already, total: count, ms: performance.now() - started };
}
