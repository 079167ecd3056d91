import React from 'react';
import { Button, ButtonGroup, ErrorMessage, Frame, HelperMessage, Inline, Label, ProgressBar, Stack, Text, TextArea, ValidMessage } from '@forge/react';
import { MAX_VALUE_BYTES, utf8Bytes } from '../../../domain/property-rules';
import { useEditorFrame } from '../../shared/json-editor/use-editor-frame';
import { formatJsonText, minifyJsonText } from '../../../domain/json-layout';
import type { ParsedJson } from '../../shared/json-text';

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
  /**
   * Edit in the Custom UI code editor (static/json-editor) shown through `Frame`, with this schema for validation
   * and completion; the TextArea stays as the fallback when the frame cannot be used.
   */
  editor?: { schema?: Record<string, unknown> };
}

const LINE_HEIGHT_PX = 20;

export const EDITOR_KEYBOARD_HINT = 'Tab indents in the editor: press Esc, then Tab, to move on with the keyboard.';

/**
 * The JSON value as text: live validation with line and column, Format and Minify (whitespace only: every number and
 * escape stays as typed), and bytes against the limit.
 */
export const JsonField = ({ text, parsed, onChange, problem, id = 'property-value', name = 'value', label = 'Value (JSON)', minimumRows = 12, editor }: Props) => {
  const { mode, diagnostics } = useEditorFrame({ enabled: editor !== undefined, text, schema: editor?.schema, onChange });
  const schemaProblem = diagnostics.find((d) => d.source === 'schema');
  // What is sent is the text without whitespace between tokens; while it does not parse, show what the text weighs.
  const bytes = parsed.ok ? parsed.bytes : utf8Bytes(text);
  const tooBig = bytes > MAX_VALUE_BYTES;
  return (
    <Stack space="space.050">
      <Inline spread="space-between" alignBlock="end">
        <Label labelFor={id}>{label}</Label>
        <ButtonGroup label={`JSON tools for ${label}`}>
          <Button spacing="compact" isDisabled={!parsed.ok} onClick={() => parsed.ok && onChange(formatJsonText(text))}>
            Format
          </Button>
          <Button spacing="compact" isDisabled={!parsed.ok} onClick={() => parsed.ok && onChange(minifyJsonText(text))}>
            Minify
          </Button>
        </ButtonGroup>
      </Inline>
      {/* Until the editor frame says hello, the TextArea is usable and the frame loads out of sight. */}
      {mode === 'frame' ? null : (
        <TextArea id={id} name={name} isMonospaced minimumRows={minimumRows} resize="vertical" spellCheck={false} value={text} isInvalid={!parsed.ok || tooBig || problem !== undefined} onChange={(e) => onChange(e.target.value)} />
      )}
      {mode === 'fallback' ? null : <Frame resource="json-editor" height={mode === 'frame' ? `${minimumRows * LINE_HEIGHT_PX + 16}px` : '0px'} />}
      {/* The editor keeps Tab for indenting: say, where everyone sees it, how a keyboard leaves it. */}
      {mode === 'frame' ? <HelperMessage>{EDITOR_KEYBOARD_HINT}</HelperMessage> : null}
      {parsed.ok && problem !== undefined ? (
        <ErrorMessage>{problem}</ErrorMessage>
      ) : parsed.ok && schemaProblem ? (
        <ErrorMessage>{`Line ${schemaProblem.line}, column ${schemaProblem.column}: ${schemaProblem.message}`}</ErrorMessage>
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
