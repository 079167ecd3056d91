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
