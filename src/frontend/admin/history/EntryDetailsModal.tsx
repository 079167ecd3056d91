import React from 'react';
import { Button, CodeBlock, Heading, Inline, Lozenge, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition, SectionMessage, Stack, Strong, Text } from '@forge/react';
import { displayKey } from '../../../domain/key-display';
import type { HistoryEntry } from '../../../shared/contract';
import { editableJson } from '../../shared/json-text';
import { AUTHORITIES, OPERATIONS, PRINCIPALS, UNCONFIRMED_HELP, formatWhen, personName } from './history-labels';

const Field = ({ label, value }: { label: string; value: string }) => (
  <Text>
    <Strong>{`${label}: `}</Strong>
    {value}
  </Text>
);

const person = (people: Record<string, string>, accountId: string) => (people[accountId] ? `${people[accountId]} (${accountId})` : accountId);

const Value = ({ title, json, absent }: { title: string; json?: string; absent: string }) => (
  <Stack space="space.050">
    <Heading as="h3" size="xsmall">
      {title}
    </Heading>
    {json === undefined ? <Text>{absent}</Text> : <CodeBlock language="json" showLineNumbers text={editableJson(json)} />}
  </Stack>
);

/** One history entry in full: who, on whom, by what right, and both values whole. */
export const EntryDetailsModal = ({ entry, people, onClose }: { entry: HistoryEntry; people: Record<string, string>; onClose(): void }) => {
  const operation = OPERATIONS[entry.operation];
  return (
    <ModalTransition>
      <Modal onClose={onClose} width="large">
        <ModalHeader>
          <ModalTitle>{`${operation.label} ${displayKey(entry.key).text} on ${personName(people, entry.accountId)}`}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150">
            {entry.state === 'unconfirmed' ? (
              <SectionMessage appearance="warning" title="Unconfirmed">
                <Text>{UNCONFIRMED_HELP}</Text>
              </SectionMessage>
            ) : null}
            <Inline space="space.050">
              <Lozenge appearance={operation.appearance}>{operation.label}</Lozenge>
              {entry.restoredFrom ? <Lozenge appearance="new">Restore</Lozenge> : null}
            </Inline>
            <Stack space="space.050">
              <Field label="When" value={formatWhen(entry.at)} />
              <Field label="Changed by" value={person(people, entry.actorAccountId)} />
              <Field label="By the right of" value={AUTHORITIES[entry.authority]} />
              <Field label="Written" value={PRINCIPALS[entry.principal]} />
              <Field label="User" value={person(people, entry.accountId)} />
              <Field label="Key" value={displayKey(entry.key).text} />
              <Field label="From the module" value={entry.moduleKey} />
              {entry.jobId ? <Field label="Job" value={entry.jobId} /> : null}
              {entry.restoredFrom ? <Field label="Restores the entry" value={entry.restoredFrom} /> : null}
              <Field label="Entry" value={entry.id} />
            </Stack>
            <Value title="Before" json={entry.before} absent="The key did not exist." />
            <Value title="After" json={entry.after} absent={entry.operation === 'delete' ? 'The key was deleted.' : 'The key did not exist.'} />
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
