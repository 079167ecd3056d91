import type { ErrorBody, ErrorCode } from '../../shared/contract';
import { flagError } from '../shared/flags';

/** A card's failed action, and whether trying it again can help. */
export interface Failure<Action extends string> {
  error: ErrorBody;
  /** Worth retrying as is: access just granted, Jira busy or briefly failing. Not for refusals or bad input. */
  retry?: Action;
}

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['NEEDS_AUTHENTICATION', 'RATE_LIMITED', 'JIRA_ERROR', 'INTERNAL_ERROR']);

export const failure = <Action extends string>(error: ErrorBody, action: Action): Failure<Action> =>
  RETRYABLE.has(error.code) ? { error, retry: action } : { error };

/** A conflict is shown in the card (with Reload); any other failure is shown there and raised as a flag too. */
export function reportFailure<Action extends string>(
  title: string,
  error: ErrorBody,
  action: Action,
  show: { conflict(): void; failure(failure: Failure<Action>): void },
): void {
  if (error.code === 'CONFLICT') {
    show.conflict();
    return;
  }
  show.failure(failure(error, action));
  flagError(title, error);
}
