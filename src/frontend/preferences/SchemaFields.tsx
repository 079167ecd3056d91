import React from 'react';
import { Box, ErrorMessage, Heading, HelperMessage, Inline, Label, RequiredAsterisk, Select, Stack, TextArea, Textfield, Toggle, xcss } from '@forge/react';
import { JsonField } from '../admin/editor/JsonField';
import { parseJsonText } from '../shared/json-text';
import { describeField, summarizeValue, type FieldErrors, type FieldInput, type FieldModel, type FormState } from './schema-form';

interface Props {
  /** The definition's key: field names and ids are `key + pointer`, unique on the page. */
  idPrefix: string;
  field: FieldModel;
  state: FormState;
  errors: FieldErrors;
  disabled: boolean;
  onChange(pointer: string, input: FieldInput): void;
}

const groupStyle = xcss({ paddingInlineStart: 'space.200' });

const Errors = ({ messages }: { messages?: string[] }) => (messages ? <>{messages.map((message) => <ErrorMessage key={message}>{message}</ErrorMessage>)}</> : null);

const Hints = ({ field }: { field: FieldModel }) => {
  const hint = describeField(field);
  const empty = field.schemaDefault !== undefined && !field.required ? `Default: ${summarizeValue(field.schemaDefault)}.` : undefined;
  const text = [field.description, hint, empty].filter(Boolean).join(' ');
  return text ? <HelperMessage>{text}</HelperMessage> : null;
};

const FieldLabel = ({ id, field }: { id: string; field: FieldModel }) => (
  <Label labelFor={id}>
    {field.label}
    {field.required && field.pointer !== '' ? <RequiredAsterisk /> : null}
  </Label>
);

const option = (field: { options: { label: string }[] }, index: number) => ({ label: field.options[index].label, value: String(index) });

/** Reads the option index back from what UI Kit's Select hands over (the option object, an array of them, or null). */
const chosenIndex = (picked: unknown): number | null => {
  const value = (picked as { value?: unknown } | null)?.value;
  return value === undefined ? null : Number(value);
};

/** The form for a schema-derived field model, nested objects as indented groups with a small heading. */
export const SchemaFields = (props: Props) => {
  const { idPrefix, field, state, errors, disabled, onChange } = props;
  const id = `${idPrefix}${field.pointer}`;
  const input = state[field.pointer];
  const invalid = Boolean(errors[field.pointer]);

  switch (field.kind) {
    case 'object': {
      const children = (
        <Stack space="space.200">
          {field.fields.map((child) => (
            <SchemaFields key={child.pointer} {...props} field={child} />
          ))}
        </Stack>
      );
      if (field.pointer === '') {
        return (
          <Stack space="space.100">
            <Errors messages={errors['']} />
            {children}
          </Stack>
        );
      }
      return (
        <Stack space="space.100">
          <Heading as="h4" size="xxsmall">
            {field.label}
          </Heading>
          {field.description ? <HelperMessage>{field.description}</HelperMessage> : null}
          <Errors messages={errors[field.pointer]} />
          <Box xcss={groupStyle}>{children}</Box>
        </Stack>
      );
    }
    case 'boolean': {
      const checked = typeof input === 'boolean' ? input : field.schemaDefault === true;
      return (
        <Stack space="space.050">
          <Inline space="space.100" alignBlock="center">
            <Toggle
              id={id}
              name={id}
              label={field.label}
              isChecked={checked}
              isDisabled={disabled}
              onChange={(event) => onChange(field.pointer, typeof event?.target?.checked === 'boolean' ? event.target.checked : !checked)}
            />
            <FieldLabel id={id} field={field} />
          </Inline>
          <Hints field={field} />
          <Errors messages={errors[field.pointer]} />
        </Stack>
      );
    }
    case 'enum':
    case 'multiEnum': {
      const multi = field.kind === 'multiEnum';
      const value = multi
        ? (Array.isArray(input) ? input : []).map((index) => option(field, index))
        : typeof input === 'number'
          ? option(field, input)
          : null;
      return (
        <Stack space="space.050">
          <FieldLabel id={id} field={field} />
          <Select
            inputId={id}
            name={id}
            options={field.options.map((_, index) => option(field, index))}
            value={value}
            isMulti={multi}
            isClearable={multi || !field.required}
            isDisabled={disabled}
            isInvalid={invalid}
            placeholder={field.schemaDefault !== undefined ? `Default: ${summarizeValue(field.schemaDefault)}` : 'Choose…'}
            onChange={(picked: unknown) =>
              onChange(
                field.pointer,
                multi ? (Array.isArray(picked) ? picked.map(chosenIndex).filter((index): index is number => index !== null) : []) : chosenIndex(picked),
              )
            }
          />
          <Hints field={field} />
          <Errors messages={errors[field.pointer]} />
        </Stack>
      );
    }
    case 'number':
    case 'string':
      return (
        <Stack space="space.050">
          <FieldLabel id={id} field={field} />
          <Textfield
            id={id}
            name={id}
            type={field.kind === 'number' ? 'number' : 'text'}
            {...(field.kind === 'number'
              ? { min: field.minimum ?? field.exclusiveMinimum, max: field.maximum ?? field.exclusiveMaximum }
              : { maxLength: field.maxLength })}
            value={typeof input === 'string' ? input : ''}
            placeholder={field.schemaDefault !== undefined ? `Default: ${summarizeValue(field.schemaDefault)}` : undefined}
            isRequired={field.required}
            isDisabled={disabled}
            isInvalid={invalid}
            onChange={(event) => onChange(field.pointer, String(event.target.value ?? ''))}
          />
          <Hints field={field} />
          <Errors messages={errors[field.pointer]} />
        </Stack>
      );
    case 'list':
      return (
        <Stack space="space.050">
          <FieldLabel id={id} field={field} />
          <TextArea
            id={id}
            name={id}
            minimumRows={3}
            resize="vertical"
            value={typeof input === 'string' ? input : ''}
            isDisabled={disabled}
            isInvalid={invalid}
            onChange={(event) => onChange(field.pointer, String(event.target.value ?? ''))}
          />
          <Hints field={field} />
          <Errors messages={errors[field.pointer]} />
        </Stack>
      );
    case 'json': {
      const text = typeof input === 'string' ? input : '';
      const parsed = parseJsonText(text);
      return (
        <Stack space="space.050">
          <Hints field={field} />
          {disabled ? (
            <Stack space="space.050">
              <FieldLabel id={id} field={field} />
              <TextArea id={id} name={id} isMonospaced isDisabled value={text} />
            </Stack>
          ) : (
            // JsonField reports broken JSON itself; what the schema says about JSON that parses comes as its `problem`.
            <JsonField
              id={id}
              name={id}
              label={field.pointer === '' ? 'Value (JSON)' : `${field.label} (JSON)`}
              minimumRows={field.pointer === '' ? 8 : 4}
              text={text}
              parsed={parsed}
              problem={errors[field.pointer]?.join(' ')}
              onChange={(next) => onChange(field.pointer, next)}
            />
          )}
        </Stack>
      );
    }
  }
};
