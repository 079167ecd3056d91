// What @forge/events sends to the queue and what it expects back (node_modules/@forge/events/out: queries.js for the
// paths, queue.js and jobProgress.js for the bodies, validators.js for how each answer is read).
import type { AsyncEvent, JobStats, PushEvent } from '@forge/events';

export type { AsyncEvent, JobStats, PushEvent };

export type QueueOperation = 'publish' | 'stats' | 'cancel';

// `/webhook/queue/{op}/{contextAri}/{environmentId}/{appId}/{appVersion}`: the client sends the placeholders as
// written, for Forge's proxy to fill in; the local platform knows its one installation, so it reads only the op.
const QUEUE_PATH = /^\/webhook\/queue\/([a-z]+)\/[^/]+\/[^/]+\/[^/]+\/[^/]+\/?$/;

/** The queue operation a stargate path names, or undefined when it is no queue path. */
export function queueOperation(path: string): QueueOperation | 'unknown' | undefined {
  if (!path.startsWith('/webhook/queue/')) return undefined;
  const op = QUEUE_PATH.exec(path)?.[1];
  return op === 'publish' || op === 'stats' || op === 'cancel' ? op : 'unknown';
}

/** queue.js `push()`: `{ queueName, jobId, type, schema, payload: PushEvent[], time }`. */
export interface PushRequestBody {
  queueName: string;
  jobId: string;
  payload: unknown[];
}

/** jobProgress.js `getStats()` and `cancel()`: `{ queueName, jobId, time }`. */
export interface JobRequestBody {
  queueName: string;
  jobId: string;
}

/** A 202's `failedEvents`: validators.js maps each `index` back to the pushed event for PartialSuccessError. */
export interface FailedEventAnswer {
  index: number;
  errorMessage: string;
}

export function json(status: number, body?: unknown): Response {
  if (body === undefined) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

// The answers validators.js turns into the client's errors: 429 → RateLimitError, 413 → PayloadTooBigError (its
// `errorMessage`), 202 → PartialSuccessError (`failedEvents`, `errorMessage`), 404 → JobDoesNotExistError; any other
// status but the expected one (201, 200, 204) → InternalServerError with `message`.
export const answers = {
  pushed: () => json(201),
  partlyPushed: (failedEvents: FailedEventAnswer[]) => json(202, { failedEvents }),
  rateLimited: (message: string) => json(429, { code: 'RATE_LIMITED', message }),
  tooBig: (errorMessage: string) => json(413, { errorMessage }),
  invalid: (message: string) => json(400, { code: 'BAD_REQUEST', message }),
  stats: (stats: JobStats) => json(200, stats),
  cancelled: () => json(204),
  noSuchJob: (jobId: string, queueName: string) => json(404, { code: 'NOT_FOUND', message: `The job ${jobId} was not found for the queue ${queueName}.` }),
  notFound: (path: string) => json(404, { code: 'NOT_FOUND', message: `no queue operation at ${path}` }),
  unavailable: () => json(503, { code: 'SERVICE_UNAVAILABLE', message: 'the local Forge runtime is closing' }),
};

export async function readJson(init: RequestInit): Promise<unknown> {
  const text = init.body === undefined || init.body === null ? '' : await new Response(init.body as BodyInit).text();
  return JSON.parse(text);
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
