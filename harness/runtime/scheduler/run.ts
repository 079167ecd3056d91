// One run of a scheduled trigger: one invocation of its function in a sandbox, as Forge calls it: `handler(request,
// context)` with the request `{ context: { cloudId, moduleKey }, contextToken }` and no user principal
// (developer.atlassian.com/platform/forge/events-reference/scheduled-trigger/).
import { randomUUID } from 'node:crypto';
import { invocationMeta, type InstallationInfo } from '../invocation-meta';
import type { ExternalRequestBody } from '../sandbox/child/invocation-protocol';
import type { PlatformProxy, ProxiedInvocation } from '../sandbox/platform-proxy';
import type { SandboxPool } from '../sandbox/sandbox-pool';
import { describeAnswer, INVALID_RESPONSE_STATUS, responseStatus } from './response';
import type { ScheduledTrigger } from './triggers';

export type TriggerRunOutcome = 'success' | 'error' | 'timeout' | 'out-of-memory' | 'crashed' | 'invalid-response';

export interface TriggerRunReport {
  outcome: TriggerRunOutcome;
  /** What the function answered ('success'), or 424 for an answer not in the web trigger response format. */
  statusCode?: number;
  /** The error, the way the process died, or the answer that was not a response. */
  detail?: string;
  /** Real ms the invocation took. */
  ms: number;
  requests: { jira: number; kvs: number; events: number };
}

export type RunTrigger = (trigger: ScheduledTrigger) => Promise<TriggerRunReport>;

export interface SandboxRunnerDeps {
  pool: SandboxPool;
  proxy: PlatformProxy;
  installation: InstallationInfo;
}

/** Opaque to the app, as Forge's is; here it only names the invocation. */
function contextToken(cloudId: string, moduleKey: string): string {
  return Buffer.from(JSON.stringify({ cloudId, moduleKey, jti: randomUUID(), iat: Math.floor(Date.now() / 1000) }), 'utf8').toString('base64url');
}

export function sandboxTriggerRunner({ pool, proxy, installation }: SandboxRunnerDeps): RunTrigger {
  return async (trigger) => {
    const proxied: ProxiedInvocation = { userless: true, requests: { jira: 0, kvs: 0, events: 0 } };
    const { token, revoke } = proxy.open(proxied);
    const lambdaEvent: ExternalRequestBody = {
      handler: trigger.handler,
      body: { context: { cloudId: installation.cloudId, moduleKey: trigger.key }, contextToken: contextToken(installation.cloudId, trigger.key) },
      _meta: invocationMeta(
        installation,
        { functionKey: trigger.functionKey, moduleKey: trigger.key, moduleType: 'core:scheduledTrigger' },
        { aaid: undefined, proxy: { token, url: proxy.url }, timeoutSeconds: trigger.timeoutSeconds },
      ),
    };
    const started = Date.now();
    let report: Pick<TriggerRunReport, 'outcome' | 'statusCode' | 'detail'>;
    try {
      report = classify(await pool.execute(lambdaEvent, trigger.timeoutSeconds * 1000));
    } catch (error) {
      // The pool is closed (runtime.close()): the invocation never ran.
      report = { outcome: 'crashed', detail: (error as Error).message };
    } finally {
      revoke();
    }
    return { ...report, ms: Date.now() - started, requests: { jira: proxied.requests.jira, kvs: proxied.requests.kvs, events: proxied.requests.events ?? 0 } };
  };
}

function classify(result: Awaited<ReturnType<SandboxPool['execute']>>): Pick<TriggerRunReport, 'outcome' | 'statusCode' | 'detail'> {
  if (result.kind === 'timed-out') return { outcome: 'timeout' };
  if (result.kind === 'died') return result.outOfMemory ? { outcome: 'out-of-memory' } : { outcome: 'crashed', detail: result.detail };
  const { result: answer } = result;
  if (!answer.success) return { outcome: 'error', detail: `${answer.error?.errorType ?? 'Error'}: ${answer.error?.errorMessage ?? 'no message'}` };
  const statusCode = responseStatus(answer.body);
  if (statusCode === undefined) return { outcome: 'invalid-response', statusCode: INVALID_RESPONSE_STATUS, detail: `the function answered ${describeAnswer(answer.body)}` };
  return { outcome: 'success', statusCode };
}
