import React, { useState } from 'react';
import { Button, DynamicTable, Text } from '@forge/react';
import type { BulkOperation, BulkResult } from '../../../shared/contract';
import { OutcomeCell } from './OutcomeCell';
import { UserCell } from './UserCell';
import { absentAfterText, changeWords } from './value-change';
import { ValueChange } from './ValueChange';
import { ValuesModal } from './ValuesModal';

const head = {
  cells: [
    { key: 'user', content: 'User' },
    { key: 'outcome', content: 'Would be' },
    { key: 'values', content: 'Before → after' },
    { key: 'changes', content: 'What changes' },
    { key: 'actions', content: 'Actions' },
  ],
};

/** A dry run's first few users that would change, each with its value before and after; View shows both whole. */
export const SampleTable = ({ samples, operation }: { samples: readonly BulkResult[]; operation: BulkOperation }) => {
  const [viewing, setViewing] = useState<BulkResult>();
  return (
    <>
      <DynamicTable
        caption={`Examples: ${samples.length} of the users that would change`}
        head={head}
        rows={samples.map((sample) => ({
          key: `sample-${sample.accountId}`,
          cells: [
            { key: `user-${sample.accountId}`, content: <UserCell accountId={sample.accountId} /> },
            { key: `outcome-${sample.accountId}`, content: <OutcomeCell result={sample} /> },
            { key: `values-${sample.accountId}`, content: <ValueChange before={sample.before} after={sample.after} absentAfter={absentAfterText(sample, operation)} /> },
            { key: `changes-${sample.accountId}`, content: <Text>{changeWords(sample)}</Text> },
            {
              key: `actions-${sample.accountId}`,
              content: (
                <Button spacing="compact" onClick={() => setViewing(sample)}>
                  View
                </Button>
              ),
            },
          ],
        }))}
      />
      {viewing ? <ValuesModal result={viewing} operation={operation} onClose={() => setViewing(undefined)} /> : null}
    </>
  );
};
