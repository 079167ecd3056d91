import React, { useState } from 'react';
import { Box, Button, DynamicTable, Inline, Label, LoadingButton, Select, Spinner, Stack, Text } from '@forge/react';
import type { BulkCounts, BulkOperation, BulkOutcome, BulkResult } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { count } from '../../shared/job-words';
import { OUTCOME_WORDS, OUTCOMES, usersText } from './bulk-labels';
import { OutcomeCell } from './OutcomeCell';
import { useJobResults } from './use-job-results';
import { UserCell } from './UserCell';
import { absentAfterText, changeWords } from './value-change';
import { ValueChange } from './ValueChange';
import { ValuesModal } from './ValuesModal';

type Filter = BulkOutcome | 'all';

interface Props {
  jobId: string;
  operation: BulkOperation;
  counts: BulkCounts;
}

const ROWS_PER_PAGE = 50;

/**
 * A finished job's outcome for each user, 1,000 a page from the resolver ("Load more"), shown 50 rows at a time;
 * the filter asks the resolver for one outcome only. Before and after show when the results carry them.
 */
export const ResultsTable = ({ jobId, operation, counts }: Props) => {
  const [filter, setFilter] = useState<Filter>('all');
  const outcome = filter === 'all' ? undefined : filter;
  const { list, reload, loadMore } = useJobResults(jobId, outcome);
  const [viewing, setViewing] = useState<BulkResult>();
  const options = [
    { label: 'Every outcome', value: 'all' as Filter },
    ...OUTCOMES.filter((o) => counts[o] > 0 || o === filter).map((o) => ({ label: `${OUTCOME_WORDS[o].label} (${count(counts[o])})`, value: o as Filter })),
  ];

  const results = list.phase === 'open' ? list.results : [];
  const withValues = results.some((result) => result.before !== undefined || result.after !== undefined);
  const head = {
    cells: [
      { key: 'user', content: 'User' },
      { key: 'outcome', content: 'Outcome' },
      ...(withValues ? [{ key: 'values', content: 'Before → after' }, { key: 'changes', content: 'What changed' }, { key: 'actions', content: 'Actions' }] : []),
    ],
  };
  const caption = list.phase === 'open' ? `Results: ${usersText(results.length)}${outcome ? ` ${OUTCOME_WORDS[outcome].done}` : ''}${list.cursor ? ' so far' : ''}` : 'Results';

  return (
    <Stack space="space.100">
      <Box xcss={{ width: '240px' }}>
        <Stack space="space.050">
          <Label labelFor="bulk-results-outcome">Show</Label>
          <Select inputId="bulk-results-outcome" name="bulkResultsOutcome" options={options} value={options.find((option) => option.value === filter)} onChange={(option: { value?: Filter } | null) => option?.value && setFilter(option.value)} />
        </Stack>
      </Box>
      {list.phase === 'loading' ? <Spinner label="Loading the results" /> : null}
      {list.phase === 'failed' ? <ErrorMessage error={list.error} onRetry={reload} /> : null}
      {list.phase === 'open' ? (
        <Stack space="space.100">
          <DynamicTable
            caption={caption}
            head={head}
            rowsPerPage={ROWS_PER_PAGE}
            emptyView={<Text>No user has this outcome.</Text>}
            rows={results.map((result, index) => ({
              key: `result-${index}-${result.accountId}`,
              cells: [
                { key: `user-${result.accountId}`, content: <UserCell accountId={result.accountId} /> },
                { key: `outcome-${result.accountId}`, content: <OutcomeCell result={result} /> },
                ...(withValues
                  ? [
                      { key: `values-${result.accountId}`, content: <ValueChange before={result.before} after={result.after} absentAfter={absentAfterText(result, operation)} /> },
                      { key: `changes-${result.accountId}`, content: <Text>{changeWords(result)}</Text> },
                      {
                        key: `actions-${result.accountId}`,
                        content: (
                          <Button spacing="compact" onClick={() => setViewing(result)}>
                            View
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ],
            }))}
          />
          {list.moreError ? <ErrorMessage error={list.moreError} onRetry={loadMore} retryLabel="Load more again" /> : null}
          {list.cursor !== undefined && !list.moreError ? (
            <Inline>
              <LoadingButton isLoading={list.loadingMore} onClick={loadMore}>
                Load more
              </LoadingButton>
            </Inline>
          ) : null}
        </Stack>
      ) : null}
      {viewing ? <ValuesModal result={viewing} operation={operation} onClose={() => setViewing(undefined)} /> : null}
    </Stack>
  );
};
