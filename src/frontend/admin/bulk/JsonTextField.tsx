import React from 'react';
import { ErrorMessage, HelperMessage, Label, Stack, TextArea, ValidMessage } from '@forge/react';
import { MAX_VALUE_BYTES } from '../../../domain/property-rules';
import type { ParsedJson } from '../../shared/json-text';
import { count } from '../../shared/job-words';

interface Props {
  label: string;
  text: string;
  parsed: ParsedJson;
  problem?: string;
  help: string;
  onChange(text: string): void;
}

/** JSON typed into a plain TextArea, checked as typed: where it stops parsing, or its size once it does. */
export const JsonTextField = ({ label, text, parsed, problem, help, onChange }: Props) => (
  <Stack space="space.050">
    <Label labelFor="bulk-json">{label}</Label>
    <TextArea id="bulk-json" name="bulkJson" isMonospaced minimumRows={4} resize="vertical" spellCheck={false} value={text} isInvalid={problem !== undefined} onChange={(e) => onChange(e.target.value)} />
    {problem ? (
      <ErrorMessage>{problem}</ErrorMessage>
    ) : parsed.ok ? (
      <ValidMessage>{`Valid JSON, ${count(parsed.bytes)} of ${count(MAX_VALUE_BYTES)} bytes`}</ValidMessage>
    ) : (
      <HelperMessage>{help}</HelperMessage>
    )}
  </Stack>
);
