import { NotFoundError, RateLimitedError } from '../../../src/domain/errors';
import { propertyEntry } from '../../../src/domain/property-json';
import { utf8Bytes } from '../../../src/domain/property-rules';
import { entryAnswerBytes } from '../../../src/domain/read-pages';
import { readPropertyPage, type PageBudget, type StoredProperty } from '../../../src/jira/user-properties';

/** A read whose answers (the values' JSON text) the test releases one by one, recording which keys were asked for and when. */
function controlledReads(values: Record<string, unknown>) {
  const asked: string[] = [];
  const pending = new Map<string, () => void>();
  let inFlight = 0;
  let peak = 0;
  const read = (key: string) =>
    new Promise<StoredProperty>((resolve, reject) => {
      asked.push(key);
      inFlight++;
      peak = Math.max(peak, inFlight);
      pending.set(key, () => {
        inFlight--;
        pending.delete(key);
        if (key in values) resolve({ key, json: JSON.stringify(values[key]) });
        else reject(new NotFoundError(`no ${key}`));
      });
    });
  return {
    read,
    asked,
    pending,
    peak: () => peak,
    /** Answers every read in flight, in the order asked, until none is left. */
    async drain() {
      for (;;) {
        await flush();
        const next = [...pending.values()][0];
        if (!next) return;
        next();
      }
    },
  };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
const budget = (overrides: Partial<PageBudget> = {}): PageBudget => ({
  concurrency: 3,
  maxCount: 100,
  maxBytes: 1_000_000,
  reservationBytes: 100,
  ...overrides,
});
const keysUpTo = (n: number) => Array.from({ length: n }, (_, i) => `k${String(i).padStart(3, '0')}`);
const valuesOf = (keys: string[], value: unknown = 1) => Object.fromEntries(keys.map((key) => [key, value]));

describe('readPropertyPage', () => {
  it('reads every key once, in order, with at most `concurrency` in flight', async () => {
    const keys = keysUpTo(10);
    const reads = controlledReads(valuesOf(keys));
    const page = readPropertyPage(reads.read, keys, budget());
    await reads.drain();
    await expect(page).resolves.toEqual({ properties: keys.map((key) => ({ key, json: '1', bytes: 1 })), unread: [] });
    expect(reads.asked).toEqual(keys);
    expect(reads.peak()).toBe(3);
  });

  it('stops at maxCount and answers the rest as unread, in order', async () => {
    const keys = keysUpTo(30);
    const reads = controlledReads(valuesOf(keys));
    const page = readPropertyPage(reads.read, keys, budget({ maxCount: 25 }));
    await reads.drain();
    const { properties, unread } = await page;
    expect(properties.map((p) => p.key)).toEqual(keys.slice(0, 25));
    expect(unread).toEqual(keys.slice(25));
    expect(reads.asked).toEqual(keys.slice(0, 25));
  });

  it('counts each entry as the JSON it takes in the answer, and each read in flight at the reservation', async () => {
    const value = 'x'.repeat(58); // 60 bytes as JSON; the entry carries that text as a JSON string, its quotes escaped
    const keys = keysUpTo(20);
    const cost = entryAnswerBytes(propertyEntry(keys[0], JSON.stringify(value)));
    expect(cost).toBe(utf8Bytes(JSON.stringify({ key: keys[0], json: JSON.stringify(value), bytes: 60 })));
    expect(cost).toBeGreaterThan(60 + 4);
    // Reserved at `cost` each, 5.5 entries allowed: 3 start (the concurrency), then one more each time one lands,
    // until 5 are read: 5 read + 1 reserved would pass the budget.
    const maxBytes = Math.floor(5.5 * cost);
    const reads = controlledReads(valuesOf(keys, value));
    const page = readPropertyPage(reads.read, keys, budget({ maxBytes, reservationBytes: cost }));
    await flush();
    expect(reads.asked).toHaveLength(3);
    await reads.drain();
    const { properties, unread } = await page;
    expect(properties.reduce((sum, p) => sum + entryAnswerBytes(p), 0)).toBeLessThanOrEqual(maxBytes);
    expect(properties.every((p) => p.bytes === 60)).toBe(true);
    expect(properties).toHaveLength(5);
    expect(unread).toEqual(keys.slice(5));
    expect(reads.asked).toEqual(keys.slice(0, 5));
  });

  it('leaves out keys deleted since the listing (404), which are not unread either', async () => {
    const reads = controlledReads({ a: 1, c: 3 });
    const page = readPropertyPage(reads.read, ['a', 'b', 'c'], budget());
    await reads.drain();
    await expect(page).resolves.toEqual({ properties: [{ key: 'a', json: '1', bytes: 1 }, { key: 'c', json: '3', bytes: 1 }], unread: [] });
  });

  it('starts no new read once time is up, but always the first one', async () => {
    const keys = keysUpTo(5);
    const reads = controlledReads(valuesOf(keys));
    const page = readPropertyPage(reads.read, keys, budget({ concurrency: 1, timeIsUp: () => true }));
    await reads.drain();
    await expect(page).resolves.toEqual({ properties: [{ key: keys[0], json: '1', bytes: 1 }], unread: keys.slice(1) });
  });

  it('always makes progress: one read even when a single value could pass maxBytes', async () => {
    const reads = controlledReads({ a: 1, b: 2 });
    const page = readPropertyPage(reads.read, ['a', 'b'], budget({ maxBytes: 10 }));
    await reads.drain();
    await expect(page).resolves.toEqual({ properties: [{ key: 'a', json: '1', bytes: 1 }], unread: ['b'] });
  });

  it('answers a key no URL can address as unreadable, without a read', async () => {
    const reads = controlledReads({ a: 1 });
    const page = readPropertyPage(reads.read, ['..', 'a'], budget());
    await reads.drain();
    await expect(page).resolves.toEqual({
      properties: [
        { key: '..', json: 'null', bytes: 0, unreadable: expect.stringMatching(/cannot address/) },
        { key: 'a', json: '1', bytes: 1 },
      ],
      unread: [],
    });
    expect(reads.asked).toEqual(['a']);
  });

  it('fails with the first error other than 404 and starts nothing after it', async () => {
    const asked: string[] = [];
    const read = async (key: string) => {
      asked.push(key);
      if (key === 'b') throw new RateLimitedError('busy');
      return { key, json: '1' };
    };
    await expect(readPropertyPage(read, ['a', 'b', 'c', 'd'], budget({ concurrency: 1 }))).rejects.toBeInstanceOf(RateLimitedError);
    expect(asked).toEqual(['a', 'b']);
  });

  it('answers an empty page for no keys without reading', async () => {
    const read = jest.fn();
    await expect(readPropertyPage(read, [], budget())).resolves.toEqual({ properties: [], unread: [] });
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses a concurrency that is not a positive integer', async () => {
    await expect(readPropertyPage(jest.fn(), ['a'], budget({ concurrency: 0 }))).rejects.toBeInstanceOf(RangeError);
  });
});
