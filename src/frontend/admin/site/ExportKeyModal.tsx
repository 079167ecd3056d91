import React, { useMemo, useState } from 'react';
import {
  Button,
  Label,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  ProgressBar,
  SectionMessage,
  Stack,
  Text,
  TextArea,
} from '@forge/react';
import { keyAcrossUsersCsv, keyAcrossUsersJson, type KeyValueRow } from '../../../domain/property-export';
import { utf8Bytes } from '../../../domain/property-rules';
import { ChoiceField } from '../../shared/ChoiceField';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { FileDownload } from '../../shared/file-transfer/FileDownload';
import { count } from '../../shared/job-words';
import { sizeText } from '../history/export-format';
import { useKeyExport } from './use-key-export';

type Format = 'json' | 'csv';
const FORMATS: { label: string; value: Format }[] = [
  { label: 'JSON (every value)', value: 'json' },
  { label: 'CSV (flat values)', value: 'csv' },
];
const MIME_TYPES: Record<Format, string> = { json: 'application/json', csv: 'text/csv' };
/** Failed users named in the warning; the rest are counted. */
const FAILURES_SHOWN = 5;

const usersText = (n: number) => `${count(n)} ${n === 1 ? 'user' : 'users'}`;

/** The export as a file: what the download saves, and what the copy instructions name. */
export function exportFile(key: string, format: Format, rows: readonly KeyValueRow[]) {
  const csv = format === 'csv' ? keyAcrossUsersCsv(key, rows) : undefined;
  const text = csv ? csv.text : keyAcrossUsersJson(key, rows);
  // A key may hold anything ("/", spaces, unicode): the file name keeps the characters every file system takes.
  const fileName = `property-values-${key.replace(/[^A-Za-z0-9._-]+/g, '-')}.${format}`;
  return { fileName, mimeType: MIME_TYPES[format], text, left: csv?.left ?? 0 };
}

interface Props {
  propertyKey: string;
  /** Every user the search found, in its order (a scan's pages are all read by then: see use-find-users.ts). */
  accountIds: readonly string[];
  onClose(): void;
}

/**
 * One key's values across the users a search found, read in batches (use-key-export.ts) with their progress, then as
 * a file to download (the Custom UI file-transfer frame) and text to copy, in the same format as one user's export
 * (ExportPropertiesModal): JSON `{ accountId: { key: value } }` with every value's exact text, or CSV of the flat
 * values. Close stops the reading.
 */
export const ExportKeyModal = ({ propertyKey, accountIds, onClose }: Props) => {
  const { state, total, resume } = useKeyExport(propertyKey, accountIds);
  const [format, setFormat] = useState<Format>('json');
  const rows = state.phase === 'done' ? state.rows : undefined;
  const file = useMemo(() => (rows ? exportFile(propertyKey, format, rows) : undefined), [rows, format, propertyKey]);
  const read = state.phase === 'done' ? total : state.read;

  return (
    <ModalTransition>
      <Modal onClose={onClose} width="x-large">
        <ModalHeader>
          <ModalTitle>{`Export the values of ${propertyKey}`}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          {rows && file ? (
            <ExportText propertyKey={propertyKey} rows={rows} format={format} onFormat={setFormat} file={file} />
          ) : (
            <Stack space="space.150">
              <ProgressBar value={total > 0 ? read / total : 0} ariaLabel={`Reading the values of ${propertyKey}: ${count(read)} of ${usersText(total)}`} />
              <Text>{`Read ${count(read)} of ${usersText(total)}`}</Text>
              {state.phase === 'stopped' ? <ErrorMessage error={state.error} onRetry={resume} retryLabel="Go on reading" /> : null}
            </Stack>
          )}
        </ModalBody>
        <ModalFooter>
          <Button appearance={rows ? 'primary' : 'default'} onClick={onClose}>
            Close
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
};

interface ExportTextProps {
  propertyKey: string;
  rows: readonly KeyValueRow[];
  format: Format;
  onFormat(format: Format): void;
  file: ReturnType<typeof exportFile>;
}

const ExportText = ({ propertyKey, rows, format, onFormat, file }: ExportTextProps) => {
  const having = rows.filter((row) => row.json !== undefined).length;
  const failed = rows.filter((row) => row.error !== undefined);
  const figures = [
    `${count(having)} of ${usersText(rows.length)} have ${propertyKey}`,
    failed.length > 0 ? `${usersText(failed.length)} could not be read` : '',
    file.left > 0 ? `${count(file.left)} object or array ${file.left === 1 ? 'value is' : 'values are'} only in the JSON export` : '',
  ].filter(Boolean);
  return (
    <Stack space="space.150">
      <ChoiceField<Format> id="key-export-format" name="keyExportFormat" label="Format" choices={FORMATS} value={format} onChange={onFormat} width="240px" />
      <Text>{`${figures.join('; ')}. ${sizeText(utf8Bytes(file.text))}.`}</Text>
      {failed.length > 0 ? (
        <SectionMessage appearance="warning" title={`${usersText(failed.length)} could not be read, so ${failed.length === 1 ? 'is' : 'are'} not in the export`}>
          <Stack space="space.050">
            {failed.slice(0, FAILURES_SHOWN).map((row) => (
              <Text key={row.accountId}>{`${row.accountId}: ${row.error ?? ''}`}</Text>
            ))}
            {failed.length > FAILURES_SHOWN ? <Text>{`and ${usersText(failed.length - FAILURES_SHOWN)} more.`}</Text> : null}
          </Stack>
        </SectionMessage>
      ) : null}
      <FileDownload fileName={file.fileName} mimeType={file.mimeType} text={file.text} />
      <Text>{`Or copy it: click in the box, select all the text (Ctrl+A, or Cmd+A on a Mac), copy it and paste it into a file named ${file.fileName}.`}</Text>
      <Label labelFor="key-export-text">{`${format === 'json' ? 'JSON' : 'CSV'} export (read-only)`}</Label>
      <TextArea id="key-export-text" name="keyExport" value={file.text} isReadOnly isMonospaced minimumRows={14} maxHeight="50vh" resize="none" spellCheck={false} />
    </Stack>
  );
};
