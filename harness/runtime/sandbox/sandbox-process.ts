// One sandbox: a child process running the bundled function, as `forge tunnel`'s NodeSandbox forks one per function
// (fork the runner with `_HANDLER=__forge__.main`, send { lambdaEvent, tunnelContext } over IPC). It takes one
// invocation at a time, like a Lambda container; its module state survives between invocations, as a warm one's does.
// The local platform stops it when an invocation runs past its deadline, and notices when it dies (out of memory).
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import type { ExternalRequestBody, InvocationResult, SandboxRequest, SandboxResponse } from './child/invocation-protocol';

export interface SandboxProcessOptions {
  /** The built function folder (with __forge__.cjs). */
  functionDir: string;
  runnerFile: string;
  memoryMb: number;
  /** Each line the function writes to stdout or stderr. */
  onLog(line: string): void;
}

export type SandboxOutcome =
  | { kind: 'answered'; result: InvocationResult }
  | { kind: 'timed-out' }
  | { kind: 'died'; outOfMemory: boolean; detail: string };

const ENTRY = '__forge__.cjs';
const OOM = /heap out of memory|Reached heap limit|Allocation failed/i;

export class SandboxProcess {
  private readonly child: ChildProcess;
  private readonly ready: Promise<void>;
  private pending?: { requestId: string; settle(outcome: SandboxOutcome): void };
  private recentErrors: string[] = [];
  exited = false;

  constructor(options: SandboxProcessOptions) {
    this.child = fork(options.runnerFile, [path.join(options.functionDir, ENTRY), 'main'], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      cwd: options.functionDir,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        _HANDLER: '__forge__.main',
        FORGE_EFS_RUNTIME_PATH: options.functionDir,
        FORGE_CUSTOM_WRAPPER_FILE_NAME: '__forge_wrapper__.cjs',
      },
      execArgv: [`--max-old-space-size=${options.memoryMb}`],
    });
    const lines = (stream: NodeJS.ReadableStream, isError: boolean) =>
      readline.createInterface({ input: stream }).on('line', (line) => {
        if (isError) this.recentErrors = [...this.recentErrors.slice(-20), line];
        options.onLog(line);
      });
    lines(this.child.stdout!, false);
    lines(this.child.stderr!, true);
    this.ready = new Promise((resolve, reject) => {
      this.child.once('message', () => resolve());
      this.child.once('exit', (code, signal) => reject(new Error(`the function sandbox exited while loading (${signal ?? code}): ${this.recentErrors.join('\n')}`)));
    });
    this.ready.catch(() => undefined);
    this.child.on('message', (message: SandboxResponse | { ready: true }) => {
      if ('requestId' in message && this.pending?.requestId === message.requestId) {
        const { settle } = this.pending;
        this.pending = undefined;
        settle({ kind: 'answered', result: message.result });
      }
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      const pending = this.pending;
      this.pending = undefined;
      const detail = this.recentErrors.join('\n');
      pending?.settle({ kind: 'died', outOfMemory: OOM.test(detail), detail: detail || `exit ${signal ?? code}` });
    });
  }

  get pid(): number | undefined {
    return this.exited ? undefined : this.child.pid;
  }

  /** Set by the pool from the moment it hands the sandbox to an invocation until the invocation is over. */
  claimed = false;

  async execute(lambdaEvent: ExternalRequestBody, timeoutMs: number): Promise<SandboxOutcome> {
    try {
      await this.ready;
    } catch (error) {
      return { kind: 'died', outOfMemory: false, detail: (error as Error).message };
    }
    if (this.exited) return { kind: 'died', outOfMemory: false, detail: 'the sandbox had exited' };
    const requestId = randomUUID();
    const deadline = Date.now() + timeoutMs;
    return new Promise<SandboxOutcome>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.requestId !== requestId) return;
        this.pending = undefined;
        // The platform stops a function at its deadline: nothing it does afterwards can reach anyone.
        this.kill();
        resolve({ kind: 'timed-out' });
      }, timeoutMs);
      this.pending = {
        requestId,
        settle: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      const message: SandboxRequest = { lambdaEvent, tunnelContext: { requestId, deadline } };
      this.child.send(message);
    });
  }

  kill(): void {
    if (this.exited) return;
    // Counted as gone at once: the process's exit event comes later, and nothing may be sent to it meanwhile.
    this.exited = true;
    this.child.kill('SIGKILL');
  }
}
