// One open of a user's properties as the admin page does it: listProperties (the key listing and a first page), then
// getPropertyValues for the remaining keys, a page at a time, through the local runtime (the built function in its
// sandboxes). Answers the figures of that open, and of its largest invocation.
import { nextPageKeys } from '../../src/domain/read-pages';
import { MODULE_KEYS, type Envelope, type PropertyPage } from '../../src/shared/contract';
import type { AppServer } from '../server/app-server';

export interface OpenFigures {
  /** Open → the first page answered: when the table can show its first rows. */
  firstPageMs: number;
  /** Open → every value read. */
  totalMs: number;
  properties: number;
  invocations: number;
  jiraRequests: number;
  /** The largest answer of any one invocation of the open, in bytes. */
  maxResponseBytes: number;
  /** The most Jira requests any one invocation of the open made. */
  maxJiraRequests: number;
}

export async function openUser(server: AppServer, asAccountId: string, accountId: string): Promise<OpenFigures> {
  const context = { accountId: asAccountId, moduleKey: MODULE_KEYS.adminPage };
  const call = async (functionKey: string, payload: unknown): Promise<PropertyPage> => {
    const answer = (await server.runtime.invoke({ functionKey, payload, context })) as Envelope<PropertyPage>;
    if (!answer.success) throw new Error(`bench: ${functionKey} failed: ${answer.error.message}`);
    return answer.data;
  };
  const firstInvocation = server.runtime.invocations.length;
  const firstRequest = server.simulator.requests.length;
  const started = performance.now();
  const first = await call('listProperties', { accountId });
  const firstPageMs = performance.now() - started;
  let loaded = first.properties.length;
  let remaining = first.remainingKeys;
  while (remaining.length > 0) {
    const keys = nextPageKeys(remaining);
    const page = await call('getPropertyValues', { accountId, keys });
    loaded += page.properties.length;
    remaining = [...page.remainingKeys, ...remaining.slice(keys.length)];
  }
  const totalMs = performance.now() - started;
  const records = server.runtime.invocations.slice(firstInvocation);
  return {
    firstPageMs,
    totalMs,
    properties: loaded,
    invocations: records.length,
    jiraRequests: server.simulator.requests.length - firstRequest,
    maxResponseBytes: Math.max(...records.map((record) => record.responseBytes ?? 0)),
    maxJiraRequests: Math.max(...records.map((record) => record.jiraRequests)),
  };
}
