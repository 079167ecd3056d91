// `npm run bench`: how many Jira requests and how much wall time the app needs to open a user's properties, to save
// one and to inventory a site, against the simulator with a fixed per-request latency, running as Forge's bundler built it in the local
// runtime's sandboxes. Prints figures and ratios; never fails.
import api from '@forge/api';
import { createJiraClient } from '../../src/jira/client';
import { READ_CONCURRENCY } from '../../src/resolvers/properties';
import { FIRST_PAGE_COUNT, PAGE_MAX_KEYS } from '../../src/domain/read-pages';
import { MODULE_KEYS } from '../../src/shared/contract';
import { buildForgeApp } from '../forge-build/forge-bundle';
import { useRuntimeInProcess } from '../runtime/in-process-client';
import { FORGE_LIMITS } from '../runtime/limits';
import { startAppServer, type AppServer } from '../server/app-server';
import { DEMO_USERS } from '../simulator';
import { buildStaticResources } from '../static/build-static';
import { measureForgeBundles } from './bundle-size';
import { measureBulkSet } from './bulk';
import { measureInventory } from './inventory';
import { openUser, type OpenFigures } from './open-user';
import { measureRefusedWork } from './refused-work';
import { measureTimeToTable } from './time-to-table';

const LATENCY_MS = 50;
const SIZES = [10, 100, 1_000];
/** The naive baseline reads one value after another: past this size it only says what the arithmetic says. */
const SEQUENTIAL_UP_TO = 100;
const RUNS = 5;
/** The inventory bench: a generated site, the simulator's burst limit per endpoint on. */
const INVENTORY_USERS = 10_000;
const INVENTORY_BURST_PER_SECOND = 500;
/** The bulk bench: the same site, a lower burst limit, so writes are paced by it as on a busy site. */
const BULK_BURST_PER_SECOND = 200;

const admin = DEMO_USERS.admin.accountId;
const target = DEMO_USERS.alice.accountId;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(server: AppServer, run: () => Promise<unknown>) {
  await run(); // warm-up: module loading and JIT are not what is measured
  const times: number[] = [];
  let requests = 0;
  for (let i = 0; i < RUNS; i++) {
    const before = server.simulator.requests.length;
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
    requests = server.simulator.requests.length - before;
  }
  return { ms: median(times), requests };
}

export function seedUser(server: AppServer, accountId: string, count: number) {
  for (let i = 0; i < count; i++) {
    server.simulator.store.setProperty(accountId, `bench.key.${String(i).padStart(4, '0')}`, { index: i, tags: ['a', 'b'], enabled: i % 2 === 0 });
  }
}

async function measureOpens(n: number): Promise<{ open: OpenFigures; sequentialMs?: number }> {
  // A fresh site per size keeps the counts exact.
  const server = await startAppServer({ latencyMs: LATENCY_MS, runtime: { log: () => undefined } });
  try {
    // The demo site gives the target a few properties of its own: top them up to n.
    seedUser(server, target, n - server.simulator.store.listKeys(target).length);
    await openUser(server, admin, target); // warm-up
    const opens: OpenFigures[] = [];
    for (let i = 0; i < RUNS; i++) opens.push(await openUser(server, admin, target));
    for (const open of opens) if (open.properties !== n) throw new Error(`bench: an open read ${open.properties} of ${n} properties`);
    const open: OpenFigures = {
      ...opens[0],
      firstPageMs: median(opens.map((o) => o.firstPageMs)),
      totalMs: median(opens.map((o) => o.totalMs)),
      maxResponseBytes: Math.max(...opens.map((o) => o.maxResponseBytes)),
      maxJiraRequests: Math.max(...opens.map((o) => o.maxJiraRequests)),
    };
    if (n > SEQUENTIAL_UP_TO) return { open };
    // Baseline: the same reads one after another, as a naive client would do them.
    useRuntimeInProcess(server.runtime);
    const sequential = await measure(server, async () => {
      const jira = createJiraClient({ requestJira: api.asApp().requestJira });
      const keys = await jira.listPropertyKeys(target);
      await jira.getProperties(target, keys, 1);
    });
    return { open, sequentialMs: sequential.ms };
  } finally {
    await server.close();
  }
}

async function main() {
  const built = await buildForgeApp();
  const fmt = (n: number) => n.toFixed(0).padStart(6);
  console.log(
    `Simulated Jira latency ${LATENCY_MS} ms per request; read concurrency ${READ_CONCURRENCY}; first page ${FIRST_PAGE_COUNT} values, then pages of up to ${PAGE_MAX_KEYS}; median of ${RUNS} runs.\n`,
  );
  console.log('Open a user with N properties (as an admin on another user: listProperties, then getPropertyValues until all are read)');
  console.log('     N | first rows ms | all ms | invocations | Jira requests | lower bound ms | ratio to bound | sequential ms | speed-up');
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  const largest: string[] = [];
  for (const n of SIZES) {
    const { open, sequentialMs } = await measureOpens(n);
    const bound = (1 + Math.ceil(n / READ_CONCURRENCY)) * LATENCY_MS;
    const sequential = sequentialMs === undefined ? '     —       |     —' : `${fmt(sequentialMs)}        | ${(sequentialMs / open.totalMs).toFixed(1).padStart(5)}x`;
    console.log(
      `${n.toLocaleString('en-US').padStart(6)} | ${fmt(open.firstPageMs)}        | ${fmt(open.totalMs)} | ${String(open.invocations).padStart(11)} | ${String(open.jiraRequests).padStart(13)} | ${fmt(bound)}         | ${(open.totalMs / bound).toFixed(2).padStart(14)} | ${sequential}`,
    );
    largest.push(`N = ${n.toLocaleString('en-US')}: ${kib(open.maxResponseBytes)}, ${open.maxJiraRequests} Jira requests`);
  }
  console.log(`  largest answer and most Jira requests of any one invocation (limit ${kib(FORGE_LIMITS.maxResponseBytes)}): ${largest.join('; ')}`);

  const server = await startAppServer({ latencyMs: LATENCY_MS, runtime: { log: () => undefined } });
  try {
    console.log('\nSave one property (setProperty)');
    console.log('  who                         |  wall ms | Jira requests');
    // Users may write their own undefined keys only when the admin allows raw editing.
    await server.runtime.invoke({ functionKey: 'setAllowRawEditing', payload: { allow: true }, context: { accountId: admin, moduleKey: MODULE_KEYS.adminPage } });
    const saves: Array<[string, string, string | undefined, string]> = [
      ['admin on another user', admin, DEMO_USERS.bob.accountId, MODULE_KEYS.adminPage],
      ['user on own record', DEMO_USERS.bob.accountId, undefined, MODULE_KEYS.personalSettings],
    ];
    for (const [label, caller, target, moduleKey] of saves) {
      let counter = 0;
      const save = await measure(server, async () => {
        const answer = (await server.runtime.invoke({
          functionKey: 'setProperty',
          payload: { ...(target ? { accountId: target } : {}), key: 'bench.save', json: JSON.stringify({ n: counter++ }) },
          context: { accountId: caller, moduleKey },
        })) as { success: boolean };
        if (!answer.success) throw new Error(`bench: save failed ${JSON.stringify(answer)}`);
      });
      console.log(`  ${label.padEnd(27)} | ${fmt(save.ms)}   | ${String(save.requests).padStart(13)}`);
    }
  } finally {
    await server.close();
  }

  const refused = await measureRefusedWork();
  console.log(`\nRefused work: ${refused.calls} saveDefinition calls from a plain user, each a unique 30 KB schema with pattern ^(a+)+$`);
  console.log(
    `  refusal                 median ${refused.refusalMedianMs.toFixed(1)} ms, p99 ${refused.refusalP99Ms.toFixed(1)} ms, max ${refused.refusalMaxMs.toFixed(1)} ms (bound 50 ms)`,
  );
  console.log(
    `  GET /myself meanwhile   median ${refused.myselfDuringMedianMs.toFixed(1)} ms, p99 ${refused.myselfDuringP99Ms.toFixed(1)} ms over ${refused.myselfDuringCount} reads (alone: median ${refused.myselfBaselineMedianMs.toFixed(1)} ms)`,
  );
  const signed = (mb: number) => `${mb >= 0 ? '+' : ''}${mb.toFixed(1)} MB`;
  console.log(
    `  after all calls         the function's sandbox RSS ${signed(refused.sandboxRssDeltaMb)} (bound 50 MB); the platform's process, GC'd, RSS ${signed(refused.rssDeltaMb)}, JS heap ${signed(refused.heapDeltaMb)}`,
  );

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`.padStart(10);
  console.log(`\nBuilt by Forge's bundler: the function in ${(built.function.ms / 1000).toFixed(1)} s, the UI Kit resources in ${((Object.values(built.resources)[0]?.ms ?? 0) / 1000).toFixed(1)} s${built.reused ? ' (at the last build)' : ''}`);
  for (const bundle of measureForgeBundles(built)) {
    console.log(`  ${bundle.name.padEnd(28)} | ${bundle.files.padEnd(40)} | ${kb(bundle.bytes)} | gzip ${kb(bundle.gzipped)}`);
  }
  for (const output of await buildStaticResources({ force: true })) {
    const { total } = output;
    console.log(`  ${`${output.key} (Custom UI, esbuild)`.padEnd(28)} | ${'main.js and its CSS'.padEnd(40)} | ${kb(total.bytes)} | gzip ${kb(total.gzipBytes)}`);
  }

  console.log(
    `\nInventory of a generated site of ${INVENTORY_USERS.toLocaleString('en-US')} extra users (background job, queue concurrency 4), ${LATENCY_MS} ms Jira latency, burst limit ${INVENTORY_BURST_PER_SECOND}/s per endpoint (one run each)`,
  );
  console.log('  faults injected                   | people | wall s | bound s | ratio | Jira requests | per person | 429s | deliveries | wrong keys | user difference');
  for (const faults of [false, true]) {
    const f = await measureInventory({ siteUsers: INVENTORY_USERS, latencyMs: LATENCY_MS, burstPerSecond: INVENTORY_BURST_PER_SECOND, faults });
    const label = faults ? '20% duplicates, 3% crashes' : 'none';
    console.log(
      `  ${label.padEnd(33)} | ${String(f.people).padStart(6)} | ${(f.wallMs / 1000).toFixed(1).padStart(6)} | ${(f.boundMs / 1000).toFixed(1).padStart(7)} | ${(f.wallMs / f.boundMs).toFixed(2).padStart(5)} | ${String(f.jiraRequests).padStart(13)} | ${(f.jiraRequests / f.people).toFixed(2).padStart(10)} | ${String(f.rateLimited).padStart(4)} | ${String(f.deliveries).padStart(10)} | ${String(f.wrongKeys).padStart(10)} | ${String(f.userDifference).padStart(15)}`,
    );
  }

  console.log(
    `\nBulk set of one key on every person of the same site (background job, queue concurrency 4), ${LATENCY_MS} ms Jira latency, burst limit ${BULK_BURST_PER_SECOND}/s per endpoint (one run each)`,
  );
  console.log('  faults injected                                   | users | wall s | writes/s | of the limit | Jira requests per user (without 429s) | 429s | deliveries | lost | duplicated | counts exact');
  for (const faults of [false, true]) {
    const f = await measureBulkSet({ siteUsers: INVENTORY_USERS, latencyMs: LATENCY_MS, burstPerSecond: BULK_BURST_PER_SECOND, faults });
    const label = faults ? '429 storms, 503s, drops, 20% dups, 3% crashes' : 'none';
    const perSecond = f.writes / (f.wallMs / 1000);
    console.log(
      `  ${label.padEnd(49)} | ${String(f.users).padStart(5)} | ${(f.wallMs / 1000).toFixed(1).padStart(6)} | ${perSecond.toFixed(1).padStart(8)} | ${(perSecond / BULK_BURST_PER_SECOND).toFixed(2).padStart(12)} | ${`${(f.jiraRequests / f.users).toFixed(2)} (${(f.successfulRequests / f.users).toFixed(2)})`.padStart(37)} | ${String(f.rateLimited).padStart(4)} | ${String(f.deliveries).padStart(10)} | ${String(f.lost).padStart(4)} | ${String(f.duplicated).padStart(10)} | ${f.countsExact ? 'yes' : 'NO'}`,
    );
  }

  console.log(`\nChromium, admin page as the admin, ${LATENCY_MS} ms Jira latency (median of ${RUNS} page loads)`);
  console.log('     N | navigation → picker ms | Open → first rows ms | Open → all rows ms | Jira requests');
  for (const n of SIZES) {
    const loads = await measureTimeToTable(LATENCY_MS, RUNS, n);
    const med = (pick: (t: (typeof loads)[number]) => number) => median(loads.map(pick)).toFixed(0).padStart(6);
    console.log(
      `${n.toLocaleString('en-US').padStart(6)} | ${med((t) => t.navigationToPickerMs)}                 | ${med((t) => t.openToFirstRowsMs)}               | ${med((t) => t.openToAllRowsMs)}             | ${String(loads[0].jiraRequests).padStart(13)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
