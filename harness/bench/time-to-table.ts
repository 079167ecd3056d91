import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildHostAssets } from '../host/build';
import { launchChromium } from '../host/chromium';
import { hostPageUrl } from '../host/config';
import { startAppServer } from '../server/app-server';
import { DEMO_USERS } from '../simulator';
import { MODULE_KEYS } from '../../src/shared/contract';

export interface TimeToTable {
  navigationToPickerMs: number;
  /** Open → the table's first rows shown. */
  openToFirstRowsMs: number;
  /** Open → the caption says every property is loaded. */
  openToAllRowsMs: number;
  jiraRequests: number;
}

/**
 * In Chromium, against the simulator with a fixed latency: from navigation to the admin page being usable, and from
 * opening a user with `properties` properties (pasted accountId + Open: no typing delays) to the table's first rows
 * and to all of them.
 */
export async function measureTimeToTable(latencyMs: number, runs: number, properties: number): Promise<TimeToTable[]> {
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-host-'));
  await buildHostAssets(assets);
  const server = await startAppServer({ latencyMs, hostAssetsDir: assets, runtime: { log: () => undefined } });
  const target = DEMO_USERS.alice;
  // Alice has a few properties of her own in the demo site: top them up to `properties`.
  const own = server.simulator.store.listKeys(target.accountId).length;
  for (let i = 0; i < properties - own; i++) server.simulator.store.setProperty(target.accountId, `bench.key.${String(i).padStart(4, '0')}`, { index: i });
  const total = server.simulator.store.listKeys(target.accountId).length;
  const browser = await launchChromium();
  const results: TimeToTable[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.context.newPage();
      const start = performance.now();
      await page.goto(`${server.url}${hostPageUrl(DEMO_USERS.admin.accountId, MODULE_KEYS.adminPage)}`);
      const paste = page.locator('input[id$="paste-account-id"]');
      await paste.waitFor();
      const pickerShown = performance.now();
      await paste.fill(target.accountId);
      const before = server.simulator.requests.length;
      const opened = performance.now();
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await page.getByRole('cell', { name: /^bench\.key\./ }).first().waitFor();
      const firstRows = performance.now();
      await page.getByText(`${total.toLocaleString('en-US')} properties`, { exact: true }).first().waitFor({ timeout: 120_000 });
      const allRows = performance.now();
      results.push({
        navigationToPickerMs: pickerShown - start,
        openToFirstRowsMs: firstRows - opened,
        openToAllRowsMs: allRows - opened,
        jiraRequests: server.simulator.requests.length - before,
      });
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(assets, { recursive: true, force: true });
  }
  return results;
}
