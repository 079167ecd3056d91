import type { Route } from '@forge/api';
import { createJiraClient, type JiraClient } from '../../../src/jira/client';
import type { RetryPolicy } from '../../../src/jira/retry';
import type { RequestJira } from '../../../src/jira/transport';

export const ACCOUNT_ID = '5b10ac8d82e05b22cc7d4ef5';

export interface RecordedCall {
  method: string;
  /** The Route's string value, exactly as `route` built it. */
  url: string;
  /** `url` up to the first "?", raw. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body?: string;
}

export type Responder = (call: RecordedCall) => Response | Promise<Response>;

/** A `RequestJira` that records every call and answers from a queue, then from `fallback`. */
export class FakeJira {
  readonly calls: RecordedCall[] = [];
  private readonly queue: Responder[] = [];

  constructor(private readonly fallback: Responder = () => jsonResponse(500, { errorMessages: ['No answer queued.'] })) {}

  /** Queues one answer per call, in order; a Response is used once, a function may throw like the transport. */
  answer(...answers: (Response | Responder)[]): this {
    for (const answer of answers) this.queue.push(typeof answer === 'function' ? answer : () => answer);
    return this;
  }

  readonly requestJira: RequestJira = async (path: Route, init?: RequestInit) => {
    const url = path.value;
    const questionMark = url.indexOf('?');
    const call: RecordedCall = {
      method: init?.method ?? 'GET',
      url,
      path: questionMark === -1 ? url : url.slice(0, questionMark),
      query: new URLSearchParams(questionMark === -1 ? '' : url.slice(questionMark + 1)),
      headers: { ...(init?.headers as Record<string, string> | undefined) },
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
    };
    this.calls.push(call);
    const responder = this.queue.shift() ?? this.fallback;
    return responder(call);
  };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

/** A clock whose `sleep` only moves time forward, so retries run instantly. */
export function fakeClock(start = Date.parse('2026-03-02T10:00:00Z')) {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
    advance: (ms: number) => {
      time += ms;
    },
  };
}

/** A client over a fake Jira with an instant clock; `random` 0.5 unless given. */
export function clientFor(fake: FakeJira, retry: RetryPolicy = {}): { client: JiraClient; clock: ReturnType<typeof fakeClock> } {
  const clock = fakeClock();
  const client = createJiraClient({
    requestJira: fake.requestJira,
    retry: { sleep: clock.sleep, now: clock.now, random: () => 0.5, ...retry },
  });
  return { client, clock };
}

/** Jira's User bean; an override set to undefined leaves the field out, as Jira does for hidden fields. */
export function jiraUser(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const accountId = typeof overrides.accountId === 'string' ? overrides.accountId : ACCOUNT_ID;
  const user: Record<string, unknown> = {
    self: `https://example.atlassian.net/rest/api/3/user?accountId=${accountId}`,
    accountId,
    accountType: 'atlassian',
    displayName: 'Mia Krystof',
    active: true,
    emailAddress: 'mia@example.com',
    avatarUrls: { '16x16': 'https://avatar.example/16.png', '48x48': 'https://avatar.example/48.png' },
    ...overrides,
  };
  for (const [field, value] of Object.entries(user)) if (value === undefined) delete user[field];
  return user;
}

/** Runs `action`, expecting a rejection, and answers the error. */
export async function rejectionOf(action: () => Promise<unknown>): Promise<Error> {
  try {
    await action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected a rejection, but it resolved.');
}
