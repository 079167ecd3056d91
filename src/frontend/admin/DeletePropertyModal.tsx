import React, { useState } from 'react';
import { Button, Code, LoadingButton, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition, Stack, Text } from '@forge/react';
import type { ErrorBody, PropertyEntry } from '../../shared/contract';
import { ErrorMessage } from '../shared/ErrorMessage';
import { flagSuccess } from '../shared/flags';
import { call } from '../shared/invoke';
import { useResolver } from '../shared/use-resolver';
import { KnownKeyWarning } from './KnownKeyWarning';
import { UnusualKeyMessage } from './ViewPropertyModal';
import { displayKey } from '../../domain/key-display';

interface Props {
  accountId: string;
  property: PropertyEntry;
  onClose(): void;
  onDeleted(): void;
}

/** Confirms a delete, naming the key and the user; refuses if the value changed since it was listed. */
export const DeletePropertyModal = ({ accountId, property, onClose, onDeleted }: Props) => {
  const user = useResolver('getUser', { accountId });
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<ErrorBody>();
  const name = 'state' in user.result || !user.result.success ? accountId : user.result.data.displayName;
  const shown = displayKey(property.key);

  const confirm = async () => {
    setDeleting(true);
    setError(undefined);
    const answer = await call('deleteProperty', { accountId, key: property.key, expected: { exists: true, json: property.json } });
    setDeleting(false);
    if (answer.success) {
      flagSuccess('Property deleted', `"${shown.text}" was deleted from ${name}.`);
      onDeleted();
    } else {
      setError(answer.error);
    }
  };

  return (
    <ModalTransition>
      <Modal onClose={onClose}>
        <ModalHeader>
          <ModalTitle appearance="danger">Delete "{shown.text}"?</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            <Text>
              This deletes the property <Code>{shown.text}</Code> from {name}. It cannot be undone.
            </Text>
            {shown.unusual ? <UnusualKeyMessage reason={shown.unusual} /> : null}
            <KnownKeyWarning propertyKey={property.key} />
            {error ? <ErrorMessage error={error} onRetry={error.code === 'CONFLICT' ? onDeleted : undefined} retryLabel="Reload the list" /> : null}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose}>
            Cancel
          </Button>
          <LoadingButton appearance="danger" isLoading={deleting} isDisabled={error?.code === 'CONFLICT'} onClick={confirm}>
            Delete
          </LoadingButton>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
};
