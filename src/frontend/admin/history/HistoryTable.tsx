import React from 'react';
import { Button, Code, DynamicTable, Inline, Lozenge, Stack, Text, Tooltip } from '@forge/react';
import { displayKey } from '../../../domain/key-display';
import type { HistoryEntry } from '../../../shared/contract';
import { previewJson } from '../../shared/json-text';
import { AUTHORITIES, OPERATIONS, UNCONFIRMED_HELP, formatWhen, personName } from './history-labels';

const PREVIEW_LENGTH = 32;

interface Props {
  entries: readonly HistoryEntry[];
  people: Record<string, string>;
  onView(entry: HistoryEntry): void;
}

// Not sortable: the rows are the newest pages loaded so far, and sorting them would suggest an order over all.
const head = {
  cells: [
    { key: 'when', content: 'When' },
    { key: 'actor', content: 'Changed by' },
    { key: 'user', content: 'User' },
    { key: 'key', content: 'Key' },
    { key: 'change', content: 'Change' },
    { key: 'values', content: 'Before → after' },
    { key: 'actions', content: 'Actions' },
  ],
};

/** A value's short preview, or what its absence means. */
const ValuePreview = ({ json, absent }: { json?: string; absent: string }) => (json === undefined ? <Text>{absent}</Text> : <Code>{previewJson(json, PREVIEW_LENGTH)}</Code>);

// Cell contents are plain UI Kit elements: DynamicTable flattens them into its forgeDoc, so no hooks inside.
export const HistoryTable = ({ entries, people, onView }: Props) => (
  <DynamicTable
    head={head}
    rows={entries.map((entry) => {
      const operation = OPERATIONS[entry.operation];
      const key = displayKey(entry.key).text;
      return {
        key: `entry-${entry.id}`,
        cells: [
          { key: `when-${entry.id}`, content: <Text>{formatWhen(entry.at)}</Text> },
          {
            key: `actor-${entry.id}`,
            content: (
              <Stack space="space.025">
                <Text>{personName(people, entry.actorAccountId)}</Text>
                {entry.authority === 'admin' ? null : <Text size="small" color="color.text.subtle">{AUTHORITIES[entry.authority]}</Text>}
              </Stack>
            ),
          },
          { key: `user-${entry.id}`, content: <Text>{personName(people, entry.accountId)}</Text> },
          { key: `key-${entry.id}`, content: <Text>{key}</Text> },
          {
            key: `change-${entry.id}`,
            content: (
              <Inline space="space.050" alignBlock="center" shouldWrap>
                <Lozenge appearance={operation.appearance}>{operation.label}</Lozenge>
                {entry.restoredFrom ? <Lozenge appearance="new">Restore</Lozenge> : null}
                {entry.state === 'unconfirmed' ? (
                  <Tooltip content={UNCONFIRMED_HELP}>
                    <Lozenge appearance="moved">Unconfirmed</Lozenge>
                  </Tooltip>
                ) : null}
              </Inline>
            ),
          },
          {
            key: `values-${entry.id}`,
            content: (
              <Inline space="space.050" alignBlock="center" shouldWrap>
                <ValuePreview json={entry.before} absent="(none)" />
                <Text>→</Text>
                <ValuePreview json={entry.after} absent={entry.operation === 'delete' ? '(deleted)' : '(none)'} />
              </Inline>
            ),
          },
          {
            key: `actions-${entry.id}`,
            content: (
              <Button spacing="compact" onClick={() => onView(entry)}>
                Details
              </Button>
            ),
          },
        ],
      };
    })}
  />
);
