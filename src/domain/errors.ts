import type { ErrorCode } from '../shared/contract';

/** Base of every error the app raises on purpose: it carries the envelope code and a message a person can act on. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string) {
    super('VALIDATION_ERROR', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('FORBIDDEN', message, options);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class RateLimitedError extends AppError {
  constructor(message: string, readonly retryAfterSeconds?: number) {
    super('RATE_LIMITED', message);
  }
}

export class NeedsAuthenticationAppError extends AppError {
  constructor(options?: { cause?: unknown }) {
    super('NEEDS_AUTHENTICATION', 'This app needs your permission to act for you in Jira. Allow access, then try again.', options);
  }
}

/** Jira answered with a status the app cannot act on (5xx, 405, unexpected 4xx, bad body). */
export class JiraError extends AppError {
  constructor(message: string, readonly status?: number, options?: { cause?: unknown }) {
    super('JIRA_ERROR', message, options);
  }
}

/** Forge storage (KVS) failed: the app's own configuration could not be read or saved. */
export class StorageError extends AppError {
  constructor(action: string, options?: { cause?: unknown }) {
    super('INTERNAL_ERROR', `The app could not ${action} its settings in Forge storage. Try again in a moment.`, options);
  }
}
