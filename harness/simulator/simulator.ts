import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchOperation, validateRequest, validateResponse } from '../contract/openapi';
import { authenticate } from './auth';
import { MESSAGES } from './errors';
import { FaultInjector } from './faults';
import { errorResponse, readBody, writeResponse, type SimResponse } from './http';
import { AVATAR_PREFIX, dispatch } from './routes/router';
import { seedDemoSite } from './seed';
import { SimStore } from './store';
import type { DropFaultKind, LoggedRequest, SimPrincipal, Simulator, SimulatorOptions } from './types';

const ANONYMOUS: SimPrincipal = { kind: 'anonymous' };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

// The JSON that actually went over the wire, as a client would parse it.
function wireBody(response: SimResponse): unknown | undefined {
  return response.json === undefined ? undefined : JSON.parse(JSON.stringify(response.json));
}

export function createSimulator(opts: SimulatorOptions = {}): Simulator {
  const store = new SimStore(opts.dbPath ?? ':memory:');
  if (opts.seed !== false) seedDemoSite(store);
  const forgeSecret = opts.forgeSecret ?? randomBytes(32).toString('hex');
  const faults = new FaultInjector();
  const requests: LoggedRequest[] = [];
  const contractViolations: string[] = [];
  let server: http.Server | undefined;
  let closed = false;
  let seq = 0;

  function checkContract(method: string, url: URL, response: SimResponse | undefined, injected: boolean): void {
    const status = response?.status ?? 0;
    const report = (problem: string) => contractViolations.push(`${method} ${url.pathname} → ${status}: ${problem}`);
    validateRequest(method, url.pathname, url.searchParams).forEach(report);
    // Injected faults stand for Jira's edge (rate limiter, gateway): any operation can answer them. A request
    // dropped before handling has no answer to check.
    if (injected || !response) return;
    const operation = matchOperation(method, url.pathname);
    if (operation) validateResponse(method, operation.template, response.status, wireBody(response)).forEach(report);
  }

  // A dropped connection: the client sees the socket close with no (or no complete) answer.
  function dropConnection(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.socket) req.socket.destroy();
    else res.destroy();
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const base = req.headers.host ? `http://${req.headers.host}` : (simulator.baseUrl ?? 'http://127.0.0.1');
    const url = new URL(req.url ?? '/', base);
    const isAvatar = url.pathname.startsWith(AVATAR_PREFIX);
    let principal = ANONYMOUS;
    let response: SimResponse | undefined;
    let injected = false;
    let dropped: DropFaultKind | undefined;
    try {
      const body = await readBody(req);
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      const auth = authenticate(req.headers, store, forgeSecret);
      if (auth.ok) principal = auth.principal;
      const fault = isAvatar ? undefined : faults.take(method, url.pathname);
      if (fault?.kind === 'status') {
        response = fault.response;
        injected = true;
      } else {
        dropped = fault?.kind;
        // drop-before: the request is never handled, so nothing is applied.
        if (dropped !== 'drop-before') response = await dispatch({ method, url, base, headers: req.headers, body, store }, auth);
      }
    } catch (error) {
      response = errorResponse(500, `${MESSAGES.internalError} ${error instanceof Error ? error.message : String(error)}`);
    }

    const logged: LoggedRequest = {
      seq: ++seq,
      method,
      pathname: url.pathname,
      query: Object.fromEntries(url.searchParams),
      principal,
      status: dropped ? 0 : (response as SimResponse).status,
    };
    if (dropped) logged.dropped = dropped;
    if (dropped === 'drop-after' && response) logged.handledStatus = response.status;
    requests.push(logged);
    if (opts.validateContract && !isAvatar) checkContract(method, url, response, injected);
    if (dropped || !response) dropConnection(req, res);
    else writeResponse(res, response);
  }

  async function listen(port = 0, host = '127.0.0.1'): Promise<string> {
    if (closed) throw new Error('simulator is closed');
    if (server) throw new Error(`simulator is already listening on ${simulator.baseUrl}`);
    const created = http.createServer((req, res) => void handle(req, res));
    server = created;
    await new Promise<void>((resolve, reject) => {
      created.once('error', reject);
      created.listen(port, host, () => {
        created.off('error', reject);
        resolve();
      });
    });
    const address = created.address() as AddressInfo;
    simulator.baseUrl = `http://${formatHost(host)}:${address.port}`;
    return simulator.baseUrl;
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    if (server) {
      const listening = server;
      server = undefined;
      // Keep-alive sockets from fetch would otherwise hold close() open.
      listening.closeAllConnections();
      await new Promise<void>((resolve, reject) => listening.close((error) => (error ? reject(error) : resolve())));
    }
    store.close();
  }

  const simulator: Simulator = {
    handle,
    listen,
    baseUrl: undefined,
    setBaseUrl: (url: string) => {
      simulator.baseUrl = url.replace(/\/+$/, '');
    },
    forgeSecret,
    requests,
    contractViolations,
    faults,
    store,
    close,
  };
  return simulator;
}
