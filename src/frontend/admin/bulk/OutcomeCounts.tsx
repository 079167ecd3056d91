import React from 'react';
import { Badge, Inline, Lozenge, Tooltip } from '@forge/react';
import type { BulkCounts } from '../../../shared/contract';
import { OUTCOME_WORDS, OUTCOMES } from './bulk-labels';

/** Every outcome with how many users it has; each lozenge's tooltip says what the outcome means. */
export const OutcomeCounts = ({ counts }: { counts: BulkCounts }) => (
  <Inline space="space.200" alignBlock="center" shouldWrap>
    {OUTCOMES.map((outcome) => (
      <Inline key={outcome} space="space.050" alignBlock="center">
        <Tooltip content={OUTCOME_WORDS[outcome].help}>
          <Lozenge appearance={OUTCOME_WORDS[outcome].appearance}>{OUTCOME_WORDS[outcome].label}</Lozenge>
        </Tooltip>
        <Badge appearance={counts[outcome] > 0 ? 'primary' : 'default'} max={false}>
          {counts[outcome]}
        </Badge>
      </Inline>
    ))}
  </Inline>
);
