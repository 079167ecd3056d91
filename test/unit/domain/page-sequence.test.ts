import { readRemainingPages, STALLED_ERROR, type PageAnswer, type PageSequence } from '../../../src/domain/page-sequence';
import { PAGE_MAX_KEYS } from '../../../src/domain/read-pages';
import type { Envelope, ErrorBody, PropertyEntry } from '../../../src/shared/contract';

const entry = (key: string): PropertyEntry => ({ key, json: JSON.stringify(key), bytes: key.length + 2 });
const keysUpTo = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`);

/** A sequence over a fake getPropertyValues that reads up to `perPage` of the keys asked for. */
function sequenceOver(answer: (keys: string[]) => Envelope<PageAnswer>, isCurrent: () => boolean = () => true) {
  const asked: string[][] = [];
  const pages: Array<{ properties: PropertyEntry[]; remaining: readonly string[] }> = [];
  const errors: Array<{ error: ErrorBody; remaining: readonly string[] }> = [];
  const sequence: PageSequence = {
    fetchPage: async (keys) => {
      asked.push(keys);
      return answer(keys);
    },
    isCurrent,
    onPage: (properties, remaining) => pages.push({ properties, remaining }),
    onError: (error, remaining) => errors.push({ error, remaining }),
  };
  return { sequence, asked, pages, errors };
}
const reading = (perPage: number) => (keys: string[]): Envelope<PageAnswer> => ({
  success: true,
  data: { properties: keys.slice(0, perPage).map(entry), remainingKeys: keys.slice(perPage) },
});

test('asks for PAGE_MAX_KEYS keys at a time, in order, each once, until none remain', async () => {
  const keys = keysUpTo(250);
  const run = sequenceOver(reading(PAGE_MAX_KEYS));
  await readRemainingPages(keys, run.sequence);
  expect(run.asked.map((page) => page.length)).toEqual([100, 100, 50]);
  expect(run.asked.flat()).toEqual(keys);
  expect(run.pages.at(-1)?.remaining).toEqual([]);
  expect(run.pages.flatMap((p) => p.properties.map((e) => e.key))).toEqual(keys);
});

test('a page that stops early: its unread tail is asked for again first, and nothing read is asked for twice', async () => {
  const keys = keysUpTo(150);
  const delivered = new Set<string>();
  const read = reading(60);
  const run = sequenceOver((asked) => {
    for (const key of asked) expect(delivered.has(key)).toBe(false);
    const answer = read(asked);
    if (answer.success) answer.data.properties.forEach((p) => delivered.add(p.key));
    return answer;
  });
  await readRemainingPages(keys, run.sequence);
  expect(run.asked.slice(0, 2)).toEqual([keys.slice(0, 100), keys.slice(60, 150)]);
  expect(run.pages.flatMap((p) => p.properties.map((e) => e.key))).toEqual(keys);
});

test('a failed page stops reading and reports every key not yet delivered', async () => {
  const keys = keysUpTo(250);
  let calls = 0;
  const error: ErrorBody = { code: 'JIRA_ERROR', message: 'no' };
  const run = sequenceOver((asked) => (++calls === 2 ? { success: false, error } : reading(PAGE_MAX_KEYS)(asked)));
  await readRemainingPages(keys, run.sequence);
  expect(run.errors).toEqual([{ error, remaining: keys.slice(100) }]);
  expect(run.asked).toHaveLength(2);
});

test('a page that reads nothing is reported as stalled rather than asked for forever', async () => {
  const run = sequenceOver((keys) => ({ success: true, data: { properties: [], remainingKeys: keys } }));
  await readRemainingPages(keysUpTo(5), run.sequence);
  expect(run.errors).toEqual([{ error: STALLED_ERROR, remaining: keysUpTo(5) }]);
});

test('an answer for an open that is no longer current is dropped, and reading stops', async () => {
  let current = true;
  const run = sequenceOver((keys) => {
    current = false; // Refresh happened while this page was in flight
    return reading(PAGE_MAX_KEYS)(keys);
  }, () => current);
  await readRemainingPages(keysUpTo(250), run.sequence);
  expect(run.asked).toHaveLength(1);
  expect(run.pages).toEqual([]);
  expect(run.errors).toEqual([]);
});
