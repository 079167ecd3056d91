import { ValidationError } from '../../../src/domain/errors';
import { assertMatchesSchema, cachedSchemaCount, compileSchema } from '../../../src/domain/preference-schema';
import { assertSelfContainedSchema } from '../../../src/domain/schema-scope';

function refusal(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('a preference schema must be self-contained', () => {
  it.each<[string, unknown, RegExp]>([
    ['an $id at the top', { $id: 'urn:example:lang', type: 'string' }, /uses "\$id"/],
    ['an $id deep inside', { type: 'object', properties: { a: { items: [{ $id: 'urn:x' }] } } }, /uses "\$id".*properties\/a\/items\/0/],
    ['a $ref to a URN', { $ref: 'urn:example:shape' }, /outside itself/],
    ['a $ref to a URL', { properties: { a: { $ref: 'https://example.com/s.json' } } }, /outside itself/],
    ['an $anchor', { $defs: { a: { $anchor: 'x' } } }, /\$anchor/],
    ['a $dynamicRef', { $dynamicRef: '#x' }, /\$dynamicRef/],
    ['another draft', { $schema: 'https://json-schema.org/draft/2020-12/schema' }, /draft-07/],
    ['a nested $schema', { properties: { a: { $schema: 'http://json-schema.org/draft-07/schema#' } } }, /draft-07/],
    ['a non-schema where a schema belongs', { properties: { a: 5 } }, /other than a schema/],
    ['a backreference', { pattern: '(a)\\1' }, /backreferences and lookaround/],
    ['a named backreference', { pattern: '^(?<n>a)\\k<n>$' }, /backreferences and lookaround/],
    // Found by the fuzzer: validating anything against {"$ref":"#"} recursed until the stack overflowed (INTERNAL_ERROR).
    ['a $ref to itself', { $ref: '#' }, /refers to itself without ever going into a part of the value/],
    ['a $ref cycle through anyOf', { anyOf: [{ type: 'string' }, { $ref: '#' }] }, /refers to itself/],
    ['a $ref cycle through not', { properties: { a: { not: { $ref: '#/properties/a' } } } }, /refers to itself/],
    ['two $defs referring to each other', { $defs: { a: { $ref: '#/$defs/b' }, b: { allOf: [{ $ref: '#/$defs/a' }] } }, $ref: '#/$defs/a' }, /refers to itself/],
    ['a lookahead in patternProperties', { patternProperties: { '^(?=x)': {} } }, /backreferences and lookaround/],
  ])('refuses %s', (_name, schema, message) => {
    expect(refusal(() => assertSelfContainedSchema(schema)).message).toMatch(message);
  });

  it.each<[string, unknown]>([
    ['local refs', { $defs: { lang: { enum: ['en', 'de'] } }, properties: { a: { $ref: '#/$defs/lang' } } }],
    ['draft-07 declared at the top', { $schema: 'http://json-schema.org/draft-07/schema#', type: 'string' }],
    ['data that merely looks like keywords', { enum: [{ $id: 'x' }, { $ref: 'urn:y' }], default: { $id: 1 }, properties: { $id: { type: 'string' }, $ref: {} } }],
    ['dependencies as a list of names', { dependencies: { a: ['b'], c: { required: ['d'] } } }],
    ['boolean schemas', { properties: { a: true, b: false }, additionalProperties: false }],
    ['a recursive tree (each $ref goes into a part of the value)', { type: 'object', properties: { children: { type: 'array', items: { $ref: '#' } } } }],
  ])('accepts %s', (_name, schema) => {
    expect(() => assertSelfContainedSchema(schema)).not.toThrow();
  });
});

describe('compiling', () => {
  it('runs a catastrophic pattern in linear time', () => {
    const schema = { type: 'string', pattern: '^(a+)+$' };
    const started = Date.now();
    expect(refusal(() => assertMatchesSchema(schema, `${'a'.repeat(5_000)}!`, 'The default')).message).toMatch(/pattern/);
    assertMatchesSchema(schema, 'a'.repeat(5_000), 'The default');
    // A backtracking engine takes longer than the age of the universe on this input; RE2 a few milliseconds.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('keeps each schema to itself: an $id registered by one compile is not seen by the next', () => {
    // Before: one shared Ajv, so a refused caller's {"$id":"urn:example:lang"} broke the admin's own use of that $id,
    // and a later {"$ref":"urn:example:lang"} compiled against the attacker's schema.
    expect(() => compileSchema({ $id: 'urn:example:lang', enum: ['evil'] })).toThrow(/\$id/);
    expect(() => compileSchema({ $ref: 'urn:example:lang' })).toThrow(/outside itself/);
    const validate = compileSchema({ $defs: { lang: { enum: ['en'] } }, $ref: '#/$defs/lang' });
    expect(validate('en')).toBe(true);
    expect(validate('evil')).toBe(false);
  });

  it('caches by content and holds a bounded number of compiled schemas', () => {
    const first = compileSchema({ type: 'string', maxLength: 1 });
    expect(compileSchema({ type: 'string', maxLength: 1 })).toBe(first);
    for (let i = 0; i < 500; i += 1) compileSchema({ type: 'string', maxLength: i + 2 });
    expect(cachedSchemaCount()).toBeLessThanOrEqual(64);
    expect(compileSchema({ type: 'string', maxLength: 1 })).not.toBe(first);
  });

  it('validates a recursive tree schema', () => {
    const validate = compileSchema({ type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#' } } } });
    expect(validate({ name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] })).toBe(true);
    expect(validate({ name: 'a', children: [{ name: 1 }] })).toBe(false);
  });

  it('reports an invalid schema as a ValidationError naming it', () => {
    expect(refusal(() => compileSchema({ type: 'nope' })).message).toMatch(/not a valid JSON Schema/);
  });
});
