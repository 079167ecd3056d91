import React from 'react';
import { Button, Label, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition, ProgressBar, SectionMessage, Stack, Text, TextArea } from '@forge/react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { FileDownload } from '../../shared/file-transfer/FileDownload';
import { sizeText } from './export-format';
import { count } from './history-labels';
import { MAX_EXPORT_ENTRIES, type HistoryExportState } from './use-history-export';

const NAMES = { json: 'JSON', csv: 'CSV' } as const;
const MIME_TYPES = { json: 'application/json', csv: 'text/csv' } as const;

interface Props {
  state: Exclude<HistoryExportState, { phase: 'idle' }>;
  /** What the export covers, in words ('key "costCenter"'), or '' for the whole history. */
  scope: string;
  onRetry(): void;
  onClose(): void;
}

/**
 * An export while its pages load (with their count, and Stop), then a file to download, through the Custom UI
 * file-transfer frame (neither @forge/react nor @forge/bridge has a download), and its text, read-only, to copy, which
 * stays when the frame cannot load.
 */
export const ExportModal = ({ state, scope, onRetry, onClose }: Props) => {
  const name = NAMES[state.format];
  const what = scope ? `the history filtered by ${scope}` : 'the whole history';
  return (
    <ModalTransition>
      <Modal onClose={onClose} width="x-large">
        <ModalHeader>
          <ModalTitle>{`Export as ${name}`}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          {state.phase === 'loading' ? (
            <Stack space="space.150">
              <Text>{`Reading ${what}, newest first…`}</Text>
              <ProgressBar isIndeterminate ariaLabel="Export progress" />
              <Text>{`${count(state.loaded)} entries read so far (an export holds at most ${count(MAX_EXPORT_ENTRIES)}).`}</Text>
            </Stack>
          ) : state.phase === 'failed' ? (
            <Stack space="space.150">
              <Text>{`The export stopped after ${count(state.loaded)} entries.`}</Text>
              <ErrorMessage error={state.error} onRetry={onRetry} retryLabel="Export again" />
            </Stack>
          ) : (
            <Stack space="space.150">
              {state.truncated ? (
                <SectionMessage appearance="warning" title={`Stopped at ${count(MAX_EXPORT_ENTRIES)} entries`}>
                  <Text>{`This export holds the newest ${count(state.entries)} entries; older ones match too. Narrow the filters, for example to a date range, and export each part.`}</Text>
                </SectionMessage>
              ) : null}
              <Text>{`${count(state.entries)} ${state.entries === 1 ? 'entry' : 'entries'} of ${what}, ${sizeText(state.bytes)}.`}</Text>
              <FileDownload fileName={`user-properties-history.${state.format}`} mimeType={MIME_TYPES[state.format]} text={state.text} />
              <Text>
                {`Or copy it: click in the box, select all the text (Ctrl+A, or Cmd+A on a Mac), copy it and paste it into a file named user-properties-history.${state.format}.`}
              </Text>
              <Label labelFor="history-export-text">{`${name} export (read-only)`}</Label>
              <TextArea id="history-export-text" name="historyExport" value={state.text} isReadOnly isMonospaced minimumRows={14} maxHeight="50vh" resize="none" spellCheck={false} />
            </Stack>
          )}
        </ModalBody>
        <ModalFooter>
          <Button appearance={state.phase === 'ready' ? 'primary' : 'default'} onClick={onClose}>
            {state.phase === 'loading' ? 'Stop' : 'Close'}
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
};
