// The queue's state and scheduler: jobs and their events, delays, redeliveries, job stats and cancels. Delivery is
// unordered (an event is picked at random among those ready: Forge promises no order) and at least once.
import { randomUUID } from 'node:crypto';
import type { RetryOptions } from '@forge/events';
import { ManualClock, type QueueClock } from './clock';
import type { QueueConsumer } from './consumers';
import type { Deliver, DeliveryOutcome, DeliveryReport } from './delivery';
import type { QueueFaults } from './faults';
import { jsonBytes, type QueueLimits } from './limits';
import { platformRetryReason, type RetryPolicy } from './retry-policy';
import type { AsyncEvent, JobStats, PushEvent } from './wire';

type RetryContext = NonNullable<AsyncEvent['retryContext']>;
type EventState = 'waiting' | 'ready' | 'dispatched' | 'running' | 'succeeded' | 'failed' | 'cancelled';

interface Job {
  jobId: string;
  queueName: string;
  events: QueuedEvent[];
  cancelled: boolean;
}

interface QueuedEvent {
  eventId: string;
  job: Job;
  pushed: PushEvent;
  consumer: QueueConsumer;
  state: EventState;
  retryCount: number;
  retryContext?: RetryContext;
  cancelTimer?: () => void;
}

interface Ticket {
  event: QueuedEvent;
  /** An injected second delivery of the event: recorded, but it changes nothing of the event's state. */
  duplicate: boolean;
  retryContext?: RetryContext;
}

/** One delivery of an event, as the queue saw it. */
export interface DeliveryRecord {
  eventId: string;
  jobId: string;
  queueName: string;
  consumerKey: string;
  /** 1 for the first delivery, then retryCount + 1. */
  attempt: number;
  duplicate: boolean;
  outcome: DeliveryOutcome['kind'];
  /** What the consumer answered (success), the retryOptions it asked for, or why it failed. */
  result?: unknown;
  detail?: string;
  /** Queue-clock time the invocation started. */
  startedAt: number;
  /** Real ms of the invocation. */
  ms: number;
  requests: DeliveryReport['requests'];
}

export interface EventQueueDeps {
  limits: QueueLimits;
  clock: QueueClock;
  concurrency: number;
  retry: RetryPolicy;
  faults: QueueFaults;
  random: () => number;
  deliver: Deliver;
  violation(line: string): void;
  log(line: string): void;
}

const RECORDS_KEPT = 10_000;
const FINAL: ReadonlySet<EventState> = new Set(['succeeded', 'failed', 'cancelled']);

export class EventQueue {
  private readonly jobs = new Map<string, Job>();
  private ready: Ticket[] = [];
  private running = 0;
  private invoking = 0;
  private unfinished = 0;
  private closed = false;
  private readonly perKey = new Map<string, number>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private waiters: Array<() => void> = [];
  readonly deliveries: DeliveryRecord[] = [];

  constructor(private readonly deps: EventQueueDeps) {}

  hasJob(jobId: string): boolean {
    return this.jobs.has(jobId);
  }

  /** Takes a push's accepted events as one job; each is delivered once due. */
  accept(jobId: string, consumer: QueueConsumer, events: readonly PushEvent[]): void {
    const job: Job = { jobId, queueName: consumer.queueName, events: [], cancelled: false };
    this.jobs.set(jobId, job);
    for (const pushed of events) {
      const event: QueuedEvent = { eventId: randomUUID(), job, pushed, consumer, state: 'waiting', retryCount: 0 };
      job.events.push(event);
      this.unfinished++;
      const delayMs = (pushed.delayInSeconds ?? 0) * 1000;
      if (delayMs > 0) this.wait(event, delayMs);
      else this.makeReady(event, false);
    }
    this.pump();
    this.changed();
  }

  /** `{ success, inProgress, failed }` of a job; undefined for a job this queue never had. Cancelled events count in none. */
  stats(jobId: string, queueName?: string): JobStats | undefined {
    const job = this.jobs.get(jobId);
    if (!job || (queueName !== undefined && job.queueName !== queueName)) return undefined;
    const stats: JobStats = { success: 0, inProgress: 0, failed: 0 };
    for (const { state } of job.events) {
      if (state === 'succeeded') stats.success++;
      else if (state === 'failed') stats.failed++;
      else if (state !== 'cancelled') stats.inProgress++;
    }
    return stats;
  }

  /** Stops the job's undelivered events, scheduled redeliveries included; one being delivered finishes. */
  cancel(jobId: string, queueName?: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || (queueName !== undefined && job.queueName !== queueName)) return false;
    job.cancelled = true;
    this.ready = this.ready.filter((ticket) => ticket.event.job !== job);
    for (const event of job.events) {
      if (event.state === 'waiting' || event.state === 'ready' || event.state === 'dispatched') {
        event.cancelTimer?.();
        this.finish(event, 'cancelled');
      }
    }
    this.changed();
    return true;
  }

  /** Resolves once every event is delivered, failed or cancelled. A ManualClock is moved on when only time is awaited. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.closed) throw new Error('the local Forge runtime is closed');
      if (this.unfinished === 0 && this.ready.length === 0 && this.running === 0) return;
      const { clock } = this.deps;
      if (clock instanceof ManualClock && this.invoking === 0 && !this.canStart() && clock.advanceToNext()) continue;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Stops scheduling and every timer; `settled()` then waits for the invocations under way (their sandboxes die). */
  close(): void {
    this.closed = true;
    this.deps.clock.clear();
    this.ready = [];
    for (const wake of [...this.sleepers]) wake();
    this.changed();
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.inflight]);
  }

  private canStart(): boolean {
    return this.running < this.deps.concurrency && this.ready.some((ticket) => this.hasRoom(ticket.event));
  }

  private hasRoom(event: QueuedEvent): boolean {
    const { concurrency } = event.pushed;
    return !concurrency || (this.perKey.get(concurrency.key) ?? 0) < concurrency.limit;
  }

  private countKey(event: QueuedEvent, by: number): void {
    const key = event.pushed.concurrency?.key;
    if (key !== undefined) this.perKey.set(key, (this.perKey.get(key) ?? 0) + by);
  }

  private pump(): void {
    while (!this.closed && this.running < this.deps.concurrency) {
      const open = this.ready.flatMap((ticket, index) => (this.hasRoom(ticket.event) ? [index] : []));
      if (open.length === 0) return;
      const [ticket] = this.ready.splice(open[Math.floor(this.deps.random() * open.length)], 1);
      this.start(ticket);
    }
  }

  private start(ticket: Ticket): void {
    this.running++;
    this.countKey(ticket.event, 1);
    if (!ticket.duplicate) {
      ticket.event.state = 'dispatched';
      if (this.deps.faults.takeDuplicate()) this.ready.push({ ...ticket, duplicate: true });
    }
    const run: Promise<void> = this.run(ticket)
      .catch((error: unknown) => this.deps.log(`[forge] the queue failed delivering event ${ticket.event.eventId}: ${(error as Error).message}`))
      .finally(() => {
        this.running--;
        this.countKey(ticket.event, -1);
        this.inflight.delete(run);
        this.pump();
        this.changed();
      });
    this.inflight.add(run);
  }

  private async run(ticket: Ticket): Promise<void> {
    const slowMs = this.deps.faults.takeSlow();
    if (slowMs > 0) await this.sleep(slowMs);
    const { event } = ticket;
    // Cancelled (or the runtime closed) while it waited to start: never delivered.
    if (this.closed || (ticket.duplicate ? event.job.cancelled : event.state !== 'dispatched')) return;
    if (!ticket.duplicate) event.state = 'running';
    const startedAt = this.deps.clock.now();
    this.invoking++;
    let report: DeliveryReport;
    try {
      report = await this.deps.deliver(asyncEventOf(event, ticket.retryContext), event.consumer, { crashAfterMs: this.deps.faults.takeCrash() });
    } finally {
      this.invoking--;
    }
    this.record(ticket, report, startedAt);
    if (this.closed || ticket.duplicate) return;
    this.settle(event, report.outcome);
  }

  private record(ticket: Ticket, report: DeliveryReport, startedAt: number): void {
    const { event } = ticket;
    const { outcome } = report;
    this.deliveries.push({
      eventId: event.eventId,
      jobId: event.job.jobId,
      queueName: event.job.queueName,
      consumerKey: event.consumer.key,
      attempt: (ticket.retryContext?.retryCount ?? 0) + 1,
      duplicate: ticket.duplicate,
      outcome: outcome.kind,
      result: outcome.kind === 'success' ? outcome.result : outcome.kind === 'retry-requested' ? outcome.retryOptions : undefined,
      detail: outcome.kind === 'error' ? outcome.message : outcome.kind === 'crashed' ? outcome.detail : undefined,
      startedAt,
      ms: report.ms,
      requests: report.requests,
    });
    if (this.deliveries.length > RECORDS_KEPT) this.deliveries.splice(0, this.deliveries.length - RECORDS_KEPT);
  }

  private settle(event: QueuedEvent, outcome: DeliveryOutcome): void {
    const where = `${event.consumer.key}: event ${event.eventId} of job ${event.job.jobId}`;
    if (outcome.kind === 'success') return this.finish(event, 'succeeded');
    if (outcome.kind === 'retry-requested') return this.retryRequested(event, outcome.retryOptions, where);
    const seconds = event.consumer.timeoutSeconds;
    if (outcome.kind === 'timeout') this.deps.violation(`${where}: the function ran past the ${seconds} s limit and was stopped`);
    else if (outcome.kind === 'out-of-memory') this.deps.violation(`${where}: the function ran out of memory and was stopped`);
    else this.deps.log(`[forge] ${where}: ${outcome.kind === 'error' ? `the function failed: ${outcome.message}` : `the function's process died: ${outcome.detail}`}`);
    this.scheduleRetry(event, this.deps.retry.backoffSeconds(event.retryCount + 1), platformRetryReason(outcome), undefined, where);
  }

  private retryRequested(event: QueuedEvent, options: Partial<RetryOptions>, where: string): void {
    const { limits } = this.deps;
    const dataBytes = jsonBytes(options.retryData);
    // Enforced by Forge since CHANGE-2508 (limits-async-events); what happens then is not documented: not retried here.
    if (dataBytes > limits.maxRetryDataBytes) {
      this.deps.violation(`${where}: retryData is ${dataBytes.toLocaleString('en-US')} bytes, over the ${limits.maxRetryDataBytes.toLocaleString('en-US')} bytes limit; the event is not retried`);
      return this.finish(event, 'failed');
    }
    // invocationError.js raises a retryAfter ≤ 0 to 1 s (MIN_RETRY_AFTER); above 900 s the queue holds it to 900.
    let seconds = typeof options.retryAfter === 'number' && options.retryAfter > 0 ? options.retryAfter : 1;
    if (seconds > limits.maxRetryAfterSeconds) {
      this.deps.violation(`${where}: retryAfter ${seconds} s is over the ${limits.maxRetryAfterSeconds} s limit; retried after ${limits.maxRetryAfterSeconds} s`);
      seconds = limits.maxRetryAfterSeconds;
    }
    this.scheduleRetry(event, seconds, options.retryReason ?? 'FUNCTION_RETRY_REQUEST', options.retryData, where);
  }

  private scheduleRetry(event: QueuedEvent, seconds: number, retryReason: string, retryData: unknown, where: string): void {
    if (event.job.cancelled) return this.finish(event, 'cancelled');
    if (event.retryCount >= this.deps.retry.maxRetries) {
      this.deps.log(`[forge] ${where}: failed after ${event.retryCount + 1} deliveries (${retryReason}); not retried again`);
      return this.finish(event, 'failed');
    }
    event.retryCount++;
    event.retryContext = { retryCount: event.retryCount, retryReason, retryData };
    this.wait(event, seconds * 1000);
  }

  private wait(event: QueuedEvent, ms: number): void {
    event.state = 'waiting';
    event.cancelTimer = this.deps.clock.after(ms, () => {
      event.cancelTimer = undefined;
      this.makeReady(event, true);
    });
  }

  private makeReady(event: QueuedEvent, pump: boolean): void {
    if (this.closed || FINAL.has(event.state)) return;
    event.state = 'ready';
    this.ready.push({ event, duplicate: false, retryContext: event.retryContext });
    if (pump) {
      this.pump();
      this.changed();
    }
  }

  private finish(event: QueuedEvent, state: 'succeeded' | 'failed' | 'cancelled'): void {
    if (FINAL.has(event.state)) return;
    event.state = state;
    this.unfinished--;
    this.changed();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.sleepers.delete(wake);
        cancel();
        resolve();
      };
      const cancel = this.deps.clock.after(ms, wake);
      this.sleepers.add(wake);
    });
  }

  private changed(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

function asyncEventOf(event: QueuedEvent, retryContext: RetryContext | undefined): AsyncEvent {
  const { body, delayInSeconds, concurrency } = event.pushed;
  return {
    body,
    ...(delayInSeconds !== undefined ? { delayInSeconds } : {}),
    ...(concurrency ? { concurrency } : {}),
    queueName: event.job.queueName,
    jobId: event.job.jobId,
    eventId: event.eventId,
    ...(retryContext ? { retryContext } : {}),
  };
}
