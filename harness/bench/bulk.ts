// A bulk set on every person of a generated site with the simulator's rate limiter on: writes per second against the
// burst limit of Jira's PUT endpoint (the limit that caps how fast any client can write), Jira requests per user, and,
// with 429 storms, 503s, dropped connections, duplicate deliveries and consumer crashes injected, whether every user
// ends with the value (none lost) and was written once (none duplicated), checked against the simulator's store.
import type { JobStatus } from '../../src/shared/contract';
import { MODULE_KEYS } from '../../src/shared/contract';
import { startAppServer, type AppServer } from '../server/app-server';
import { DEMO_USERS } from '../simulator';

export interface BulkFigures {
  users: number;
  wallMs: number;
  /** PUTs Jira applied (their answer lost or not). */
  writes: number;
  /** Requests the simulator answered for the job, 429s included, and those that were not 429s. */
  jiraRequests: number;
  successfulRequests: number;
  rateLimited: number;
  deliveries: number;
  /** People without the value at the end, and people whose value was applied more than once. */
  lost: number;
  duplicated: number;
  /** The job's own counts agree with the store (every person created exactly once). */
  countsExact: boolean;
}

const admin = { accountId: DEMO_USERS.admin.accountId, moduleKey: MODULE_KEYS.adminPage };
const KEY = 'bench.bulk';
const JSON_TEXT = '{"onboarding":"v2","done":false}';

async function invoke<T>(server: AppServer, functionKey: string, payload: unknown): Promise<T> {
  const answer = (await server.runtime.invoke({ functionKey, payload, context: admin })) as { success: boolean; data: T; error?: unknown };
  if (!answer.success) throw new Error(`bench: ${functionKey} failed ${JSON.stringify(answer.error)}`);
  return answer.data;
}

function injectFaults(server: AppServer): void {
  const queue = server.runtime.queue.faults;
  queue.duplicateProbability = 0.2;
  queue.crashProbability = 0.03;
  queue.crashAfterMs = 300;
  const jira = server.simulator.faults;
  // Storms: runs of 429s (with Retry-After), 503s, and connections dropped before and after Jira applied the write.
  for (const after of [500, 3_000, 6_000]) jira.add({ status: 429, times: 200, retryAfterSeconds: 2, method: 'PUT', after });
  jira.add({ status: 503, times: 30, method: 'PUT', after: 1_500 });
  jira.add({ kind: 'drop-after', times: 30, method: 'PUT', after: 4_000 });
  jira.add({ kind: 'drop-before', times: 30, method: 'GET', pathIncludes: KEY, after: 7_000 });
}

/** One bulk set of every person on a fresh site; `faults` adds the storms, duplicates and crashes. */
export async function measureBulkSet(options: { siteUsers: number; latencyMs: number; burstPerSecond: number; faults: boolean }): Promise<BulkFigures> {
  const server = await startAppServer({
    siteUsers: options.siteUsers,
    latencyMs: options.latencyMs,
    rateLimits: { burstPerSecond: options.burstPerSecond, appQuotaPerHour: 10_000_000, userQuotaPerHour: 10_000_000 },
    runtime: { log: () => undefined, queue: { concurrency: 4 } },
  });
  try {
    if (options.faults) injectFaults(server);
    const people = server.simulator.store.listUsers().filter((u) => (u.accountType ?? 'atlassian') === 'atlassian').map((u) => u.accountId);
    const before = server.simulator.requests.length;
    const started = performance.now();
    const { jobId } = await invoke<{ jobId: string }>(server, 'startJob', { kind: 'bulk', dryRun: false, target: { all: true }, operation: { op: 'set', key: KEY, json: JSON_TEXT } });
    await server.runtime.queue.idle();
    const wallMs = performance.now() - started;
    const status = await invoke<JobStatus>(server, 'getJob', { jobId });
    if (status.state !== 'done') throw new Error(`bench: the bulk set ended ${status.state}: ${status.reason ?? ''}`);
    const requests = server.simulator.requests.slice(before).filter((r) => r.principal.kind === 'app');
    const applied = requests.filter((r) => r.method === 'PUT' && r.pathname.endsWith(`/${KEY}`) && (r.handledStatus ?? r.status) >= 200 && (r.handledStatus ?? r.status) < 300);
    const writesPerUser = new Map<string, number>();
    for (const r of applied) writesPerUser.set(r.query.accountId ?? '', (writesPerUser.get(r.query.accountId ?? '') ?? 0) + 1);
    const stored = server.simulator.store.valuesOfKey(KEY);
    return {
      users: people.length,
      wallMs,
      writes: applied.length,
      jiraRequests: requests.length,
      successfulRequests: requests.filter((r) => r.status !== 429).length,
      rateLimited: requests.filter((r) => r.status === 429).length,
      deliveries: server.runtime.queue.deliveries.length,
      lost: people.filter((accountId) => stored.get(accountId) !== JSON_TEXT).length,
      duplicated: [...writesPerUser.values()].filter((count) => count > 1).length,
      countsExact: status.bulk?.counts.create === people.length && status.total === people.length && status.failed === 0,
    };
  } finally {
    await server.close();
  }
}
