// The function's sandboxes: one per concurrent invocation, started on demand and kept warm, as Forge scales a function
// across containers. A sandbox that timed out or died is replaced by a fresh one on the next invocation.
import type { ExternalRequestBody } from './child/invocation-protocol';
import { SandboxProcess, type SandboxOutcome, type SandboxProcessOptions } from './sandbox-process';

export interface SandboxPoolOptions extends SandboxProcessOptions {
  /** Most sandboxes alive at once; further invocations wait for one to be free. */
  maxSandboxes: number;
}

export class SandboxPool {
  private readonly sandboxes: SandboxProcess[] = [];
  private readonly waiting: Array<() => void> = [];
  private closed = false;
  private readonly retired = new WeakSet<SandboxProcess>();

  constructor(private readonly options: SandboxPoolOptions) {}

  private async acquire(): Promise<SandboxProcess> {
    for (;;) {
      if (this.closed) throw new Error('the local Forge runtime is closed');
      for (let i = this.sandboxes.length - 1; i >= 0; i--) if (this.sandboxes[i].exited) this.sandboxes.splice(i, 1);
      const idle = this.sandboxes.find((sandbox) => !sandbox.claimed && !sandbox.exited);
      if (idle) {
        idle.claimed = true;
        return idle;
      }
      if (this.sandboxes.length < this.options.maxSandboxes) {
        const fresh = new SandboxProcess(this.options);
        fresh.claimed = true;
        this.sandboxes.push(fresh);
        return fresh;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** `onStart` gets a way to kill the invocation's sandbox (the queue's crash fault) once one is claimed for it. */
  async execute(event: ExternalRequestBody, timeoutMs: number, onStart?: (kill: () => void) => void): Promise<SandboxOutcome> {
    const sandbox = await this.acquire();
    try {
      onStart?.(() => sandbox.kill());
      return await sandbox.execute(event, timeoutMs);
    } finally {
      sandbox.claimed = false;
      if (this.retired.has(sandbox)) sandbox.kill();
      this.waiting.shift()?.();
    }
  }

  /** The process ids of the running sandboxes. */
  get pids(): number[] {
    return this.sandboxes.map((sandbox) => sandbox.pid).filter((pid): pid is number => pid !== undefined);
  }

  /** How many sandboxes are running (tests check a timed-out one is gone). */
  get size(): number {
    return this.sandboxes.filter((sandbox) => !sandbox.exited).length;
  }

  /** After a rebuild: idle sandboxes stop now, busy ones when their invocation is over; new ones load the new bundle. */
  restart(): void {
    for (const sandbox of this.sandboxes) {
      if (sandbox.claimed) this.retired.add(sandbox);
      else sandbox.kill();
    }
  }

  close(): void {
    this.closed = true;
    for (const sandbox of this.sandboxes) sandbox.kill();
    this.sandboxes.length = 0;
    for (const wake of this.waiting.splice(0)) wake();
  }
}
