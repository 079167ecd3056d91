import React from 'react';
import { Button, Inline, ProgressBar, SectionMessage, Stack, Text } from '@forge/react';
import type { JobStatus } from '../../../shared/contract';
import { count, etaText } from '../../shared/job-words';

interface Props {
  job: JobStatus;
  /** What runs, as the title says it: "Inventory", "Search". */
  what: string;
  cancelling: boolean;
  onCancel(): void;
}

/** A running job: how far it is, how long it may take, and a way to stop it. */
export const JobProgressPanel = ({ job, what, cancelling, onCancel }: Props) => {
  const fraction = job.total > 0 ? Math.min(1, job.done / job.total) : 0;
  const figures = job.planned
    ? `${count(job.done)} of ${count(job.total)} users`
    : `${count(job.done)} users so far; still listing the site (${count(job.total)} found)`;
  return (
    <SectionMessage appearance="information" title={`${what} running`}>
      <Stack space="space.100">
        <ProgressBar value={fraction} isIndeterminate={!job.planned && job.done === 0} ariaLabel={`${what} progress: ${figures}`} />
        <Inline space="space.200" alignBlock="center" shouldWrap>
          <Text>{figures}</Text>
          {job.failed > 0 ? <Text>{`${count(job.failed)} could not be read`}</Text> : null}
          {job.skipped > 0 ? <Text>{`${count(job.skipped)} app or customer accounts skipped`}</Text> : null}
          {job.etaSeconds !== undefined ? <Text>{etaText(job.etaSeconds)}</Text> : null}
        </Inline>
        <Inline>
          <Button isDisabled={cancelling} onClick={onCancel}>
            {`Cancel ${what.toLowerCase()}`}
          </Button>
        </Inline>
      </Stack>
    </SectionMessage>
  );
};
