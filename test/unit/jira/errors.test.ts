import { NeedsAuthenticationError, ProxyRequestError } from '@forge/api';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  JiraError,
  NeedsAuthenticationAppError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../../../src/domain/errors';
import {
  errorCodeForStatus,
  errorFromResponse,
  errorFromThrown,
  jiraMessages,
  STATUS_ERROR_CODES,
  type OperationDescription,
} from '../../../src/jira/errors';

const operation: OperationDescription = {
  action: 'read the property "theme" of user 5b10',
  missing: 'the property "theme" of user 5b10, or the user',
};

describe('status → error code table', () => {
  it.each([
    [400, 'VALIDATION_ERROR', ValidationError],
    [401, 'FORBIDDEN', ForbiddenError],
    [403, 'FORBIDDEN', ForbiddenError],
    [404, 'NOT_FOUND', NotFoundError],
    [405, 'VALIDATION_ERROR', ValidationError],
    [409, 'CONFLICT', ConflictError],
    [429, 'RATE_LIMITED', RateLimitedError],
    [500, 'JIRA_ERROR', JiraError],
    [502, 'JIRA_ERROR', JiraError],
    [503, 'JIRA_ERROR', JiraError],
    [504, 'JIRA_ERROR', JiraError],
    [302, 'JIRA_ERROR', JiraError],
    [418, 'JIRA_ERROR', JiraError],
  ] as const)('%i → %s', (status, code, errorClass) => {
    expect(errorCodeForStatus(status)).toBe(code);
    const error = errorFromResponse({ status }, operation);
    expect(error).toBeInstanceOf(errorClass);
    expect(error.code).toBe(code);
  });

  it('builds every listed status into an error of the listed code', () => {
    for (const [status, code] of Object.entries(STATUS_ERROR_CODES)) {
      expect(errorFromResponse({ status: Number(status) }, operation).code).toBe(code);
    }
  });

  it('keeps the HTTP status on a JiraError', () => {
    const error = errorFromResponse({ status: 502 }, operation) as JiraError;
    expect(error.status).toBe(502);
    expect(error.message).toBe('Jira failed to read the property "theme" of user 5b10 (HTTP 502).');
  });
});

describe('messages', () => {
  it('passes Jira\'s ErrorCollection through a 400', () => {
    const error = errorFromResponse(
      { status: 400, body: { errorMessages: ['The value is not valid JSON.'], errors: { accountId: 'Must be given.' } } },
      operation,
    );
    expect(error.message).toBe(
      'Jira refused the request to read the property "theme" of user 5b10. Jira says: The value is not valid JSON. accountId: Must be given.',
    );
  });

  it('says what was not found on a 404', () => {
    expect(errorFromResponse({ status: 404 }, operation).message).toBe(
      'Jira could not find the property "theme" of user 5b10, or the user.',
    );
  });

  it('explains a 405 as a missing key', () => {
    expect(errorFromResponse({ status: 405 }, operation).message).toContain('the property key is missing');
  });

  it('passes the Forge proxy\'s 401 message through', () => {
    const error = errorFromResponse({ status: 401, body: { code: 401, message: 'Unauthorized; scope does not match' } }, operation);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toBe(
      'Jira did not accept the app\'s credentials to read the property "theme" of user 5b10. Jira says: Unauthorized; scope does not match.',
    );
  });

  it('carries retryAfterSeconds on a 429', () => {
    const error = errorFromResponse({ status: 429, retryAfterSeconds: 30 }, operation) as RateLimitedError;
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.message).toContain('Try again in 30 seconds.');
    expect((errorFromResponse({ status: 429 }, operation) as RateLimitedError).retryAfterSeconds).toBeUndefined();
  });

  it.each([
    ['absent', undefined],
    ['not JSON (parsed as undefined)', undefined],
    ['JSON without messages', { foo: 1 }],
    ['an array', ['x']],
    ['messages of the wrong type', { errorMessages: [1, null], errors: { a: 2 } }],
  ])('copes with a body that is %s', (_name, body) => {
    expect(errorFromResponse({ status: 403, body }, operation).message).toBe(
      'Jira denied permission to read the property "theme" of user 5b10.',
    );
  });

  it('clips long and many messages', () => {
    const messages = jiraMessages({ errorMessages: ['x'.repeat(1000), 'b', 'c', 'd', 'e', 'f'] });
    expect(messages).toHaveLength(5);
    expect(messages[0]).toHaveLength(300);
  });
});

describe('thrown errors', () => {
  it('maps @forge/api NeedsAuthenticationError to NeedsAuthenticationAppError', () => {
    const thrown = new NeedsAuthenticationError('Authentication Required', 'atlassian-token-service-key');
    const error = errorFromThrown(thrown, operation);
    expect(error).toBeInstanceOf(NeedsAuthenticationAppError);
    expect(error.code).toBe('NEEDS_AUTHENTICATION');
    expect(error.cause).toBe(thrown);
  });

  it('maps ProxyRequestError to JiraError with the proxy\'s reason', () => {
    const error = errorFromThrown(new ProxyRequestError(502, 'UPSTREAM_FAILURE'), operation);
    expect(error).toBeInstanceOf(JiraError);
    expect(error.message).toBe(
      'The Forge platform could not pass the request to read the property "theme" of user 5b10 on to Jira (UPSTREAM_FAILURE, HTTP 502).',
    );
  });

  it('maps a fetch failure to JiraError without its message or stack', () => {
    const thrown = new TypeError('fetch failed: connect ECONNREFUSED 10.0.0.1:443');
    const error = errorFromThrown(thrown, operation);
    expect(error).toBeInstanceOf(JiraError);
    expect(error.message).toBe('The app could not reach Jira to read the property "theme" of user 5b10. Try again.');
    expect(error.message).not.toMatch(/ECONNREFUSED|\n\s+at /);
    expect(error.cause).toBe(thrown);
  });

  it('maps non-Error throws and keeps AppErrors as they are', () => {
    expect(errorFromThrown('boom', operation)).toBeInstanceOf(JiraError);
    const own = new ValidationError('no');
    expect(errorFromThrown(own, operation)).toBe(own);
    expect(errorFromThrown(own, operation)).toBeInstanceOf(AppError);
  });
});
