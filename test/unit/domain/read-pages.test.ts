import { propertyEntry } from '../../../src/domain/property-json';
import {
  ANSWER_OVERHEAD_BYTES,
  ENTRY_RESERVATION_BYTES,
  entryAnswerBytes,
  FIRST_PAGE_COUNT,
  FORGE_PAYLOAD_LIMIT_BYTES,
  FORGE_RESPONSE_LIMIT_BYTES,
  keyListBytes,
  LISTING_KEYS_BUDGET_BYTES,
  nextPageKeys,
  PAGE_KEYS_BUDGET_BYTES,
  PAGE_MAX_KEYS,
  PAGE_VALUE_BUDGET_BYTES,
  pageBudgetBytes,
} from '../../../src/domain/read-pages';
import { MAX_KEY_LENGTH, MAX_VALUE_BYTES, utf8Bytes } from '../../../src/domain/property-rules';

/** Jira's escapeUnicode, as its GET answer may apply it: every UTF-16 unit from U+0080 up as a \u00E9-style escape. */
const escapeNonAscii = (json: string) => json.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);

describe('the page budgets', () => {
  const worstKey = MAX_KEY_LENGTH * 6 + 3;

  test('a full page of entries and the remaining keys fit one Forge answer', () => {
    // A getPropertyValues answer: its entries, and at most the keys its payload named as remaining.
    const envelope = '{"success":true,"data":{"accountId":"","properties":[],"remainingKeys":[]}}'.length + 128;
    for (const keys of [0, PAGE_MAX_KEYS * worstKey, FORGE_PAYLOAD_LIMIT_BYTES, LISTING_KEYS_BUDGET_BYTES]) {
      expect(pageBudgetBytes(keys) + keys + envelope).toBeLessThan(FORGE_RESPONSE_LIMIT_BYTES);
    }
    expect(envelope).toBeLessThan(ANSWER_OVERHEAD_BYTES);
  });

  test('a first page starts all its reads at once beside an ordinary listing, and one read beside the largest', () => {
    expect(FIRST_PAGE_COUNT * ENTRY_RESERVATION_BYTES).toBeLessThanOrEqual(pageBudgetBytes(keyListBytes(Array(2_000).fill('k'.repeat(60)))));
    expect(pageBudgetBytes(LISTING_KEYS_BUDGET_BYTES)).toBeGreaterThan(ENTRY_RESERVATION_BYTES);
  });

  test('a page of the longest keys, escaped, fits one request payload', () => {
    expect(PAGE_MAX_KEYS * worstKey).toBeLessThan(PAGE_KEYS_BUDGET_BYTES);
    expect(PAGE_KEYS_BUDGET_BYTES).toBeLessThan(FORGE_PAYLOAD_LIMIT_BYTES);
  });

  // The stored texts (at most MAX_VALUE_BYTES, as Jira was sent them) whose entries take the most room per byte.
  const fill = (unit: string, open: string, close: string, sep = '') => {
    const room = MAX_VALUE_BYTES - utf8Bytes(open + close);
    const count = Math.floor((room + utf8Bytes(sep)) / utf8Bytes(unit + sep));
    return open + Array(count).fill(unit).join(sep) + close;
  };
  test.each([
    ['numbers JSON.stringify writes longer (1e20 → 21 digits)', fill('1e20', '[', ']', ',')],
    ['a lone 1e20', '1e20'],
    ['two-byte characters, escaped by the answer', fill('é', '"', '"')],
    ['four-byte characters, escaped by the answer', fill('😀', '"', '"')],
    ['quotes and backslashes', fill('\\"\\\\', '"', '"')],
    ['line breaks between tokens', fill('1', '[', ']', ',\n')],
    ['control-character escapes', fill('\\u0001', '"', '"')],
  ])('an entry never takes more than ENTRY_RESERVATION_BYTES: %s', (_name, stored) => {
    expect(utf8Bytes(stored)).toBeLessThanOrEqual(MAX_VALUE_BYTES);
    JSON.parse(stored);
    const key = '\u0001'.repeat(1_024); // the longest listed key a read is made for, each unit escaped at 6 bytes
    for (const answered of [stored, escapeNonAscii(stored)]) {
      expect(entryAnswerBytes(propertyEntry(key, answered))).toBeLessThanOrEqual(ENTRY_RESERVATION_BYTES);
    }
  });
});

describe('nextPageKeys', () => {
  test('takes at most PAGE_MAX_KEYS keys, in order', () => {
    const keys = Array.from({ length: 250 }, (_, i) => `key-${i}`);
    expect(nextPageKeys(keys)).toEqual(keys.slice(0, PAGE_MAX_KEYS));
    expect(nextPageKeys(keys.slice(200))).toEqual(keys.slice(200));
  });

  test('stops before the keys pass the payload budget, but never takes none', () => {
    const huge = 'ключ'.repeat(25_000); // 200,000 bytes as UTF-8
    const page = nextPageKeys([huge, huge, huge]);
    expect(page).toEqual([huge]);
    expect(keyListBytes(page)).toBeLessThanOrEqual(PAGE_KEYS_BUDGET_BYTES);
    const bigger = 'x'.repeat(PAGE_KEYS_BUDGET_BYTES + 10);
    expect(nextPageKeys([bigger, 'a'])).toEqual([bigger]);
  });

  test('answers nothing for nothing', () => {
    expect(nextPageKeys([])).toEqual([]);
  });
});
