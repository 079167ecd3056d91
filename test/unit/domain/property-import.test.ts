import fc from 'fast-check';
import { csvRecords, csvRows } from '../../../src/domain/csv';
import { ValidationError } from '../../../src/domain/errors';
import { propertiesCsv, propertiesJson } from '../../../src/domain/property-export';
import { MAX_PROBLEMS, readImportFile } from '../../../src/domain/property-import';
import { jsonTreeArb, spell, styleArb } from '../json-texts';

const BIG = '{"id": 12345678901234567890, "name": "Zo\\u00eb \\"Z\\"", "tags": [ 1.50, -0 ]}';

describe('readImportFile (JSON)', () => {
  test('takes each value exactly as the file spells it: digits, escapes and spaces kept', () => {
    const file = `{\n  "user-b": { "prefs": ${BIG}, "flag": true },\n  "user-a": {"n":1e400}\n}\n`;
    expect(readImportFile(file)).toEqual({
      items: [
        ['user-a', 'n', '1e400'],
        ['user-b', 'prefs', BIG],
        ['user-b', 'flag', 'true'],
      ],
      users: 2,
      keys: ['n', 'prefs', 'flag'],
      problems: [],
    });
  });

  test('any value text round-trips through the export format, digit for digit', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(jsonTreeArb, styleArb), { minLength: 1, maxLength: 4 }), (values) => {
        const properties = values.map(([tree, style], i) => ({ key: `k${i}`, json: spell(tree, style) }));
        const parsed = readImportFile(propertiesJson('557058:abc', properties));
        expect(parsed.problems).toEqual([]);
        expect(parsed.items).toEqual(properties.map((property) => ['557058:abc', property.key, property.json.trim()]));
      }),
      { numRuns: 200 },
    );
  });

  test('a bad id, key or value is a problem with where it is, and nothing of it is taken', () => {
    const big = `"${'x'.repeat(33_000)}"`;
    const parsed = readImportFile(`{"ok": {"k": 1, "k2": ${big}}, "bad id!": {"k": 1}, "u": {"": 1, "j": [1,]}}`);
    expect(parsed.items).toEqual([['ok', 'k', '1']]);
    expect(parsed.problems).toHaveLength(4);
    expect(parsed.problems[0]).toMatch(/^"ok" → "k2": .*32768/);
    expect(parsed.problems[1]).toMatch(/^"bad id!" → "k": /);
    expect(parsed.problems[3]).toMatch(/^"u" → "j": .*not valid JSON/);
  });

  test('a key given twice for a user is a problem; past MAX_PROBLEMS the rest are counted', () => {
    expect(readImportFile('{"u": {"k": 1, "k": 2}}').problems).toEqual(['"u" → "k": u has "k" more than once.']);
    const many = `{${Array.from({ length: MAX_PROBLEMS + 5 }, (_, i) => `"u${i}": {"k": nope}`).join(',')}}`;
    const { problems } = readImportFile(many);
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems.at(-1)).toBe('… and 5 more.');
  });

  test('a file that is not { accountId: { key: value } } throws, saying where', () => {
    expect(() => readImportFile('{"u": 1}')).toThrow(ValidationError);
    expect(() => readImportFile('{"u": {"k": 1} "v": {}}')).toThrow(/expected "}" at character 16/);
    expect(() => readImportFile('{"u": {"k": 1}')).toThrow(/expected "}" at the end of the file/);
    expect(() => readImportFile('{"u": {"k": 1}} []')).toThrow(/more after the outer object/);
    expect(() => readImportFile('{"u": {"k": "never ends}}')).toThrow(/never ends/);
  });
});

describe('readImportFile (CSV)', () => {
  test('reads the CSV export back, quoted values and all', () => {
    const properties = [
      { key: 'name', json: '"a, \\"b\\"\\nc"' },
      { key: 'n', json: '12345678901234567890' },
      { key: 'obj', json: '{"left":"to JSON"}' },
    ];
    const { text } = propertiesCsv('u-1', properties);
    expect(readImportFile(text).items).toEqual([
      ['u-1', 'name', '"a, \\"b\\"\\nc"'],
      ['u-1', 'n', '12345678901234567890'],
    ]);
  });

  test('needs the export\'s header, and three fields a row', () => {
    expect(() => readImportFile('id,key,value\r\nu,k,1\r\n')).toThrow(/header accountId,key,json/);
    expect(() => readImportFile('accountId,key,json\r\nu,k\r\n')).toThrow(/row 2 has 2 fields/);
  });
});

describe('csvRows', () => {
  test('reads what csvRecords writes, for any fields', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', 'é') }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        // A lone empty field is a blank line, which CSV cannot tell from no record.
        fc.pre(rows.every((row) => row.length > 1 || row[0] !== ''));
        expect(csvRows(csvRecords(rows))).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  test('takes LF as well as CRLF, and a last record without a line break', () => {
    expect(csvRows('a,b\nc,"d\r\ne"')).toEqual([
      ['a', 'b'],
      ['c', 'd\r\ne'],
    ]);
  });
});
