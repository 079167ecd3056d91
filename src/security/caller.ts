import { ForbiddenError } from '../domain/errors';

export interface Caller {
  accountId: string;
  moduleKey: string;
}

/** Forge's resolver context, as far as the app reads it. The platform fills it; the payload never can. */
export interface TrustedContext {
  accountId?: string;
  moduleKey?: string;
  /** licensed | unlicensed | customer | anonymous */
  accountType?: string;
}

// The caller's identity comes only from the platform-supplied context (principal.accountId), never from the payload.
export function callerFrom(context: TrustedContext): Caller {
  if (!context.accountId) throw new ForbiddenError('You need to be logged in to Jira to use this app.');
  // Only people with Jira access use this app; unlicensed and customer accounts are refused before any request.
  if (context.accountType !== undefined && context.accountType !== 'licensed') {
    throw new ForbiddenError('This app is for people with access to Jira.');
  }
  if (!context.moduleKey) throw new ForbiddenError('This request did not come from one of the app\'s pages.');
  return { accountId: context.accountId, moduleKey: context.moduleKey };
}
