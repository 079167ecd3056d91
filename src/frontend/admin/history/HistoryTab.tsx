import React, { useState } from 'react';
import { Button, ButtonGroup, EmptyState, Inline, Spinner, Stack, Text } from '@forge/react';
import type { HistoryEntry } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { MoreHistory } from '../../shared/MoreHistory';
import { EntryDetailsModal } from './EntryDetailsModal';
import type { ExportFormat } from './export-format';
import { ExportModal } from './ExportModal';
import { EMPTY_FILTER, describeFilter, historyQuery, isUnfiltered, type HistoryFilterDraft } from './history-filter';
import { HistoryFilters } from './HistoryFilters';
import { UNCONFIRMED_HELP, count } from './history-labels';
import { HistoryTable } from './HistoryTable';
import { RetentionSetting } from './RetentionSetting';
import { useHistoryExport } from './use-history-export';
import { useHistoryPages } from '../../shared/history-pages';

/**
 * Site-wide history of the writes made through the app, for Jira admins (listHistory without an accountId, from the
 * admin page): filters, the entries newest first a page at a time, an export of everything a filter selects, and how
 * long entries are kept.
 */
export const HistoryTab = () => {
  const [applied, setApplied] = useState<HistoryFilterDraft>(EMPTY_FILTER);
  const query = historyQuery(applied);
  const { list: pages, reload, showMore: loadMore } = useHistoryPages(query);
  const exporter = useHistoryExport();
  const [lastFormat, setLastFormat] = useState<ExportFormat>('json');
  const [viewing, setViewing] = useState<HistoryEntry>();

  const people = pages.phase === 'open' ? pages.people : {};
  const scope = describeFilter(applied, people);
  const unfiltered = isUnfiltered(applied);
  const startExport = (format: ExportFormat) => {
    setLastFormat(format);
    void exporter.start(format, query);
  };

  return (
    <Stack space="space.300">
      <Text>
        Every change made through this app to a user property: who made it, on whom, and the value before and after. Changes made
        outside the app (scripts, other apps, Jira itself) are not recorded.
      </Text>
      {/* Apply with the same filters reloads: the hook reloads by itself only when the query changes. */}
      <HistoryFilters
        applied={applied}
        onApply={(filter) => {
          if (JSON.stringify(historyQuery(filter)) === JSON.stringify(query)) reload();
          setApplied(filter);
        }}
      />
      {pages.phase === 'loading' ? <Spinner label="Loading the history" /> : null}
      {pages.phase === 'failed' ? <ErrorMessage error={pages.error} onRetry={reload} /> : null}
      {pages.phase === 'open' ? (
        <Stack space="space.150">
          <Inline space="space.200" alignBlock="center" spread="space-between" shouldWrap>
            <Stack space="space.050">
              <Text>
                {`${pages.cursor ? `The newest ${count(pages.entries.length)}` : count(pages.entries.length)} ${pages.entries.length === 1 ? 'change' : 'changes'}, newest first${pages.cursor ? '; more can be loaded.' : '.'}`}
              </Text>
              {unfiltered ? null : <Text>{`Filtered by ${scope}.`}</Text>}
            </Stack>
            <ButtonGroup label="Export">
              <Button isDisabled={pages.entries.length === 0} onClick={() => startExport('json')}>
                Export JSON
              </Button>
              <Button isDisabled={pages.entries.length === 0} onClick={() => startExport('csv')}>
                Export CSV
              </Button>
            </ButtonGroup>
          </Inline>
          {pages.entries.length === 0 ? (
            unfiltered ? (
              <EmptyState headingLevel={2} header="No changes yet" description="Changes made through this app to users' properties will be listed here." />
            ) : (
              <EmptyState headingLevel={2} header="No changes match" description="Try fewer filters or a wider date range, or Clear them to see the whole history." />
            )
          ) : (
            <HistoryTable entries={pages.entries} people={pages.people} onView={setViewing} />
          )}
          {pages.entries.some((entry) => entry.state === 'unconfirmed') ? <Text>{`Unconfirmed: ${UNCONFIRMED_HELP}`}</Text> : null}
          <MoreHistory list={pages} onMore={loadMore} label="Load more" retryLabel="Load more again" />
        </Stack>
      ) : null}
      <RetentionSetting />
      {viewing ? <EntryDetailsModal entry={viewing} people={people} onClose={() => setViewing(undefined)} /> : null}
      {exporter.state.phase !== 'idle' ? (
        <ExportModal state={exporter.state} scope={unfiltered ? '' : scope} onRetry={() => startExport(lastFormat)} onClose={exporter.close} />
      ) : null}
    </Stack>
  );
};
