import React, { useState } from 'react';
import { Button, ErrorMessage, HelperMessage, Inline, Label, SectionMessage, Stack, Text, TextArea, ValidMessage } from '@forge/react';
import { displayKey } from '../../../domain/key-display';
import { FileOpen } from '../../shared/file-transfer/FileOpen';
import { count } from '../../shared/job-words';
import { usersText } from './bulk-labels';
import { EMPTY_IMPORT, MAX_IMPORT_FILE_BYTES, type ImportCheck, type ImportDraft } from './import-draft';

interface Props {
  draft: ImportDraft;
  check: ImportCheck;
  onChange(draft: ImportDraft): void;
}

const KEYS_SHOWN = 10;

function readText(check: Extract<ImportCheck, { state: 'read' }>): string {
  const { users, keys, items } = check.parsed;
  return `${count(items.length)} ${items.length === 1 ? 'value' : 'values'} of ${count(keys.length)} ${keys.length === 1 ? 'key' : 'keys'} for ${usersText(users)} read`;
}

/** What the import holds, or why it cannot be imported: every problem must be fixed first (nothing half of a file is written). */
const ImportSummary = ({ check }: { check: ImportCheck }) => {
  if (check.state === 'empty') return <HelperMessage>Choose a file, or paste its text: JSON of {'{ accountId: { key: value } }'} as Export writes it, or CSV with the header accountId,key,json.</HelperMessage>;
  if (check.state === 'unreadable') return <ErrorMessage>{check.message}</ErrorMessage>;
  const { parsed } = check;
  if (parsed.problems.length > 0) {
    return (
      <SectionMessage appearance="error" title="Fix the file before importing it">
        <Stack space="space.100">
          <Text>Nothing is imported while any value is invalid:</Text>
          {parsed.problems.map((problem) => (
            <Text key={problem}>{problem}</Text>
          ))}
        </Stack>
      </SectionMessage>
    );
  }
  if (parsed.items.length === 0) return <ErrorMessage>The file holds no values.</ErrorMessage>;
  const shown = parsed.keys.slice(0, KEYS_SHOWN).map((key) => `"${displayKey(key).text}"`);
  const more = parsed.keys.length > KEYS_SHOWN ? ` and ${count(parsed.keys.length - KEYS_SHOWN)} more` : '';
  return (
    <Stack space="space.050">
      <ValidMessage>{readText(check)}</ValidMessage>
      <Text>{`Keys: ${shown.join(', ')}${more}.`}</Text>
    </Stack>
  );
};

/**
 * The import's source: a file picked in the file frame (read whole, then checked here), or its text pasted. Each
 * value is set exactly as the file spells it; keys the file does not name are left alone.
 */
export const ImportFields = ({ draft, check, onChange }: Props) => {
  const [fileError, setFileError] = useState<string>();
  return (
    <Stack space="space.150">
      {draft.from === 'file' ? (
        <Inline space="space.100" alignBlock="center">
          <Text>{`File: ${draft.name}`}</Text>
          <Button appearance="subtle" onClick={() => onChange(EMPTY_IMPORT)}>
            Clear the file
          </Button>
        </Inline>
      ) : (
        <>
          <FileOpen
            label="File to import"
            accept=".json,.csv,application/json,text/csv"
            maxBytes={MAX_IMPORT_FILE_BYTES}
            onFile={(name, text) => {
              setFileError(undefined);
              onChange({ from: 'file', name, text });
            }}
            onError={setFileError}
          />
          {fileError ? <ErrorMessage>{fileError}</ErrorMessage> : null}
          <Stack space="space.050">
            <Label labelFor="bulk-import-text">Or paste the file's text</Label>
            <TextArea
              id="bulk-import-text"
              name="bulkImportText"
              isMonospaced
              minimumRows={6}
              maxHeight="40vh"
              resize="vertical"
              spellCheck={false}
              value={draft.text}
              isInvalid={check.state === 'unreadable' || (check.state === 'read' && check.parsed.problems.length > 0)}
              onChange={(e) => onChange({ from: 'paste', text: e.target.value })}
            />
          </Stack>
        </>
      )}
      <ImportSummary check={check} />
    </Stack>
  );
};
