// The queue's notion of time: delays, retries and the per-minute limit run on it. Real time by default (`npm start`
// behaves as Forge does); a test may speed it up (timeScale) or drive it by hand (ManualClock).

export interface QueueClock {
  now(): number;
  /** Runs `fn` once `ms` of queue time has passed; answers a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
  /** Cancels every pending timer (runtime.close()). */
  clear(): void;
  /** Timers not yet fired. */
  readonly pendingTimers: number;
}

export class RealClock implements QueueClock {
  private readonly started = Date.now();
  private readonly timers = new Set<NodeJS.Timeout>();

  /** `timeScale` 60: a queue minute passes in one real second. */
  constructor(readonly timeScale = 1) {
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new Error(`the queue's timeScale must be a positive number, not ${timeScale}`);
  }

  now(): number {
    return this.started + (Date.now() - this.started) * this.timeScale;
  }

  after(ms: number, fn: () => void): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, Math.max(0, ms / this.timeScale));
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  get pendingTimers(): number {
    return this.timers.size;
  }
}

interface ManualTimer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Time moves only when told to: `advance(ms)`, or `advanceToNext()` (which the queue's idle() uses when it waits only on time). */
export class ManualClock implements QueueClock {
  private current: number;
  private seq = 0;
  private timers: ManualTimer[] = [];

  constructor(start: number = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  after(ms: number, fn: () => void): () => void {
    const timer: ManualTimer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((other) => other !== timer);
    };
  }

  clear(): void {
    this.timers = [];
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time on by `ms`, firing each timer due on the way in order (also those the fired ones set). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (let next = this.earliest(); next && next.at <= target; next = this.earliest()) this.fire(next);
    this.current = target;
  }

  /** Moves time to the earliest timer and fires it (and any due at the same moment); false when none is pending. */
  advanceToNext(): boolean {
    const next = this.earliest();
    if (!next) return false;
    this.advance(next.at - this.current);
    return true;
  }

  private earliest(): ManualTimer | undefined {
    return this.timers.reduce<ManualTimer | undefined>((best, timer) => (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq) ? timer : best), undefined);
  }

  private fire(timer: ManualTimer): void {
    this.timers = this.timers.filter((other) => other !== timer);
    this.current = Math.max(this.current, timer.at);
    timer.fn();
  }
}
