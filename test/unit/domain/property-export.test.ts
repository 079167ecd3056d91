import { parse } from 'lossless-json';
import { propertiesCsv, propertiesJson } from '../../../src/domain/property-export';

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
