import React, { useState } from 'react';
import { Heading, Inline, LoadingButton, SectionMessage, Spinner, Stack, Strong, Text } from '@forge/react';
import type { Envelope, JobStatus } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { flagError } from '../../shared/flags';
import { changingUsers, countsText, keysText, operationText, usersText } from './bulk-labels';
import { ConfirmModal } from './ConfirmModal';
import { JobProgress } from './JobProgress';
import { OutcomeCounts } from './OutcomeCounts';
import { PollWarning } from './PollWarning';
import { ResultsTable } from './ResultsTable';
import { ROLE_TITLES, type RunRole } from './run-roles';
import { isActive, type FollowedJob, type JobAction } from './use-bulk-job';

interface Props {
  role: RunRole;
  followed: FollowedJob;
  act(action: JobAction): Promise<Envelope<JobStatus>>;
  /** Start the undo, or the retry, of this finished job and follow it instead. */
  onUndo(job: JobStatus): Promise<Envelope<unknown>>;
  onRetry(job: JobStatus): Promise<Envelope<unknown>>;
}

const keysOf = (job: JobStatus) => keysText(job.bulk!.operation);

/**
 * A run (or its retry, or its undo): progress with Pause, Resume and Cancel (confirmed) while it goes; once done,
 * the counts, each user's outcome, Retry failed users and Undo (confirmed). A job that stopped says why.
 */
export const RunPanel = ({ role, followed, act, onUndo, onRetry }: Props) => {
  const [busy, setBusy] = useState<JobAction>();
  const [confirming, setConfirming] = useState<'cancel' | 'undo'>();
  const [retrying, setRetrying] = useState(false);
  if (followed.phase === 'none') return null;
  if (followed.phase === 'loading') return <Spinner label="Loading the bulk change" />;
  if (followed.phase === 'failed') return <ErrorMessage error={followed.error} />;
  const { job } = followed;
  const bulk = job.bulk;
  const what = ROLE_TITLES[role];
  if (!bulk) return null;

  const steer = async (action: JobAction) => {
    setBusy(action);
    const answer = await act(action);
    setBusy(undefined);
    if (!answer.success) flagError(action === 'pauseJob' ? `${what} was not paused` : `${what} was not resumed`, answer.error);
  };
  const retry = async () => {
    setRetrying(true);
    const answer = await onRetry(job);
    setRetrying(false);
    if (!answer.success) flagError('The retry did not start', answer.error);
  };
  const changing = changingUsers(bulk.counts);
  const undoable = role !== 'undo' && !bulk.dryRun && bulk.undoneBy === undefined && changing + bulk.counts.conflict > 0;
  // Finished, or stopped with every write in: each user's outcome, and what can be done about it.
  const outcomes = (
    <>
      <OutcomeCounts counts={bulk.counts} />
      {bulk.undoneBy ? <Text>{`Undone: job ${bulk.undoneBy} restored the values from before this change.`}</Text> : null}
      {bulk.counts.failed > 0 || undoable ? (
        <Inline space="space.100">
          {bulk.counts.failed > 0 ? (
            <LoadingButton isLoading={retrying} onClick={() => void retry()}>
              Retry failed users
            </LoadingButton>
          ) : null}
          {undoable ? (
            <LoadingButton appearance="warning" isDisabled={retrying} onClick={() => setConfirming('undo')}>
              Undo
            </LoadingButton>
          ) : null}
        </Inline>
      ) : null}
      <ResultsTable jobId={job.jobId} operation={bulk.operation} counts={bulk.counts} />
    </>
  );

  return (
    <Stack space="space.150">
      <Heading as="h2" size="small">
        {what}
      </Heading>
      <Text>{role === 'undo' ? `Restores ${keysOf(job)} on the users the change wrote, where nobody changed it since.` : `${operationText(bulk.operation)}.`}</Text>
      {isActive(job.state) ? (
        <Stack space="space.100">
          <JobProgress job={job} what={what} busy={busy} onPause={() => void steer('pauseJob')} onResume={() => void steer('resumeJob')} onCancel={() => setConfirming('cancel')} />
          <PollWarning error={followed.pollError} />
          {job.done > 0 ? <Text>{`So far: ${countsText(bulk.counts, false)}.`}</Text> : null}
        </Stack>
      ) : job.state === 'done' ? (
        <Stack space="space.150">
          <SectionMessage appearance={bulk.counts.failed > 0 ? 'warning' : 'success'} title={`${what} finished`}>
            <Text>{`Changed ${usersText(changing)} of ${usersText(job.done)}: ${countsText(bulk.counts, false)}.`}</Text>
          </SectionMessage>
          {outcomes}
        </Stack>
      ) : (
        <Stack space="space.150">
          <SectionMessage appearance={job.state === 'failed' ? 'error' : 'warning'} title={job.state === 'failed' ? `${what} stopped` : `${what} was cancelled`}>
            <Stack space="space.100">
              <Text>{job.reason ?? 'No reason was recorded.'}</Text>
              <Text>{`Before it stopped: ${countsText(bulk.counts, false)}. Those users keep their new values; the History tab lists each write (filter by job ${job.jobId}).`}</Text>
              {bulk.dryRun || bulk.resultsReady ? null : (
                <Inline space="space.100" alignBlock="center">
                  <Spinner size="small" label="Waiting for the steps still in flight" />
                  <Text>Waiting for the steps still in flight to end: then each user's outcome, Retry failed users and Undo appear here.</Text>
                </Inline>
              )}
            </Stack>
          </SectionMessage>
          {bulk.resultsReady ? outcomes : null}
        </Stack>
      )}
      {confirming === 'cancel' ? (
        <ConfirmModal
          title={`Cancel the ${what.toLowerCase()}?`}
          appearance="danger"
          confirmLabel={`Cancel the ${what.toLowerCase()}`}
          closeLabel="Keep it running"
          onConfirm={() => act('cancelJob')}
          onDone={() => setConfirming(undefined)}
          onClose={() => setConfirming(undefined)}
        >
          <Text>
            {`Users changed so far (${usersText(changing)}) keep their new values, and the others are not visited. `}
            <Strong>Once the steps in flight have ended, what it changed can be undone.</Strong>
            {' To stop only for now, Pause instead.'}
          </Text>
        </ConfirmModal>
      ) : null}
      {confirming === 'undo' ? (
        <ConfirmModal
          title={`Undo the change on ${usersText(changing + bulk.counts.conflict)}?`}
          appearance="warning"
          confirmLabel="Undo"
          onConfirm={() => onUndo(job)}
          onDone={() => setConfirming(undefined)}
          onClose={() => setConfirming(undefined)}
        >
          <Text>
            {`Each user this change wrote gets back the value of ${keysOf(job)} they had before it (or none, where the change created it). A user whose value someone changed since is left as it is and counted as a conflict.`}
          </Text>
        </ConfirmModal>
      ) : null}
    </Stack>
  );
};
