const MAX_ENUM_SHOWN = 4;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

function range(schema: Record<string, unknown>): string {
  const min = num(schema.minimum) ?? num(schema.exclusiveMinimum);
  const max = num(schema.maximum) ?? num(schema.exclusiveMaximum);
  if (min !== undefined && max !== undefined) return ` ${min}–${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return '';
}

function typeSummary(type: string, schema: Record<string, unknown>): string {
  switch (type) {
    case 'number':
    case 'integer':
      return `${type}${range(schema)}`;
    case 'string':
      return num(schema.maxLength) !== undefined ? `string ≤ ${String(schema.maxLength)} chars` : 'string';
    case 'object':
      return isObject(schema.properties) ? `object (${Object.keys(schema.properties).length} fields)` : 'object';
    case 'array':
      return isObject(schema.items) && typeof schema.items.type === 'string' ? `list of ${schema.items.type}` : 'list';
    default:
      return type;
  }
}

/** One line for the definitions table: what kind of value a schema describes ("boolean", "one of a, b", "number 0–100"). */
export function schemaSummary(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) {
    const shown = schema.enum.slice(0, MAX_ENUM_SHOWN).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    const more = schema.enum.length > MAX_ENUM_SHOWN ? ` +${schema.enum.length - MAX_ENUM_SHOWN}` : '';
    return `one of ${shown.join(', ')}${more}`;
  }
  if ('const' in schema) return `always ${JSON.stringify(schema.const)}`;
  if (typeof schema.type === 'string') return typeSummary(schema.type, schema);
  if (Array.isArray(schema.type)) return schema.type.map(String).join(' or ');
  for (const combiner of ['oneOf', 'anyOf'] as const) {
    const options = schema[combiner];
    if (Array.isArray(options)) return `one of ${options.length} shapes`;
  }
  return 'any JSON';
}
