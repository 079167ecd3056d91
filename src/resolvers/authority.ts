import { ForbiddenError } from '../domain/errors';
import type { JiraClient } from '../jira/client';
import { checkDelegation, entitles, type DelegateEntitlement } from '../security/delegation';
import type { JiraOperation } from '../security/principal-policy';
import type { Target } from '../security/target-policy';
import { MODULE_KEYS, type PreferenceDefinition } from '../shared/contract';
import { readPreferences } from '../storage/app-config-store';
import type { Invocation } from './invocation';

/** By what right the caller acts on another user's record. */
export type Authority = { kind: 'admin' } | { kind: 'delegate'; entitlement: DelegateEntitlement };

export const NOT_ALLOWED_MESSAGE =
  'Viewing or changing another user\'s properties needs the Administer Jira global permission, or a delegation from a Jira admin.';

/** Jira admin (checked as the user), else a delegated manager (checked by the app); otherwise refused. */
export async function authorityOverOthers(invocation: Invocation): Promise<Authority> {
  try {
    await invocation.assertAdmin();
    return { kind: 'admin' };
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
  }
  const entitlement = await checkDelegation(invocation.jira('read-own-profile'), invocation.caller.accountId);
  if (!entitlement) throw new ForbiddenError(NOT_ALLOWED_MESSAGE);
  return { kind: 'delegate', entitlement };
}

export function assertEntitled(authority: Authority, key: string): void {
  if (authority.kind === 'delegate' && !entitles(authority.entitlement, key)) {
    throw new ForbiddenError(`"${key}" is outside the keys your delegation lets you manage.`);
  }
}

/** The client for a property operation on someone else: asUser for admins, the guarded asApp for delegates. */
export function clientFor(invocation: Invocation, authority: Authority, operation: JiraOperation, target: Target): JiraClient {
  return authority.kind === 'admin' ? invocation.jira(operation) : invocation.delegatedJira(authority.entitlement, target.accountId);
}

/**
 * A person changing their own record. Jira admins may change anything from the admin page; everyone else follows
 * the admin's preference rules: a defined key only if users may edit it, an undefined key only when raw editing is
 * allowed. Answers the definition whose schema a new value must match (undefined for admins and raw keys).
 */
export async function authorizeSelfWrite(invocation: Invocation, key: string): Promise<PreferenceDefinition | undefined> {
  if (invocation.caller.moduleKey === MODULE_KEYS.adminPage) {
    try {
      await invocation.assertAdmin();
      return undefined;
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
    }
  }
  const { definitions, allowRawEditing } = await readPreferences();
  const definition = definitions.find((d) => d.key === key);
  if (definition) {
    if (!definition.userEditable) throw new ForbiddenError(`"${definition.title}" is managed by your Jira admin.`);
    return definition;
  }
  if (!allowRawEditing) throw new ForbiddenError(`"${key}" is not a preference you can change here. Ask your Jira admin.`);
  return undefined;
}
