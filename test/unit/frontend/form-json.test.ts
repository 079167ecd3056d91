import { isLosslessNumber, LosslessNumber } from 'lossless-json';
import { parseLossless } from '../../../src/domain/json-text';
import {
  formJson,
  formNumber,
  lossyCopy,
  rawJsonText,
  sameFormValue,
  storedTree,
  toFormValue,
} from '../../../src/frontend/preferences/form-json';

const STORED = '{"id":12345678901234567890,"n":1,"price":19.90,"z":-0,"e":1e400}';

/** The form value of a stored text, and the tree a save keeps spellings from. */
function load(json: string) {
  const original = parseLossless(json);
  return { value: toFormValue(original) as Record<string, unknown>, original };
}

describe('toFormValue: numbers a double holds exactly become JavaScript numbers, the others stay exact', () => {
  test.each<[string, unknown]>([
    ['1', 1],
    ['19.90', 19.9],
    ['1.0e0', 1],
    ['-0', -0],
    ['9007199254740991', 9007199254740991],
  ])('%s → the number %p', (token, number) => {
    expect(formNumber(token)).toBe(number);
  });

  test.each(['12345678901234567890', '9007199254740993', '0.1000000000000000055511151231257827', '1e400', '1e-400'])('%s stays a LosslessNumber with its digits', (token) => {
    const held = formNumber(token);
    expect(isLosslessNumber(held)).toBe(true);
    expect(String(held)).toBe(token);
  });

  test('the whole tree is converted, nested objects and arrays included', () => {
    const { value } = load('{"a":[1,12345678901234567890,{"b":2.50}],"s":"1","t":true,"u":null}');
    expect(value).toEqual({ a: [1, new LosslessNumber('12345678901234567890'), { b: 2.5 }], s: '1', t: true, u: null });
  });
});

describe('formJson: what a save sends keeps every number the user did not change as stored', () => {
  test('one number changed: only its token changes, member order kept', () => {
    const { value, original } = load(STORED);
    expect(formJson({ ...value, n: 2 }, original)).toBe('{"id":12345678901234567890,"n":2,"price":19.90,"z":-0,"e":1e400}');
  });

  test('nothing changed: the stored text comes back (minified), every spelling as stored', () => {
    const stored = '{"a":[1.0e0,-0.0,100.00,{"b":1E2}],"big":-98765432109876543210.5,"tiny":5e-400,"s":"x"}';
    const { value, original } = load(stored);
    expect(formJson(value, original)).toBe(stored);
  });

  test('a number changed to one with the same double but another exact value is written as the user has it', () => {
    const { value, original } = load('{"r":0.1000000000000000055511151231257827,"id":12345678901234567890}');
    // 0.1 typed in raw JSON is the same double as the stored decimal: the stored token must not come back.
    expect(formJson({ ...value, r: 0.1 }, original)).toBe('{"r":0.1,"id":12345678901234567890}');
    expect(formJson({ ...value, id: new LosslessNumber('12345678901234567891') }, original)).toBe('{"r":0.1000000000000000055511151231257827,"id":12345678901234567891}');
  });

  test('the same value typed another way keeps the stored spelling (19.9 for 19.90, 0 for -0)', () => {
    const { original } = load(STORED);
    const retyped = { id: new LosslessNumber('12345678901234567890'), n: 1, price: 19.9, z: 0, e: new LosslessNumber('1e400') };
    expect(formJson(retyped, original)).toBe(STORED);
  });

  test('members are written in their stored order, new ones after them; removed ones are gone', () => {
    const { original } = load('{"b":1.50,"a":2,"gone":3}');
    // As readForm builds it: keys the schema does not describe first, then the schema's order.
    expect(formJson({ added: true, a: 2, b: 1.5 }, original)).toBe('{"b":1.50,"a":2,"added":true}');
  });

  test('arrays by position; a different type at a path takes nothing from the stored value', () => {
    const { original } = load('{"list":[1.0,2.0,3.0],"x":{"y":1.0}}');
    expect(formJson({ list: [1, 3], x: [1] }, original)).toBe('{"list":[1.0,3],"x":[1]}');
  });

  test('nothing stored (the default shown): plain serialisation, LosslessNumbers by their digits', () => {
    expect(formJson({ n: 1.5, id: new LosslessNumber('12345678901234567890') })).toBe('{"n":1.5,"id":12345678901234567890}');
  });

  test('a "__proto__" member is kept as a member', () => {
    const { value, original } = load('{"__proto__":{"a":1.0},"n":1}');
    expect(formJson({ ...value, n: 2 }, original)).toBe('{"__proto__":{"a":1.0},"n":2}');
  });
});

describe('checking and comparing form values', () => {
  test('lossyCopy turns LosslessNumbers into doubles (for ajv), leaving the original alone', () => {
    const { value } = load(STORED);
    expect(lossyCopy(value)).toEqual({ id: 12345678901234567890, n: 1, price: 19.9, z: -0, e: Infinity });
    expect(isLosslessNumber(value.id)).toBe(true);
  });

  test('sameFormValue compares numbers by exact value, however each side holds them', () => {
    expect(sameFormValue({ a: 1e21 }, { a: new LosslessNumber('1e+21') })).toBe(true);
    expect(sameFormValue([19.9], [new LosslessNumber('19.90')])).toBe(true);
    expect(sameFormValue(0, -0)).toBe(true);
    expect(sameFormValue(new LosslessNumber('12345678901234567890'), new LosslessNumber('12345678901234567891'))).toBe(false);
    expect(sameFormValue(0.1, new LosslessNumber('0.1000000000000000055511151231257827'))).toBe(false);
    expect(sameFormValue({ a: 1 }, { a: '1' })).toBe(false);
  });

  test('rawJsonText shows every digit, laid out', () => {
    expect(rawJsonText(load('{"id":12345678901234567890}').value)).toBe('{\n  "id": 12345678901234567890\n}');
  });

  test('storedTree parses losslessly, and declines texts too deep to parse safely', () => {
    expect(storedTree('[12345678901234567890]')).toEqual([new LosslessNumber('12345678901234567890')]);
    expect(storedTree(`${'['.repeat(2_000)}${']'.repeat(2_000)}`)).toBeUndefined();
  });
});
