// The inventory job on a generated site with the simulator's rate limiter on: wall time against the bound the burst
// limit sets, Jira requests per person, and whether the counts stay exact with duplicate deliveries and crashes.
import type { Inventory, JobStatus } from '../../src/shared/contract';
import { MODULE_KEYS } from '../../src/shared/contract';
import { startAppServer, type AppServer } from '../server/app-server';
import { DEMO_USERS } from '../simulator';

export interface InventoryFigures {
  people: number;
  wallMs: number;
  /** Requests the simulator answered for the job, 429s included. */
  jiraRequests: number;
  rateLimited: number;
  /** The busiest endpoint's requests divided by the burst limit: no client can be faster. */
  boundMs: number;
  deliveries: number;
  /** Keys whose user count differs from the store's own data, and users counted twice or missed. */
  wrongKeys: number;
  userDifference: number;
}

const admin = { accountId: DEMO_USERS.admin.accountId, moduleKey: MODULE_KEYS.adminPage };

async function invoke<T>(server: AppServer, functionKey: string, payload: unknown): Promise<T> {
  const answer = (await server.runtime.invoke({ functionKey, payload, context: admin })) as { success: boolean; data: T; error?: unknown };
  if (!answer.success) throw new Error(`bench: ${functionKey} failed ${JSON.stringify(answer.error)}`);
  return answer.data;
}

function expected(server: AppServer) {
  const people = new Set(server.simulator.store.listUsers().filter((u) => (u.accountType ?? 'atlassian') === 'atlassian').map((u) => u.accountId));
  const keys = new Map<string, number>();
  for (const [accountId, userKeys] of server.simulator.store.keysByUser()) {
    if (people.has(accountId)) for (const key of userKeys) keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  return { people: people.size, keys };
}

/** One inventory on a fresh site; `faults` adds duplicate deliveries and consumer crashes. */
export async function measureInventory(options: { siteUsers: number; latencyMs: number; burstPerSecond: number; faults: boolean }): Promise<InventoryFigures> {
  const server = await startAppServer({
    siteUsers: options.siteUsers,
    latencyMs: options.latencyMs,
    rateLimits: { burstPerSecond: options.burstPerSecond, appQuotaPerHour: 10_000_000, userQuotaPerHour: 10_000_000 },
    runtime: { log: () => undefined, queue: { concurrency: 4 } },
  });
  try {
    if (options.faults) {
      server.runtime.queue.faults.duplicateProbability = 0.2;
      // Crashes spread over the run, 300 ms into an invocation (its requests in flight). Five crashes in a row would be
      // every delivery Forge makes of one event: a lost step, which no job can finish without.
      server.runtime.queue.faults.crashProbability = 0.03;
      server.runtime.queue.faults.crashAfterMs = 300;
    }
    const before = server.simulator.requests.length;
    const started = performance.now();
    const { jobId } = await invoke<{ jobId: string }>(server, 'startJob', { kind: 'inventory' });
    await server.runtime.queue.idle();
    const wallMs = performance.now() - started;
    const status = await invoke<JobStatus>(server, 'getJob', { jobId });
    if (status.state !== 'done') throw new Error(`bench: the inventory ended ${status.state}: ${status.reason ?? ''}`);
    const requests = server.simulator.requests.slice(before).filter((r) => r.principal.kind === 'app');
    const successful = requests.filter((r) => r.status !== 429);
    // The burst limit applies per endpoint and method: the busiest one sets how fast any client could go.
    const perEndpoint = new Map<string, number>();
    for (const r of successful) {
      const endpoint = `${r.method} ${r.pathname.replace(/\/user\/properties\/.+$/, '/user/properties/{key}')}`;
      perEndpoint.set(endpoint, (perEndpoint.get(endpoint) ?? 0) + 1);
    }
    const busiest = Math.max(...perEndpoint.values());
    const inventory = await invoke<Inventory>(server, 'getInventory', {});
    const truth = expected(server);
    const found = new Map(inventory.keys.map((entry) => [entry.key, entry.users]));
    const allKeys = new Set([...truth.keys.keys(), ...found.keys()]);
    return {
      people: truth.people,
      wallMs,
      jiraRequests: requests.length,
      rateLimited: requests.length - successful.length,
      boundMs: (busiest / options.burstPerSecond) * 1000,
      deliveries: server.runtime.queue.deliveries.length,
      wrongKeys: [...allKeys].filter((key) => found.get(key) !== truth.keys.get(key)).length,
      userDifference: inventory.users - truth.people,
    };
  } finally {
    await server.close();
  }
}
