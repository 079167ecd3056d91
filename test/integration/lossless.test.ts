// Values travel as their exact JSON text, end to end (issue 10): setProperty `json` is stored as sent, getProperty,
// listProperties and getPropertyValues answer the text Jira answers, and conflict checks compare values exactly.
// Through the real resolvers (the local Forge runtime) against the simulator, which stores the PUT body as sent and
// embeds it raw in its GET answer, non-ASCII written as \u00E9-style escapes (escapeNonAscii), as Jira does.
import fc from 'fast-check';
import { DEMO_GROUPS, escapeNonAscii, type SimStore } from '../../harness/simulator';
import { jsonTextEqual } from '../../src/domain/json-equal';
import { MAX_VALUE_BYTES, utf8Bytes } from '../../src/domain/property-rules';
import type { PropertyEntry, PropertyPage, SetPropertyResult } from '../../src/shared/contract';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';
import { jsonTreeArb, spell, styleArb, withBigNumbers, withOneDigitChanged } from '../unit/json-texts';

let app: TestApp;
const { alice, bob, dmitri } = DEMO_USERS;
const HR = DEMO_GROUPS.hrManagers;

beforeAll(async () => {
  app = await startTestApp();
  // Plain users write their own undefined keys only when raw editing is allowed; alice manages "lossless.*" on others.
  await app.invoke('setAllowRawEditing', { allow: true }, 'admin');
  app.simulator.store.addMember(HR.name, alice.accountId);
  const saved = await app.invoke('saveDelegation', { delegation: { groupId: HR.groupId, groupName: HR.name, keys: [{ match: 'prefix', value: 'lossless.' }] } }, 'admin');
  if (!saved.success) throw new Error(`saveDelegation failed: ${JSON.stringify(saved)}`);
});
afterAll(() => app.close());
afterEach(() => {
  app.simulator.faults.clear();
  expect(app.simulator.contractViolations).toEqual([]);
});

/** The text the simulator stores: the PUT body, character for character. */
const storedText = (accountId: string, key: string) => app.simulator.store.getPropertyJson(accountId, key);
/** Stores a text as another client's PUT would have. */
const storeText = (accountId: string, key: string, json: string) => (app.simulator.store as SimStore).putPropertyJson(accountId, key, json);
/** The text Jira's GET answer embeds for a stored text (non-ASCII as \u00E9-style escapes: the simulator's escapeNonAscii). */
const answeredText = escapeNonAscii;
const puts = () => app.takeRequests().filter((r) => r.method === 'PUT');

async function set(as: DemoUser, payload: Record<string, unknown>, moduleKey: string = MODULE_KEYS.adminPage) {
  return app.invoke<SetPropertyResult>('setProperty', payload, as, moduleKey);
}
async function get(as: DemoUser, accountId: string | undefined, key: string, moduleKey: string = MODULE_KEYS.adminPage): Promise<PropertyEntry> {
  const answer = await app.invoke<PropertyEntry>('getProperty', { ...(accountId ? { accountId } : {}), key }, as, moduleKey);
  if (!answer.success) throw new Error(`getProperty failed: ${answer.error.message}`);
  return answer.data;
}

const TEXTS: Array<[string, string]> = [
  ['a 20-digit integer', '12345678901234567890'],
  ['the issue\'s object', '{"id":12345678901234567890,"ratio":0.1000000000000000055511151231257827,"neg":-9007199254740993}'],
  ['negative big integers in an array', '[-12345678901234567890,-18446744073709551617,-9007199254740993]'],
  ['long decimals', '{"pi":3.14159265358979323846264338327950288,"tiny":0.000000000000000000000000000001}'],
  ['exponents', '[1e400,-2.5E-400,1E+2,6.02214076e23,1.0e0]'],
  ['-0 and zeros', '[-0,-0.0,0e5,0.000]'],
  ['trailing zeros', '{"price":19.90,"count":10.000}'],
  ['escapes', '"\\u00e9 \\n \\t \\" \\\\ \\/ \\u0000 \\ud83d\\ude00 \\ud800"'],
  ['unicode, raw', '{"name":"Émile 日本 ключ 😀","rtl":"שלום"}'],
  ['spacing, line breaks and key order', '{\n  "z": [ 1 , 2 ],\n\t"a" : { "y" : null , "b" : true }\n}'],
  ['a repeated key', '{"a":1,"a":12345678901234567890}'],
];

describe('setProperty { json } stores exactly the text sent, and every read answers it', () => {
  test.each(TEXTS)('as an admin on another user: %s', async (_name, json) => {
    const key = `it.lossless.${TEXTS.findIndex(([, text]) => text === json)}`;
    const result = await set('admin', { accountId: bob.accountId, key, json });
    expect(result).toEqual({ success: true, data: { key, accountId: bob.accountId, outcome: 'created', bytes: utf8Bytes(json) } });
    expect(storedText(bob.accountId, key)).toBe(json);

    const got = await get('admin', bob.accountId, key);
    // The text only: no parsed copy of it (which would read every number as a double) travels with it.
    expect(got).toEqual({ key, json: answeredText(json), bytes: utf8Bytes(answeredText(json)) });
    expect(Object.keys(got).sort()).toEqual(['bytes', 'json', 'key']);
    expect(jsonTextEqual(got.json, json)).toBe(true);

    const listed = await app.invoke<PropertyPage>('listProperties', { accountId: bob.accountId }, 'admin');
    const read = await app.invoke<PropertyPage>('getPropertyValues', { accountId: bob.accountId, keys: [key] }, 'admin');
    for (const page of [listed, read]) {
      if (!page.success) throw new Error(page.error.message);
      const entry = page.data.properties.find((p) => p.key === key) ?? (page.data.remainingKeys.includes(key) ? 'remaining' : undefined);
      if (entry !== 'remaining') expect(entry).toEqual(got);
    }
  });

  test('a text with whitespace around the value is stored as sent; the answer holds the value itself', async () => {
    const json = ' \n {"id": 12345678901234567890} \t';
    expect(await set('admin', { accountId: bob.accountId, key: 'it.padded', json })).toMatchObject({ success: true, data: { bytes: utf8Bytes(json) } });
    expect(storedText(bob.accountId, 'it.padded')).toBe(json);
    expect((await get('admin', bob.accountId, 'it.padded')).json).toBe('{"id": 12345678901234567890}');
  });

  test('a user\'s own write from My preferences keeps the text', async () => {
    const json = '{"lastSeen":1717171717171717171717,"zoom":1.250}';
    const result = await set('dmitri', { key: 'self.lossless', json }, MODULE_KEYS.personalSettings);
    expect(result).toMatchObject({ success: true, data: { accountId: dmitri.accountId, outcome: 'created' } });
    expect(storedText(dmitri.accountId, 'self.lossless')).toBe(json);
    expect((await get('dmitri', undefined, 'self.lossless', MODULE_KEYS.personalSettings)).json).toBe(json);
    const prefs = await app.invoke<{ properties: PropertyEntry[] }>('getMyPreferences', {}, 'dmitri', MODULE_KEYS.personalSettings);
    expect(prefs.success && prefs.data.properties.find((p) => p.key === 'self.lossless')?.json).toBe(json);
  });

  test('a delegated manager\'s write (asApp) keeps the text', async () => {
    const json = '{"employeeId":98765432109876543210,"rate":-0.0000000000000000000001}';
    app.takeRequests();
    const result = await set('alice', { accountId: bob.accountId, key: 'lossless.delegated', json });
    expect(result).toMatchObject({ success: true, data: { outcome: 'created' } });
    expect(puts().map((r) => r.principal)).toEqual([{ kind: 'app' }]);
    expect(storedText(bob.accountId, 'lossless.delegated')).toBe(json);
    expect((await get('alice', bob.accountId, 'lossless.delegated')).json).toBe(json);
  });

  test('writing back the text a read answered keeps every number (read → save, as an editor does)', async () => {
    const json = '{"id":12345678901234567890,"n":1,"name":"Ünïcödé"}';
    await set('admin', { accountId: bob.accountId, key: 'it.roundtrip', json });
    const read = await get('admin', bob.accountId, 'it.roundtrip');
    const edited = read.json.replace('"n":1', '"n":2'); // a sibling field changed in the text
    const saved = await set('admin', { accountId: bob.accountId, key: 'it.roundtrip', json: edited, expected: { exists: true, json: read.json } });
    expect(saved).toMatchObject({ success: true, data: { outcome: 'updated' } });
    expect(storedText(bob.accountId, 'it.roundtrip')).toBe(answeredText(json).replace('"n":1', '"n":2'));
    expect(storedText(bob.accountId, 'it.roundtrip')).toContain('"id":12345678901234567890,');
  });

  test('a JavaScript { value } instead of the text is refused by name, and nothing is written', async () => {
    // It would pass every number through a double: a caller must send the text, so there is no lossy way in.
    const stored = '{"id":12345678901234567890}';
    storeText(bob.accountId, 'it.removed-value', stored);
    app.takeRequests();
    // A new value, and the stored one read with JSON.parse and sent back (its id rounded to 12345678901234567000).
    for (const fields of [{ value: { a: [1, 'ü'] } }, { value: JSON.parse(stored) as unknown, expected: { exists: true, json: stored } }]) {
      const result = await set('admin', { accountId: bob.accountId, key: 'it.removed-value', ...fields });
      expect(result).toEqual({
        success: false,
        error: { code: 'VALIDATION_ERROR', message: 'Give the value as its JSON text, "json" ("value" is not accepted: it would pass numbers through doubles).' },
      });
    }
    expect(puts()).toEqual([]);
    expect(storedText(bob.accountId, 'it.removed-value')).toBe(stored);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a value instead of json', { value: 1 }, /"value" is not accepted/],
    ['both json and value', { json: '1', value: 1 }, /"value" is not accepted/],
    ['value sent as null', { json: '1', value: null }, /"value" is not accepted/],
    ['neither', {}, /required/],
    ['json that is not a string', { json: 1 }, /"json" must be a string/],
    ['json that is not JSON', { json: '{"id":1,}' }, /not valid JSON/],
    ['json over 32,768 bytes', { json: `"${'x'.repeat(MAX_VALUE_BYTES - 1)}"` }, /32769 bytes/],
    ['json nested 101 deep', { json: `${'['.repeat(101)}${']'.repeat(101)}` }, /at most 100 deep/],
    ['json nested 5,000 deep', { json: `${'['.repeat(5_000)}${']'.repeat(5_000)}` }, /at most 100 deep/],
    ['expected json that is not JSON', { json: '1', expected: { exists: true, json: 'nope' } }, /not valid JSON/],
  ])('%s is VALIDATION_ERROR after the rights check, nothing written', async (_name, fields, message) => {
    app.takeRequests();
    const result = await set('admin', { accountId: bob.accountId, key: 'it.invalid', ...fields });
    expect(result).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.stringMatching(message) } });
    expect(app.takeRequests().map((r) => r.pathname)).toEqual(['/rest/api/3/mypermissions']);
    expect(storedText(bob.accountId, 'it.invalid')).toBeUndefined();
  });

  test('a preference schema is checked against the text\'s value; the text is written as sent', async () => {
    const definition = { key: 'pref.lossless', title: 'Lossless', description: '', schema: { type: 'object', properties: { id: { type: 'integer' } } }, defaultValue: { id: 0 }, userEditable: true };
    expect(await app.invoke('saveDefinition', { definition }, 'admin')).toMatchObject({ success: true });
    const json = '{"id":12345678901234567890}';
    expect(await set('bob', { key: 'pref.lossless', json }, MODULE_KEYS.personalSettings)).toMatchObject({ success: true });
    expect(storedText(bob.accountId, 'pref.lossless')).toBe(json);
    const refused = await set('bob', { key: 'pref.lossless', json: '{"id":"x"}' }, MODULE_KEYS.personalSettings);
    expect(refused).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.stringMatching(/does not match its schema/) } });
    expect(storedText(bob.accountId, 'pref.lossless')).toBe(json);
  });
});

describe('round trips over generated texts (fast-check)', () => {
  test('set { json } → stored exactly → get answers it → written back unchanged in meaning', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(jsonTreeArb.map(withBigNumbers), styleArb, fc.constantFrom<DemoUser>('admin', 'alice'), async (tree, style, writer) => {
        const json = spell(tree, style);
        if (utf8Bytes(json) > MAX_VALUE_BYTES) return;
        runs++;
        const key = 'lossless.generated';
        const written = await set(writer, { accountId: bob.accountId, key, json });
        expect(written).toMatchObject({ success: true, data: { bytes: utf8Bytes(json) } });
        expect(storedText(bob.accountId, key)).toBe(json);
        const read = await get(writer, bob.accountId, key);
        expect(read.json).toBe(answeredText(json));
        expect(read.bytes).toBe(utf8Bytes(read.json));
        // Written back as read, with the read as the expected state: no conflict, and the same value exactly.
        const back = await set(writer, { accountId: bob.accountId, key, json: read.json, expected: { exists: true, json: read.json } });
        expect(back).toMatchObject({ success: true, data: { outcome: 'updated' } });
        expect(storedText(bob.accountId, key)).toBe(read.json);
        expect(jsonTextEqual(storedText(bob.accountId, key) ?? '', json)).toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(runs).toBeGreaterThan(40);
  });
});

describe('conflict checks compare the stored value exactly', () => {
  const key = 'lossless.conflict';
  const ORIGINAL = '{"id":12345678901234567890,"ratio":0.1000000000000000055511151231257827,"tags":["a","é"]}';
  beforeEach(async () => {
    storeText(bob.accountId, key, ORIGINAL);
    app.takeRequests();
  });

  test.each<[string, string]>([
    ['the text itself', ORIGINAL],
    ['as the GET answer spells it', answeredText(ORIGINAL)],
    ['other formatting and key order', '{ "tags" : [ "a" , "\\u00e9" ] , "ratio" : 1000000000000000055511151231257827e-34 ,\n "id" : 1.2345678901234567890E19 }'],
  ])('an expected text with the same meaning (%s) is no conflict', async (_name, expected) => {
    const json = '{"id":12345678901234567890,"ratio":0.1000000000000000055511151231257827,"tags":["a","é","b"]}';
    for (const as of ['admin', 'alice'] as const) {
      storeText(bob.accountId, key, ORIGINAL);
      const result = await set(as, { accountId: bob.accountId, key, json, expected: { exists: true, json: expected } });
      expect(result).toMatchObject({ success: true, data: { outcome: 'updated' } });
      expect(storedText(bob.accountId, key)).toBe(json);
    }
  });

  test.each<[string, string]>([
    ['one digit of the 20-digit id', ORIGINAL.replace('12345678901234567890', '12345678901234567891')],
    ['the decimal rounded to its double', ORIGINAL.replace('0.1000000000000000055511151231257827', '0.1')],
    ['array order', ORIGINAL.replace('["a","é"]', '["é","a"]')],
  ])('an expected text that differs by %s is CONFLICT, and nothing is written', async (_name, expected) => {
    for (const as of ['admin', 'alice'] as const) {
      const result = await set(as, { accountId: bob.accountId, key, json: '0', expected: { exists: true, json: expected } });
      expect(result).toEqual({ success: false, error: { code: 'CONFLICT', message: expect.stringContaining('changed by someone else') } });
      expect(puts()).toEqual([]);
      expect(storedText(bob.accountId, key)).toBe(ORIGINAL);
      const deleted = await app.invoke('deleteProperty', { accountId: bob.accountId, key, expected: { exists: true, json: expected } }, as);
      expect(deleted).toMatchObject({ success: false, error: { code: 'CONFLICT' } });
      expect(app.takeRequests().filter((r) => r.method === 'DELETE')).toEqual([]);
    }
  });

  test('deleting with the exact text expected works', async () => {
    const result = await app.invoke('deleteProperty', { accountId: bob.accountId, key, expected: { exists: true, json: answeredText(ORIGINAL) } }, 'admin');
    expect(result).toMatchObject({ success: true });
    expect(storedText(bob.accountId, key)).toBeUndefined();
  });

  test('an expected { value } (JSON.parse of the text, the removed lossy form) is refused, even one that matches; nothing written or deleted', async () => {
    // Compared as doubles it would miss a change past double precision: only the text the edit started from is accepted.
    const seen = JSON.parse(ORIGINAL) as unknown;
    for (const as of ['admin', 'alice'] as const) {
      for (const expected of [{ exists: true, value: seen }, { exists: true, json: ORIGINAL, value: seen }]) {
        const written = await set(as, { accountId: bob.accountId, key, json: '1', expected });
        expect(written).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.stringContaining('Unexpected field(s) in "expected": value.') } });
        const deleted = await app.invoke('deleteProperty', { accountId: bob.accountId, key, expected }, as);
        expect(deleted).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.stringContaining('Unexpected field(s) in "expected": value.') } });
      }
    }
    expect(app.takeRequests().filter((r) => r.method === 'PUT' || r.method === 'DELETE')).toEqual([]);
    expect(storedText(bob.accountId, key)).toBe(ORIGINAL);
  });

  test('same meaning in any spelling passes, one digit changed is refused (generated)', async () => {
    await fc.assert(
      fc.asyncProperty(jsonTreeArb.map(withBigNumbers), styleArb, styleArb, async (tree, one, other) => {
        const stored = spell(tree, one);
        const changed = withOneDigitChanged(tree);
        if (utf8Bytes(stored) > MAX_VALUE_BYTES || !changed) return;
        const stale = spell(changed, other);
        if (utf8Bytes(stale) > MAX_VALUE_BYTES) return;
        storeText(bob.accountId, key, stored);
        app.takeRequests();
        const refused = await set('admin', { accountId: bob.accountId, key, json: 'true', expected: { exists: true, json: stale } });
        expect(refused).toMatchObject({ success: false, error: { code: 'CONFLICT' } });
        expect(puts()).toEqual([]);
        expect(storedText(bob.accountId, key)).toBe(stored);
        const same = spell(tree, other);
        const accepted = await set('admin', { accountId: bob.accountId, key, json: same, expected: { exists: true, json: same } });
        expect(accepted).toMatchObject({ success: true });
        expect(storedText(bob.accountId, key)).toBe(same);
      }),
      { numRuns: 40 },
    );
  });

  test('before a retry, the reread recognises the exact text an earlier attempt of this write stored', async () => {
    // The PUT is applied and its answer lost: the retry's check finds our own text (as Jira spells it), not a conflict.
    const json = '{"id":12345678901234567891,"tags":["é"]}';
    app.simulator.faults.add({ kind: 'drop-after', times: 1, method: 'PUT', pathIncludes: key });
    const result = await set('admin', { accountId: bob.accountId, key, json, expected: { exists: true, json: ORIGINAL } });
    expect(result).toMatchObject({ success: true });
    expect(storedText(bob.accountId, key)).toBe(json);
    expect(puts()).toHaveLength(2);
  });

  test('before a retry, a value changed by one digit meanwhile is a conflict, and the retry is not sent', async () => {
    app.simulator.faults.add({ status: 503, times: 1, method: 'PUT', pathIncludes: key, retryAfterSeconds: 1 });
    const pending = set('admin', { accountId: bob.accountId, key, json: '0', expected: { exists: true, json: ORIGINAL } });
    // Someone else's write lands during the wait: only the 20-digit id differs, by one.
    const theirs = ORIGINAL.replace('12345678901234567890', '12345678901234567891');
    setTimeout(() => storeText(bob.accountId, key, theirs), 300);
    const result = await pending;
    expect(result).toMatchObject({ success: false, error: { code: 'CONFLICT' } });
    expect(storedText(bob.accountId, key)).toBe(theirs);
    expect(puts().filter((r) => r.status < 300)).toEqual([]);
  });
});

test('a delegated manager cannot write a key outside the delegation, json or not', async () => {
  const result = await set('alice', { accountId: bob.accountId, key: 'it.other', json: '1' });
  expect(result).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  expect(storedText(bob.accountId, 'it.other')).toBeUndefined();
});
