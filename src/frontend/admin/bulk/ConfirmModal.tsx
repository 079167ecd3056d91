import React, { useState } from 'react';
import { Button, LoadingButton, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition, Stack } from '@forge/react';
import type { Envelope, ErrorBody } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';

interface Props {
  title: string;
  appearance: 'warning' | 'danger';
  confirmLabel: string;
  /** The dismiss button's label: "Cancel" unless that would read as the action itself. */
  closeLabel?: string;
  children: React.ReactNode;
  /** Performs the action; its error stays in the modal, a success closes it through `onDone`. */
  onConfirm(): Promise<Envelope<unknown>>;
  onDone(): void;
  onClose(): void;
}

/** A confirmation before a bulk change writes, stops or is undone. */
export const ConfirmModal = ({ title, appearance, confirmLabel, closeLabel = 'Cancel', children, onConfirm, onDone, onClose }: Props) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    const answer = await onConfirm();
    setBusy(false);
    if (answer.success) onDone();
    else setError(answer.error);
  };
  return (
    <ModalTransition>
      <Modal onClose={onClose}>
        <ModalHeader>
          <ModalTitle appearance={appearance}>{title}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150">
            {children}
            {error ? <ErrorMessage error={error} /> : null}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" isDisabled={busy} onClick={onClose}>
            {closeLabel}
          </Button>
          <LoadingButton appearance={appearance} isLoading={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </LoadingButton>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
};
