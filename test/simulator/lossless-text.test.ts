import fc from 'fast-check';
import { DEMO_USERS, MAX_VALUE_BYTES, MAX_VALUE_DEPTH } from '../../harness/simulator';
import { basic, expectErrorCollection, propertyPath, start, type Running } from './helpers';

// Jira keeps a property value as the JSON text it was sent and embeds that text raw in the GET answer, with every
// character from U+0080 up written as a \u00E9-style escape (upper-case hex, surrogate pairs as two escapes). These tests
// hold the simulator to that: the stored text is the body byte for byte, and the answer is
// {"key":<key>,"value":<that text, so escaped>}, so numbers keep every digit whatever a double can hold.
const { alice } = DEMO_USERS;
const KEY = 'lossless';

let run: Running;
beforeAll(async () => {
  run = await start({ validateContract: true });
});
afterAll(async () => {
  await run.sim.close();
});
afterEach(() => {
  expect(run.sim.contractViolations).toEqual([]);
  expect(run.sim.internalErrors).toEqual([]);
});

const hex4 = (unit: number) => unit.toString(16).toUpperCase().padStart(4, '0');

/** The oracle for the answer's spelling, written apart from the simulator's: by code point, pairs computed by hand. */
function jiraEscaped(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out += ch;
    else if (cp <= 0xffff) out += `\\u${hex4(cp)}`;
    else out += `\\u${hex4(0xd800 + ((cp - 0x10000) >> 10))}\\u${hex4(0xdc00 + ((cp - 0x10000) & 0x3ff))}`;
  }
  return out;
}

const answerFor = (key: string, valueText: string) => `{"key":${JSON.stringify(key)},"value":${valueText}}`;

async function putThenGet(sent: string, key = KEY): Promise<{ putStatus: number; answer: string }> {
  const path = propertyPath(key, alice.accountId);
  const put = await run.put(path, basic(alice.email), sent);
  const get = await run.call('GET', path, { as: basic(alice.email) });
  expect(get.status).toBe(200);
  expect(get.headers.get('content-type')).toMatch(/^application\/json/);
  return { putStatus: put.status, answer: await get.text() };
}

const deep = (depth: number, inner: string) => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

describe('PUT then GET keeps the text', () => {
  // [name, text sent, the answer's value text]: the expected spelling is written out by hand for the non-ASCII cases.
  test.each<[string, string, string?]>([
    ['the issue example', '{"id":12345678901234567890,"ratio":0.1000000000000000055511151231257827,"neg":-9007199254740993}'],
    ['20-digit and longer integers', '[12345678901234567890,-98765432109876543210,18446744073709551615,100000000000000000000000000001]'],
    ['2^53 + 1, negative, alone', '-9007199254740993'],
    ['a decimal no double holds', '0.1000000000000000055511151231257827'],
    ['an exponent past a double’s range', '1e400'],
    ['exponents of every spelling', '[1e400,-1E+400,1e-400,2.50e+10,1E-7,0e0,-0E-0]'],
    ['negative zero', '-0'],
    ['negative zeros in an object', '{"a":-0,"b":-0.0,"c":-0.000e5}'],
    ['1E-7 alone', '1E-7'],
    ['trailing zeros', '[1.0,1.50,100.000]'],
    ['escapes sent as escapes (ASCII: kept as sent, lower-case hex included)', String.raw`{"e":"\u00e9\u00E9","c":"\n\t\r\b\f\"\\\/","p":"\ud83d\ude00"}`],
    ['raw non-ASCII, astral included', '{"msg":"é ж 你 👋 𝄞"}', String.raw`{"msg":"\u00E9 \u0436 \u4F60 \uD83D\uDC4B \uD834\uDD1E"}`],
    ['non-ASCII keys', '{"ключ":"€"}', String.raw`{"\u043A\u043B\u044E\u0447":"\u20AC"}`],
    ['the boundaries: U+007F stays, U+0080, U+2028 and U+FFFF are escaped', '"\u007f\u0080\u2028\uffff"', '"\u007f\\u0080\\u2028\\uFFFF"'],
    ['nested objects and arrays', '{"a":{"b":[1,{"c":[12345678901234567890,{"d":null}]}],"e":true},"f":[[],{}],"g":[[[-0.5e-3]]]}'],
    ['key order, integer-like keys included (JSON.parse would reorder them)', '{"z":1,"2":"b","a":2,"1":"a","m":{"y":3,"b":4}}'],
    ['whitespace inside', '{ "a" : [ 1 ,\n\t2 ] ,\r\n "b" :\t"x  y" }'],
    ['whitespace before and after the value', ' \n\t[1, 12345678901234567890]\r\n '],
    [`${MAX_VALUE_DEPTH} levels with a 20-digit integer at the bottom`, deep(MAX_VALUE_DEPTH, '12345678901234567890')],
  ])('%s', async (_name, sent, escaped = sent) => {
    const { putStatus, answer } = await putThenGet(sent);
    expect([200, 201]).toContain(putStatus);
    expect(run.sim.store.getPropertyJson(alice.accountId, KEY)).toBe(sent);
    expect(escaped).toBe(jiraEscaped(sent));
    expect(answer).toBe(answerFor(KEY, escaped));
    expect(answer).toContain(escaped);
    expect(JSON.parse(answer)).toEqual({ key: KEY, value: JSON.parse(sent) });
  });

  test('the numbers come back with every digit, not as the doubles nearest them', async () => {
    const { answer } = await putThenGet('{"id":12345678901234567890,"ratio":0.1000000000000000055511151231257827,"neg":-9007199254740993}');
    for (const digits of ['12345678901234567890', '0.1000000000000000055511151231257827', '-9007199254740993']) expect(answer).toContain(digits);
    for (const rounded of ['12345678901234567000', '"ratio":0.1,', '-9007199254740992']) expect(answer).not.toContain(rounded);
  });

  test('an update replaces the text exactly (200)', async () => {
    await putThenGet('[1]');
    const { putStatus, answer } = await putThenGet('{"v": 98765432109876543210 }');
    expect(putStatus).toBe(200);
    expect(answer).toBe(answerFor(KEY, '{"v": 98765432109876543210 }'));
  });

  test('the key is a JSON string in the answer, quotes and non-ASCII included', async () => {
    const key = 'ключ "q" \\ 🎉';
    const { answer } = await putThenGet('1', key);
    expect(answer).toBe(`{"key":${JSON.stringify(key)},"value":1}`);
    expect(JSON.parse(answer)).toEqual({ key, value: 1 });
  });

  test('a value seeded with setProperty (JSON.stringify) is answered as stored', async () => {
    run.sim.store.setProperty(alice.accountId, 'seeded', { name: 'Zoë', n: [1, 2.5] });
    const response = await run.call('GET', propertyPath('seeded', alice.accountId), { as: basic(alice.email) });
    expect(await response.text()).toBe(String.raw`{"key":"seeded","value":{"name":"Zo\u00EB","n":[1,2.5]}}`);
  });
});

describe('the size limit counts the text as sent', () => {
  test.each([
    ['whitespace padding to exactly 32,768 bytes', 201, `[1]${' '.repeat(MAX_VALUE_BYTES - 3)}`],
    ['one byte of whitespace more', 400, `[1]${' '.repeat(MAX_VALUE_BYTES - 2)}`],
  ])('%s → %d', async (_name, status, body) => {
    const key = `padded.${status}`;
    const response = await run.put(propertyPath(key, alice.accountId), basic(alice.email), body);
    expect(response.status).toBe(status);
    if (status === 400) expect((await expectErrorCollection(response)).errorMessages[0]).toMatch(/32768/);
    expect(run.sim.store.getPropertyJson(alice.accountId, key) === (status === 201 ? body : undefined)).toBe(true);
  });

  test('UTF-8 bytes as sent, not the escaped answer: 32,768 bytes of é are stored and answered six bytes each', async () => {
    const body = `"${'é'.repeat((MAX_VALUE_BYTES - 2) / 2)}"`;
    expect(Buffer.byteLength(body)).toBe(MAX_VALUE_BYTES);
    const { putStatus, answer } = await putThenGet(body, 'accents');
    expect(putStatus).toBe(201);
    expect(answer).toBe(answerFor('accents', `"${'\\u00E9'.repeat((MAX_VALUE_BYTES - 2) / 2)}"`));
  });
});

describe('too deep', () => {
  test.each([
    ['5,000 nested arrays', deep(5000, '12345678901234567890')],
    ['5,000 nested objects', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
    [`${MAX_VALUE_DEPTH + 1} nested arrays`, deep(MAX_VALUE_DEPTH + 1, '')],
  ])('%s: 400 with an ErrorCollection, nothing stored', async (_name, body) => {
    const response = await run.put(propertyPath('deep', alice.accountId), basic(alice.email), body);
    expect(response.status).toBe(400);
    expect((await expectErrorCollection(response)).errorMessages[0]).toMatch(/nested too deeply/);
    expect(run.sim.store.getPropertyJson(alice.accountId, 'deep')).toBeUndefined();
  });
});

// Generated texts: fc.jsonValue() values written out by hand with random JSON whitespace between tokens, some numbers
// replaced by literals no double holds (long integers, long decimals, exponents, -0), some strings spelt entirely in
// lower-case \u escapes. fast-check prints the seed and the shrunk text on failure.
const digits = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });
const integerLiteral = fc
  .tuple(fc.boolean(), fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0, 40)).map(([head, tail]) => head + tail)))
  .map(([negative, magnitude]) => `${negative ? '-' : ''}${magnitude}`);
const numberLiteral = fc.oneof(
  integerLiteral,
  fc.tuple(integerLiteral, digits(1, 40)).map(([whole, fraction]) => `${whole}.${fraction}`),
  fc
    .tuple(integerLiteral, fc.option(digits(1, 20), { nil: undefined }), fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 4))
    .map(([whole, fraction, e, sign, exponent]) => `${whole}${fraction === undefined ? '' : `.${fraction}`}${e}${sign}${exponent}`),
  fc.constantFrom('12345678901234567890', '-9007199254740993', '0.1000000000000000055511151231257827', '1e400', '-0', '1E-7'),
);
const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r'), maxLength: 3 });

interface Spelling {
  whitespace: string[];
  /** null: the number as JSON.stringify writes it. */
  numbers: Array<string | null>;
  escapeStrings: boolean[];
}

const everyUnitEscaped = (s: string) => `"${Array.from({ length: s.length }, (_, i) => `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')}"`;

function writeText(value: fc.JsonValue, spelling: Spelling): string {
  let w = 0;
  let n = 0;
  let s = 0;
  const ws = () => spelling.whitespace[w++ % spelling.whitespace.length];
  const str = (x: string) => (spelling.escapeStrings[s++ % spelling.escapeStrings.length] ? everyUnitEscaped(x) : JSON.stringify(x));
  const write = (v: fc.JsonValue): string => {
    if (v === null || typeof v === 'boolean') return String(v);
    if (typeof v === 'number') return spelling.numbers[n++ % spelling.numbers.length] ?? JSON.stringify(v);
    if (typeof v === 'string') return str(v);
    if (Array.isArray(v)) return v.length === 0 ? `[${ws()}]` : `[${v.map((item) => `${ws()}${write(item)}${ws()}`).join(',')}]`;
    const entries = Object.entries(v) as Array<[string, fc.JsonValue]>;
    if (entries.length === 0) return `{${ws()}}`;
    return `{${entries.map(([k, item]) => `${ws()}${str(k)}${ws()}:${ws()}${write(item)}${ws()}`).join(',')}}`;
  };
  return `${ws()}${write(value)}${ws()}`;
}

const anyValue = fc.jsonValue({ maxDepth: 5, stringUnit: 'binary' });
// Numbers are rare in fc.jsonValue(): arrays and objects rich in number leaves give the number literals more places.
const numberLeaf = fc.oneof({ weight: 3, arbitrary: fc.integer() }, fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }));
const numberRich = fc.oneof(
  fc.array(numberLeaf, { maxLength: 10 }),
  fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), numberLeaf, { maxKeys: 10 }),
) as fc.Arbitrary<fc.JsonValue>;

const generatedText = fc
  .tuple(
    fc.oneof(anyValue, numberRich),
    fc.record({
      whitespace: fc.array(whitespace, { minLength: 1, maxLength: 12 }),
      numbers: fc.array(fc.option(numberLiteral, { freq: 3 }), { minLength: 1, maxLength: 8 }),
      escapeStrings: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    }),
  )
  .map(([value, spelling]) => writeText(value, spelling))
  .filter((text) => Buffer.byteLength(text) <= MAX_VALUE_BYTES);

test('generated JSON texts: PUT → GET answers the text exactly, non-ASCII as \\u00E9-style escapes', async () => {
  await fc.assert(
    fc.asyncProperty(generatedText, async (sent) => {
      const { putStatus, answer } = await putThenGet(sent, 'generated');
      expect([200, 201]).toContain(putStatus);
      expect(run.sim.store.getPropertyJson(alice.accountId, 'generated')).toBe(sent);
      expect(answer).toBe(answerFor('generated', jiraEscaped(sent)));
      expect(answer).toMatch(/^[\x00-\x7f]*$/);
      expect(JSON.parse(answer)).toEqual({ key: 'generated', value: JSON.parse(sent) });
    }),
    { numRuns: 250 },
  );
});
