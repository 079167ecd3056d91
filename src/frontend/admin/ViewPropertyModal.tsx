import React from 'react';
import { Button, CodeBlock, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition, Text } from '@forge/react';
import type { PropertyEntry } from '../../shared/contract';
import { formatJson } from './editor/json-text';
import { sizeLabel } from './table/PropertyTable';

export const ViewPropertyModal = ({ property, onClose, onEdit }: { property: PropertyEntry; onClose(): void; onEdit(): void }) => (
  <ModalTransition>
    <Modal onClose={onClose} width="large">
      <ModalHeader>
        <ModalTitle>{property.key}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Text>{sizeLabel(property.bytes)}</Text>
        <CodeBlock language="json" showLineNumbers text={formatJson(property.value)} />
      </ModalBody>
      <ModalFooter>
        <Button onClick={onClose}>Close</Button>
        <Button appearance="primary" onClick={onEdit}>
          Edit
        </Button>
      </ModalFooter>
    </Modal>
  </ModalTransition>
);
