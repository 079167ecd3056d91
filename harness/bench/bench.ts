// `npm run bench`: how many Jira requests and how much wall time the app needs to open a user's properties and to
// save one, against the simulator with a fixed per-request latency. Prints figures and ratios; never fails.
import api from '@forge/api';
import { createJiraClient } from '../../src/jira/client';
import { READ_CONCURRENCY } from '../../src/resolvers/properties';
import { MODULE_KEYS } from '../../src/shared/contract';
import { startAppServer, type AppServer } from '../server/app-server';
import { DEMO_USERS } from '../simulator';
import { buildStaticResources } from '../static/build-static';
import { measureBundle } from './bundle-size';
import { measureRefusedWork } from './refused-work';
import { measureTimeToTable } from './time-to-table';

const LATENCY_MS = 50;
const SIZES = [10, 100];
const RUNS = 5;

const admin = DEMO_USERS.admin.accountId;

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

function seedUser(server: AppServer, accountId: string, count: number) {
  for (let i = 0; i < count; i++) {
    server.simulator.store.setProperty(accountId, `bench.key.${String(i).padStart(3, '0')}`, { index: i, tags: ['a', 'b'], enabled: i % 2 === 0 });
  }
}

async function main() {
  const server = await startAppServer({ latencyMs: LATENCY_MS });
  const fmt = (n: number) => n.toFixed(0).padStart(6);
  console.log(`Simulated Jira latency ${LATENCY_MS} ms per request; read concurrency ${READ_CONCURRENCY}; median of ${RUNS} runs.\n`);
  console.log('Open a user with N properties (listProperties as an admin on another user)');
  console.log('     N |  wall ms | Jira requests | lower bound ms | ratio to bound | sequential ms | speed-up vs sequential');
  try {
    for (const [index, n] of SIZES.entries()) {
      // A fresh target per size keeps the counts exact.
      const target = [DEMO_USERS.alice, DEMO_USERS.dmitri][index].accountId;
      const existing = server.simulator.store.listKeys(target).length;
      seedUser(server, target, n - existing);
      const app = await measure(server, async () => {
        const answer = (await server.runtime.invoke({
          functionKey: 'listProperties',
          payload: { accountId: target },
          context: { accountId: admin, moduleKey: MODULE_KEYS.adminPage },
        })) as { success: boolean; data?: { properties: unknown[] } };
        if (!answer.success || answer.data?.properties.length !== n) throw new Error(`bench: unexpected answer ${JSON.stringify(answer)}`);
      });
      // Baseline: the same reads one after another, as a naive client would do them.
      const sequential = await measure(server, async () => {
        const jira = createJiraClient({ requestJira: api.asApp().requestJira });
        const keys = await jira.listPropertyKeys(target);
        await jira.getProperties(target, keys, 1);
      });
      const bound = (1 + Math.ceil(n / READ_CONCURRENCY)) * LATENCY_MS;
      console.log(
        `${String(n).padStart(6)} | ${fmt(app.ms)}   | ${String(app.requests).padStart(13)} | ${fmt(bound)}         | ${(app.ms / bound).toFixed(2).padStart(14)} | ${fmt(sequential.ms)}        | ${(sequential.ms / app.ms).toFixed(1).padStart(5)}x`,
      );
    }

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
          payload: { ...(target ? { accountId: target } : {}), key: 'bench.save', value: { n: counter++ } },
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
  console.log(`  refusal                 median ${refused.refusalMedianMs.toFixed(1)} ms, max ${refused.refusalMaxMs.toFixed(1)} ms (bound 50 ms)`);
  console.log(
    `  GET /myself meanwhile   median ${refused.myselfDuringMedianMs.toFixed(1)} ms, p99 ${refused.myselfDuringP99Ms.toFixed(1)} ms over ${refused.myselfDuringCount} reads (alone: median ${refused.myselfBaselineMedianMs.toFixed(1)} ms)`,
  );
  const signed = (mb: number) => `${mb >= 0 ? '+' : ''}${mb.toFixed(1)} MB`;
  console.log(`  after all calls, GC'd   RSS ${signed(refused.rssDeltaMb)} (bound 50 MB), JS heap ${signed(refused.heapDeltaMb)}`);

  console.log('\nFrontend bundles (esbuild, minified, production React; gzip -9)');
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`.padStart(10);
  const hello = await measureBundle('UI Kit hello world', 'harness/bench/fixtures/hello-world.tsx');
  for (const bundle of [hello, await measureBundle('admin page', 'src/frontend/admin/index.tsx'), await measureBundle('my preferences', 'src/frontend/preferences/index.tsx')]) {
    console.log(
      `  ${bundle.name.padEnd(20)} | min ${kb(bundle.minified)} | gzip ${kb(bundle.gzipped)} | ×${(bundle.gzipped / hello.gzipped).toFixed(2)} hello world (gzip)`,
    );
  }

  for (const output of await buildStaticResources({ force: true })) {
    const { total } = output;
    console.log(`  ${`${output.key} (Custom UI)`.padEnd(20)} | min ${kb(total.bytes)} | gzip ${kb(total.gzipBytes)} | ×${(total.gzipBytes / hello.gzipped).toFixed(2)} hello world (gzip)`);
  }

  console.log(`\nChromium, admin page as the admin, ${LATENCY_MS} ms Jira latency (median of ${RUNS} page loads)`);
  const loads = await measureTimeToTable(LATENCY_MS, RUNS);
  const med = (pick: (t: (typeof loads)[number]) => number) => median(loads.map(pick)).toFixed(0).padStart(6);
  console.log(`  navigation → user picker shown         ${med((t) => t.navigationToPickerMs)} ms`);
  console.log(`  Open user → property table shown       ${med((t) => t.openToTableMs)} ms (${loads[0].jiraRequests} Jira requests)`);
  console.log(`  navigation → table (incl. pasting id)  ${med((t) => t.navigationToTableMs)} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
