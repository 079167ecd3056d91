import { connect, type Socket } from 'node:net';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../harness/simulator';

export const API = '/rest/api/3';

export type Caller = Record<string, string>;

export function basic(email: string, token = 'api-token-123'): Caller {
  return { authorization: `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}` };
}

export function forge(sim: Simulator, principal: string, secret = sim.forgeSecret): Caller {
  return { 'x-forge-secret': secret, 'x-forge-principal': principal };
}

export const anonymous: Caller = {};

export interface Running {
  sim: Simulator;
  base: string;
  call(method: string, path: string, options?: { as?: Caller; body?: BodyInit; headers?: Record<string, string> }): Promise<Response>;
  /** PUT with a JSON content type, as every real client does. */
  put(path: string, as: Caller, body: string): Promise<Response>;
}

export async function start(options: SimulatorOptions = {}): Promise<Running> {
  const sim = createSimulator(options);
  const base = await sim.listen();
  const call: Running['call'] = (method, path, opts = {}) =>
    fetch(`${base}${path}`, { method, headers: { ...(opts.as ?? {}), ...(opts.headers ?? {}) }, body: opts.body });
  const put: Running['put'] = (path, as, body) => call('PUT', path, { as, body, headers: { 'content-type': 'application/json' } });
  return { sim, base, call, put };
}

export function propertyPath(key: string, accountId: string): string {
  return `${API}/user/properties/${encodeURIComponent(key)}?accountId=${encodeURIComponent(accountId)}`;
}

export function keysPath(accountId: string): string {
  return `${API}/user/properties?accountId=${encodeURIComponent(accountId)}`;
}

export async function expectErrorCollection(response: Response): Promise<{ errorMessages: string[]; errors: Record<string, string> }> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { errorMessages: string[]; errors: Record<string, string> };
  expect(Object.keys(body).sort()).toEqual(['errorMessages', 'errors']);
  expect(body.errorMessages.length).toBeGreaterThan(0);
  body.errorMessages.forEach((message) => expect(typeof message).toBe('string'));
  return body;
}

export interface RawAnswer {
  /** Interim (1xx) statuses received before the final answer, e.g. [100]. */
  interim: number[];
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawRequest {
  /** The request line and headers, without the blank line that ends them. */
  head: string;
  /** Written right after the head; the socket stays open for more (a declared length not yet reached). */
  body?: Buffer | string;
  /** Called on each 1xx answer, e.g. to send the body after 100 Continue. */
  onInterim?: (status: number, socket: Socket) => void;
  /** Reject when no final answer has arrived by then (a server waiting for a body that never comes). */
  timeoutMs?: number;
}

/**
 * One HTTP/1.1 exchange over a plain socket, for what fetch cannot send: a Content-Length it never honours, raw
 * bytes in the request target, a chunked body left open, `Expect: 100-continue`. Settles on the first final answer.
 */
export function rawExchange(base: string, request: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const interim: number[] = [];
    let buffer = Buffer.alloc(0);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(new Error(`no answer within ${request.timeoutMs ?? 3000} ms`))), request.timeoutMs ?? 3000);
    socket.on('error', () => undefined);
    socket.on('close', () => settle(() => reject(new Error('connection closed without a complete answer'))));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [statusLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]);
        const headers = Object.fromEntries(
          lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
        );
        if (status >= 100 && status < 200) {
          interim.push(status);
          buffer = buffer.subarray(end + 4);
          request.onInterim?.(status, socket);
          continue;
        }
        const length = Number(headers['content-length'] ?? 0);
        if (buffer.length < end + 4 + length) return;
        const body = buffer.subarray(end + 4, end + 4 + length);
        settle(() => resolve({ interim, status, headers, body }));
        return;
      }
    });
    socket.once('connect', () => {
      socket.write(`${request.head}\r\n\r\n`, 'latin1');
      if (request.body !== undefined) socket.write(request.body);
    });
  });
}
