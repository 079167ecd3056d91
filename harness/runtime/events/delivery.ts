// One delivery of an event: one invocation of the consumer's function in a sandbox, called as Forge calls consumers,
// `handler(event, context)` with the AsyncEvent (@forge/events types.d.ts) and no user principal.
import type { RetryOptions } from '@forge/events';
import { invocationMeta, type InstallationInfo } from '../invocation-meta';
import type { ExternalRequestBody } from '../sandbox/child/invocation-protocol';
import type { PlatformProxy, ProxiedInvocation } from '../sandbox/platform-proxy';
import type { SandboxPool } from '../sandbox/sandbox-pool';
import type { QueueConsumer } from './consumers';
import { isObject, type AsyncEvent } from './wire';

export type DeliveryOutcome =
  | { kind: 'success'; result: unknown }
  /** The consumer answered an InvocationError: `{ _retry: true, retryOptions }` (invocationError.js). */
  | { kind: 'retry-requested'; retryOptions: Partial<RetryOptions> }
  | { kind: 'error'; message: string }
  | { kind: 'timeout' }
  | { kind: 'out-of-memory' }
  | { kind: 'crashed'; detail: string };

export interface DeliveryReport {
  outcome: DeliveryOutcome;
  /** Real ms the invocation took. */
  ms: number;
  requests: { jira: number; kvs: number; events: number };
}

export type Deliver = (event: AsyncEvent, consumer: QueueConsumer, options: { crashAfterMs?: number }) => Promise<DeliveryReport>;

export interface SandboxDelivererDeps {
  pool: SandboxPool;
  proxy: PlatformProxy;
  installation: InstallationInfo;
}

export function sandboxDeliverer({ pool, proxy, installation }: SandboxDelivererDeps): Deliver {
  return async (asyncEvent, consumer, { crashAfterMs }) => {
    const proxied: ProxiedInvocation = { userless: true, requests: { jira: 0, kvs: 0, events: 0 } };
    const { token, revoke } = proxy.open(proxied);
    const lambdaEvent: ExternalRequestBody = {
      handler: consumer.handler,
      body: asyncEvent as unknown as Record<string, unknown>,
      _meta: invocationMeta(
        installation,
        { functionKey: consumer.functionKey, moduleKey: consumer.key, moduleType: 'core:consumer' },
        { aaid: undefined, proxy: { token, url: proxy.url }, timeoutSeconds: consumer.timeoutSeconds },
      ),
    };
    const started = Date.now();
    let crashTimer: NodeJS.Timeout | undefined;
    const onStart = crashAfterMs === undefined ? undefined : (kill: () => void) => void (crashTimer = setTimeout(kill, crashAfterMs));
    let outcome: DeliveryOutcome;
    try {
      const result = await pool.execute(lambdaEvent, consumer.timeoutSeconds * 1000, onStart);
      outcome = classify(result);
    } catch (error) {
      // The pool is closed (runtime.close()): the invocation never ran.
      outcome = { kind: 'crashed', detail: (error as Error).message };
    } finally {
      clearTimeout(crashTimer);
      revoke();
    }
    return { outcome, ms: Date.now() - started, requests: { jira: proxied.requests.jira, kvs: proxied.requests.kvs, events: proxied.requests.events ?? 0 } };
  };
}

function classify(result: Awaited<ReturnType<SandboxPool['execute']>>): DeliveryOutcome {
  if (result.kind === 'timed-out') return { kind: 'timeout' };
  if (result.kind === 'died') return result.outOfMemory ? { kind: 'out-of-memory' } : { kind: 'crashed', detail: result.detail };
  const { result: answer } = result;
  if (!answer.success) return { kind: 'error', message: `${answer.error?.errorType ?? 'Error'}: ${answer.error?.errorMessage ?? 'no message'}` };
  const body: unknown = answer.body;
  // An InvocationError, or the older QueueResponse after `.retry()` (queueResponse.js), both serialise `_retry: true`.
  if (isObject(body) && body._retry === true) {
    return { kind: 'retry-requested', retryOptions: isObject(body.retryOptions) ? (body.retryOptions as Partial<RetryOptions>) : {} };
  }
  return { kind: 'success', result: body };
}
