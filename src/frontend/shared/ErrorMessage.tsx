import React from 'react';
import { Button, SectionMessage, Stack, Text } from '@forge/react';
import type { ErrorBody } from '../../shared/contract';

const TITLES: Record<ErrorBody['code'], string> = {
  VALIDATION_ERROR: 'Check the input',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  RATE_LIMITED: 'Jira is busy',
  CONFLICT: 'Changed meanwhile',
  NEEDS_AUTHENTICATION: 'Allow access',
  JIRA_ERROR: 'Jira could not answer',
  INTERNAL_ERROR: 'Something went wrong',
};

const HINTS: Partial<Record<ErrorBody['code'], string>> = {
  NEEDS_AUTHENTICATION: 'Jira shows an "Allow access" prompt for this app. Allow it, then try again.',
  RATE_LIMITED: 'Wait a minute, then try again.',
};

/** Any error envelope, shown with its message; `onRetry` adds a "Try again" button. */
export const ErrorMessage = ({ error, onRetry, retryLabel = 'Try again' }: { error: ErrorBody; onRetry?: () => void; retryLabel?: string }) => (
  <SectionMessage appearance={error.code === 'NEEDS_AUTHENTICATION' ? 'information' : 'error'} title={TITLES[error.code]}>
    <Stack space="space.100">
      <Text>{error.message}</Text>
      {HINTS[error.code] ? <Text>{HINTS[error.code]}</Text> : null}
      {onRetry ? (
        <Button appearance="default" onClick={onRetry}>
          {retryLabel}
        </Button>
      ) : null}
    </Stack>
  </SectionMessage>
);
