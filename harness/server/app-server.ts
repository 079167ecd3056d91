import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulator, type Simulator, type SimulatorOptions } from '../simulator';
import { createLocalRuntime, type LocalRuntime } from '../runtime/local-runtime';
import { handleInvoke } from './invoke-endpoint';
import { sendJson } from './read-json';
import { renderIndexPage } from './index-page';

export interface AppServerOptions extends SimulatorOptions {
  port?: number;
  latencyMs?: number;
}

export interface AppServer {
  url: string;
  simulator: Simulator;
  runtime: LocalRuntime;
  close(): Promise<void>;
}

/** One loopback port: the Jira simulator's REST API under /rest/, the local Forge platform under /__forge/. */
export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  const simulator = createSimulator(options);
  simulator.faults.latencyMs = options.latencyMs ?? 0;
  let runtime: LocalRuntime | undefined;

  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/__forge/invoke' && req.method === 'POST' && runtime) {
      void handleInvoke(runtime, req, res);
    } else if (pathname === '/' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(renderIndexPage(url, simulator));
    } else if (pathname.startsWith('/__forge/')) {
      sendJson(res, 404, { message: `no local Forge endpoint ${req.method} ${pathname}` });
    } else {
      void simulator.handle(req, res);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  runtime = createLocalRuntime({ jiraBaseUrl: url, forgeSecret: simulator.forgeSecret });
  simulator.setBaseUrl(url);

  return {
    url,
    simulator,
    runtime,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await simulator.close();
    },
  };
}
