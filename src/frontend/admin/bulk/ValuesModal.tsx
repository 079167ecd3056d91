import React from 'react';
import { Button, CodeBlock, Heading, Inline, Lozenge, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition, Stack, Text } from '@forge/react';
import { displayKey } from '../../../domain/key-display';
import type { BulkOperation, BulkResult } from '../../../shared/contract';
import { editableJson } from '../../shared/json-text';
import { ChangeSummary } from '../editor/ChangeSummary';
import { OUTCOME_WORDS, sampleKey } from './bulk-labels';
import { absentAfterText, valueChanges } from './value-change';

const Value = ({ title, json, absent }: { title: string; json?: string; absent: string }) => (
  <Stack space="space.050">
    <Heading as="h3" size="xsmall">
      {title}
    </Heading>
    {json === undefined ? <Text>{absent}</Text> : <CodeBlock language="json" showLineNumbers text={editableJson(json)} />}
  </Stack>
);

/** One user's value of the change's key before and after, whole (a dry run's samples as far as they were kept). */
export const ValuesModal = ({ result, operation, onClose }: { result: BulkResult; operation: BulkOperation; onClose(): void }) => {
  const changes = valueChanges(result);
  const words = OUTCOME_WORDS[result.outcome];
  return (
    <ModalTransition>
      <Modal onClose={onClose} width="large">
        <ModalHeader>
          <ModalTitle>{`"${displayKey(sampleKey(operation, result)).text}" on ${result.accountId}`}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150">
            <Inline space="space.100" alignBlock="center">
              <Lozenge appearance={words.appearance}>{words.label}</Lozenge>
              <Text>{result.reason ?? words.help}</Text>
            </Inline>
            {changes ? <ChangeSummary changes={changes} title="What changes" sameText="The two values are the same." /> : null}
            <Value title="Before" json={result.before} absent="The user did not have the key." />
            <Value title="After" json={result.after} absent={absentAfterText(result, operation)} />
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
