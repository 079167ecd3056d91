import React from 'react';
import { Inline, Lozenge, Stack, Text } from '@forge/react';
import type { BulkResult } from '../../../shared/contract';
import { OUTCOME_WORDS } from './bulk-labels';

/** A user's outcome as a lozenge, with Jira's or the plan's reason below it when there is one. */
export const OutcomeCell = ({ result }: { result: BulkResult }) => (
  <Stack space="space.025">
    <Inline>
      <Lozenge appearance={OUTCOME_WORDS[result.outcome].appearance}>{OUTCOME_WORDS[result.outcome].label}</Lozenge>
    </Inline>
    {result.reason ? (
      <Text size="small" color="color.text.subtle">
        {result.reason}
      </Text>
    ) : null}
  </Stack>
);
