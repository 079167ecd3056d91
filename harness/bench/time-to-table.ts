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
  openToTableMs: number;
  navigationToTableMs: number;
  jiraRequests: number;
}

/**
 * In Chromium, against the simulator with a fixed latency: from navigation to the admin page being usable, and from
 * opening a user (pasted accountId + Open: no typing delays) to their property table shown.
 */
export async function measureTimeToTable(latencyMs: number, runs: number): Promise<TimeToTable[]> {
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-host-'));
  await buildHostAssets(assets);
  const server = await startAppServer({ latencyMs, hostAssetsDir: assets });
  const browser = await launchChromium();
  const target = DEMO_USERS.alice;
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
      await page.getByRole('cell', { name: 'costCenter', exact: true }).waitFor();
      const tableShown = performance.now();
      results.push({
        navigationToPickerMs: pickerShown - start,
        openToTableMs: tableShown - opened,
        navigationToTableMs: tableShown - start,
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
