// What a refused call costs (review round 2, point 1): a plain user's saveDefinition carrying a schema whose
// pattern backtracks for ever on a JavaScript engine, 1,000 times with unique 30 KB schemas, while another client
// reads /myself. Bounds: each refusal ≤ 50 ms, /myself not slowed, RSS within 50 MB of where it started (measured
// after a full GC: `npm run bench` runs node with --expose-gc, so garbage not yet collected is not counted as kept).
import { MODULE_KEYS } from '../../src/shared/contract';
import { startAppServer } from '../server/app-server';
import { DEMO_USERS } from '../simulator';

const CALLS = 1_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function attack(i: number) {
  return {
    definition: {
      key: `attack.${i}`,
      title: 'Attack',
      description: '',
      schema: { type: 'string', pattern: '^(a+)+$', description: `${i}-${'x'.repeat(30_000)}` },
      defaultValue: `${'a'.repeat(30)}!`,
      userEditable: true,
    },
  };
}

export async function measureRefusedWork() {
  const server = await startAppServer({ runtime: { log: () => undefined } });
  const myself = `${server.simulator.baseUrl}/rest/api/3/myself`;
  const auth = `Basic ${Buffer.from(`${DEMO_USERS.alice.email}:token`).toString('base64')}`;
  const readMyself = async () => {
    const start = performance.now();
    const response = await fetch(myself, { headers: { authorization: auth } });
    await response.text();
    if (response.status !== 200) throw new Error(`bench: /myself answered ${response.status}`);
    return performance.now() - start;
  };
  try {
    const refuse = async (i: number) => {
      const start = performance.now();
      const answer = (await server.runtime.invoke({
        functionKey: 'saveDefinition',
        payload: attack(i),
        context: { accountId: DEMO_USERS.bob.accountId, moduleKey: MODULE_KEYS.adminPage },
      })) as { success: boolean; error?: { code: string } };
      if (answer.success || answer.error?.code !== 'FORBIDDEN') throw new Error(`bench: expected FORBIDDEN, got ${JSON.stringify(answer)}`);
      return performance.now() - start;
    };
    // Warm-up: module loading and JIT are not what is measured.
    for (let i = 0; i < 200; i++) await refuse(-1 - i);
    const baseline: number[] = [];
    for (let i = 0; i < 100; i++) baseline.push(await readMyself());

    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
    const sandboxBefore = server.runtime.sandboxRssBytes();
    const refusals: number[] = [];
    const during: number[] = [];
    let attacking = true;
    const reader = (async () => {
      while (attacking) during.push(await readMyself());
    })();
    for (let i = 0; i < CALLS; i++) refusals.push(await refuse(i));
    attacking = false;
    await reader;
    gc?.();
    const { rss: rssAfter, heapUsed: heapAfter } = process.memoryUsage();
    const sandboxAfter = server.runtime.sandboxRssBytes();
    return {
      calls: CALLS,
      refusalMedianMs: percentile(refusals, 0.5),
      refusalMaxMs: Math.max(...refusals),
      myselfBaselineMedianMs: percentile(baseline, 0.5),
      myselfDuringMedianMs: percentile(during, 0.5),
      myselfDuringP99Ms: percentile(during, 0.99),
      myselfDuringCount: during.length,
      rssDeltaMb: (rssAfter - rssBefore) / 1024 / 1024,
      // Where the resolver runs: the function's sandbox (no forced GC there, as in Forge's runtime).
      sandboxRssDeltaMb: (sandboxAfter - sandboxBefore) / 1024 / 1024,
      refusalP99Ms: percentile(refusals, 0.99),
      heapDeltaMb: (heapAfter - heapBefore) / 1024 / 1024,
    };
  } finally {
    await server.close();
  }
}
