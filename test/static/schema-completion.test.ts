import { schemaCompletions, schemasAt } from '../../static/json-editor/src/schema-completion';
import { applyEdits, prettyPrintEdits } from '../../static/json-editor/src/format';

const SCHEMA = {
  type: 'object',
  required: ['theme'],
  properties: {
    theme: { enum: ['light', 'dark'], title: 'Theme', description: 'Colour scheme of the board.' },
    density: { type: 'string', default: 'comfortable', examples: ['compact'] },
    pinned: { type: 'array', items: { $ref: '#/$defs/pin' } },
    notify: { type: 'boolean' },
    extra: { anyOf: [{ type: 'null' }, { type: 'object', properties: { on: { type: 'boolean' } } }] },
  },
  $defs: { pin: { type: 'object', properties: { id: { type: 'integer' }, kind: { const: 'board' } } } },
};

/** Completions at the `|` in the text. */
function at(textWithCursor: string, explicit = false) {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const result = schemaCompletions(SCHEMA, text, offset, explicit);
  return result && { replaces: text.slice(result.from, result.to), labels: result.items.map((item) => item.label), items: result.items };
}

describe('schemaCompletions', () => {
  test('property names where a key goes, required ones first and marked, with the schema’s words as info', () => {
    const result = at('{|}', true);
    expect(result?.labels).toEqual(['"theme"', '"density"', '"pinned"', '"notify"', '"extra"']);
    expect(result?.items[0]).toEqual({
      label: '"theme"',
      insert: '"theme": ',
      kind: 'property',
      detail: '"light" | "dark" (required)',
      info: 'Theme\n\nColour scheme of the board.',
      suggestsValues: true,
      boost: 1,
    });
    expect(result?.items.find((i) => i.label === '"pinned"')).toMatchObject({ detail: 'array', suggestsValues: true, boost: 0 });
  });

  test('nothing pops up unasked before anything is typed', () => {
    expect(at('{|}')).toBeUndefined();
    expect(at('{"th|}')?.labels).toContain('"theme"');
  });

  test('keys already present are not offered again', () => {
    expect(at('{"theme": "dark", "|"}')?.labels).toEqual(['"density"', '"pinned"', '"notify"', '"extra"']);
  });

  test('the range covers the typed key: a closed string whole, an unterminated one up to the cursor', () => {
    expect(at('{"th|"}')?.replaces).toBe('"th"');
    expect(at('{"th|}')?.replaces).toBe('"th');
    expect(at('{ th|}')?.replaces).toBe('th');
  });

  test('values: enum, default and examples, booleans, through $ref, arrays and anyOf', () => {
    expect(at('{"theme": |}', true)?.labels).toEqual(['"light"', '"dark"']);
    expect(at('{"theme": "d|"}')).toMatchObject({ replaces: '"d"', labels: ['"light"', '"dark"'] });
    expect(at('{"density": |}', true)?.items).toEqual([
      expect.objectContaining({ label: '"comfortable"', detail: 'default' }),
      expect.objectContaining({ label: '"compact"', detail: 'string' }),
    ]);
    expect(at('{"notify": tr|}')).toMatchObject({ replaces: 'tr', labels: ['true', 'false'] });
    expect(at('{"pinned": [{"|"}]}')?.labels).toEqual(['"id"', '"kind"']);
    expect(at('{"pinned": [{}, {"kind": |}]}', true)?.labels).toEqual(['"board"']);
    expect(at('{"extra": |}', true)?.labels).toEqual(['null', '{}']);
    expect(at('{"extra": {"|"}}')?.labels).toEqual(['"on"']);
  });

  test('no suggestions right after a complete value (a comma goes there) or where the schema says nothing', () => {
    expect(at('{"theme": "dark" |}', true)).toBeUndefined();
    expect(at('{"unknown": |}', true)).toBeUndefined();
    expect(at('{"pinned": [{"id": |}]}', true)).toBeUndefined();
  });

  test('schemasAt follows properties, items, $ref and combinators', () => {
    expect(schemasAt(SCHEMA, ['pinned', 0, 'id'])).toEqual([{ type: 'integer' }]);
    expect(schemasAt(SCHEMA, ['extra', 'on'])).toEqual([{ type: 'boolean' }]);
    expect(schemasAt(SCHEMA, ['nope'])).toEqual([]);
  });
});

describe('prettyPrintEdits', () => {
  test('pretty-prints with two spaces and keeps number literals as typed', () => {
    const text = '{"a":[1,2.0,12345678901234567890],"b":{},"c":"x\\u00e9"}';
    const edits = prettyPrintEdits(text);
    expect(edits).toBeDefined();
    expect(applyEdits(text, edits ?? [])).toBe('{\n  "a": [\n    1,\n    2.0,\n    12345678901234567890\n  ],\n  "b": {},\n  "c": "x\\u00e9"\n}');
  });

  test('refuses invalid JSON and changes nothing in a text already formatted', () => {
    expect(prettyPrintEdits('{"a": }')).toBeUndefined();
    expect(prettyPrintEdits('{\n  "a": 1\n}')).toEqual([]);
  });
});
