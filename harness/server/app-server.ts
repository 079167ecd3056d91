import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulator, type Simulator, type SimulatorOptions } from '../simulator';
import { createLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../runtime/local-runtime';
import { handleInvoke } from './invoke-endpoint';
import { sendJson } from './read-json';
import { createHostRoutes, LOCAL_CLOUD_ID } from './host-routes';

export interface AppServerOptions extends SimulatorOptions {
  port?: number;
  latencyMs?: number;
  /** Built host bundles (harness/host/build.ts); default .build/host. */
  hostAssetsDir?: string;
  /** Runs before each host page is served (`npm start` rebuilds the bundles there). */
  prepareHostAssets?: () => Promise<unknown>;
  /** Resource key → Custom UI folder, added to the manifest's resources for UI Kit's Frame (tests use fixtures). */
  hostResourceDirs?: Record<string, string>;
  /** The local Forge runtime's options: its KVS file, limits, log (the Jira URL and secret are the server's). */
  runtime?: Omit<LocalRuntimeOptions, 'jiraBaseUrl' | 'forgeSecret' | 'cloudId'>;
}

export interface AppServer {
  url: string;
  simulator: Simulator;
  runtime: LocalRuntime;
  close(): Promise<void>;
}

/**
 * One loopback port: the local Jira host page at / (the app's real UI Kit frontends in a Jira-like page, with its
 * helper endpoints under /__host/), the Jira simulator's REST API under /rest/, the local Forge platform under /__forge/.
 */
export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  const simulator = createSimulator(options);
  simulator.faults.latencyMs = options.latencyMs ?? 0;
  let runtime: LocalRuntime | undefined;
  const handleHostRequest = createHostRoutes({
    simulator,
    baseUrl: () => url,
    assetsDir: options.hostAssetsDir,
    prepareAssets: options.prepareHostAssets,
    resourceDirs: options.hostResourceDirs,
  });

  const route = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/__forge/invoke' && req.method === 'POST' && runtime) {
      await handleInvoke(runtime, req, res);
    } else if (pathname.startsWith('/__forge/')) {
      sendJson(res, 404, { message: `no local Forge endpoint ${req.method} ${pathname}` });
    } else if (!(await handleHostRequest(req, res))) {
      await simulator.handle(req, res);
    }
  };
  const server = http.createServer((req, res) => void route(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  runtime = await createLocalRuntime({ ...options.runtime, jiraBaseUrl: url, forgeSecret: simulator.forgeSecret, cloudId: LOCAL_CLOUD_ID });
  simulator.setBaseUrl(url);

  return {
    url,
    simulator,
    runtime,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime?.close();
      await simulator.close();
    },
  };
}
