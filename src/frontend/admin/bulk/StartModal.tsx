import React from 'react';
import { Text } from '@forge/react';
import type { BulkCounts, BulkOperation, Envelope } from '../../../shared/contract';
import { changingUsers, countsText, operationText, usersText } from './bulk-labels';
import { ConfirmModal } from './ConfirmModal';
import { OutcomeCounts } from './OutcomeCounts';

interface Props {
  operation: BulkOperation;
  counts: BulkCounts;
  /** Whom, in words: "3 users listed", "the members of hr-managers". */
  targetWords: string;
  onConfirm(): Promise<Envelope<unknown>>;
  onDone(): void;
  onClose(): void;
}

/** The last step before a bulk change writes: what it does, to whom, and the dry run's counts. */
export const StartModal = ({ operation, counts, targetWords, onConfirm, onDone, onClose }: Props) => {
  const changing = changingUsers(counts);
  const destructive = operation.op === 'delete' || operation.op === 'rename';
  return (
    <ConfirmModal title={`Change ${usersText(changing)}?`} appearance={destructive ? 'danger' : 'warning'} confirmLabel={`Change ${usersText(changing)}`} onConfirm={onConfirm} onDone={onDone} onClose={onClose}>
      <Text>{`${operationText(operation)}, on ${targetWords}.`}</Text>
      <Text>{`The dry run found ${countsText(counts, true)}.`}</Text>
      <OutcomeCounts counts={counts} />
      <Text>
        Each user is planned again when the change reaches them, so a value changed since the dry run counts as it is then. You can pause or cancel the change
        while it runs, and undo it once it has finished.
      </Text>
    </ConfirmModal>
  );
};
