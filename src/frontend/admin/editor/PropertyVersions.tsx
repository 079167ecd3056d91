import React, { useMemo, useState } from 'react';
import {
  Box,
  Button,
  Code,
  CodeBlock,
  DynamicTable,
  Heading,
  Inline,
  LoadingButton,
  Lozenge,
  SectionMessage,
  Spinner,
  Stack,
  Strong,
  Text,
  Tooltip,
} from '@forge/react';
import { jsonTextEqual } from '../../../domain/json-equal';
import { parseLossless } from '../../../domain/json-text';
import { displayKey } from '../../../domain/key-display';
import { utf8Bytes } from '../../../domain/property-rules';
import type { ErrorBody, ExpectedState, HistoryEntry, PropertyEntry } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { MoreHistory } from '../../shared/MoreHistory';
import { flagError, flagSuccess } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { editableJson, previewJson } from '../../shared/json-text';
import { formatWhen, operationLabel, personName, UNCONFIRMED_HINT } from '../../shared/history-labels';
import { useHistoryPages } from '../../shared/history-pages';
import { ChangeSummary } from './ChangeSummary';
import { ConflictPanel } from './ConflictPanel';
import { diffJson } from './json-diff';

/** What is stored for the key now: Jira's answer, or null when the key does not exist. */
export type StoredNow = PropertyEntry | null;

interface Props {
  accountId: string;
  propertyKey: string;
  /** What the editor believes is stored (its base). */
  current: ExpectedState;
  /** The editor's text differs from `current`: a restore replaces that edit. */
  edited: boolean;
  /**
   * The stored value is now `stored` (after a restore, or read again after a conflict): the editor takes it as its
   * base, and its text (or `text`, when given), and the table's row follows.
   */
  onStored(stored: StoredNow, text?: string): void;
}

async function readStoredNow(accountId: string, key: string): Promise<StoredNow | ErrorBody> {
  const answer = await call('getProperty', { accountId, key });
  if (answer.success) return answer.data;
  return answer.error.code === 'NOT_FOUND' ? null : answer.error;
}

/** A version is the value an entry left: its `after`, or no value at all for a delete. */
const sameAsCurrent = (entry: HistoryEntry, current: ExpectedState) =>
  entry.after === undefined ? !current.exists : current.exists && jsonTextEqual(entry.after, current.json);

function treeOf(json: string): unknown {
  try {
    return parseLossless(json);
  } catch {
    return undefined;
  }
}

const head = {
  cells: [
    { key: 'when', content: 'When' },
    { key: 'who', content: 'Who' },
    { key: 'operation', content: 'Operation' },
    { key: 'actions', content: '' },
  ],
};

/**
 * The property's versions: every write the app made to it, newest first, a page at a time. Selecting one compares it
 * with the current value; "Restore this version" writes it again (or deletes the key, for a delete) after a
 * confirmation. The resolver restores only while the stored value is still the last one the history recorded: when
 * it was changed outside the app, both are shown and nothing is written.
 */
export const PropertyVersions = ({ accountId, propertyKey, current, edited, onStored }: Props) => {
  const { list, reload, showMore } = useHistoryPages({ accountId, key: propertyKey });
  const [selectedId, setSelectedId] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<ErrorBody>();
  const [conflict, setConflict] = useState<{ stored: StoredNow; entry: HistoryEntry }>();
  const currentTree = useMemo(() => (current.exists ? treeOf(current.json) : undefined), [current]);
  const shownKey = displayKey(propertyKey).text;

  const heading = (
    <Heading as="h3" size="small">
      Versions
    </Heading>
  );
  if (list.phase === 'loading') {
    return (
      <Stack space="space.100">
        {heading}
        <Spinner label="Loading versions" />
      </Stack>
    );
  }
  if (list.phase === 'failed') {
    if (list.error.code === 'FORBIDDEN') {
      return <Text>{`Versions are not shown: you may not see the history of "${shownKey}".`}</Text>;
    }
    return (
      <Stack space="space.100">
        {heading}
        <ErrorMessage error={list.error} onRetry={reload} />
      </Stack>
    );
  }

  const { entries, people, cursor } = list;
  const selected = entries.find((entry) => entry.id === selectedId);
  const owner = personName(people, accountId);

  const select = (entry: HistoryEntry) => {
    setSelectedId(entry.id);
    setConfirming(false);
    setError(undefined);
    setConflict(undefined);
  };
  const settle = (stored: StoredNow, text?: string) => {
    setSelectedId(undefined);
    setConfirming(false);
    setConflict(undefined);
    setError(undefined);
    onStored(stored, text);
    reload();
  };

  const restore = async (entry: HistoryEntry) => {
    setRestoring(true);
    setError(undefined);
    const answer = await call('restoreVersion', { entryId: entry.id });
    if (answer.success) {
      // Read back what Jira now holds (its exact text); should that read fail, it holds what was written.
      const read = await readStoredNow(accountId, propertyKey);
      const stored: StoredNow =
        read !== null && 'code' in read
          ? entry.after === undefined
            ? null
            : { key: propertyKey, json: entry.after, bytes: utf8Bytes(entry.after) }
          : read;
      setRestoring(false);
      flagSuccess(
        'Version restored',
        entry.after === undefined
          ? `"${shownKey}" was deleted from ${owner}, as in the version of ${formatWhen(entry.at)}.`
          : `"${shownKey}" on ${owner} is back to the version of ${formatWhen(entry.at)}.`,
      );
      settle(stored);
      return;
    }
    if (answer.error.code === 'CONFLICT') {
      const read = await readStoredNow(accountId, propertyKey);
      setRestoring(false);
      setConfirming(false);
      if (read !== null && 'code' in read) setError(read);
      else setConflict({ stored: read, entry });
      return;
    }
    setRestoring(false);
    setConfirming(false);
    setError(answer.error);
    flagError('The version was not restored', answer.error);
  };

  const rows = entries.map((entry, index) => ({
    key: entry.id,
    cells: [
      { key: `when-${entry.id}`, content: <Text>{formatWhen(entry.at)}</Text> },
      { key: `who-${entry.id}`, content: <Text>{personName(people, entry.actorAccountId)}</Text> },
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
            {index === 0 && entry.state === 'recorded' && sameAsCurrent(entry, current) ? <Lozenge appearance="success">Current</Lozenge> : null}
          </Inline>
        ),
      },
      {
        key: `actions-${entry.id}`,
        content: (
          <Button spacing="compact" isSelected={entry.id === selectedId} onClick={() => select(entry)}>
            Compare
          </Button>
        ),
      },
    ],
  }));

  return (
    <Stack space="space.150">
      {heading}
      {entries.length === 0 && cursor === undefined ? (
        <Text>No versions yet: nobody has changed this property through this app.</Text>
      ) : (
        <Stack space="space.100">
          <Text>Writes made through this app, newest first. Compare one with the current value, then restore it if you need to.</Text>
          <DynamicTable
            label={`Versions of "${shownKey}"`}
            head={head}
            rows={rows}
            highlightedRowIndex={selected ? [entries.indexOf(selected)] : undefined}
          />
          <MoreHistory list={list} onMore={showMore} label="Show more" />
        </Stack>
      )}
      {selected && conflict?.entry.id === selected.id ? (
        <ConflictPanel
          propertyKey={propertyKey}
          stored={conflict.stored ? { exists: true, json: conflict.stored.json } : { exists: false }}
          mine={selected.after === undefined ? undefined : editableJson(selected.after)}
          onReload={() => settle(conflict.stored)}
          onOverwrite={selected.after === undefined ? undefined : () => settle(conflict.stored, editableJson(selected.after as string))}
          wording={{
            title: `"${shownKey}" was changed outside the app`,
            explanation:
              'Nothing was restored: the stored value is no longer the last one this app recorded, so restoring could lose that change. Compare them, then load the stored value into the editor, or edit this version there and save it deliberately.',
            mineLabel: `Version of ${formatWhen(selected.at)}`,
            reloadLabel: 'Reload stored value',
            overwriteLabel: 'Edit this version',
          }}
        />
      ) : selected ? (
        <VersionDetail
          entry={selected}
          who={personName(people, selected.actorAccountId)}
          owner={owner}
          propertyKey={shownKey}
          current={current}
          currentTree={currentTree}
          edited={edited}
          confirming={confirming}
          restoring={restoring}
          onRestore={() => setConfirming(true)}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void restore(selected)}
        />
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </Stack>
  );
};

interface DetailProps {
  entry: HistoryEntry;
  who: string;
  owner: string;
  propertyKey: string;
  current: ExpectedState;
  currentTree: unknown;
  edited: boolean;
  confirming: boolean;
  restoring: boolean;
  onRestore(): void;
  onCancel(): void;
  onConfirm(): void;
}

/** One version: its value, how it differs from the current one, and its restore (behind a confirmation). */
const VersionDetail = ({ entry, who, owner, propertyKey, current, currentTree, edited, confirming, restoring, onRestore, onCancel, onConfirm }: DetailProps) => {
  const same = sameAsCurrent(entry, current);
  const unconfirmed = entry.state === 'unconfirmed';
  const versionTree = entry.after === undefined ? undefined : treeOf(entry.after);
  return (
    <Stack space="space.150">
      <Text>
        <Strong>{`Version of ${formatWhen(entry.at)}`}</Strong>
        {` · ${operationLabel(entry)} by ${who}`}
      </Text>
      {unconfirmed ? (
        <SectionMessage appearance="warning" title="Unconfirmed write">
          <Text>{UNCONFIRMED_HINT}</Text>
        </SectionMessage>
      ) : null}
      {entry.after === undefined ? (
        <Text>{`This version is a delete: after it, "${propertyKey}" did not exist.`}</Text>
      ) : (
        <CodeBlock language="json" text={editableJson(entry.after)} />
      )}
      {same ? (
        <Text>This version is the same as the current value: restoring it would change nothing.</Text>
      ) : entry.after === undefined ? (
        <Text>{`Restoring it deletes "${propertyKey}" from ${owner}.`}</Text>
      ) : !current.exists ? (
        <Text>{`"${propertyKey}" does not exist now: restoring creates it with this value.`}</Text>
      ) : (
        <ChangeSummary changes={diffJson(currentTree, versionTree)} title="Against the current value, restoring it would change" sameText="The same value as the current one." />
      )}
      {confirming ? (
        <SectionMessage appearance="warning" title="Restore this version?">
          <Stack space="space.100">
            {entry.after === undefined ? (
              <Text>{`This deletes "${propertyKey}" from ${owner}. Its history keeps the current value, so it can be restored again.`}</Text>
            ) : (
              <Text>
                {`This writes `}
                <Code>{previewJson(entry.after)}</Code>
                {` to "${propertyKey}" on ${owner}, replacing the current value. Its history keeps the current value, so it can be restored again.`}
              </Text>
            )}
            {edited ? <Text>Your unsaved edit in the editor above is replaced by the restored value.</Text> : null}
            <Inline space="space.100">
              <LoadingButton appearance={entry.after === undefined ? 'danger' : 'warning'} isLoading={restoring} onClick={onConfirm}>
                {entry.after === undefined ? 'Restore and delete' : 'Restore'}
              </LoadingButton>
              <Button appearance="subtle" isDisabled={restoring} onClick={onCancel}>
                Do not restore
              </Button>
            </Inline>
          </Stack>
        </SectionMessage>
      ) : (
        <Box>
          <Button isDisabled={same || unconfirmed} onClick={onRestore}>
            Restore this version
          </Button>
        </Box>
      )}
    </Stack>
  );
};
