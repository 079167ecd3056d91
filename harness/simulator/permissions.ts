import type { AuthenticatedPrincipal } from './auth';
import type { SimStore } from './store';

// The Forge app user belongs to atlassian-addons-admin, which holds Administer Jira. For users it is still the
// SimUser.isAdmin flag, not membership of jira-administrators (the seed puts exactly the isAdmin users in that group).
export function hasAdminister(principal: AuthenticatedPrincipal, store: SimStore): boolean {
  if (principal.kind === 'app') return true;
  const user = store.getUser(principal.accountId);
  return user !== undefined && user.active && user.isAdmin;
}

/**
 * The groups holding the *Browse users and groups* global permission, as on a new Jira Cloud site: the product-access
 * group and the admins. Read from the store on every call, so a revoked membership counts from the next request.
 */
export const BROWSE_USERS_AND_GROUPS_GROUPS: readonly string[] = ['jira-software-users', 'jira-administrators'];

export function hasBrowseUsersAndGroups(principal: AuthenticatedPrincipal, store: SimStore): boolean {
  if (principal.kind === 'app') return true;
  const user = store.getUser(principal.accountId);
  if (user === undefined || !user.active) return false;
  return store.groupsOf(user.accountId).some((group) => BROWSE_USERS_AND_GROUPS_GROUPS.includes(group.name.toLowerCase()));
}

/** Administer Jira acts on anyone; everyone else only on their own record. */
export function canActOnUser(principal: AuthenticatedPrincipal, targetAccountId: string, store: SimStore): boolean {
  if (principal.kind === 'user' && principal.accountId === targetAccountId) return true;
  return hasAdminister(principal, store);
}

export interface GlobalPermission {
  id: string;
  key: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
  granted(principal: AuthenticatedPrincipal, store: SimStore): boolean;
}

// The permissions this site knows about; ids, names and descriptions as Jira Cloud reports them.
export const KNOWN_PERMISSIONS: Record<string, GlobalPermission> = {
  ADMINISTER: {
    id: '0',
    key: 'ADMINISTER',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description:
      'Create and administer projects, issue types, fields, workflows, and schemes for all projects. Users with this permission can perform most administration tasks, except: managing users, importing data, and editing system email settings.',
    granted: hasAdminister,
  },
  USER_PICKER: {
    id: '27',
    key: 'USER_PICKER',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description:
      'View and select users or groups from the user picker, and share issues. Users with this permission can see the names of all users and groups on your site.',
    granted: hasBrowseUsersAndGroups,
  },
  BROWSE_PROJECTS: {
    id: '10',
    key: 'BROWSE_PROJECTS',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
    granted: () => true,
  },
};
