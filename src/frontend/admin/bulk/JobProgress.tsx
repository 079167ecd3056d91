import React from 'react';
import { Button, Inline, LoadingButton, ProgressBar, SectionMessage, Stack, Text } from '@forge/react';
import type { JobStatus } from '../../../shared/contract';
import { count, etaText } from '../../shared/job-words';
import type { JobAction } from './use-bulk-job';

interface Props {
  job: JobStatus;
  /** What runs, as titles say it: "Dry run", "Bulk change", "Undo". */
  what: string;
  /** The action in flight, if any. */
  busy?: JobAction;
  /** Without it there is no Pause (a dry run writes nothing: it is only cancelled). */
  onPause?(): void;
  onResume(): void;
  onCancel(): void;
}

function figures(job: JobStatus): string {
  if (job.planned) return `${count(job.done)} of ${count(job.total)} users`;
  if (job.total === 0) return 'Listing the users…';
  return `${count(job.done)} users so far; still listing the users (${count(job.total)} found)`;
}

/** An unfinished job: how far it is, how long it may take, and Pause or Resume and Cancel. */
export const JobProgress = ({ job, what, busy, onPause, onResume, onCancel }: Props) => {
  const paused = job.state === 'paused';
  const fraction = job.total > 0 ? Math.min(1, job.done / job.total) : 0;
  const text = figures(job);
  return (
    <SectionMessage appearance={paused ? 'warning' : 'information'} title={paused ? `${what} paused` : `${what} running`}>
      <Stack space="space.100">
        <ProgressBar value={fraction} isIndeterminate={!paused && job.done === 0 && !job.planned} ariaLabel={`${what} progress: ${text}`} />
        <Inline space="space.200" alignBlock="center" shouldWrap>
          <Text>{text}</Text>
          {job.failed > 0 ? <Text>{`${count(job.failed)} failed`}</Text> : null}
          {job.skipped > 0 ? <Text>{`${count(job.skipped)} app or customer accounts skipped`}</Text> : null}
          {!paused && job.etaSeconds !== undefined ? <Text>{etaText(job.etaSeconds)}</Text> : null}
        </Inline>
        {paused ? <Text>Users already in progress finish; the others wait until you resume. Nothing else is written meanwhile.</Text> : null}
        <Inline space="space.100">
          {paused ? (
            <LoadingButton appearance="primary" isLoading={busy === 'resumeJob'} isDisabled={busy !== undefined} onClick={onResume}>
              Resume
            </LoadingButton>
          ) : onPause ? (
            <LoadingButton isLoading={busy === 'pauseJob'} isDisabled={busy !== undefined} onClick={onPause}>
              Pause
            </LoadingButton>
          ) : null}
          <Button isDisabled={busy !== undefined} onClick={onCancel}>
            {`Cancel ${what.toLowerCase()}`}
          </Button>
        </Inline>
      </Stack>
    </SectionMessage>
  );
};
