import React from 'react';
import { Button, ButtonGroup, ErrorMessage, Inline, Label, ProgressBar, Stack, Text, TextArea, ValidMessage } from '@forge/react';
import { MAX_VALUE_BYTES, utf8Bytes } from '../../../domain/property-rules';
import { formatJson, minifyJson, type ParsedJson } from './json-text';

interface Props {
  text: string;
  parsed: ParsedJson;
  onChange(text: string): void;
  /** What else is wrong with JSON that parses (e.g. "must be an object"); shown instead of "Valid JSON". */
  problem?: string;
  id?: string;
  name?: string;
  label?: string;
  minimumRows?: number;
}

/** The JSON value as text: live validation with line and column, Format, Minify, and bytes against the limit. */
export const JsonField = ({ text, parsed, onChange, problem, id = 'property-value', name = 'value', label = 'Value (JSON)', minimumRows = 12 }: Props) => {
  // Jira counts the stored (compact) JSON; while the text does not parse, show what the text itself weighs.
  const bytes = parsed.ok ? parsed.bytes : utf8Bytes(text);
  const tooBig = bytes > MAX_VALUE_BYTES;
  return (
    <Stack space="space.050">
      <Inline spread="space-between" alignBlock="end">
        <Label labelFor={id}>{label}</Label>
        <ButtonGroup label={`JSON tools for ${label}`}>
          <Button spacing="compact" isDisabled={!parsed.ok} onClick={() => parsed.ok && onChange(formatJson(parsed.value))}>
            Format
          </Button>
          <Button spacing="compact" isDisabled={!parsed.ok} onClick={() => parsed.ok && onChange(minifyJson(parsed.value))}>
            Minify
          </Button>
        </ButtonGroup>
      </Inline>
      <TextArea id={id} name={name} isMonospaced minimumRows={minimumRows} resize="vertical" spellCheck={false} value={text} isInvalid={!parsed.ok || tooBig || problem !== undefined} onChange={(e) => onChange(e.target.value)} />
      {parsed.ok && problem !== undefined ? (
        <ErrorMessage>{problem}</ErrorMessage>
      ) : parsed.ok ? (
        <ValidMessage>Valid JSON</ValidMessage>
      ) : (
        <ErrorMessage>{parsed.line ? `Line ${parsed.line}, column ${parsed.column}: ${parsed.message}` : parsed.message}</ErrorMessage>
      )}
      <Inline space="space.100" alignBlock="center">
        <Text>{`${bytes.toLocaleString('en-US')} of ${MAX_VALUE_BYTES.toLocaleString('en-US')} bytes${parsed.ok ? '' : ' (as typed)'}`}</Text>
        {tooBig ? <ErrorMessage>{`Too large by ${(bytes - MAX_VALUE_BYTES).toLocaleString('en-US')} bytes`}</ErrorMessage> : null}
      </Inline>
      <ProgressBar value={Math.min(1, bytes / MAX_VALUE_BYTES)} appearance={tooBig ? 'default' : 'success'} ariaLabel="Size against the 32,768-byte limit" />
    </Stack>
  );
};
