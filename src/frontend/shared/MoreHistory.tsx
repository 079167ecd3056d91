import React from 'react';
import { Box, LoadingButton } from '@forge/react';
import { ErrorMessage } from './ErrorMessage';
import type { HistoryList } from './history-pages';

type OpenList = Extract<HistoryList, { phase: 'open' }>;

/** Below a history list: the next page's button while there is one, or why it failed, with a retry. */
export const MoreHistory = ({ list, onMore, label, retryLabel = label }: { list: OpenList; onMore: () => void; label: string; retryLabel?: string }) => {
  if (list.moreError) return <ErrorMessage error={list.moreError} onRetry={onMore} retryLabel={retryLabel} />;
  if (list.cursor === undefined) return null;
  return (
    <Box>
      <LoadingButton isLoading={list.loadingMore} onClick={onMore}>
        {label}
      </LoadingButton>
    </Box>
  );
};
