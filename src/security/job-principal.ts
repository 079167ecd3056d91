import api from '@forge/api';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { createJiraClient, type JiraClient } from '../jira/client';
import type { Deadline, RetryPolicy } from '../jira/retry';
import type { RequestJira } from '../jira/transport';

// A site-wide job runs in a queue consumer, where Forge gives no user: its Jira requests can only go asApp(). The
// app therefore checks, itself, before every chunk, that the person who started the job is still a Jira admin
// (the bulk permission check answers for a named user, asked as the app), and only that proof opens the asApp()
// transport, which in turn refuses anything but the reads an inventory needs. A revoked admin's next chunk stops.

declare const ownerBrand: unique symbol;

/** Proof that the app checked, just now, that the job's owner holds Administer Jira. Only `confirmOwnerIsAdmin` makes one. */
export interface JobOwnerProof {
  readonly [ownerBrand]: true;
  readonly ownerAccountId: string;
}

export interface JobClientOptions {
  deadline: Deadline;
  /** A job never sleeps inside an invocation: a 429 comes back at once, for the queue to redeliver later. */
  retry?: RetryPolicy;
}

const NO_SLEEPING: RetryPolicy = { maxAttempts: 1 };
const OWNER_NOT_ADMIN = 'The person who started this job no longer has the Administer Jira global permission, so it stopped.';
const PERMISSION_CHECK = /^\/rest\/api\/3\/permissions\/check$/;
const JOB_READS = [/^\/rest\/api\/3\/users\/search\?startAt=\d+&maxResults=\d+$/, /^\/rest\/api\/3\/user\/properties(?:\/[^/?]+)?\?accountId=[^&]+$/];

function restricted(allowed: (method: string, path: string) => boolean, refusal: string): RequestJira {
  return (path, init) => {
    if (!allowed((init?.method ?? 'GET').toUpperCase(), path.value)) return Promise.reject(new ForbiddenError(refusal));
    return api.asApp().requestJira(path, init);
  };
}

/** Checks, as the app, that the owner still holds Administer Jira; the proof, or a refusal naming why the job stops. */
export async function confirmOwnerIsAdmin(ownerAccountId: string, options: JobClientOptions): Promise<JobOwnerProof> {
  const check = createJiraClient({
    requestJira: restricted((method, path) => method === 'POST' && PERMISSION_CHECK.test(path), 'A job may only check its owner\'s permission before its proof.'),
    deadline: options.deadline,
    retry: options.retry ?? NO_SLEEPING,
  });
  let isAdmin: boolean;
  try {
    isAdmin = await check.userHasGlobalPermission(ownerAccountId, 'ADMINISTER');
  } catch (error) {
    // Fails closed: Jira refusing the check (an owner deleted since, the app's own rights withdrawn) stops the job;
    // only a passing failure (rate limit, 5xx, network) is left to the queue's redelivery.
    if (!(error instanceof ValidationError || error instanceof ForbiddenError || error instanceof NotFoundError)) throw error;
    isAdmin = false;
  }
  if (!isAdmin) throw new ForbiddenError(OWNER_NOT_ADMIN);
  return { ownerAccountId } as unknown as JobOwnerProof;
}

/** The asApp() client of a job's chunk: reads of the site's users and their properties, nothing else. */
export function jobJira(proof: JobOwnerProof, options: JobClientOptions): JiraClient {
  if (!proof.ownerAccountId) throw new ForbiddenError('A job needs its owner checked first.');
  return createJiraClient({
    requestJira: restricted((method, path) => method === 'GET' && JOB_READS.some((pattern) => pattern.test(path)), 'A site-wide job only reads users and their properties.'),
    deadline: options.deadline,
    retry: options.retry ?? NO_SLEEPING,
  });
}
