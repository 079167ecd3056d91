import api from '@forge/api';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { createJiraClient, type JiraClient } from '../jira/client';
import type { Deadline, RetryPolicy } from '../jira/retry';
import type { RequestJira } from '../jira/transport';
import { keyMatches } from '../domain/key-rules';
import { readDelegations } from '../storage/app-config-store';
import { rulesOf } from './delegation';

// A site-wide job runs in a queue consumer, where Forge gives no user: its Jira requests can only go asApp(). The
// app therefore checks, itself, before every chunk, that the person who started the job still holds the right it
// started with: a Jira admin (the bulk permission check answers for a named user, asked as the app), or a delegated
// manager whose groups (read as the app) still grant every key the job writes. Only that proof opens the asApp()
// transport, which in turn refuses anything but the reads a job needs and writes of the job's own keys. A revoked
// owner's next chunk stops.

declare const ownerBrand: unique symbol;

/** Proof that the app checked, just now, that the job's owner holds Administer Jira. Only `confirmOwnerIsAdmin` makes one. */
export interface JobOwnerProof {
  readonly [ownerBrand]: true;
  readonly ownerAccountId: string;
  /** The owner is a delegated manager, not a Jira admin: never their own record (as for their single edits). */
  readonly delegate: boolean;
}

export interface JobClientOptions {
  deadline: Deadline;
  /** A job never sleeps inside an invocation: a 429 comes back at once, for the queue to redeliver later. */
  retry?: RetryPolicy;
}

const NO_SLEEPING: RetryPolicy = { maxAttempts: 1 };
const OWNER_NOT_ADMIN = 'The person who started this job no longer has the Administer Jira global permission, so it stopped.';
const OWNER_NOT_DELEGATE = 'The person who started this job is no longer delegated to manage its keys, so it stopped.';
const PERMISSION_CHECK = /^\/rest\/api\/3\/permissions\/check$/;
const OWNER_GROUPS = /^\/rest\/api\/3\/user\?accountId=[^&]+&expand=groups$/;
const JOB_READS = [
  /^\/rest\/api\/3\/users\/search\?startAt=\d+&maxResults=\d+$/,
  /^\/rest\/api\/3\/group\/member\?groupId=[^&]+&includeInactiveUsers=true&startAt=\d+&maxResults=\d+$/,
  /^\/rest\/api\/3\/user\/properties(?:\/[^/?]+)?\?accountId=[^&]+$/,
];
const PROPERTY_PATH = /^\/rest\/api\/3\/user\/properties\/([^/?]+)\?accountId=([^&]+)$/;

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
  return { ownerAccountId, delegate: false } as unknown as JobOwnerProof;
}

/**
 * Checks, as the app, that a delegated owner's groups (read fresh) and the delegations (read fresh) still grant every
 * one of `keys`; the proof, or a refusal naming why the job stops. Fails closed as checkDelegation does.
 */
export async function confirmOwnerIsDelegate(ownerAccountId: string, keys: readonly string[], options: JobClientOptions): Promise<JobOwnerProof> {
  const check = createJiraClient({
    requestJira: restricted((method, path) => method === 'GET' && OWNER_GROUPS.test(path), 'A job may only read its owner\'s groups before its proof.'),
    deadline: options.deadline,
    retry: options.retry ?? NO_SLEEPING,
  });
  let groups;
  try {
    groups = await check.getUserGroups(ownerAccountId);
  } catch (error) {
    if (!(error instanceof ValidationError || error instanceof ForbiddenError || error instanceof NotFoundError)) throw error;
    throw new ForbiddenError(OWNER_NOT_DELEGATE);
  }
  const rules = rulesOf((await readDelegations()).delegations, groups);
  if (keys.length === 0 || !keys.every((key) => keyMatches(key, rules))) throw new ForbiddenError(OWNER_NOT_DELEGATE);
  return { ownerAccountId, delegate: true } as unknown as JobOwnerProof;
}

const isJobRead = (method: string, path: string) => method === 'GET' && JOB_READS.some((pattern) => pattern.test(path));

/** The asApp() client of a job's chunk: reads of the site's users, groups' members and properties, nothing else. */
export function jobJira(proof: JobOwnerProof, options: JobClientOptions): JiraClient {
  if (!proof.ownerAccountId) throw new ForbiddenError('A job needs its owner checked first.');
  return createJiraClient({
    requestJira: restricted(isJobRead, 'A site-wide job only reads users and their properties.'),
    deadline: options.deadline,
    retry: options.retry ?? NO_SLEEPING,
  });
}

/** Whether a request writes one of `keys` (and, for a delegate's job, on someone other than its owner). */
export function isJobWrite(proof: JobOwnerProof, keys: readonly string[], method: string, path: string): boolean {
  if (method !== 'PUT' && method !== 'DELETE') return false;
  const match = PROPERTY_PATH.exec(path);
  if (!match) return false;
  const [key, accountId] = [decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)];
  return keys.includes(key) && !(proof.delegate && accountId === proof.ownerAccountId);
}

/** The asApp() client of a bulk job's chunk: the job's reads, and writes of the job's own keys only. */
export function bulkJobJira(proof: JobOwnerProof, keys: readonly string[], options: JobClientOptions): JiraClient {
  if (!proof.ownerAccountId) throw new ForbiddenError('A job needs its owner checked first.');
  return createJiraClient({
    requestJira: restricted(
      (method, path) => isJobRead(method, path) || isJobWrite(proof, keys, method, path),
      'A bulk job only reads users and their properties, and writes the keys it was started for.',
    ),
    deadline: options.deadline,
    retry: options.retry ?? NO_SLEEPING,
  });
}
