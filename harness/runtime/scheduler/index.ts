// The local Forge platform's scheduled triggers (`scheduledTrigger` modules): each runs its function in the runtime's
// sandboxes on its interval, on a clock of its own (real time by default, like the queue's but separate).
import { RealClock, type QueueClock } from '../events/clock';
import type { AppManifest } from '../manifest';
import { DEFAULT_FIRST_RUN_DELAY_MS } from './limits';
import type { RunTrigger } from './run';
import { TriggerScheduler, type TriggerRunRecord } from './scheduler';
import { bindTriggers, type ScheduledTrigger } from './triggers';

export { sandboxTriggerRunner, type RunTrigger, type TriggerRunOutcome, type TriggerRunReport } from './run';
export type { TriggerRunRecord } from './scheduler';
export type { ScheduledTrigger } from './triggers';
export { DEFAULT_FIRST_RUN_DELAY_MS, DEFAULT_TRIGGER_TIMEOUT_SECONDS, TRIGGER_INTERVAL_MS, type TriggerInterval } from './limits';

export interface SchedulerOptions {
  /** Scheduler time: real by default; `{ timeScale: 60 }` runs a minute per second; a ManualClock moves when told.
   * Given the queue's ManualClock too, queue.idle() moving it on also runs the triggers due on the way. */
  clock?: QueueClock | { timeScale: number };
  /** From start to each trigger's first run (5 minutes, as after a deployment). */
  firstRunDelayMs?: number;
  /** false: nothing runs on its own; runNow() still does. */
  enabled?: boolean;
}

export interface LocalSchedulerDeps {
  manifest: AppManifest;
  run: RunTrigger;
  violation(line: string): void;
  log(line: string): void;
}

export function createLocalScheduler(options: SchedulerOptions, deps: LocalSchedulerDeps) {
  const triggers = bindTriggers(deps.manifest);
  const firstRunDelayMs = options.firstRunDelayMs ?? DEFAULT_FIRST_RUN_DELAY_MS;
  if (!(firstRunDelayMs >= 0 && Number.isFinite(firstRunDelayMs))) throw new Error(`the scheduler's firstRunDelayMs must be a number ≥ 0, not ${firstRunDelayMs}`);
  const ownsClock = !(options.clock && 'now' in options.clock);
  const clock: QueueClock = options.clock && 'now' in options.clock ? options.clock : new RealClock(options.clock?.timeScale ?? 1);
  const scheduler = new TriggerScheduler({ triggers, clock, firstRunDelayMs, run: deps.run, violation: deps.violation, log: deps.log });

  return {
    /** The manifest's scheduled triggers by key. */
    triggers: triggers as ReadonlyMap<string, ScheduledTrigger>,
    /** The scheduler's clock (a ManualClock when the test passed one). */
    clock,
    /** Every run so far (the latest 10,000), as each ended: trigger, start, outcome, status code, ms, requests. */
    runs: scheduler.runs as readonly TriggerRunRecord[],
    /** Runs a trigger at once and resolves with its record; throws for an unknown key. */
    runNow: (triggerKey: string) => scheduler.runNow(triggerKey),
    /** Starts the schedule (the runtime calls it once it can invoke functions). */
    start: () => {
      if (options.enabled !== false) scheduler.start();
    },
    /** Stops the schedule: no timer stays behind (a shared clock keeps its other timers); then `settled()`. */
    close: () => {
      scheduler.close();
      if (ownsClock) clock.clear();
    },
    /** Resolves once no run is under way. */
    settled: () => scheduler.settled(),
  };
}

export type LocalScheduler = ReturnType<typeof createLocalScheduler>;
