import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulator, DEMO_USERS, type Simulator } from '../../harness/simulator';
import { API, basic, expectErrorCollection, keysPath, propertyPath, start, type Running } from './helpers';

// Client input is answered with a 4xx (hostile-input.test.ts); an exception is a simulator bug. It must still be an
// answer (500 with an ErrorCollection, or a closed connection once the answer has begun), be reported, and leave the
// simulator serving.
const { alice } = DEMO_USERS;

type Reported = { error: unknown; request: { method: string; url: string } };

describe('an exception inside an operation', () => {
  let run: Running;
  const reported: Reported[] = [];
  beforeEach(async () => {
    reported.length = 0;
    run = await start({ onInternalError: (error, request) => reported.push({ error, request }) });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await run.sim.close();
  });

  test('is answered 500 with an ErrorCollection, reported once, logged as a request; the next request is served', async () => {
    const bug = new Error('listKeys exploded');
    jest.spyOn(run.sim.store, 'listKeys').mockImplementationOnce(() => {
      throw bug;
    });
    const response = await run.call('GET', keysPath(alice.accountId), { as: basic(alice.email) });
    expect(response.status).toBe(500);
    expect((await expectErrorCollection(response)).errorMessages[0]).toMatch(/Internal server error.*listKeys exploded/);
    expect(reported).toEqual([{ error: bug, request: { method: 'GET', url: keysPath(alice.accountId) } }]);
    expect(run.sim.internalErrors).toEqual([`GET ${keysPath(alice.accountId)}: listKeys exploded`]);
    expect(run.sim.requests.at(-1)).toMatchObject({ method: 'GET', status: 500 });
    expect((await run.call('GET', keysPath(alice.accountId), { as: basic(alice.email) })).status).toBe(200);
    expect(reported).toHaveLength(1);
  });

  test('a write that throws half-way is a 500, not a hang', async () => {
    jest.spyOn(run.sim.store as unknown as { putPropertyJson(accountId: string, key: string, json: string): boolean }, 'putPropertyJson').mockImplementationOnce(() => {
      throw new TypeError('disk on fire');
    });
    const response = await run.put(propertyPath('k', alice.accountId), basic(alice.email), '{"a":1}');
    expect(response.status).toBe(500);
    await expectErrorCollection(response);
    expect(reported.map(({ error }) => String(error))).toEqual(['TypeError: disk on fire']);
  });

  test('a throwing logger does not stop the answer', async () => {
    await run.sim.close();
    run = await start({
      onInternalError: () => {
        throw new Error('the logger is broken too');
      },
    });
    // The GET reads the stored text (getPropertyJson), which it embeds raw; it no longer parses the value.
    jest.spyOn(run.sim.store, 'getPropertyJson').mockImplementationOnce(() => {
      throw new Error('boom');
    });
    const response = await run.call('GET', propertyPath('k', alice.accountId), { as: basic(alice.email) });
    expect(response.status).toBe(500);
    await expectErrorCollection(response);
    expect(run.sim.internalErrors).toHaveLength(1);
  });
});

test('without onInternalError, the error is logged with console.error', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const run = await start();
  try {
    jest.spyOn(run.sim.store, 'listKeys').mockImplementationOnce(() => {
      throw new Error('unlogged?');
    });
    expect((await run.call('GET', keysPath(alice.accountId), { as: basic(alice.email) })).status).toBe(500);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0][0]).toMatch(/internal error.*GET \/rest\/api\/3\/user\/properties/);
    expect(logged.mock.calls[0][1]).toEqual(new Error('unlogged?'));
  } finally {
    jest.restoreAllMocks();
    await run.sim.close();
  }
});

// handle() mounted in a host server whose response object fails: the failure is outside the operation's own guard.
describe('an exception while writing the answer (handle() mounted)', () => {
  let sim: Simulator;
  let server: http.Server;
  let url: string;
  let failure: 'writeHead' | 'end';
  const settled: Array<'resolved' | 'rejected'> = [];
  const reported: unknown[] = [];

  beforeEach(async () => {
    settled.length = 0;
    reported.length = 0;
    sim = createSimulator({ onInternalError: (error) => reported.push(error) });
    server = http.createServer((req, res) => {
      const original = failure === 'writeHead' ? res.writeHead : res.end;
      let failed = false;
      const failOnce = function (this: http.ServerResponse, ...args: unknown[]) {
        if (!failed) {
          failed = true;
          // For 'end', the simulator has already called writeHead: the answer has begun.
          throw new Error(`${failure} failed`);
        }
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      };
      if (failure === 'writeHead') res.writeHead = failOnce as typeof res.writeHead;
      else res.end = failOnce as typeof res.end;
      sim.handle(req, res).then(
        () => settled.push('resolved'),
        () => settled.push('rejected'),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await sim.close();
  });

  test('before the answer began: a 500 with an ErrorCollection, and handle() resolves', async () => {
    failure = 'writeHead';
    const response = await fetch(`${url}${API}/myself`, { headers: basic(alice.email) });
    expect(response.status).toBe(500);
    expect((await expectErrorCollection(response)).errorMessages[0]).toMatch(/writeHead failed/);
    expect(settled).toEqual(['resolved']);
    expect(reported).toEqual([new Error('writeHead failed')]);
  });

  test('after the answer began: the connection is closed (no hang), and handle() resolves', async () => {
    failure = 'end';
    await expect(fetch(`${url}${API}/myself`, { headers: basic(alice.email), signal: AbortSignal.timeout(3000) }).then((r) => r.text())).rejects.toThrow(
      /fetch failed|terminated|other side closed/,
    );
    expect(settled).toEqual(['resolved']);
    expect(reported).toEqual([new Error('end failed')]);
    expect(sim.internalErrors).toHaveLength(1);
  });
});
