import { jiraCanSearch, jiraPropertyParameter, readPropertyQuery, valueMatches } from '../../../src/domain/property-query';

describe('readPropertyQuery', () => {
  test('presence by default, absence when asked, a value at a path', () => {
    expect(readPropertyQuery({ key: 'team' })).toEqual({ key: 'team', present: true });
    expect(readPropertyQuery({ key: 'team', present: false })).toEqual({ key: 'team', present: false });
    expect(readPropertyQuery({ key: 'costCenter', path: 'address.city', value: 'Oslo' })).toEqual({ key: 'costCenter', path: ['address', 'city'], value: 'Oslo' });
  });

  test.each([
    [{ key: 'a..b' }, /".."/],
    [{ key: 'team', path: 'x' }, /needs the "value"/],
    [{ key: 'team', value: 'x', present: true }, /not both/],
    [{ key: 'team', value: '' }, /1 to 255/],
    [{ key: 'team', value: 'x', path: 'a..b' }, /member names joined by dots/],
    [{ key: 'team', value: 'x', path: 'a.b.c.d.e.f.g.h.i.j.k' }, /at most 10 parts/],
    [{ key: 'team', present: 'yes' }, /true or false/],
  ])('%j is refused', (fields, message) => {
    expect(() => readPropertyQuery(fields)).toThrow(message);
  });
});

describe('jiraCanSearch', () => {
  test('only a value on a key without "." or "=", with no "=" in the path or value', () => {
    expect(jiraCanSearch({ key: 'costCenter', path: ['code'], value: 'CC-1' })).toBe(true);
    expect(jiraPropertyParameter({ key: 'costCenter', path: ['code'], value: 'CC-1' })).toBe('costCenter.code=CC-1');
    expect(jiraCanSearch({ key: 'com.acme.settings', path: [], value: 'x' })).toBe(false);
    expect(jiraCanSearch({ key: 'filter=default', path: [], value: 'x' })).toBe(false);
    expect(jiraCanSearch({ key: 'team', path: [], value: 'a=b' })).toBe(false);
    expect(jiraCanSearch({ key: 'team', present: true })).toBe(false);
  });
});

describe('valueMatches', () => {
  const q = (value: string, ...path: string[]) => ({ key: 'k', path, value });
  test('a string by its characters, escapes read; numbers by exact value; literals by their spelling', () => {
    expect(valueMatches('{"code":"CC-4102"}', q('CC-4102', 'code'))).toBe(true);
    expect(valueMatches('{"code":"\\u0043C-4102"}', q('CC-4102', 'code'))).toBe(true);
    expect(valueMatches('{"code":"CC-4102 "}', q('CC-4102', 'code'))).toBe(false);
    expect(valueMatches('{"id":12345678901234567890}', q('12345678901234567890', 'id'))).toBe(true);
    expect(valueMatches('{"id":12345678901234567890}', q('12345678901234567891', 'id'))).toBe(false);
    expect(valueMatches('{"n":1.0}', q('1', 'n'))).toBe(true);
    expect(valueMatches('{"on":true,"off":null}', q('true', 'on'))).toBe(true);
    expect(valueMatches('{"on":true,"off":null}', q('null', 'off'))).toBe(true);
    expect(valueMatches('"plain"', q('plain'))).toBe(true);
  });

  test('objects and arrays never match; a missing path or a non-object on the way does not', () => {
    expect(valueMatches('{"a":{"b":1}}', q('{"b":1}', 'a'))).toBe(false);
    expect(valueMatches('{"a":[1]}', q('1', 'a'))).toBe(false);
    expect(valueMatches('{"a":1}', q('1', 'b'))).toBe(false);
    expect(valueMatches('{"a":"x"}', q('x', 'a', 'b'))).toBe(false);
    expect(valueMatches('[{"a":"x"}]', q('x', '0', 'a'))).toBe(false);
  });
});
