import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { matchOperation, validateRequest, validateResponse } from '../contract/openapi';
import { authenticate } from './auth';
import { errorCollection, MESSAGES } from './errors';
import { FaultInjector } from './faults';
import { discardUnreadBody, errorResponse, MAX_REQUEST_BODY_BYTES, readBody, writeResponse, type SimResponse } from './http';
import { RateLimiter, type RateLimitDecision } from './rate-limiter';
import { AVATAR_PREFIX, route } from './routes/router';
import { seedDemoSite } from './seed';
import { addSiteUsers, type SiteGeneration } from './site/add-site-users';
import { SimStore } from './store';
import type { DropFaultKind, LoggedRequest, RateLimitOptions, SimPrincipal, Simulator, SimulatorOptions } from './types';

const ANONYMOUS: SimPrincipal = { kind: 'anonymous' };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

// The origin for links, from the Host header when it is a plain host[:port]; anything else falls back.
function originOf(host: string | undefined, fallback: string): string {
  if (!host) return fallback;
  try {
    const url = new URL(`http://${host}`);
    const plain = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    return plain ? `http://${url.host}` : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Node's HTTP parser refuses some requests before there is a request object (a bad request line or header, broken
 * chunked framing, Content-Length with Transfer-Encoding, headers past its 16 KB limit, a request not received within
 * `requestTimeout`). By default it answers those with an empty body; here they get the status Node would send, with
 * an ErrorCollection like every other error. The limits are Node's (Atlassian does not document its own).
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // Node's own rule: a reset connection, or one whose answer has begun, can only be closed.
  const inFlight = (socket as Duplex & { _httpMessage?: http.ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, MESSAGES.requestHeadersTooLarge]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, MESSAGES.requestTimeout]
        : [400, MESSAGES.malformedRequest];
  const body = JSON.stringify(errorCollection([message]));
  const head = [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
    'content-type: application/json;charset=UTF-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

function defaultInternalErrorLog(error: unknown, request: { method: string; url: string }): void {
  console.error(`[jira-simulator] internal error (a simulator bug) while handling ${request.method} ${request.url}:`, error);
}

// The JSON that actually went over the wire, as a client would parse it. Only the contract check uses it, so a lossy
// parse of a text body (big numbers become doubles) is fine: the schema constrains types, never digits.
function wireBody(response: SimResponse): unknown | undefined {
  if (response.jsonText !== undefined) return JSON.parse(response.jsonText);
  return response.json === undefined ? undefined : JSON.parse(JSON.stringify(response.json));
}

export function createSimulator(opts: SimulatorOptions = {}): Simulator {
  // Options are checked before the database is opened; a seed or generation that throws closes it again.
  let rateLimiter = opts.rateLimits ? new RateLimiter(opts.rateLimits) : undefined;
  const store = new SimStore(opts.dbPath ?? ':memory:');
  let generatedSite: SiteGeneration | undefined;
  try {
    if (opts.seed !== false) seedDemoSite(store);
    if (opts.siteUsers) generatedSite = addSiteUsers(store, opts.siteUsers, opts.siteSeed);
  } catch (error) {
    store.close();
    throw error;
  }
  const forgeSecret = opts.forgeSecret ?? randomBytes(32).toString('hex');
  const faults = new FaultInjector();
  const requests: LoggedRequest[] = [];
  const contractViolations: string[] = [];
  const internalErrors: string[] = [];
  const loggedRequests = new WeakSet<http.IncomingMessage>();
  let server: http.Server | undefined;
  let closed = false;
  let seq = 0;

  // `edge`: answered before the operation ran (injected faults, a body over the size limit, an unparsable target):
  // Jira's edge (rate limiter, gateway) answers these for any operation, so only the request is checked.
  function checkContract(method: string, url: URL, response: SimResponse | undefined, edge: boolean): void {
    const status = response?.status ?? 0;
    const report = (problem: string) => contractViolations.push(`${method} ${url.pathname} → ${status}: ${problem}`);
    validateRequest(method, url.pathname, url.searchParams).forEach(report);
    // A request dropped before handling has no answer to check.
    if (edge || !response) return;
    const operation = matchOperation(method, url.pathname);
    if (operation) validateResponse(method, operation.template, response.status, wireBody(response)).forEach(report);
  }

  // A dropped connection: the client sees the socket close with no (or no complete) answer.
  function dropConnection(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.socket) req.socket.destroy();
    else res.destroy();
  }

  /**
   * One request, in this order: latency; credentials (headers only); injected faults; route, authentication and method
   * (404, 401, 405: answered without reading the body); then the body, at most MAX_REQUEST_BODY_BYTES (413 beyond);
   * then the operation. `continueExpected`: the client sent `Expect: 100-continue` and nothing has answered it yet; it
   * is told to send the body only once the request has passed everything above.
   */
  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse, continueExpected: boolean): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const base = originOf(req.headers.host, simulator.baseUrl ?? 'http://127.0.0.1');
    let url: URL | undefined;
    try {
      url = new URL(req.url ?? '/', base);
    } catch {
      url = undefined;
    }
    // RFC 9112 §3.2: a server must answer 400 to an HTTP/1.1 request without Host. (Node would answer it with an empty
    // body before the simulator saw it; listen() turns that off so the answer is an ErrorCollection.)
    const hostMissing = req.httpVersion === '1.1' && req.headers.host === undefined;
    const isAvatar = url?.pathname.startsWith(AVATAR_PREFIX) ?? false;
    let principal = ANONYMOUS;
    let response: SimResponse | undefined;
    let edge = false;
    let dropped: DropFaultKind | undefined;
    try {
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      const auth = authenticate(req.headers, store, forgeSecret);
      if (auth.ok) principal = auth.principal;
      // Jira's rate limiter stands before everything else (a refused request is not handled); injected faults come after.
      const limit = isAvatar || !url || hostMissing ? undefined : limitApp(req, principal, method, url);
      const fault = isAvatar || !url || hostMissing || limit?.allowed === false ? undefined : faults.take(method, url.pathname);
      if (!url || hostMissing) {
        response = errorResponse(400, hostMissing ? MESSAGES.hostRequired : MESSAGES.badRequestTarget);
        edge = true;
      } else if (limit?.allowed === false) {
        response = limit.response;
        edge = true;
      } else if (fault?.kind === 'status') {
        response = fault.response;
        edge = true;
      } else {
        dropped = fault?.kind;
        // drop-before: the request is never handled, so nothing is applied.
        if (dropped !== 'drop-before') {
          const routed = route({ method, url, base, headers: req.headers, store }, auth);
          if ('answer' in routed) {
            response = routed.answer;
          } else {
            if (continueExpected) res.writeContinue();
            const read = await readBody(req, MAX_REQUEST_BODY_BYTES);
            if (read.kind === 'ok') {
              response = await routed.run(read.body);
            } else {
              response =
                read.kind === 'too-large' ? errorResponse(413, MESSAGES.bodyTooLarge(MAX_REQUEST_BODY_BYTES)) : errorResponse(400, MESSAGES.bodyIncomplete);
              edge = true;
            }
          }
        }
      }
      if (limit?.allowed && response) response = { ...response, headers: { ...limit.headers, ...response.headers } };
    } catch (error) {
      reportInternalError(error, req);
      response = internalErrorResponse(error);
    }

    const logged: LoggedRequest = {
      seq: ++seq,
      method,
      pathname: url?.pathname ?? req.url ?? '',
      query: url ? Object.fromEntries(url.searchParams) : {},
      principal,
      status: dropped ? 0 : (response as SimResponse).status,
    };
    if (dropped) logged.dropped = dropped;
    if (dropped === 'drop-after' && response) logged.handledStatus = response.status;
    requests.push(logged);
    loggedRequests.add(req);
    if (opts.validateContract && !isAvatar && url) {
      try {
        checkContract(method, url, response, edge);
      } catch (error) {
        contractViolations.push(`${method} ${url.pathname} → ${logged.status}: the contract check failed: ${String(error)}`);
      }
    }
    if (dropped || !response) {
      dropConnection(req, res);
    } else {
      discardUnreadBody(req, res);
      writeResponse(res, response);
    }
  }

  // Only the app's own requests (the local Forge runtime's principal header, asApp or asUser) draw on its budgets.
  function limitApp(req: http.IncomingMessage, principal: SimPrincipal, method: string, url: URL): RateLimitDecision | undefined {
    if (!rateLimiter || req.headers['x-forge-secret'] === undefined || principal.kind === 'anonymous') return undefined;
    const endpoint = matchOperation(method, url.pathname)?.template ?? url.pathname;
    return rateLimiter.take(principal, method, endpoint);
  }

  function internalErrorResponse(error: unknown): SimResponse {
    return errorResponse(500, `${MESSAGES.internalError} ${error instanceof Error ? error.message : String(error)}`);
  }

  // Every exception is a simulator bug (client input is answered with a 4xx): recorded, and passed to the logger.
  function reportInternalError(error: unknown, req: http.IncomingMessage): void {
    const request = { method: req.method ?? 'GET', url: req.url ?? '' };
    internalErrors.push(`${request.method} ${request.url.slice(0, 200)}: ${error instanceof Error ? error.message : String(error)}`);
    try {
      (opts.onInternalError ?? defaultInternalErrorLog)(error, request);
    } catch {
      // A throwing logger must not turn one bug into an unanswered request.
    }
  }

  /**
   * handleRequest, guaranteed to settle without throwing: an exception outside its own guard (logging, the contract
   * check, writing the answer) is reported like any other and answered 500, or, when the answer has already begun,
   * ends the connection. A host server calls `void handle(req, res)`, so a rejection here would be unhandled.
   */
  async function handleGuarded(req: http.IncomingMessage, res: http.ServerResponse, continueExpected: boolean): Promise<void> {
    try {
      await handleRequest(req, res, continueExpected);
    } catch (error) {
      reportInternalError(error, req);
      if (!loggedRequests.has(req)) {
        requests.push({ seq: ++seq, method: (req.method ?? 'GET').toUpperCase(), pathname: req.url ?? '', query: {}, principal: ANONYMOUS, status: 500 });
      }
      try {
        if (res.headersSent) throw new Error('the answer had already begun');
        discardUnreadBody(req, res);
        writeResponse(res, internalErrorResponse(error));
      } catch {
        res.destroy();
        req.socket?.destroy();
      }
    }
  }

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => handleGuarded(req, res, false);

  async function listen(port = 0, host = '127.0.0.1'): Promise<string> {
    if (closed) throw new Error('simulator is closed');
    if (server) throw new Error(`simulator is already listening on ${simulator.baseUrl}`);
    const created = http.createServer({ requireHostHeader: false }, (req, res) => void handle(req, res));
    // Without this listener Node answers `Expect: 100-continue` at once, inviting a body the simulator may refuse.
    created.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => void handleGuarded(req, res, true));
    created.on('clientError', answerClientError);
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
    internalErrors,
    faults,
    rateLimits: {
      get enabled() {
        return rateLimiter !== undefined;
      },
      configure(options: RateLimitOptions | undefined) {
        rateLimiter = options ? new RateLimiter(options) : undefined;
      },
    },
    generatedSite,
    store,
    close,
  };
  return simulator;
}
