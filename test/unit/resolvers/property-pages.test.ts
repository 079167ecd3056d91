import { FIRST_PAGE_COUNT, LISTING_KEYS_BUDGET_BYTES, PAGE_MAX_KEYS } from '../../../src/domain/read-pages';
import { JiraError, ValidationError } from '../../../src/domain/errors';
import type { JiraClient } from '../../../src/jira/client';
import { firstPage, pageClock, readKeyList } from '../../../src/resolvers/property-pages';

describe('readKeyList (getPropertyValues keys)', () => {
  test('answers distinct keys as given', () => {
    expect(readKeyList(['a', 'a/b', 'ключ', 'a..b'])).toEqual(['a', 'a/b', 'ключ', 'a..b']);
  });

  test.each([
    ['not a list', 'a,b', /must be a list/],
    ['an object', { 0: 'a' }, /must be a list/],
    ['missing', undefined, /must be a list/],
    ['empty', [], /at least one/],
    ['too many keys', Array.from({ length: PAGE_MAX_KEYS + 1 }, (_, i) => `k${i}`), new RegExp(`at most ${PAGE_MAX_KEYS}`)],
    ['a key that is not a string', ['a', 7], /item 2: .*must be a string/],
    ['an empty key', [''], /item 1: .*must not be empty/],
    ['a dot segment', ['ok', '..'], /item 2: .*cannot address it/],
    ['a lone surrogate', ['\ud800'], /item 1: .*broken unicode/],
    ['a duplicate', ['a', 'b', 'a'], /"a" more than once/],
  ])('refuses %s', (_name, keys, message) => {
    expect(() => readKeyList(keys)).toThrow(ValidationError);
    expect(() => readKeyList(keys)).toThrow(message);
  });

  test('takes exactly PAGE_MAX_KEYS keys', () => {
    expect(readKeyList(Array.from({ length: PAGE_MAX_KEYS }, (_, i) => `k${i}`))).toHaveLength(PAGE_MAX_KEYS);
  });
});

test('pageClock says time is up after the page time budget', () => {
  let now = 1_000;
  const timeIsUp = pageClock(() => now);
  now += 7_999;
  expect(timeIsUp()).toBe(false);
  now += 1;
  expect(timeIsUp()).toBe(true);
});

describe('firstPage (the first answer of an open)', () => {
  const target = { accountId: '5b10ac8d82e05b22cc7d4ef5', needsAdmin: true };
  /** A reader whose getProperty answers every key, recording what it was asked. */
  function reader() {
    const asked: string[] = [];
    const jira = { getProperty: async (_accountId: string, key: string) => (asked.push(key), { key, json: JSON.stringify(key) }) } as unknown as JiraClient;
    return { reader: { jira }, asked };
  }

  test('reads FIRST_PAGE_COUNT values and answers the rest as remaining, unreadable keys in the page', async () => {
    const keys = ['..', ...Array.from({ length: 30 }, (_, i) => `k${i}`)];
    const { reader: r, asked } = reader();
    const page = await firstPage(r, target, keys, () => false);
    expect(asked).toEqual(keys.slice(1, 1 + FIRST_PAGE_COUNT));
    expect(page.properties.map((p) => p.key)).toEqual([...keys.slice(1, 1 + FIRST_PAGE_COUNT), '..']);
    expect(page.properties.at(-1)).toEqual({ key: '..', json: 'null', bytes: 0, unreadable: expect.any(String) });
    expect(page.remainingKeys).toEqual(keys.slice(1 + FIRST_PAGE_COUNT));
  });

  test('a listing whose key names alone would crowd the answer is refused, with nothing read', async () => {
    const keys = Array.from({ length: Math.ceil(LISTING_KEYS_BUDGET_BYTES / 250) }, (_, i) => `${i}`.padEnd(255, 'k'));
    const { reader: r, asked } = reader();
    await expect(firstPage(r, target, keys, () => false)).rejects.toThrow(JiraError);
    await expect(firstPage(r, target, keys, () => false)).rejects.toThrow(/more than the app can list/);
    expect(asked).toEqual([]);
  });
});
