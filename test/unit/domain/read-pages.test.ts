import {
  FIRST_PAGE_COUNT,
  FORGE_PAYLOAD_LIMIT_BYTES,
  FORGE_RESPONSE_LIMIT_BYTES,
  keyListBytes,
  nextPageKeys,
  PAGE_KEYS_BUDGET_BYTES,
  PAGE_MAX_KEYS,
  PAGE_VALUE_BUDGET_BYTES,
  VALUE_RESERVATION_BYTES,
} from '../../../src/domain/read-pages';
import { MAX_KEY_LENGTH } from '../../../src/domain/property-rules';

describe('the page budgets', () => {
  // The worst an entry adds around its value: a 255-character key escaped at 6 bytes a character, and the field names.
  const worstEntryOverhead = MAX_KEY_LENGTH * 6 + '{"key":"","value":,"bytes":32768},'.length;
  const worstKey = MAX_KEY_LENGTH * 6 + 3;

  test('a full page of values, its keys and the remaining keys fit one Forge answer', () => {
    const envelope = '{"success":true,"data":{"accountId":"","properties":[],"remainingKeys":[]}}'.length + 128;
    const worst = PAGE_VALUE_BUDGET_BYTES + PAGE_MAX_KEYS * worstEntryOverhead + PAGE_MAX_KEYS * worstKey + envelope;
    expect(worst).toBeLessThan(FORGE_RESPONSE_LIMIT_BYTES);
  });

  test('the first page is a fraction of the value budget', () => {
    expect(FIRST_PAGE_COUNT * VALUE_RESERVATION_BYTES).toBeLessThan(PAGE_VALUE_BUDGET_BYTES);
  });

  test('a page of the longest keys, escaped, fits one request payload', () => {
    expect(PAGE_MAX_KEYS * worstKey).toBeLessThan(PAGE_KEYS_BUDGET_BYTES);
    expect(PAGE_KEYS_BUDGET_BYTES).toBeLessThan(FORGE_PAYLOAD_LIMIT_BYTES);
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
