import React, { useState } from 'react';
import { Button, Label, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition, Stack, Text, TextArea } from '@forge/react';
import { propertiesCsv, propertiesJson } from '../../../domain/property-export';
import { utf8Bytes } from '../../../domain/property-rules';
import type { PropertyEntry } from '../../../shared/contract';
import { sizeText } from '../history/export-format';
import { ChoiceField } from '../../shared/ChoiceField';
import { FileDownload } from '../../shared/file-transfer/FileDownload';

type Format = 'json' | 'csv';
const FORMATS: { label: string; value: Format }[] = [
  { label: 'JSON (every value)', value: 'json' },
  { label: 'CSV (flat values)', value: 'csv' },
];
const MIME_TYPES: Record<Format, string> = { json: 'application/json', csv: 'text/csv' };

/** `user-properties-<accountId>.<format>`, with what file systems refuse (`:` in `557058:9c2f…`) as `-`. */
export const exportFileName = (accountId: string, format: Format) => `user-properties-${accountId.replace(/[^A-Za-z0-9._-]+/g, '-')}.${format}`;

interface Props {
  accountId: string;
  properties: readonly PropertyEntry[];
  onClose(): void;
}

/**
 * One user's properties as a file to download, through the Custom UI file-transfer frame (neither @forge/react nor
 * @forge/bridge has a download), and as text to copy, which stays when the frame cannot load. JSON is
 * `{ accountId: { key: value } }` with every value's exact text; CSV holds the flat values.
 */
export const ExportPropertiesModal = ({ accountId, properties, onClose }: Props) => {
  const [format, setFormat] = useState<Format>('json');
  const csv = format === 'csv' ? propertiesCsv(accountId, properties) : undefined;
  const text = csv ? csv.text : propertiesJson(accountId, properties);
  const fileName = exportFileName(accountId, format);
  const unreadable = properties.filter((property) => property.unreadable !== undefined).length;
  const leftOut = [
    csv && csv.left > 0 ? `${csv.left.toLocaleString('en-US')} object or array ${csv.left === 1 ? 'value is' : 'values are'} only in the JSON export` : '',
    unreadable > 0 ? `${unreadable.toLocaleString('en-US')} ${unreadable === 1 ? 'key' : 'keys'} no URL can address cannot be read, so ${unreadable === 1 ? 'it is' : 'they are'} left out` : '',
  ].filter(Boolean);
  return (
    <ModalTransition>
      <Modal onClose={onClose} width="x-large">
        <ModalHeader>
          <ModalTitle>Export properties</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150">
            <ChoiceField<Format> id="property-export-format" name="propertyExportFormat" label="Format" choices={FORMATS} value={format} onChange={setFormat} width="240px" />
            <Text>{`${sizeText(utf8Bytes(text))}.${leftOut.length > 0 ? ` ${leftOut.join('; ')}.` : ''}`}</Text>
            <FileDownload fileName={fileName} mimeType={MIME_TYPES[format]} text={text} />
            <Text>{`Or copy it: click in the box, select all the text (Ctrl+A, or Cmd+A on a Mac), copy it and paste it into a file named ${fileName}.`}</Text>
            <Label labelFor="property-export-text">{`${format === 'json' ? 'JSON' : 'CSV'} export (read-only)`}</Label>
            <TextArea id="property-export-text" name="propertyExport" value={text} isReadOnly isMonospaced minimumRows={14} maxHeight="50vh" resize="none" spellCheck={false} />
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="primary" onClick={onClose}>
            Close
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
};
