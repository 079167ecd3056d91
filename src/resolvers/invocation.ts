import { createJiraClient, type JiraClient } from '../jira/client';
import { createDeadline } from '../jira/retry';
import { callerFrom, type Caller, type TrustedContext } from '../security/caller';
import type { DelegateEntitlement } from '../security/delegation';
import { delegatedTransport, transportFor, type JiraOperation } from '../security/principal-policy';
import { assertAdministerJira } from '../security/target-policy';

// One resolver call may send many Jira requests (a listing reads every value); they share one time budget that
// keeps the whole call, retries included, well under Forge's 25 s limit for UI invocations.
export const INVOCATION_BUDGET_MS = 15_000;

export interface Invocation {
  caller: Caller;
  jira(operation: JiraOperation): JiraClient;
  /** The asApp() client of a delegated manager, bound to one target user and the entitled keys. */
  delegatedJira(entitlement: DelegateEntitlement, targetAccountId: string): JiraClient;
  /** Administer Jira, checked as the caller; `refusal` is what a refused caller reads. */
  assertAdmin(refusal?: string): Promise<void>;
}

export function startInvocation(context: TrustedContext): Invocation {
  const caller = callerFrom(context);
  const deadline = createDeadline(INVOCATION_BUDGET_MS);
  const jira = (operation: JiraOperation) => createJiraClient({ requestJira: transportFor(operation), deadline });
  return {
    caller,
    jira,
    delegatedJira: (entitlement, targetAccountId) =>
      createJiraClient({ requestJira: delegatedTransport(entitlement, targetAccountId), deadline }),
    assertAdmin: (refusal) => assertAdministerJira(() => jira('check-admin-permission').hasGlobalPermission('ADMINISTER'), refusal),
  };
}
