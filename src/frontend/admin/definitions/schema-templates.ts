/** Starting points for a definition's schema and default, offered as buttons in the editor. */
export interface SchemaTemplate {
  label: string;
  schema: Record<string, unknown>;
  defaultValue: unknown;
}

export const SCHEMA_TEMPLATES: readonly SchemaTemplate[] = [
  { label: 'Yes / no', schema: { type: 'boolean' }, defaultValue: false },
  { label: 'Choice list', schema: { type: 'string', enum: ['compact', 'comfortable', 'spacious'] }, defaultValue: 'comfortable' },
  { label: 'Number range', schema: { type: 'integer', minimum: 0, maximum: 100 }, defaultValue: 50 },
  {
    label: 'Object',
    schema: {
      type: 'object',
      properties: { enabled: { type: 'boolean' }, label: { type: 'string', maxLength: 50 } },
      required: ['enabled'],
      additionalProperties: false,
    },
    defaultValue: { enabled: true, label: '' },
  },
];
