// The local Forge platform's async events: the queue service behind the real @forge/events client, and delivery of
// each event to the manifest's `consumer` function in the runtime's sandboxes.
import type { AppManifest } from '../manifest';
import { RealClock, type QueueClock } from './clock';
import { bindConsumers, type QueueConsumer } from './consumers';
import type { Deliver } from './delivery';
import { EventQueue, type DeliveryRecord } from './event-queue';
import { QueueFaults, type QueueFaultOptions } from './faults';
import { QUEUE_LIMITS, type QueueLimits } from './limits';
import { createQueueService } from './queue-service';
import { doublingBackoff, type RetryPolicy } from './retry-policy';

export { ManualClock, RealClock, type QueueClock } from './clock';
export { sandboxDeliverer } from './delivery';
export type { DeliveryRecord } from './event-queue';
export type { QueueConsumer } from './consumers';
export { QUEUE_LIMITS, DEFAULT_CONSUMER_TIMEOUT_SECONDS, type QueueLimits } from './limits';
export { doublingBackoff, type RetryPolicy } from './retry-policy';

export interface QueueOptions {
  /** Forge's async events limits, on at the documented values; a test may move one (Infinity: off). */
  limits?: Partial<QueueLimits>;
  /** Deliveries running at once (2). */
  concurrency?: number;
  /** Redeliveries of a failed event (default: 4 retries, the first 2 s after the failure, doubling). */
  retry?: RetryPolicy;
  /** Queue time: real by default; `{ timeScale: 60 }` runs a minute per second; a ManualClock moves when told. */
  clock?: QueueClock | { timeScale: number };
  /** Picks among the ready events (unordered delivery) and draws the duplicate fault; Math.random by default. */
  random?: () => number;
  faults?: QueueFaultOptions;
}

export interface LocalQueueDeps {
  manifest: AppManifest;
  deliver: Deliver;
  violation(line: string): void;
  log(line: string): void;
}

export function createLocalQueue(options: QueueOptions, deps: LocalQueueDeps) {
  const consumers = bindConsumers(deps.manifest);
  const limits: QueueLimits = { ...QUEUE_LIMITS, ...options.limits };
  const clock: QueueClock = options.clock && 'now' in options.clock ? options.clock : new RealClock(options.clock?.timeScale ?? 1);
  const random = options.random ?? Math.random;
  const concurrency = options.concurrency ?? 2;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error(`the queue's concurrency must be a positive integer, not ${concurrency}`);
  const faults = new QueueFaults(options.faults, random);
  const queue = new EventQueue({ limits, clock, concurrency, retry: options.retry ?? doublingBackoff(), faults, random, deliver: deps.deliver, violation: deps.violation, log: deps.log });
  let closed = false;
  const handle = createQueueService({ queue, consumers, limits, now: () => clock.now(), violation: deps.violation, isClosed: () => closed });

  return {
    /** Answers @forge/events' requests (forge-fetch.ts). */
    handle,
    limits: limits as Readonly<QueueLimits>,
    /** The queue's clock (a ManualClock when the test passed one). */
    clock,
    /** The manifest's consumers by queue name. */
    consumers: consumers as ReadonlyMap<string, QueueConsumer>,
    /** Resolves once every pushed event is delivered, failed or cancelled (a ManualClock is moved on as needed). */
    idle: () => queue.idle(),
    /** Job stats as the stats path answers them; undefined for an unknown job. */
    stats: (jobId: string) => queue.stats(jobId),
    /** Fault injection: duplicates, crashes, slow consumers. */
    faults,
    /** Every delivery so far (the latest 10,000): event, attempt, outcome, ms. */
    deliveries: queue.deliveries as readonly DeliveryRecord[],
    /** Stops the queue: no timer stays behind; then `settled()` waits for invocations under way. */
    close: () => {
      closed = true;
      queue.close();
    },
    settled: () => queue.settled(),
  };
}

export type LocalQueue = ReturnType<typeof createLocalQueue>;
