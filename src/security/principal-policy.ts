import api from '@forge/api';
import type { RequestJira } from '../jira/transport';

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
// Every operation this app performs today is initiated by a person in the Jira UI, so it runs asUser(): Jira then
// applies its own rule (Administer Jira for any user's properties, otherwise only your own) on top of the app's
// checks, and a bug in the app cannot reach data the person could not reach with curl.
// asApp() would bypass that rule (the app user is a Jira admin), so it is only allowed behind the app's own
// entitlement check (delegated managers); no operation needs it yet, and the type above has no 'app' branch
// until one does.
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
  }
}
