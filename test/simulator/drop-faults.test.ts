import type { FaultRule } from '../../harness/simulator';
import { DEMO_USERS } from '../../harness/simulator';
import { API, basic, forge, propertyPath, start, type Running } from './helpers';

const { alice, bob } = DEMO_USERS;

let run: Running;
beforeEach(async () => {
  run = await start({ validateContract: true });
});
afterEach(async () => {
  await run.sim.close();
});

const writeTeam = (value: string) => run.put(propertyPath('team', alice.accountId), basic(alice.email), JSON.stringify(value));
const deleteTeam = () => run.call('DELETE', propertyPath('team', alice.accountId), { as: basic(alice.email) });

/** The client's view of a dropped connection: fetch rejects (no status at all), it never resolves. */
async function expectDropped(pending: Promise<Response>): Promise<void> {
  await expect(pending).rejects.toThrow();
}

describe('drop-before', () => {
  test('destroys the connection without handling the request: a PUT is not applied', async () => {
    run.sim.faults.add({ kind: 'drop-before', times: 1, method: 'PUT' });
    await expectDropped(writeTeam('Dropped'));
    expect(run.sim.store.getProperty(alice.accountId, 'team')).toBe('Platform');
    expect(run.sim.requests).toEqual([
      {
        seq: 1,
        method: 'PUT',
        pathname: `${API}/user/properties/team`,
        query: { accountId: alice.accountId },
        principal: { kind: 'user', accountId: alice.accountId },
        status: 0,
        dropped: 'drop-before',
      },
    ]);
  });

  test('a DELETE is not applied either', async () => {
    run.sim.faults.add({ kind: 'drop-before', times: 1, method: 'DELETE' });
    await expectDropped(deleteTeam());
    expect(run.sim.store.getProperty(alice.accountId, 'team')).toBe('Platform');
    expect(run.sim.requests.map((r) => [r.status, r.dropped, r.handledStatus])).toEqual([[0, 'drop-before', undefined]]);
  });

  test('the next request (on a new connection) is handled normally', async () => {
    run.sim.faults.add({ kind: 'drop-before', times: 1 });
    await expectDropped(writeTeam('Dropped'));
    const response = await writeTeam('Kept');
    expect(response.status).toBe(200);
    expect(run.sim.store.getProperty(alice.accountId, 'team')).toBe('Kept');
    expect(run.sim.requests.map((r) => r.status)).toEqual([0, 200]);
  });
});

describe('drop-after', () => {
  test('handles the request fully, then destroys the connection: the PUT IS applied, the answer is lost', async () => {
    run.sim.faults.add({ kind: 'drop-after', times: 1, method: 'PUT' });
    await expectDropped(run.put(propertyPath('newKey', alice.accountId), basic(alice.email), '{"a":1}'));
    expect(run.sim.store.getProperty(alice.accountId, 'newKey')).toEqual({ a: 1 });
    expect(run.sim.requests).toEqual([
      {
        seq: 1,
        method: 'PUT',
        pathname: `${API}/user/properties/newKey`,
        query: { accountId: alice.accountId },
        principal: { kind: 'user', accountId: alice.accountId },
        status: 0,
        dropped: 'drop-after',
        handledStatus: 201,
      },
    ]);
    // A retry of the same PUT now finds the property: 200 (updated), not 201.
    expect((await run.put(propertyPath('newKey', alice.accountId), basic(alice.email), '{"a":1}')).status).toBe(200);
  });

  test('a dropped DELETE is applied; its retry answers 404', async () => {
    run.sim.faults.add({ kind: 'drop-after', times: 1, method: 'DELETE' });
    await expectDropped(deleteTeam());
    expect(run.sim.store.getProperty(alice.accountId, 'team')).toBeUndefined();
    expect((await deleteTeam()).status).toBe(404);
    expect(run.sim.requests.map((r) => [r.method, r.status, r.dropped, r.handledStatus])).toEqual([
      ['DELETE', 0, 'drop-after', 204],
      ['DELETE', 404, undefined, undefined],
    ]);
  });

  test('a request the simulator refuses is still refused (handledStatus shows what was lost)', async () => {
    run.sim.faults.add({ kind: 'drop-after', times: 1 });
    await expectDropped(run.put(propertyPath('team', bob.accountId), basic(alice.email), '"Hijack"'));
    expect(run.sim.store.getProperty(bob.accountId, 'team')).toBe('Support');
    expect(run.sim.requests.map((r) => [r.status, r.handledStatus])).toEqual([[0, 403]]);
  });

  test('works for the Forge principal channel and for reads', async () => {
    run.sim.faults.add({ kind: 'drop-after', times: 1, method: 'GET' });
    await expectDropped(run.call('GET', propertyPath('team', bob.accountId), { as: forge(run.sim, 'app') }));
    const again = await run.call('GET', propertyPath('team', bob.accountId), { as: forge(run.sim, 'app') });
    expect(again.status).toBe(200);
    expect(run.sim.requests.map((r) => [r.principal.kind, r.status, r.handledStatus])).toEqual([
      ['app', 0, 200],
      ['app', 200, undefined],
    ]);
  });
});

describe('rules', () => {
  test('kind defaults to status; status rules still answer as before', async () => {
    run.sim.faults.add({ kind: 'status', status: 503, times: 1 });
    expect((await writeTeam('x')).status).toBe(503);
    expect(run.sim.requests[0]).not.toHaveProperty('dropped');
  });

  test('times counts down, method and pathIncludes narrow, the first matching rule wins across kinds', async () => {
    const drop: FaultRule = { kind: 'drop-before', times: 2, pathIncludes: '/user/properties/team' };
    run.sim.faults.add(drop);
    run.sim.faults.add({ status: 500, times: 5, method: 'PUT' });
    await expectDropped(writeTeam('a'));
    await expectDropped(writeTeam('b'));
    expect(drop.times).toBe(0);
    expect((await writeTeam('c')).status).toBe(500);
    expect((await run.call('GET', `${API}/myself`, { as: basic(alice.email) })).status).toBe(200);
    expect(run.sim.store.getProperty(alice.accountId, 'team')).toBe('Platform');
  });

  test('latency applies before a drop', async () => {
    run.sim.faults.latencyMs = 150;
    run.sim.faults.add({ kind: 'drop-before', times: 1 });
    const started = performance.now();
    await expectDropped(writeTeam('x'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('malformed rules are refused', () => {
    const add = (rule: unknown) => () => run.sim.faults.add(rule as FaultRule);
    expect(add({ kind: 'drop-before', times: -1 })).toThrow(/times/);
    expect(add({ kind: 'explode', times: 1 })).toThrow(/kind/);
    expect(add({ times: 1 })).toThrow(/status/);
    expect(add({ kind: 'status', status: 418, times: 1 })).toThrow(/status/);
    expect(add({ kind: 'drop-after', status: 503, times: 1 })).toThrow(/drop/);
    expect(add({ kind: 'drop-after', retryAfterSeconds: 1, times: 1 })).toThrow(/drop/);
  });

  test('drops are not contract violations', async () => {
    run.sim.faults.add({ kind: 'drop-before', times: 1 });
    run.sim.faults.add({ kind: 'drop-after', times: 1 });
    await expectDropped(writeTeam('x'));
    await expectDropped(writeTeam('y'));
    expect(run.sim.contractViolations).toEqual([]);
  });
});
