// Where a JSON Schema holds other schemas, as json-schema-traverse (which ajv uses) walks them. Values of every other
// keyword (enum, const, default, examples, …) are data: a property or an enum value called "$id" or "pattern" is not
// a schema. One list for the resolver's rules (src/domain/schema-scope.ts) and the editor frame's schema handling.
type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords whose value is one schema. */
export const SINGLE_SCHEMA_KEYWORDS: readonly string[] = [
  'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'not', 'if', 'then', 'else',
];
/** Keywords whose value is a schema or a list of schemas. */
export const LIST_SCHEMA_KEYWORDS: readonly string[] = ['items', 'prefixItems', 'allOf', 'anyOf', 'oneOf'];
/** Keywords whose value maps names to schemas (draft-07 `dependencies` also maps names to lists of property names). */
export const MAP_SCHEMA_KEYWORDS: readonly string[] = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies'];

/** Calls `visit` for each direct subschema: its keyword, and its name or index under a map or list keyword. */
export function forEachSubschema(schema: JsonObject, visit: (subschema: unknown, keyword: string, name?: string) => void): void {
  for (const keyword of SINGLE_SCHEMA_KEYWORDS) if (Object.hasOwn(schema, keyword)) visit(schema[keyword], keyword);
  for (const keyword of LIST_SCHEMA_KEYWORDS) {
    if (!Object.hasOwn(schema, keyword)) continue;
    const value = schema[keyword];
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, keyword, String(index)));
    else visit(value, keyword);
  }
  for (const keyword of MAP_SCHEMA_KEYWORDS) {
    const value = schema[keyword];
    if (!Object.hasOwn(schema, keyword) || !isObject(value)) continue;
    for (const [name, sub] of Object.entries(value)) {
      if (keyword === 'dependencies' && Array.isArray(sub)) continue;
      visit(sub, keyword, name);
    }
  }
}
