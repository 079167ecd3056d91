import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulator, DEMO_USERS, type Simulator } from '../../harness/simulator';
import { API, basic } from './helpers';

const { alice } = DEMO_USERS;

// A host server like the local app server: its own routes, the simulator for everything under /rest/ and /avatars/.
async function mount(sim: Simulator, onWriteHead: () => void): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/host-only') {
      res.end('host');
      return;
    }
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.writeHead = ((...args: unknown[]) => {
      onWriteHead();
      return writeHead(...args);
    }) as typeof res.writeHead;
    void sim.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('handle() mounted in another server', () => {
  let sim: Simulator;
  let server: http.Server;
  let url: string;
  const loggedAtWrite: number[] = [];

  beforeEach(async () => {
    sim = createSimulator();
    loggedAtWrite.length = 0;
    ({ server, url } = await mount(sim, () => loggedAtWrite.push(sim.requests.length)));
    sim.setBaseUrl(`${url}/`);
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await sim.close();
  });

  test('serves the API, with links on the host it was reached through', async () => {
    expect(sim.baseUrl).toBe(url);
    const response = await fetch(`${url}${API}/user/properties?accountId=${alice.accountId}`, { headers: basic(alice.email) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { keys: Array<{ self: string }> };
    expect(body.keys[0].self.startsWith(`${url}${API}/user/properties/`)).toBe(true);
    expect(await (await fetch(`${url}/host-only`)).text()).toBe('host');
  });

  test('each request is logged before its response is written', async () => {
    await fetch(`${url}${API}/myself`, { headers: basic(alice.email) });
    await fetch(`${url}${API}/myself`);
    expect(loggedAtWrite).toEqual([1, 2]);
    expect(sim.requests.map((r) => r.status)).toEqual([200, 401]);
  });
});

describe('listen() and close()', () => {
  test('listen() answers the base URL; a second listen() is refused; close() is idempotent', async () => {
    const sim = createSimulator();
    const base = await sim.listen();
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.baseUrl).toBe(base);
    await expect(sim.listen()).rejects.toThrow(/already listening/);
    // A keep-alive connection must not hold close() open.
    expect((await fetch(`${base}${API}/myself`, { headers: basic(alice.email) })).status).toBe(200);
    await sim.close();
    await sim.close();
    await expect(fetch(`${base}${API}/myself`)).rejects.toThrow();
    await expect(sim.listen()).rejects.toThrow(/closed/);
  });

  test('close() without listen() closes the database', async () => {
    const sim = createSimulator();
    await sim.close();
    expect(() => sim.store.listUsers()).toThrow();
  });
});
