import { ForbiddenError, NeedsAuthenticationAppError, RateLimitedError } from '../domain/errors';
import { validateAccountId } from '../domain/property-rules';
import { MODULE_KEYS } from '../shared/contract';
import type { Caller } from './caller';

export interface Target {
  accountId: string;
  /** True when the target is someone else: the caller must hold Administer Jira. */
  needsAdmin: boolean;
}

/**
 * Whose record an operation touches. An omitted accountId, or the caller's own, is a self operation.
 * The personal settings page can only ever reach the caller's record: a foreign accountId from it is refused
 * (not silently redirected), so a tampered payload is visible as an error rather than an unexpected write.
 * Unknown modules are refused: fail closed.
 */
export function planTarget(caller: Caller, requestedAccountId: string | undefined): Target {
  const fromPersonalSettings = caller.moduleKey === MODULE_KEYS.personalSettings;
  if (!fromPersonalSettings && caller.moduleKey !== MODULE_KEYS.adminPage) {
    throw new ForbiddenError('This request did not come from one of the app\'s pages.');
  }
  const accountId = requestedAccountId === undefined ? caller.accountId : validateAccountId(requestedAccountId);
  const self = accountId === caller.accountId;
  if (fromPersonalSettings && !self) throw new ForbiddenError('My preferences can only show and change your own properties.');
  return { accountId, needsAdmin: !self };
}

export const NEEDS_ADMIN_MESSAGE = 'Viewing or changing another user\'s properties needs the Administer Jira global permission.';

/** Server-side Administer Jira check, as the caller. Any failure to confirm the permission refuses: fail closed. */
export async function assertAdministerJira(hasAdminPermission: () => Promise<boolean>, refusal: string = NEEDS_ADMIN_MESSAGE): Promise<void> {
  let granted = false;
  try {
    granted = await hasAdminPermission();
  } catch (error) {
    // Still a refusal, but one the person can act on (grant access, wait) keeps its own code.
    if (error instanceof NeedsAuthenticationAppError || error instanceof RateLimitedError) throw error;
    throw new ForbiddenError(`${refusal} The app could not confirm it.`, { cause: error });
  }
  if (!granted) throw new ForbiddenError(refusal);
}
