// `npm start`: the app as Forge's bundler builds it (`npm run build`, reused when nothing changed), on the Jira
// simulator with demo data, in a local Jira host at /. The site and the app's Forge storage persist under .data/
// (delete it to reseed); when the app's configuration is empty, demo preferences and a delegation are seeded through
// its own resolvers (harness/demo/seed-app-config.ts). Each page load checks the sources: an edit under src/ rebuilds
// the bundles (Forge's bundler takes a while) and restarts the function's sandboxes, so a reload shows it. The Custom
// UI resources (for UI Kit's Frame) are built by harness/static/build-static.ts and rebuilt alongside.
import path from 'node:path';
import { describeDemoSeed, seedDemoAppConfig } from './demo/seed-app-config';
import { buildForgeApp } from './forge-build/forge-bundle';
import { createHostBuilder } from './host/build';
import { describeCustomUiBuild, loadCustomUiBuilder } from './host/custom-ui-build';
import { startAppServer } from './server/app-server';
import { DEFAULT_HOST_ASSETS_DIR } from './server/host-routes';
import { DEMO_USERS, describeSiteScale, simulatorOptionsFromEnv } from './simulator';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const DATA_DIR = path.resolve(__dirname, '../.data');

async function buildApp(): Promise<boolean> {
  const built = await buildForgeApp();
  if (!built.reused) {
    const uiMs = Object.values(built.resources)[0]?.ms ?? 0;
    console.log(`Built the app with Forge's bundler: the function in ${built.function.ms} ms, the UI Kit resources in ${uiMs} ms`);
  }
  return !built.reused;
}

async function main() {
  const port = Number(process.env.PORT ?? 8080);
  console.log('Building the app with Forge\'s bundler (reused when nothing changed)…');
  await buildApp();
  const builder = await createHostBuilder(DEFAULT_HOST_ASSETS_DIR);
  const buildCustomUi = await loadCustomUiBuilder();
  try {
    const first = await builder.build();
    const shipped = Object.entries(first.sizes).filter(([file]) => /\.(js|css)$/.test(file));
    console.log(`Built the host in ${first.ms} ms: ${shipped.map(([file, bytes]) => `${file} ${kb(bytes)}`).join(', ')}`);
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

  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  // Page loads that arrive during a build share it.
  let pending: Promise<unknown> | undefined;
  const rebuild = () => {
    pending ??= (async () => {
      if (await buildApp()) server?.runtime.restartSandboxes();
      await Promise.all([builder.build(), buildCustomUi?.()]);
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  const siteScale = simulatorOptionsFromEnv(process.env);
  server = await startAppServer({
    ...siteScale,
    port,
    dbPath: process.env.JIRA_SIM_DB ?? path.join(DATA_DIR, 'jira-simulator.sqlite'),
    latencyMs: Number(process.env.JIRA_LATENCY_MS ?? 0),
    prepareHostAssets: rebuild,
    runtime: { kvsDbPath: process.env.FORGE_KVS_DB ?? path.join(DATA_DIR, 'forge-kvs.sqlite') },
  });
  // A refused seed is a demo regression: it throws, and the start fails with the resolver's error.
  console.log(describeDemoSeed(await seedDemoAppConfig(server.runtime)));
  console.log(`User Properties Manager (local) is running at ${server.url}/`);
  const scale = describeSiteScale(server.simulator, siteScale);
  if (scale) console.log(scale);
  console.log(`  Jira host: ${server.url}/  (admin page as ${DEMO_USERS.admin.displayName}; ?as=<accountId>&module=my-preferences for personal settings)`);
  console.log(`  What is running: ${server.url}/__host/info   Jira REST API: ${server.url}/rest/api/3/…   Forge invoke: POST ${server.url}/__forge/invoke`);
  const stop = async () => {
    await server?.close();
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
