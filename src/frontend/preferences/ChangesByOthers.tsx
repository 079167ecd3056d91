import React from 'react';
import { Code, DynamicTable, EmptyState, Heading, Inline, Lozenge, Spinner, Stack, Text, Tooltip } from '@forge/react';
import { displayKey } from '../../domain/key-display';
import type { HistoryEntry, WriteAuthority } from '../../shared/contract';
import { ErrorMessage } from '../shared/ErrorMessage';
import { MoreHistory } from '../shared/MoreHistory';
import { formatWhen, operationLabel, personName, UNCONFIRMED_HINT } from '../shared/history-labels';
import { useHistoryPages } from '../shared/history-pages';

const TITLE = 'Changes made to your profile by others';

const AUTHORITY: Record<WriteAuthority, string> = {
  admin: 'as Jira admin',
  delegate: 'through a delegation',
  self: '',
  job: 'in a site-wide job',
};

const head = {
  cells: [
    { key: 'when', content: 'When' },
    { key: 'who', content: 'Who' },
    { key: 'key', content: 'Key' },
    { key: 'operation', content: 'Operation' },
  ],
};

const rowOf = (entry: HistoryEntry, people: Record<string, string>) => ({
  key: entry.id,
  cells: [
    { key: `when-${entry.id}`, content: <Text>{formatWhen(entry.at)}</Text> },
    {
      key: `who-${entry.id}`,
      content: <Text>{AUTHORITY[entry.authority] ? `${personName(people, entry.actorAccountId)} (${AUTHORITY[entry.authority]})` : personName(people, entry.actorAccountId)}</Text>,
    },
    { key: `key-${entry.id}`, content: <Code>{displayKey(entry.key).text}</Code> },
    {
      key: `operation-${entry.id}`,
      content: (
        <Inline space="space.100" alignBlock="center">
          <Text>{operationLabel(entry)}</Text>
          {entry.state === 'unconfirmed' ? (
            <Tooltip content={UNCONFIRMED_HINT}>
              <Lozenge appearance="moved">Unconfirmed</Lozenge>
            </Tooltip>
          ) : null}
        </Inline>
      ),
    },
  ],
});

/**
 * The writes someone else made to the caller's own record through the app (an admin, a delegated manager, a job),
 * newest first: the history of the caller's record (listHistory without accountId, from this module), without the
 * caller's own writes.
 */
export const ChangesByOthers = ({ accountId }: { accountId: string }) => {
  const { list, reload, showMore } = useHistoryPages({}, { keep: (entry) => entry.actorAccountId !== accountId });
  const heading = (
    <Heading as="h2" size="medium">
      {TITLE}
    </Heading>
  );
  if (list.phase === 'loading') {
    return (
      <Stack space="space.200">
        {heading}
        <Spinner label="Loading changes made by others" />
      </Stack>
    );
  }
  if (list.phase === 'failed') {
    return (
      <Stack space="space.200">
        {heading}
        <ErrorMessage error={list.error} onRetry={reload} />
      </Stack>
    );
  }
  const { entries, people, cursor, moreError, scanned } = list;
  return (
    <Stack space="space.200">
      {heading}
      {entries.length === 0 && cursor === undefined && !moreError ? (
        <EmptyState headingLevel={3} header="No changes by others" description="Nobody else has changed your profile through this app." />
      ) : (
        <Stack space="space.150">
          <Text>Values on your profile that your Jira admin, someone they delegated to, or a site-wide job changed through this app, newest first.</Text>
          {entries.length > 0 ? (
            <DynamicTable label={TITLE} head={head} rows={entries.map((entry) => rowOf(entry, people))} />
          ) : (
            <Text>{`None of the latest ${scanned.toLocaleString('en-US')} changes to your profile was made by someone else.`}</Text>
          )}
          <MoreHistory list={list} onMore={showMore} label="Show more" />
        </Stack>
      )}
    </Stack>
  );
};
