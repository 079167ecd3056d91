// Faults a test (or the bench) injects into delivery, to check the app copes with what Forge's at-least-once,
// unordered queue may do: deliver an event twice, lose the sandbox mid-invocation, run a consumer late.

export interface QueueFaultOptions {
  /** Chance (0–1) that a delivery is followed by a duplicate delivery of the same event. */
  duplicateProbability?: number;
  /** Queue-clock ms each delivery waits, holding its concurrency slot, before its invocation starts. */
  slowMs?: number;
  /** Chance (0–1) that a delivery loses its sandbox, `crashAfterMs` real ms into the invocation. */
  crashProbability?: number;
  crashAfterMs?: number;
}

export class QueueFaults {
  duplicateProbability: number;
  slowMs: number;
  crashProbability: number;
  crashAfterMs: number;
  private duplicates = 0;
  private crashes: number[] = [];
  private slow: number[] = [];

  constructor(options: QueueFaultOptions = {}, private readonly random: () => number = Math.random) {
    this.duplicateProbability = options.duplicateProbability ?? 0;
    this.slowMs = options.slowMs ?? 0;
    this.crashProbability = options.crashProbability ?? 0;
    this.crashAfterMs = options.crashAfterMs ?? 50;
  }

  /** The next `count` deliveries (not themselves duplicates) are each delivered once more. */
  duplicateNext(count = 1): void {
    this.duplicates += count;
  }

  /** The next `count` deliveries lose their sandbox (SIGKILL) `afterMs` real ms into the invocation. */
  crashNext(count = 1, afterMs = 50): void {
    for (let i = 0; i < count; i++) this.crashes.push(afterMs);
  }

  /** The next `count` deliveries wait `ms` of queue time before their invocation starts. */
  slowNext(count: number, ms: number): void {
    for (let i = 0; i < count; i++) this.slow.push(ms);
  }

  reset(): void {
    this.duplicates = 0;
    this.crashes = [];
    this.slow = [];
    this.duplicateProbability = 0;
    this.slowMs = 0;
    this.crashProbability = 0;
    this.crashAfterMs = 50;
  }

  takeDuplicate(): boolean {
    if (this.duplicates > 0) {
      this.duplicates--;
      return true;
    }
    return this.duplicateProbability > 0 && this.random() < this.duplicateProbability;
  }

  takeCrash(): number | undefined {
    const queued = this.crashes.shift();
    if (queued !== undefined) return queued;
    return this.crashProbability > 0 && this.random() < this.crashProbability ? this.crashAfterMs : undefined;
  }

  takeSlow(): number {
    return this.slow.shift() ?? this.slowMs;
  }
}
