// The local service behind @forge/events: it answers `/webhook/queue/{publish|stats|cancel}/…` as the app calls it
// (forge-fetch.ts routes stargate's queue paths here), with the bodies and statuses validators.js reads.
import type { QueueConsumer } from './consumers';
import type { EventQueue } from './event-queue';
import { EventsPerMinute, type QueueLimits } from './limits';
import { checkPush } from './push-checks';
import { answers, isObject, queueOperation, readJson } from './wire';

export interface QueueServiceDeps {
  queue: EventQueue;
  consumers: ReadonlyMap<string, QueueConsumer>;
  limits: QueueLimits;
  now(): number;
  violation(line: string): void;
  isClosed(): boolean;
}

export function createQueueService(deps: QueueServiceDeps) {
  const { queue, limits } = deps;
  const perMinute = new EventsPerMinute(deps.now);

  async function publish(body: unknown): Promise<Response> {
    const check = checkPush(body, deps.consumers, limits);
    if (check.kind === 'refused') {
      if (check.violation) deps.violation(check.violation);
      return check.response;
    }
    const { request, consumer, accepted, failed } = check;
    if (queue.hasJob(request.jobId)) return answers.invalid(`The job ${request.jobId} exists already.`);
    const recent = perMinute.recent();
    if (recent + accepted.length > limits.eventsPerMinute) {
      deps.violation(
        `queue ${request.queueName} push: ${accepted.length} more events after ${recent.toLocaleString('en-US')} in the last minute, over the ${limits.eventsPerMinute.toLocaleString('en-US')} events per minute limit`,
      );
      return answers.rateLimited('Too many requests.');
    }
    for (const line of check.violations) deps.violation(line);
    perMinute.add(accepted.length);
    queue.accept(request.jobId, consumer, accepted.map(({ event }) => event));
    return failed.length > 0 ? answers.partlyPushed(failed) : answers.pushed();
  }

  return async (path: string, init: RequestInit): Promise<Response> => {
    if (deps.isClosed()) return answers.unavailable();
    const operation = queueOperation(path);
    if (!operation || operation === 'unknown' || (init.method ?? 'GET').toUpperCase() !== 'POST') return answers.notFound(path);
    let body: unknown;
    try {
      body = await readJson(init);
    } catch {
      return answers.invalid('The request body is not JSON.');
    }
    if (operation === 'publish') return publish(body);
    if (!isObject(body) || typeof body.jobId !== 'string' || body.jobId === '') return answers.invalid('jobId cannot be empty.');
    const queueName = typeof body.queueName === 'string' ? body.queueName : '';
    if (operation === 'stats') {
      const stats = queue.stats(body.jobId, queueName);
      return stats ? answers.stats(stats) : answers.noSuchJob(body.jobId, queueName);
    }
    return queue.cancel(body.jobId, queueName) ? answers.cancelled() : answers.noSuchJob(body.jobId, queueName);
  };
}
