import { keyMatches } from '../domain/key-rules';
import type { JiraClient } from '../jira/client';
import type { Delegation, KeyRule } from '../shared/contract';
import { readDelegations } from '../storage/app-config-store';

declare const entitlementBrand: unique symbol;

/**
 * Proof that the app itself checked the caller may manage some keys on other users. Only `checkDelegation`
 * makes one, and the asApp() transport needs one: asApp() is never reachable without this check.
 */
export interface DelegateEntitlement {
  readonly [entitlementBrand]: true;
  readonly accountId: string;
  readonly rules: readonly KeyRule[];
}

/**
 * The key rules the caller holds through their Jira groups. Both inputs are read fresh on every call, with no
 * cache: group membership from Jira (as the caller), the delegation policy from storage. A removed membership or
 * delegation takes effect on the very next request. Any failure to read either is a refusal (no rules).
 */
export async function checkDelegation(asCaller: JiraClient, accountId: string): Promise<DelegateEntitlement | undefined> {
  try {
    const [groups, { delegations }] = await Promise.all([asCaller.getMyGroups(), readDelegations()]);
    const rules = rulesOf(delegations, groups);
    if (rules.length === 0) return undefined;
    return { accountId, rules } as unknown as DelegateEntitlement;
  } catch {
    return undefined;
  }
}

/** The key rules the delegations grant to members of `groups`. */
export function rulesOf(delegations: readonly Delegation[], groups: readonly { groupId: string }[]): KeyRule[] {
  const groupIds = new Set(groups.map((group) => group.groupId));
  return delegations.filter((delegation) => groupIds.has(delegation.groupId)).flatMap((delegation) => delegation.keys);
}

export function entitles(entitlement: DelegateEntitlement, key: string): boolean {
  return keyMatches(key, entitlement.rules);
}
