// `npm start`: the app on the Jira simulator with demo data, persisted under .data/ (delete it to reseed), and the
// app's real UI Kit frontends in a local Jira host at /. The bundles are built first and rebuilt (incrementally) on
// each page load, so a browser reload shows edits under src/frontend. The Custom UI resources (for UI Kit's Frame) are
// built too, by harness/static/build-static.ts when it exists, and rebuilt alongside.
import path from 'node:path';
import { createHostBuilder } from './host/build';
import { describeCustomUiBuild, loadCustomUiBuilder } from './host/custom-ui-build';
import { startAppServer } from './server/app-server';
import { DEFAULT_HOST_ASSETS_DIR } from './server/host-routes';
import { DEMO_USERS } from './simulator';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function main() {
  const port = Number(process.env.PORT ?? 8080);
  const builder = await createHostBuilder(DEFAULT_HOST_ASSETS_DIR);
  const buildCustomUi = await loadCustomUiBuilder();
  try {
    const first = await builder.build();
    console.log(`Built the host and the app bundles in ${first.ms} ms: ${Object.entries(first.sizes).map(([file, bytes]) => `${file} ${kb(bytes)}`).join(', ')}`);
  } catch (error) {
    // Not fatal: the page shows the build error and each reload tries again.
    console.error((error as Error).message);
  }
  if (buildCustomUi) {
    const started = Date.now();
    try {
      const built = await buildCustomUi();
      console.log(`Built the Custom UI resources in ${Date.now() - started} ms: ${describeCustomUiBuild(built)}`);
    } catch (error) {
      console.error(`Custom UI resources did not build: ${(error as Error).message}`);
    }
  }

  // Page loads that arrive during a build share it.
  let pending: Promise<unknown> | undefined;
  const rebuild = () => {
    pending ??= Promise.all([builder.build(), buildCustomUi?.()]).finally(() => {
      pending = undefined;
    });
    return pending;
  };

  const server = await startAppServer({
    port,
    dbPath: process.env.JIRA_SIM_DB ?? path.resolve(__dirname, '../.data/jira-simulator.sqlite'),
    latencyMs: Number(process.env.JIRA_LATENCY_MS ?? 0),
    prepareHostAssets: rebuild,
  });
  console.log(`User Properties Manager (local) is running at ${server.url}/`);
  console.log(`  Jira host: ${server.url}/  (admin page as ${DEMO_USERS.admin.displayName}; ?as=<accountId>&module=my-preferences for personal settings)`);
  console.log(`  What is running: ${server.url}/__host/info   Jira REST API: ${server.url}/rest/api/3/…   Forge invoke: POST ${server.url}/__forge/invoke`);
  const stop = async () => {
    await server.close();
    await builder.dispose();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
