import api from '@forge/api';
import { ForbiddenError } from '../domain/errors';
import type { RequestJira } from '../jira/transport';
import { entitles, type DelegateEntitlement } from './delegation';

export type JiraOperation =
  | 'read-own-profile'
  | 'check-admin-permission'
  | 'search-users'
  | 'read-user-profile'
  | 'read-properties'
  | 'write-property'
  | 'delete-property';

export interface PrincipalDecision {
  principal: 'user';
  reason: string;
}

// The one place that decides whom Jira sees for each operation.
// Work a person starts for themselves, or as a Jira admin, runs asUser(): Jira then applies its own rule
// (Administer Jira for any user's properties, otherwise only your own) on top of the app's checks, so a bug in
// the app cannot reach data the person could not reach with curl.
// asApp() serves two cases only. A delegated manager (not a Jira admin) acting on another user's property: Jira would
// refuse them, so the app acts itself, and only after its own entitlement check (`checkDelegation`, which reads
// group membership from Jira and the policy from storage, failing closed). `delegatedTransport` below cannot be
// called without that check's proof, and refuses any request outside the entitled user and keys. And a site-wide
// job's chunks, which run in a queue consumer with no user at all: see job-principal.ts.
const POLICY: Record<JiraOperation, PrincipalDecision> = {
  'read-own-profile': { principal: 'user', reason: '/myself must describe the person, not the app user' },
  'check-admin-permission': { principal: 'user', reason: '/mypermissions answers for whoever asks: it must be the person' },
  'search-users': { principal: 'user', reason: 'respects the searcher\'s "Browse users and groups" permission and profile visibility' },
  'read-user-profile': { principal: 'user', reason: 'shows only what the person may see of that profile (privacy settings)' },
  'read-properties': { principal: 'user', reason: 'Jira enforces admin-or-self on reads as well as the app' },
  'write-property': { principal: 'user', reason: 'Jira enforces admin-or-self on writes as well as the app' },
  'delete-property': { principal: 'user', reason: 'Jira enforces admin-or-self on deletes as well as the app' },
};

export function principalFor(operation: JiraOperation): PrincipalDecision {
  if (!Object.hasOwn(POLICY, operation)) throw new Error(`No principal policy for operation '${String(operation)}'`);
  return POLICY[operation];
}

// Not named request…Jira…: @forge/lint treats any such call as a product request and stops linting on an unknown name.
export function transportFor(operation: JiraOperation): RequestJira {
  const decision = principalFor(operation);
  switch (decision.principal) {
    case 'user':
      return (path, init) => api.asUser().requestJira(path, init);
    default:
      throw new Error(`No transport for principal '${String(decision.principal)}'`);
  }
}

const PROPERTY_PATH = /^\/rest\/api\/3\/user\/properties(?:\/([^/?]+))?\?accountId=([^&]+)$/;

/** Whether an asApp() request stays within what the entitlement covers: one user's properties, entitled keys. */
export function isWithinEntitlement(entitlement: DelegateEntitlement, targetAccountId: string, method: string, path: string): boolean {
  const match = PROPERTY_PATH.exec(path);
  if (!match || decodeURIComponent(match[2]) !== targetAccountId || targetAccountId === entitlement.accountId) return false;
  if (match[1] === undefined) return method === 'GET';
  return entitles(entitlement, decodeURIComponent(match[1]));
}

/** asApp(), for a delegated manager only: every request is checked against the entitlement before it is sent. */
export function delegatedTransport(entitlement: DelegateEntitlement, targetAccountId: string): RequestJira {
  return (path, init) => {
    if (!isWithinEntitlement(entitlement, targetAccountId, (init?.method ?? 'GET').toUpperCase(), path.value)) {
      return Promise.reject(new ForbiddenError('That key is outside what your delegation allows.'));
    }
    return api.asApp().requestJira(path, init);
  };
}
