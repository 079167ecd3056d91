import { applyMergePatch } from '../../../src/domain/merge-patch';
import { jsonTextEqual } from '../../../src/domain/json-equal';

// RFC 7396 appendix A: the test cases, each target and patch with its result.
const RFC_CASES: [string, string, string][] = [
  ['{"a":"b"}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"b"}', '{"b":"c"}', '{"a":"b","b":"c"}'],
  ['{"a":"b"}', '{"a":null}', '{}'],
  ['{"a":"b","b":"c"}', '{"a":null}', '{"b":"c"}'],
  ['{"a":["b"]}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"c"}', '{"a":["b"]}', '{"a":["b"]}'],
  ['{"a":{"b":"c"}}', '{"a":{"b":"d","c":null}}', '{"a":{"b":"d"}}'],
  ['{"a":[{"b":"c"}]}', '{"a":[1]}', '{"a":[1]}'],
  ['["a","b"]', '["c","d"]', '["c","d"]'],
  ['{"a":"b"}', '["c"]', '["c"]'],
  ['{"a":"foo"}', '"bar"', '"bar"'],
  ['{"e":null}', '{"a":1}', '{"e":null,"a":1}'],
  ['[1,2]', '{"a":"b","c":null}', '{"a":"b"}'],
  ['{}', '{"a":{"bb":{"ccc":null}}}', '{"a":{"bb":{}}}'],
];

test.each(RFC_CASES)('RFC 7396 appendix A: %s patched with %s is %s', (target, patch, result) => {
  expect(applyMergePatch(target, patch)).toBe(result);
});

test('every other number keeps its exact digits; the patched field changes, the order of members stays', () => {
  const stored = '{ "id": 12345678901234567891, "ratio": 0.1000000000000000055511151231257827, "team": "Platform", "big": 1e400 }';
  const merged = applyMergePatch(stored, '{"team":"Mobile"}');
  expect(merged).toBe('{"id":12345678901234567891,"ratio":0.1000000000000000055511151231257827,"team":"Mobile","big":1e400}');
  expect(jsonTextEqual(merged!, stored)).toBe(false);
  expect(jsonTextEqual(applyMergePatch(stored, '{"team":"Platform"}')!, stored)).toBe(true);
});

test('on a key that does not exist the patch, less its nulls, is the value; a null patch leaves nothing to store', () => {
  expect(applyMergePatch(undefined, '{"done":false,"gone":null}')).toBe('{"done":false}');
  expect(applyMergePatch('{"a":1}', 'null')).toBeUndefined();
});

test('a member named __proto__ is data on both sides, never the prototype', () => {
  expect(applyMergePatch('{"__proto__":{"x":1}}', '{"__proto__":{"y":2}}')).toBe('{"__proto__":{"x":1,"y":2}}');
  expect(applyMergePatch('{"a":1}', '{"__proto__":{"polluted":true}}')).toBe('{"a":1,"__proto__":{"polluted":true}}');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('a text that is not JSON, or nests past what the app parses, is a validation error', () => {
  expect(() => applyMergePatch('{"a":', '{}')).toThrow(/stored value is not valid JSON/);
  expect(() => applyMergePatch('{}', '['.repeat(1_001) + ']'.repeat(1_001))).toThrow(/nests deeper/);
});
