import React, { useState } from 'react';
import { Button, LoadingButton, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition, Stack } from '@forge/react';
import type { Envelope, ErrorBody } from '../../shared/contract';
import { ErrorMessage } from '../shared/ErrorMessage';
import { flagSuccess } from '../shared/flags';

interface Props {
  title: string;
  children: React.ReactNode;
  /** Performs the delete; the modal shows the error envelope if it fails. */
  onConfirm(): Promise<Envelope<unknown>>;
  success: { title: string; description?: string };
  onClose(): void;
  onDeleted(): void;
}

/** A danger confirmation for app configuration (definitions, delegations). */
export const ConfirmDeleteModal = ({ title, children, onConfirm, success, onClose, onDeleted }: Props) => {
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<ErrorBody>();
  const confirm = async () => {
    setDeleting(true);
    setError(undefined);
    const answer = await onConfirm();
    setDeleting(false);
    if (answer.success) {
      flagSuccess(success.title, success.description);
      onDeleted();
    } else {
      setError(answer.error);
    }
  };
  return (
    <ModalTransition>
      <Modal onClose={onClose}>
        <ModalHeader>
          <ModalTitle appearance="danger">{title}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            {children}
            {error ? <ErrorMessage error={error} /> : null}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose}>
            Cancel
          </Button>
          <LoadingButton appearance="danger" isLoading={deleting} onClick={confirm}>
            Delete
          </LoadingButton>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
};
