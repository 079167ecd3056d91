import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTION_DIR } from '../forge-build/forge-bundle';
import { RUNNER_FILE } from '../forge-build/runtime-scripts';
import { createLocalQueue, sandboxDeliverer, type QueueOptions } from './events';
import type { Deliver } from './events/delivery';
import { createForgeFetch } from './forge-fetch';
import { invocationMeta, LOCAL_ENVIRONMENT_ID, type InstallationInfo } from './invocation-meta';
import { KvsService } from './kvs';
import { FORGE_LIMITS, PerMinuteCounter, PLATFORM_FAILURE_STATUS, formatBytes, type ForgeLimits, type LimitCode } from './limits';
import { AppManifest, loadManifest } from './manifest';
import { createLocalScheduler, sandboxTriggerRunner, type RunTrigger, type SchedulerOptions } from './scheduler';
import type { ExternalRequestBody } from './sandbox/child/invocation-protocol';
import { startPlatformProxy, type ProxiedInvocation } from './sandbox/platform-proxy';
import { SandboxPool } from './sandbox/sandbox-pool';

export interface InvokeRequest {
  functionKey: string;
  payload?: unknown;
  /** accountType defaults to 'licensed' for a user and 'anonymous' without one. */
  context: { accountId?: string; moduleKey: string; accountType?: 'licensed' | 'unlicensed' | 'customer' | 'anonymous' };
}

/** The request itself is malformed (no such module, no resolver): a bug of the caller, not of the app. */
export class InvokeRequestError extends Error {}

/** The platform refused or stopped the invocation: a Forge limit, or the function failed instead of answering. */
export class PlatformInvocationError extends Error {
  constructor(
    readonly code: LimitCode | 'FUNCTION_ERROR' | 'INVALID_PAYLOAD',
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return PLATFORM_FAILURE_STATUS[this.code];
  }
}

/** What the runtime records of each invocation: the figures the limits and the bench look at. */
export interface InvocationRecord {
  functionKey: string;
  moduleKey: string;
  accountId?: string;
  ms: number;
  payloadBytes: number;
  responseBytes?: number;
  jiraRequests: number;
  kvsRequests: number;
  failure?: PlatformInvocationError['code'];
}

export interface LocalRuntimeOptions {
  jiraBaseUrl: string;
  forgeSecret: string;
  manifestPath?: string;
  cloudId?: string;
  /** SQLite file of the local Forge KVS (`@forge/kvs`), or ':memory:' (default). */
  kvsDbPath?: string;
  /** The built function (`npm run build`); default .build/forge/function. */
  functionDir?: string;
  /** Forge's limits, on at the documented values; a test may move one. */
  limits?: Partial<ForgeLimits>;
  /** Most sandboxes running at once (Forge scales out; 4 is plenty for one local user). */
  maxSandboxes?: number;
  /** Where the function's output and the platform's violations go (default: the console, prefixed). */
  log?: (line: string) => void;
  /** The async events queue (@forge/events): its limits, delivery concurrency, retries, clock and faults. */
  queue?: QueueOptions;
  /** The manifest's scheduled triggers: their clock (separate from the queue's; real time by default), the delay
   * before each first run (5 minutes), and whether they run on their own at all (runNow() always works). */
  scheduler?: SchedulerOptions;
}

const DEFAULT_MANIFEST = path.resolve(__dirname, '../../manifest.yml');
const RECORDS_KEPT = 10_000;

const jsonBytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8'));

function residentBytes(pid: number): number {
  try {
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The invoke as the bridge sends it, as JSON; undefined when it cannot be (nested past the serialiser's stack). */
function payloadBytes(functionKey: string, payload: unknown): number | undefined {
  try {
    return jsonBytes({ functionKey, payload });
  } catch {
    return undefined;
  }
}

/**
 * Runs the app as Forge runs it: the function Forge's bundler built (never the TypeScript source), in sandboxes of its
 * own (child processes, as `forge tunnel` runs them), with Forge's invocation limits. It finds the module's resolver
 * function in manifest.yml, sends the platform's invocation event, and answers what the function returned.
 */
export async function createLocalRuntime(options: LocalRuntimeOptions) {
  const manifestPath = options.manifestPath ?? DEFAULT_MANIFEST;
  const manifest: AppManifest = loadManifest(manifestPath);
  const functionDir = options.functionDir ?? FUNCTION_DIR;
  if (!fs.existsSync(path.join(functionDir, '__forge__.cjs')) || !fs.existsSync(RUNNER_FILE)) {
    throw new Error(`local Forge runtime: no built function in ${functionDir}; run \`npm run build\` first`);
  }
  const limits: ForgeLimits = { ...FORGE_LIMITS, ...options.limits };
  const log = options.log ?? ((line: string) => console.log(line));
  const cloudId = options.cloudId ?? 'local-cloud-0000';
  const appId = 'local-app';
  const installation: InstallationInfo = { cloudId, appId, scopes: manifest.scopes };
  const notGranted = new Set<string>();
  const violations: string[] = [];
  const violation = (line: string) => {
    violations.push(line);
    log(`[forge] ${line}`);
  };
  // Built first: a consumer module Forge would refuse fails the start before any server or process exists.
  let deliver: Deliver | undefined;
  const queue = createLocalQueue(options.queue ?? {}, {
    manifest,
    deliver: (event, consumer, faults) => deliver!(event, consumer, faults),
    violation,
    log,
  });
  let runTrigger: RunTrigger | undefined;
  const scheduler = createLocalScheduler(options.scheduler ?? {}, {
    manifest,
    run: (trigger) => runTrigger!(trigger),
    violation,
    log,
  });
  const kvs = new KvsService({ dbPath: options.kvsDbPath ?? ':memory:', manifestPath });
  const forgeFetch = createForgeFetch({
    jiraBaseUrl: options.jiraBaseUrl,
    forgeSecret: options.forgeSecret,
    scopes: manifest.scopes,
    hasGranted: (accountId) => !notGranted.has(accountId),
    kvs: (kvsPath, init) => kvs.handle(kvsPath, init),
    queue: (queuePath, init) => queue.handle(queuePath, init),
  });
  const proxy = await startPlatformProxy((ctx, requestPath, init, invocation) => forgeFetch(ctx, requestPath, init, invocation));
  const pool = new SandboxPool({
    functionDir,
    runnerFile: RUNNER_FILE,
    memoryMb: limits.memoryMb,
    maxSandboxes: options.maxSandboxes ?? 4,
    onLog: (line) => log(`[function] ${line}`),
  });
  deliver = sandboxDeliverer({ pool, proxy, installation });
  runTrigger = sandboxTriggerRunner({ pool, proxy, installation });
  scheduler.start();
  const perUser = new PerMinuteCounter();
  const records: InvocationRecord[] = [];

  function fail(record: InvocationRecord, code: PlatformInvocationError['code'], message: string): never {
    record.failure = code;
    const line = `${record.moduleKey} ${record.functionKey}: ${message}`;
    if (code !== 'FUNCTION_ERROR' && code !== 'INVALID_PAYLOAD') violations.push(line);
    log(`[forge] ${line}`);
    throw new PlatformInvocationError(code, message);
  }

  async function invoke(request: InvokeRequest): Promise<unknown> {
    const module = manifest.modules.get(request.context.moduleKey);
    if (!module) throw new InvokeRequestError(`manifest.yml has no module '${request.context.moduleKey}'`);
    if (!module.resolverFunction) throw new InvokeRequestError(`module '${module.key}' has no resolver`);
    const handler = manifest.functions.get(module.resolverFunction);
    if (!handler) throw new InvokeRequestError(`manifest.yml has no function module '${module.resolverFunction}'`);
    const { accountId } = request.context;
    const started = Date.now();
    const sentBytes = payloadBytes(request.functionKey, request.payload);
    const record: InvocationRecord = {
      functionKey: request.functionKey,
      moduleKey: module.key,
      accountId,
      ms: 0,
      payloadBytes: sentBytes ?? 0,
      jiraRequests: 0,
      kvsRequests: 0,
    };
    records.push(record);
    if (records.length > RECORDS_KEPT) records.splice(0, records.length - RECORDS_KEPT);
    try {
      if (!perUser.take(accountId ?? 'anonymous', limits.invocationsPerUserPerMinute)) {
        fail(record, 'RATE_LIMITED', `more than ${limits.invocationsPerUserPerMinute.toLocaleString('en-US')} invocations by this user in a minute`);
      }
      if (sentBytes === undefined) {
        fail(record, 'INVALID_PAYLOAD', 'the invoke payload cannot be sent as JSON (it nests too deeply or has a cycle)');
      }
      if (record.payloadBytes > limits.maxPayloadBytes) {
        fail(record, 'PAYLOAD_TOO_LARGE', `the invoke payload is ${formatBytes(record.payloadBytes)}, over the ${formatBytes(limits.maxPayloadBytes)} limit`);
      }
      const proxied: ProxiedInvocation = { accountId, requests: { jira: 0, kvs: 0 } };
      const { token, revoke } = proxy.open(proxied);
      const event: ExternalRequestBody = {
        handler,
        body: {
          call: { functionKey: request.functionKey, payload: request.payload, jobId: undefined },
          context: {
            cloudId,
            localId: `${module.key}-${randomUUID()}`,
            moduleKey: module.key,
            extension: { type: module.type },
            environmentType: 'DEVELOPMENT',
            environmentId: LOCAL_ENVIRONMENT_ID,
            accountType: request.context.accountType ?? (accountId ? 'licensed' : 'anonymous'),
          },
        },
        _meta: invocationMeta(
          installation,
          { functionKey: module.resolverFunction, moduleKey: module.key, moduleType: module.type },
          { aaid: accountId, proxy: { token, url: proxy.url }, timeoutSeconds: limits.invocationTimeoutMs / 1000 },
        ),
      };
      let outcome;
      try {
        outcome = await pool.execute(event, limits.invocationTimeoutMs);
      } finally {
        revoke();
        record.jiraRequests = proxied.requests.jira;
        record.kvsRequests = proxied.requests.kvs;
      }
      if (outcome.kind === 'timed-out') {
        fail(record, 'FUNCTION_TIMEOUT', `the function ran past the ${limits.invocationTimeoutMs / 1000} s limit and was stopped`);
      }
      if (outcome.kind === 'died') {
        if (outcome.outOfMemory) fail(record, 'OUT_OF_MEMORY', `the function ran out of its ${limits.memoryMb} MB of memory and was stopped`);
        fail(record, 'FUNCTION_ERROR', `the function's process died: ${outcome.detail}`);
      }
      const { result } = outcome;
      if (!result.success) {
        fail(record, 'FUNCTION_ERROR', `the function failed: ${result.error?.errorType ?? 'Error'}: ${result.error?.errorMessage ?? 'no message'}`);
      }
      record.responseBytes = jsonBytes(result.body);
      if (record.responseBytes > limits.maxResponseBytes) {
        fail(record, 'RESPONSE_TOO_LARGE', `the function answered ${formatBytes(record.responseBytes)}, over the ${formatBytes(limits.maxResponseBytes)} limit`);
      }
      return result.body;
    } finally {
      record.ms = Date.now() - started;
    }
  }

  return {
    manifest,
    limits,
    invoke,
    /** The answer of the platform's proxy to a `__forge_fetch__` call made for `accountId` (tests of the platform's
     * own services use it to run @forge/kvs or @forge/api in the test process). */
    platformFetch: (ctx: Parameters<typeof forgeFetch>[0], requestPath: string, init: RequestInit = {}, accountId?: string) =>
      forgeFetch(ctx, requestPath, init, { accountId }),
    /** The local Forge KVS behind `@forge/kvs` (its store, request log and entries). */
    kvs,
    /** Every invocation so far (the latest 10,000), with its sizes, Jira and KVS requests, time and failure. */
    invocations: records as readonly InvocationRecord[],
    /** Each limit a function ran into, as logged: module, key and figure. */
    violations: violations as readonly string[],
    /** How many sandboxes are running. */
    sandboxCount: () => pool.size,
    /** The process ids of the running sandboxes. */
    sandboxPids: () => pool.pids,
    /** Resident memory of the running sandboxes, in bytes (Linux: /proc/<pid>/status), for the bench. */
    sandboxRssBytes: () => pool.pids.reduce((sum, pid) => sum + residentBytes(pid), 0),
    /** After `npm run build`: the next invocations run the new bundle. */
    restartSandboxes: () => pool.restart(),
    /** The async events queue behind @forge/events: idle(), its clock, faults, and every delivery. */
    queue,
    /** The manifest's scheduled triggers: runNow(key), every run so far, the scheduler's clock, settled(). */
    scheduler: {
      triggers: scheduler.triggers,
      clock: scheduler.clock,
      runs: scheduler.runs,
      runNow: scheduler.runNow,
      settled: scheduler.settled,
    },
    /** Stops the scheduler and the queue (no timer left), waits for trigger runs under way, stops the sandboxes and
     * the proxy, closes the KVS database. */
    close: async () => {
      scheduler.close();
      // A trigger's run finishes (and may still push events) before the queue and the sandboxes stop.
      await scheduler.settled();
      queue.close();
      pool.close();
      await queue.settled();
      await proxy.close();
      kvs.close();
    },
    /** Simulate a user who has not yet allowed the app to act for them (asUser() then throws NeedsAuthenticationError). */
    revokeUserGrant: (accountId: string) => notGranted.add(accountId),
    grantUser: (accountId: string) => notGranted.delete(accountId),
  };
}

export type LocalRuntime = Awaited<ReturnType<typeof createLocalRuntime>>;
