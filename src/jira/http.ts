import type { Route } from '@forge/api';
import { JiraError } from '../domain/errors';
import { errorFromResponse, errorFromThrown, type OperationDescription } from './errors';
import { parseJsonBody } from './json';
import {
  createDeadline,
  parseRetryAfterMs,
  resolveRetryPolicy,
  sendWithRetry,
  type Deadline,
  type RetryPolicy,
} from './retry';
import type { RequestJira } from './transport';

export interface JiraRequestInit {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** JSON text, sent as it is (never parsed or written again), with `Content-Type: application/json`. */
  body?: string;
  /** Checked again before each retry (a conditional write re-reads the stored state). */
  beforeRetry?: () => Promise<void>;
}

export interface JiraAnswer {
  status: number;
  /** Parsed JSON, or undefined when the body is empty or not JSON. Lossy: numbers are doubles. */
  body: unknown;
  /** The body's exact text ('' when empty): where a value must keep its digits, read it from here, not `body`. */
  text: string;
  retryAfterSeconds?: number;
  /** See RetriedResponse: Jira may have applied an earlier attempt of this request. */
  earlierAttemptMayHaveApplied: boolean;
}

export interface JiraHttp {
  /**
   * Sends with retries and answers Jira's status and parsed body; throws an AppError only when no answer came
   * (network, proxy, NeedsAuthentication). Named and called like Forge's own `requestJira` (an inline `route`
   * template, then an object literal with a literal `method`) because that is the only shape in which
   * @forge/lint's permission linter sees the endpoint and checks the manifest's scopes.
   */
  requestJira(path: Route, init: JiraRequestInit, operation: OperationDescription): Promise<JiraAnswer>;
}

export interface JiraHttpOptions {
  requestJira: RequestJira;
  retry?: RetryPolicy;
  /** Shared by every request of one resolver invocation; made from `retry.deadlineMs` when absent. */
  deadline?: Deadline;
}

export function createJiraHttp({ requestJira, retry, deadline }: JiraHttpOptions): JiraHttp {
  const policy = resolveRetryPolicy(retry);
  const budget = deadline ?? createDeadline(policy.deadlineMs, policy.now);
  return {
    async requestJira(path, { method, body, beforeRetry }, operation) {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const init = body === undefined ? { method, headers } : { method, headers, body };
      try {
        const sent = await sendWithRetry(() => requestJira(path, init), policy, budget, beforeRetry);
        const { response, earlierAttemptMayHaveApplied } = sent;
        const retryAfterMs = parseRetryAfterMs(response.headers.get('Retry-After'), policy.now());
        const text = await response.text();
        return {
          status: response.status,
          body: parseJsonBody(text),
          text,
          ...(retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) }),
          earlierAttemptMayHaveApplied,
        };
      } catch (error) {
        throw errorFromThrown(error, operation);
      }
    },
  };
}

/** Throws the app error for Jira's answer unless its status is one the operation documents as success. */
export function expectStatus(answer: JiraAnswer, operation: OperationDescription, ...expected: number[]): void {
  if (!expected.includes(answer.status)) throw errorFromResponse(answer, operation);
}

/** For a success answer whose body is not what the REST API documents. */
export function malformedAnswer(answer: JiraAnswer, operation: OperationDescription, expected: string): JiraError {
  return new JiraError(
    `Jira answered the request to ${operation.action} with a body the app does not understand (expected ${expected}).`,
    answer.status,
  );
}
