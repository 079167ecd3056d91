import {
  AppError,
  ConflictError,
  ForbiddenError,
  JiraError,
  NeedsAuthenticationAppError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../domain/errors';
import type { ErrorCode } from '../shared/contract';
import { isRecord } from './json';

/** Words for messages about one Jira call. */
export interface OperationDescription {
  /** What the app asked Jira to do, as a verb phrase: `read the property "theme" of user 5b10…`. */
  action: string;
  /** What a 404 says is missing: `user 5b10…`, `the property "theme" of user 5b10… (or the user)`. */
  missing: string;
}

/** Jira's answer as far as error mapping needs it. `body` is the parsed JSON, or undefined when absent or not JSON. */
export interface FailedResponse {
  status: number;
  body?: unknown;
  retryAfterSeconds?: number;
}

/** Status → error code; any status not listed (5xx included) is JIRA_ERROR. */
export const STATUS_ERROR_CODES: Readonly<Record<number, ErrorCode>> = {
  400: 'VALIDATION_ERROR',
  401: 'FORBIDDEN',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'VALIDATION_ERROR',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

export function errorCodeForStatus(status: number): ErrorCode {
  return STATUS_ERROR_CODES[status] ?? 'JIRA_ERROR';
}

const MAX_MESSAGES = 5;
const MAX_MESSAGE_LENGTH = 300;

function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_MESSAGE_LENGTH ? `${trimmed.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : trimmed;
}

/**
 * The human-readable messages in an error body: Jira's ErrorCollection (`errorMessages`, `errors` by field)
 * or the Forge proxy's `{ code, message }` (e.g. "Unauthorized; scope does not match").
 */
export function jiraMessages(body: unknown): string[] {
  if (!isRecord(body)) return [];
  const messages: string[] = [];
  if (Array.isArray(body.errorMessages)) {
    for (const message of body.errorMessages) if (typeof message === 'string') messages.push(message);
  }
  if (isRecord(body.errors)) {
    for (const [field, message] of Object.entries(body.errors)) {
      if (typeof message === 'string') messages.push(`${field}: ${message}`);
    }
  }
  if (typeof body.message === 'string') messages.push(body.message);
  return messages
    .map(clip)
    .filter((message) => message.length > 0)
    .slice(0, MAX_MESSAGES);
}

function withJiraMessages(sentence: string, body: unknown): string {
  const messages = jiraMessages(body);
  if (messages.length === 0) return sentence;
  const sentences = messages.map((message) => (/[.!?…]$/.test(message) ? message : `${message}.`));
  return `${sentence} Jira says: ${sentences.join(' ')}`;
}

/** Maps a Jira answer the operation did not expect to the app error the UI shows. */
export function errorFromResponse(failure: FailedResponse, operation: OperationDescription): AppError {
  const { status, body } = failure;
  const { action, missing } = operation;
  switch (errorCodeForStatus(status)) {
    case 'VALIDATION_ERROR':
      return new ValidationError(
        status === 405
          ? withJiraMessages(`Jira could not ${action}: the property key is missing.`, body)
          : withJiraMessages(`Jira refused the request to ${action}.`, body),
      );
    case 'FORBIDDEN':
      return new ForbiddenError(
        status === 401
          ? withJiraMessages(`Jira did not accept the app's credentials to ${action}.`, body)
          : withJiraMessages(`Jira denied permission to ${action}.`, body),
      );
    case 'NOT_FOUND':
      return new NotFoundError(withJiraMessages(`Jira could not find ${missing}.`, body));
    case 'CONFLICT':
      return new ConflictError(withJiraMessages(`Jira reported a conflict when asked to ${action}.`, body));
    case 'RATE_LIMITED': {
      const seconds = failure.retryAfterSeconds;
      const when = seconds === undefined ? 'in a moment' : `in ${seconds} second${seconds === 1 ? '' : 's'}`;
      const message = `Jira is rate limiting the app, so it could not ${action}. Try again ${when}.`;
      return new RateLimitedError(message, seconds);
    }
    default:
      return new JiraError(
        status >= 500
          ? withJiraMessages(`Jira failed to ${action} (HTTP ${status}).`, body)
          : withJiraMessages(`Jira answered HTTP ${status} when asked to ${action}.`, body),
        status,
      );
  }
}

/**
 * Maps what `requestJira` threw. Names are compared rather than classes, as @forge/api itself does, so a second
 * copy of the package in the bundle still maps. Only our own words reach the message; the error stays as `cause`.
 */
export function errorFromThrown(error: unknown, operation: OperationDescription): AppError {
  if (error instanceof AppError) return error;
  const { action } = operation;
  const name = error instanceof Error ? error.name : undefined;
  switch (name) {
    case 'NEEDS_AUTHENTICATION_ERR':
      return new NeedsAuthenticationAppError({ cause: error });
    case 'PROXY_ERR': {
      const { errorCode, status } = error as Error & { errorCode?: unknown; status?: unknown };
      const detail = [
        typeof errorCode === 'string' ? clip(errorCode) : undefined,
        typeof status === 'number' ? `HTTP ${status}` : undefined,
      ]
        .filter((part) => part !== undefined)
        .join(', ');
      return new JiraError(
        `The Forge platform could not pass the request to ${action} on to Jira${detail ? ` (${detail})` : ''}.`,
        undefined,
        { cause: error },
      );
    }
    case 'REQUEST_EGRESS_ALLOWLIST_ERR':
      return new JiraError(`Forge did not allow the app's request to ${action}.`, undefined, { cause: error });
    default:
      return new JiraError(`The app could not reach Jira to ${action}. Try again.`, undefined, { cause: error });
  }
}
