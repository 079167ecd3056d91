import React from 'react';
import { Button, CodeBlock, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition, SectionMessage, Stack, Text } from '@forge/react';
import { displayKey } from '../../domain/key-display';
import type { PropertyEntry } from '../../shared/contract';
import { editableJson } from '../shared/json-text';
import { sizeLabel } from './table/PropertyTable';

export const ViewPropertyModal = ({ property, onClose, onEdit }: { property: PropertyEntry; onClose(): void; onEdit(): void }) => {
  const shown = displayKey(property.key);
  return (
    <ModalTransition>
      <Modal onClose={onClose} width="large">
        <ModalHeader>
          <ModalTitle>{shown.text}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150">
            {shown.unusual ? <UnusualKeyMessage reason={shown.unusual} /> : null}
            <Text>{sizeLabel(property.bytes)}</Text>
            <CodeBlock language="json" showLineNumbers text={editableJson(property.json)} />
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button onClick={onClose}>Close</Button>
          {shown.unusual ? null : (
            <Button appearance="primary" onClick={onEdit}>
              Edit
            </Button>
          )}
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
};

/** Why a key is marked unusual, and what can still be done with it. */
export const UnusualKeyMessage = ({ reason }: { reason: string }) => (
  <SectionMessage appearance="warning" title="Unusual key">
    <Text>{`${reason} Another client stored it. Characters that cannot be seen are shown as \\u{…}. It can be viewed and deleted here, not edited.`}</Text>
  </SectionMessage>
);
