import { parse } from 'lossless-json';
import { keyAcrossUsersCsv, keyAcrossUsersJson, propertiesCsv, propertiesJson } from '../../../src/domain/property-export';

const properties = [
  { key: 'ids', json: '{"id":12345678901234567890,"n":1.50}' },
  { key: 'say "hi", then go', json: '"caf\\u00e9, \\"quoted\\""' },
  { key: 'flag', json: ' true ' },
  { key: '..', unreadable: 'A URL cannot address it.' },
];

test('the JSON export is { accountId: { key: value } } with every value\'s text exactly as stored', () => {
  const text = propertiesJson('557058:abc', properties);
  expect(text).toContain('"ids": {"id":12345678901234567890,"n":1.50}');
  expect(text).toContain('"say \\"hi\\", then go": "caf\\u00e9, \\"quoted\\""');
  const parsed = parse(text) as Record<string, Record<string, unknown>>;
  expect(Object.keys(parsed)).toEqual(['557058:abc']);
  expect(Object.keys(parsed['557058:abc']!)).toEqual(['ids', 'say "hi", then go', 'flag']);
  expect(String((parsed['557058:abc']!.ids as { id: unknown }).id)).toBe('12345678901234567890');
  expect(JSON.parse(propertiesJson('u', []))).toEqual({ u: {} });
});

test('the CSV export holds the flat values, quoted per RFC 4180, and counts what it leaves to the JSON export', () => {
  const { text, left } = propertiesCsv('557058:abc', properties);
  expect(text).toBe('accountId,key,json\r\n557058:abc,"say ""hi"", then go","""caf\\u00e9, \\""quoted\\"""""\r\n557058:abc,flag,true\r\n');
  expect(left).toBe(1);
});

describe('one key across users', () => {
  const rows = [
    { accountId: '557058:abc', json: '{"id":12345678901234567890,"n":1.50}' },
    { accountId: '5b10ac8d82e05b22cc7d4ef5' },
    { accountId: 'qm:deleted', error: 'Jira could not find user qm:deleted.' },
    { accountId: '712020:dmitri', json: '"caf\\u00e9, \\"quoted\\""' },
    { accountId: '5d53f3cbc6b9320d9ea5bdc2', json: ' 98765432109876543210 ' },
  ];

  test('the JSON export is the same { accountId: { key: value } } format, every value\'s text exactly as stored', () => {
    const text = keyAcrossUsersJson('cost "center"', rows);
    expect(text).toBe(
      '{\n' +
        '  "557058:abc": {\n    "cost \\"center\\"": {"id":12345678901234567890,"n":1.50}\n  },\n' +
        '  "712020:dmitri": {\n    "cost \\"center\\"": "caf\\u00e9, \\"quoted\\""\n  },\n' +
        '  "5d53f3cbc6b9320d9ea5bdc2": {\n    "cost \\"center\\"": 98765432109876543210\n  }\n' +
        '}\n',
    );
    const parsed = parse(text) as Record<string, Record<string, unknown>>;
    // Users without the key, and users Jira refused, are left out; the rest in the order given.
    expect(Object.keys(parsed)).toEqual(['557058:abc', '712020:dmitri', '5d53f3cbc6b9320d9ea5bdc2']);
    expect(String((parsed['557058:abc']!['cost "center"'] as { id: unknown }).id)).toBe('12345678901234567890');
    expect(String(parsed['5d53f3cbc6b9320d9ea5bdc2']!['cost "center"'])).toBe('98765432109876543210');
    expect(JSON.parse(text)['712020:dmitri']['cost "center"']).toBe('café, "quoted"');
    expect(keyAcrossUsersJson('k', [{ accountId: 'a' }])).toBe('{}\n');
    // One user's export and one key across users write the same file for the same value.
    expect(keyAcrossUsersJson('ids', rows.slice(0, 1))).toBe(propertiesJson('557058:abc', [properties[0]!]));
  });

  test('the CSV export holds the flat values across users, digit for digit, and counts the objects it leaves out', () => {
    const { text, left } = keyAcrossUsersCsv('k', rows);
    expect(text).toBe('accountId,key,json\r\n712020:dmitri,k,"""caf\\u00e9, \\""quoted\\"""""\r\n5d53f3cbc6b9320d9ea5bdc2,k,98765432109876543210\r\n');
    expect(left).toBe(1);
    expect(keyAcrossUsersCsv('k', [{ accountId: 'a' }, { accountId: 'b', error: 'gone' }])).toEqual({ text: 'accountId,key,json\r\n', left: 0 });
  });
});
