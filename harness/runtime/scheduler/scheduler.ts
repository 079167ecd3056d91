// When each trigger runs: `firstRunDelayMs` after start, then every interval of the clock, each run one invocation.
// A run that fails is recorded and reported, never retried; runs do not wait for each other.
import type { QueueClock } from '../events/clock';
import type { RunTrigger, TriggerRunOutcome, TriggerRunReport } from './run';
import type { ScheduledTrigger } from './triggers';

/** One run of a trigger, as the scheduler saw it. */
export interface TriggerRunRecord {
  triggerKey: string;
  /** Scheduler-clock time the run started. */
  startedAt: number;
  /** Real ms of the invocation. */
  ms: number;
  outcome: TriggerRunOutcome;
  statusCode?: number;
  detail?: string;
  requests: TriggerRunReport['requests'];
}

export interface TriggerSchedulerDeps {
  triggers: ReadonlyMap<string, ScheduledTrigger>;
  clock: QueueClock;
  firstRunDelayMs: number;
  run: RunTrigger;
  violation(line: string): void;
  log(line: string): void;
}

const RECORDS_KEPT = 10_000;

export class TriggerScheduler {
  readonly runs: TriggerRunRecord[] = [];
  private readonly timers = new Set<() => void>();
  private readonly inflight = new Set<Promise<TriggerRunRecord>>();
  private started = false;
  private closed = false;

  constructor(private readonly deps: TriggerSchedulerDeps) {}

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    const due = this.deps.clock.now() + this.deps.firstRunDelayMs;
    for (const trigger of this.deps.triggers.values()) this.schedule(trigger, due);
  }

  /** Runs the trigger at once, beside its schedule (which it does not move). Throws for a key the manifest lacks. */
  runNow(triggerKey: string): Promise<TriggerRunRecord> {
    const trigger = this.deps.triggers.get(triggerKey);
    if (!trigger) {
      throw new Error(`manifest.yml has no scheduledTrigger '${triggerKey}' (it has: ${[...this.deps.triggers.keys()].join(', ') || 'none'})`);
    }
    if (this.closed) throw new Error('the local Forge runtime is closed');
    return this.launch(trigger);
  }

  /** No run starts any more, and no timer of the scheduler stays behind; `settled()` waits for runs under way. */
  close(): void {
    this.closed = true;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }

  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private schedule(trigger: ScheduledTrigger, due: number): void {
    // The next run is due an interval after this one was due, not after it ends: a slow clock callback does not drift.
    const cancel = this.deps.clock.after(due - this.deps.clock.now(), () => {
      this.timers.delete(cancel);
      if (this.closed) return;
      this.schedule(trigger, due + trigger.intervalMs);
      void this.launch(trigger);
    });
    this.timers.add(cancel);
  }

  private launch(trigger: ScheduledTrigger): Promise<TriggerRunRecord> {
    const startedAt = this.deps.clock.now();
    const run: Promise<TriggerRunRecord> = this.deps
      .run(trigger)
      .catch((error: unknown): TriggerRunReport => ({ outcome: 'crashed', detail: (error as Error).message, ms: 0, requests: { jira: 0, kvs: 0, events: 0 } }))
      .then((report) => this.record(trigger, startedAt, report))
      .finally(() => this.inflight.delete(run));
    this.inflight.add(run);
    return run;
  }

  private record(trigger: ScheduledTrigger, startedAt: number, report: TriggerRunReport): TriggerRunRecord {
    const record: TriggerRunRecord = {
      triggerKey: trigger.key,
      startedAt,
      ms: report.ms,
      outcome: report.outcome,
      ...(report.statusCode !== undefined ? { statusCode: report.statusCode } : {}),
      ...(report.detail !== undefined ? { detail: report.detail } : {}),
      requests: report.requests,
    };
    this.runs.push(record);
    if (this.runs.length > RECORDS_KEPT) this.runs.splice(0, this.runs.length - RECORDS_KEPT);
    this.report(trigger, record);
    return record;
  }

  private report(trigger: ScheduledTrigger, record: TriggerRunRecord): void {
    const where = `scheduledTrigger ${trigger.key} ${trigger.functionKey}`;
    switch (record.outcome) {
      case 'success':
        return;
      case 'invalid-response':
        return this.deps.violation(`${where}: ${record.detail}, not a web trigger response ({ statusCode: number, ... }); recorded as ${record.statusCode} Failed Dependency`);
      case 'timeout':
        return this.deps.violation(`${where}: the function ran past the ${trigger.timeoutSeconds} s limit and was stopped`);
      case 'out-of-memory':
        return this.deps.violation(`${where}: the function ran out of memory and was stopped`);
      case 'error':
        return this.deps.log(`[forge] ${where}: the function failed: ${record.detail}; scheduled triggers are not retried`);
      case 'crashed':
        return this.deps.log(`[forge] ${where}: the function's process died: ${record.detail}; scheduled triggers are not retried`);
    }
  }
}
