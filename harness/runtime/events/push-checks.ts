// The queue's own checks of a push, as the service behind @forge/events makes them: the client checks the same
// limits first (validators.js), but a server never trusts its client. A whole-push refusal answers one status; an
// event the queue cannot take fails alone, and the push answers 202 with `failedEvents` (PartialSuccessError).
import type { QueueConsumer } from './consumers';
import { jsonBytes, type QueueLimits } from './limits';
import { answers, isObject, type FailedEventAnswer, type PushEvent, type PushRequestBody } from './wire';

const QUEUE_NAME = /^[a-zA-Z0-9-_]+$/;
const count = (n: number) => n.toLocaleString('en-US');

export type PushCheck =
  | { kind: 'refused'; response: Response; violation?: string }
  | { kind: 'checked'; request: PushRequestBody; consumer: QueueConsumer; accepted: Array<{ index: number; event: PushEvent }>; failed: FailedEventAnswer[]; violations: string[] };

/** Whether the body is a push at all; then the whole-push limits. */
export function checkPush(body: unknown, consumers: ReadonlyMap<string, QueueConsumer>, limits: QueueLimits): PushCheck {
  if (!isObject(body) || typeof body.queueName !== 'string' || !QUEUE_NAME.test(body.queueName)) {
    return { kind: 'refused', response: answers.invalid('Queue names can only contain alphanumeric characters, dashes and underscores.') };
  }
  if (typeof body.jobId !== 'string' || body.jobId === '') return { kind: 'refused', response: answers.invalid('jobId cannot be empty.') };
  if (!Array.isArray(body.payload) || body.payload.length === 0) return { kind: 'refused', response: answers.invalid('No events pushed.') };
  const request: PushRequestBody = { queueName: body.queueName, jobId: body.jobId, payload: body.payload };
  const consumer = consumers.get(request.queueName);
  // Not documented what Forge does with a queue no consumer listens to; refusing shows a misspelt queue at once.
  if (!consumer) return { kind: 'refused', response: answers.invalid(`No consumer module in manifest.yml listens to queue '${request.queueName}'.`) };

  const where = `queue ${request.queueName} push`;
  if (request.payload.length > limits.maxEventsPerPush) {
    const message = `This push contains more than the ${limits.maxEventsPerPush} events allowed.`;
    return { kind: 'refused', response: answers.invalid(message), violation: `${where}: ${count(request.payload.length)} events, over the ${count(limits.maxEventsPerPush)} events per push limit` };
  }
  const bytes = jsonBytes(request.payload);
  if (bytes > limits.maxPushBytes) {
    const message = `The maximum payload size is ${Math.round(limits.maxPushBytes / 1024)}KB.`;
    return { kind: 'refused', response: answers.tooBig(message), violation: `${where}: ${count(bytes)} bytes of events, over the ${count(limits.maxPushBytes)} bytes per push limit` };
  }

  const accepted: Array<{ index: number; event: PushEvent }> = [];
  const failed: FailedEventAnswer[] = [];
  const violations: string[] = [];
  request.payload.forEach((event, index) => {
    const problem = eventProblem(event, consumer, limits);
    if (!problem) accepted.push({ index, event: event as PushEvent });
    else {
      failed.push({ index, errorMessage: problem.message });
      if (problem.violation) violations.push(`${where}: event ${index}: ${problem.violation}`);
    }
  });
  return { kind: 'checked', request, consumer, accepted, failed, violations };
}

function eventProblem(event: unknown, consumer: QueueConsumer, limits: QueueLimits): { message: string; violation?: string } | undefined {
  if (!isObject(event)) return { message: 'Event must be an object.' };
  if (!isObject(event.body)) return { message: 'Event body must be an object.' };
  const { delayInSeconds, concurrency } = event;
  if (delayInSeconds !== undefined) {
    if (typeof delayInSeconds !== 'number' || !Number.isFinite(delayInSeconds)) return { message: 'The delayInSeconds setting must be a number.' };
    if (delayInSeconds < 0 || delayInSeconds > limits.maxDelaySeconds) {
      return { message: `The delayInSeconds setting must be between 0 and ${limits.maxDelaySeconds}.`, violation: `delayInSeconds ${delayInSeconds} is outside 0–${limits.maxDelaySeconds}` };
    }
  }
  if (concurrency !== undefined) {
    const valid = isObject(concurrency) && typeof concurrency.key === 'string' && concurrency.key !== '' && Number.isInteger(concurrency.limit) && (concurrency.limit as number) >= 1;
    if (!valid) return { message: 'The concurrency setting must be { key: string, limit: positive integer }.' };
  }
  if (consumer.longRunning) {
    const bytes = jsonBytes(event);
    if (bytes > limits.maxLongRunningEventBytes) {
      return {
        message: `The maximum event size for a consumer with a timeout over 55 seconds is ${Math.round(limits.maxLongRunningEventBytes / 1024)}KB.`,
        violation: `${count(bytes)} bytes, over the ${count(limits.maxLongRunningEventBytes)} bytes limit of long-running consumer '${consumer.key}'`,
      };
    }
  }
  return undefined;
}
