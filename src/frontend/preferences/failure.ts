import type { ErrorBody, ErrorCode } from '../../shared/contract';

/** A card's failed action, and whether trying it again can help. */
export interface Failure<Action extends string> {
  error: ErrorBody;
  /** Worth retrying as is: access just granted, Jira busy or briefly failing. Not for refusals or bad input. */
  retry?: Action;
}

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['NEEDS_AUTHENTICATION', 'RATE_LIMITED', 'JIRA_ERROR', 'INTERNAL_ERROR']);

export const failure = <Action extends string>(error: ErrorBody, action: Action): Failure<Action> =>
  RETRYABLE.has(error.code) ? { error, retry: action } : { error };
