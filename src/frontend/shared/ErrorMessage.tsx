import React from 'react';
import { SectionMessage, Text } from '@forge/react';
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

export const ErrorMessage = ({ error }: { error: ErrorBody }) => (
  <SectionMessage appearance={error.code === 'NEEDS_AUTHENTICATION' ? 'information' : 'error'} title={TITLES[error.code]}>
    <Text>{error.message}</Text>
  </SectionMessage>
);
