import { JiraError, NotFoundError } from '../../../src/domain/errors';
import { keyValueBytes, readKeyValue, readKeyValues, type KeyValue } from '../../../src/jira/key-values';
import { clientFor, FakeJira, jsonResponse } from './fake-jira';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `user-${String(i).padStart(3, '0')}`);
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('readKeyValue', () => {
  const clientOf = (fake: FakeJira) => clientFor(fake).client;

  test('answers the exact text Jira sent, digit for digit', async () => {
    const fake = new FakeJira().answer(new Response('{"key":"k","value":{"id":12345678901234567890}}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
    expect(await readKeyValue(clientOf(fake), 'u1', 'k')).toEqual({ accountId: 'u1', json: '{"id":12345678901234567890}' });
    expect(fake.calls).toHaveLength(1);
  });

  test('a 404 for the key: the listing tells a user without the key from a user that does not exist', async () => {
    const noKey = new FakeJira().answer(jsonResponse(404, { errorMessages: ['The property was not found.'] }), jsonResponse(200, { keys: [] }));
    expect(await readKeyValue(clientOf(noKey), 'u1', 'k')).toEqual({ accountId: 'u1' });
    expect(noKey.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /rest/api/3/user/properties/k', 'GET /rest/api/3/user/properties']);

    const gone = new FakeJira().answer(jsonResponse(404, { errorMessages: ['User not found.'] }), jsonResponse(404, { errorMessages: ['User not found.'] }));
    const value = await readKeyValue(clientOf(gone), 'u1', 'k');
    expect(value).toEqual({ accountId: 'u1', error: expect.stringContaining('Jira could not find user u1') });
  });

  test('a 403 on one user is that user\'s error; a 5xx past its retries is not', async () => {
    const refused = new FakeJira().answer(jsonResponse(403, { errorMessages: ['No.'] }));
    expect(await readKeyValue(clientOf(refused), 'u1', 'k')).toEqual({ accountId: 'u1', error: expect.stringContaining('Jira denied permission') });
    const failing = new FakeJira(() => jsonResponse(500, { errorMessages: ['Boom.'] }));
    await expect(readKeyValue(clientOf(failing), 'u1', 'k')).rejects.toBeInstanceOf(JiraError);
  });
});

describe('readKeyValues', () => {
  const budget = { concurrency: 3, maxBytes: 1_000_000, reservationBytes: 1_000, timeIsUp: () => false };

  test('reads every user once, in order, at most `concurrency` at a time', async () => {
    let inFlight = 0;
    let peak = 0;
    const asked: string[] = [];
    const read = async (accountId: string): Promise<KeyValue> => {
      asked.push(accountId);
      peak = Math.max(peak, ++inFlight);
      await flush();
      inFlight--;
      return accountId.endsWith('1') ? { accountId } : { accountId, json: `"${accountId}"` };
    };
    const values = await readKeyValues(read, ids(20), budget);
    expect(values.map((v) => v.accountId)).toEqual(ids(20));
    expect(values[1]).toEqual({ accountId: 'user-001' });
    expect(values[2]).toEqual({ accountId: 'user-002', json: '"user-002"' });
    expect(asked).toEqual(ids(20));
    expect(peak).toBe(3);
  });

  test('stops starting reads at the byte budget or when time is up, answering a prefix; the first read always starts', async () => {
    const big = 'x'.repeat(400);
    const read = async (accountId: string): Promise<KeyValue> => ({ accountId, json: `"${big}"` });
    const one = keyValueBytes({ accountId: 'user-000', json: `"${big}"` });
    // Room for 5 values read plus one in flight at its reservation: reads stop with a prefix answered.
    const byBytes = await readKeyValues(read, ids(20), { concurrency: 1, maxBytes: 5 * one + 1_000, reservationBytes: 1_000, timeIsUp: () => false });
    expect(byBytes.map((v) => v.accountId)).toEqual(ids(6));
    const inTime = await readKeyValues(read, ids(20), { ...budget, timeIsUp: () => true });
    expect(inTime.map((v) => v.accountId)).toEqual(ids(1));
    expect(await readKeyValues(read, [], budget)).toEqual([]);
  });

  test('a failure that is not about one user fails the read', async () => {
    const read = async (accountId: string): Promise<KeyValue> => {
      if (accountId === 'user-004') throw new NotFoundError('should have been caught by readKeyValue');
      return { accountId };
    };
    await expect(readKeyValues(read, ids(10), budget)).rejects.toBeInstanceOf(NotFoundError);
  });
});
