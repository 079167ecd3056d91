import React, { useState } from 'react';
import { Button, Heading, Inline, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import type { Envelope, JobStatus } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { flagError } from '../../shared/flags';
import { changingUsers, countsText, usersText } from './bulk-labels';
import { JobProgress } from './JobProgress';
import { OutcomeCounts } from './OutcomeCounts';
import { PollWarning } from './PollWarning';
import { ResultsTable } from './ResultsTable';
import { SampleTable } from './SampleTable';
import { isActive, type FollowedJob, type JobAction } from './use-bulk-job';

interface Props {
  followed: FollowedJob;
  /** The form no longer says what this dry run ran. */
  stale: boolean;
  /** A run was started from it: its counts stay, the examples go. */
  used: boolean;
  act(action: JobAction): Promise<Envelope<JobStatus>>;
}

/** A dry run: its progress, then what the change would do (counts, examples, each user's outcome); nothing is written. */
export const DryRunPanel = ({ followed, stale, used, act }: Props) => {
  const [cancelling, setCancelling] = useState(false);
  const [showAll, setShowAll] = useState(false);
  if (followed.phase === 'none') return null;
  if (followed.phase === 'loading') return <Spinner label="Loading the dry run" />;
  if (followed.phase === 'failed') return <ErrorMessage error={followed.error} />;
  const { job } = followed;
  const cancel = async () => {
    setCancelling(true);
    const answer = await act('cancelJob');
    setCancelling(false);
    if (!answer.success) flagError('The dry run was not cancelled', answer.error);
  };

  if (isActive(job.state)) {
    return (
      <Stack space="space.100">
        <JobProgress job={job} what="Dry run" busy={cancelling ? 'cancelJob' : undefined} onResume={() => void act('resumeJob')} onCancel={() => void cancel()} />
        <PollWarning error={followed.pollError} />
      </Stack>
    );
  }
  if (job.state !== 'done' || !job.bulk) {
    return (
      <SectionMessage appearance={job.state === 'failed' ? 'error' : 'warning'} title={job.state === 'failed' ? 'The dry run stopped' : 'The dry run was cancelled'}>
        <Text>{job.reason ?? 'No reason was recorded.'}</Text>
      </SectionMessage>
    );
  }
  const { counts, samples, operation } = job.bulk;
  const changing = changingUsers(counts);
  return (
    <Stack space="space.150">
      <Heading as="h2" size="small">
        Dry run
      </Heading>
      {stale ? (
        <SectionMessage appearance="warning" title="The form has changed since this dry run">
          <Text>These figures are for what the form said before. Run a dry run again to see what the change would do now; Start needs one.</Text>
        </SectionMessage>
      ) : null}
      <Text>{changing > 0 ? `Would change ${usersText(changing)} of ${usersText(job.done)}: ${countsText(counts, true)}.` : `Would change no user: ${countsText(counts, true)}. Nothing was written.`}</Text>
      <OutcomeCounts counts={counts} />
      {!used && samples.length > 0 ? <SampleTable samples={samples} operation={operation} /> : null}
      <Inline>
        <Button appearance="subtle" onClick={() => setShowAll(!showAll)}>
          {showAll ? "Hide each user's outcome" : "Show each user's outcome"}
        </Button>
      </Inline>
      {showAll ? <ResultsTable jobId={job.jobId} operation={operation} counts={counts} /> : null}
    </Stack>
  );
};
