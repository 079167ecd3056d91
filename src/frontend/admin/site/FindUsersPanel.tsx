import React, { useEffect, useState } from 'react';
import { Box, Button, DynamicTable, Heading, Inline, Label, Lozenge, Select, Spinner, Stack, Text, Textfield } from '@forge/react';
import type { FindUsersPayload } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import type { FoundTarget } from '../bulk/bulk-draft';
import { ExportKeyModal } from './ExportKeyModal';
import { JobProgressPanel } from './JobProgressPanel';
import { useFindUsers, type FindState, type FinderQuery } from './use-find-users';

type Mode = 'present' | 'absent' | 'value';
const MODES: { label: string; value: Mode }[] = [
  { label: 'Has the key', value: 'present' },
  { label: 'Does not have the key', value: 'absent' },
  { label: 'Value at a path equals', value: 'value' },
];

interface Props {
  /** A key picked in the inventory: find the users having it at once. */
  drillDown?: { key: string; at: number };
  onOpenUser(accountId: string): void;
  /** Hands the users found to the Bulk changes tab. */
  onBulkChange(target: FoundTarget): void;
}

/** The query as the bulk target's choice names it: the key, and what about it. */
function searchWords(query: FinderQuery): string {
  if (query.value !== undefined) return `${query.key}: ${query.path ? `${query.path} ` : ''}= ${query.value}`;
  return query.present === false ? `${query.key}: without it` : query.key;
}

/** The users found as a bulk target: a finished scan by its job id, Jira's immediate answer by its account ids. */
function foundTarget(state: Extract<FindState, { phase: 'found' }>): FoundTarget {
  const { users, query, jobId } = state;
  return { search: searchWords(query), users: users.length, target: jobId ? { finder: jobId } : { accountIds: users.map((user) => user.accountId) } };
}

/** Finds the site's active people by a key they have or lack, or by a value inside it; each opens in the Users tab. */
export const FindUsersPanel = ({ drillDown, onOpenUser, onBulkChange }: Props) => {
  const [key, setKey] = useState('');
  const [mode, setMode] = useState<Mode>('present');
  const [path, setPath] = useState('');
  const [value, setValue] = useState('');
  const { state, find, cancel } = useFindUsers();
  const [exporting, setExporting] = useState<{ key: string; accountIds: string[] }>();

  const query = (): Extract<FindUsersPayload, { key: string }> =>
    mode === 'value' ? { key: key.trim(), value, ...(path.trim() ? { path: path.trim() } : {}) } : { key: key.trim(), present: mode === 'present' };
  useEffect(() => {
    if (!drillDown) return;
    setKey(drillDown.key);
    setMode('present');
    void find({ key: drillDown.key, present: true });
  }, [drillDown]);

  const busy = state.phase === 'searching' || state.phase === 'scanning';
  const canFind = key.trim() !== '' && (mode !== 'value' || value !== '') && !busy;
  return (
    <Stack space="space.150">
      <Heading as="h2" size="small">
        Find users
      </Heading>
      <Inline space="space.150" alignBlock="end" shouldWrap>
        <Stack space="space.050">
          <Label labelFor="find-key">Key</Label>
          <Textfield id="find-key" name="findKey" value={key} onChange={(e) => setKey(e.target.value)} />
        </Stack>
        <Box xcss={{ width: '240px' }}>
          <Stack space="space.050">
            <Label labelFor="find-mode">Users who</Label>
            <Select inputId="find-mode" name="findMode" options={MODES} value={MODES.find((m) => m.value === mode)} onChange={(option: { value?: Mode } | null) => option?.value && setMode(option.value)} />
          </Stack>
        </Box>
        {mode === 'value' ? (
          <>
            <Stack space="space.050">
              <Label labelFor="find-path">Path (optional)</Label>
              <Textfield id="find-path" name="findPath" value={path} onChange={(e) => setPath(e.target.value)} />
            </Stack>
            <Stack space="space.050">
              <Label labelFor="find-value">Value</Label>
              <Textfield id="find-value" name="findValue" value={value} onChange={(e) => setValue(e.target.value)} />
            </Stack>
          </>
        ) : null}
        <Button appearance="primary" isDisabled={!canFind} onClick={() => void find(query())}>
          Find
        </Button>
      </Inline>
      {mode === 'value' ? <Text>{'The path names members inside the value: key costCenter, path code and value CC-4102 find {"code":"CC-4102"}.'}</Text> : null}
      {state.phase === 'searching' ? <Spinner label="Searching" /> : null}
      {state.phase === 'scanning' ? (
        state.job ? <JobProgressPanel job={state.job} what="Search" cancelling={false} onCancel={() => void cancel()} /> : <Spinner label="Starting a scan of every user" />
      ) : null}
      {state.phase === 'failed' ? <ErrorMessage error={state.error} /> : null}
      {state.phase === 'found' ? (
        <Stack space="space.100">
          <Inline space="space.100" alignBlock="center">
            <Text>{`${state.users.length.toLocaleString('en-US')} active users found`}</Text>
            <Lozenge>{state.source === 'search' ? "by Jira's search" : 'by a scan of every user'}</Lozenge>
          </Inline>
          {state.users.length > 0 ? (
            <Inline space="space.100" shouldWrap>
              {/* Users found for lacking the key have no value of it to export. */}
              {state.query.present !== false ? (
                <Button onClick={() => setExporting({ key: state.query.key, accountIds: state.users.map((user) => user.accountId) })}>Export values</Button>
              ) : null}
              <Button onClick={() => onBulkChange(foundTarget(state))}>Change these users in bulk</Button>
            </Inline>
          ) : null}
          <DynamicTable
            caption={`Users found: ${state.users.length.toLocaleString('en-US')}`}
            head={{ cells: [{ key: 'name', content: 'User', isSortable: true }, { key: 'id', content: 'Account ID' }, { key: 'open', content: 'Actions' }] }}
            rowsPerPage={20}
            emptyView={<Text>No user matches.</Text>}
            rows={state.users.map((user) => ({
              key: `found-${user.accountId}`,
              cells: [
                { key: user.displayName, content: <Text>{user.displayName}</Text> },
                { key: `id-${user.accountId}`, content: <Text>{user.accountId}</Text> },
                {
                  key: `open-${user.accountId}`,
                  content: (
                    <Button spacing="compact" onClick={() => onOpenUser(user.accountId)}>
                      Open
                    </Button>
                  ),
                },
              ],
            }))}
          />
        </Stack>
      ) : null}
      {exporting ? <ExportKeyModal propertyKey={exporting.key} accountIds={exporting.accountIds} onClose={() => setExporting(undefined)} /> : null}
    </Stack>
  );
};
