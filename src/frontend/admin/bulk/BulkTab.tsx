import React, { useEffect, useMemo, useState } from 'react';
import { Button, Heading, HelperMessage, Inline, LoadingButton, Stack, Text } from '@forge/react';
import type { ErrorBody, JobStatus, KeyRule } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { flagSuccess } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { changingUsers, countsText, usersText } from './bulk-labels';
import { checkDraft, EMPTY_DRAFT, requestKey, type BulkDraft, type BulkRequest, type DraftCheck } from './bulk-draft';
import { DryRunPanel } from './DryRunPanel';
import { OperationFields } from './OperationFields';
import { ROLE_TITLES, type RunRole } from './run-roles';
import { RunPanel } from './RunPanel';
import { StartModal } from './StartModal';
import { TargetFields } from './TargetFields';
import { isActive, useBulkJob, type FollowedJob } from './use-bulk-job';

interface DryRun {
  jobId: string;
  /** Exactly what it ran: Start sends the same, and only while the form still says it. */
  request: BulkRequest;
  targetWords: string;
  /** A run was started from it: another run needs a new dry run. */
  used: boolean;
}

/** The job of the change followed below the form: the run, then a retry of its failed users or its undo. */
interface CurrentRun {
  jobId: string;
  role: RunRole;
}

function targetWords(draft: BulkDraft, check: DraftCheck): string {
  if (draft.target === 'all') return 'every user on the site';
  if (draft.target === 'group') return `the members of ${draft.group?.name ?? 'a group'}`;
  return `${usersText(check.accounts.accountIds.length)} listed`;
}

const unfinished = (followed: FollowedJob) => followed.phase === 'loading' || (followed.phase === 'known' && isActive(followed.job.state));

/**
 * One property key changed on many users at once, as a background job (src/jobs/bulk): the form, a dry run that
 * writes nothing, then the run once confirmed, followed until done, with its results, retry and undo. The form is
 * kept throughout; editing it only means a new dry run before the next Start.
 */
export const BulkTab = ({ allowedKeys }: { allowedKeys?: readonly KeyRule[] }) => {
  const [draft, setDraft] = useState<BulkDraft>(EMPTY_DRAFT);
  const check = useMemo(() => checkDraft(draft), [draft]);
  const [dry, setDry] = useState<DryRun>();
  const [current, setCurrent] = useState<CurrentRun>();
  const [startingDry, setStartingDry] = useState(false);
  const [startError, setStartError] = useState<ErrorBody>();
  const [confirmingStart, setConfirmingStart] = useState(false);

  // A change still running when the page was opened (by this admin or another) is followed again, not lost from view.
  useEffect(() => {
    if (allowedKeys !== undefined) return undefined;
    let current = true;
    void call('getJob', { kind: 'bulk' }).then((answer) => {
      if (!current || !answer.success || !answer.data.bulk || answer.data.bulk.dryRun || !isActive(answer.data.state)) return;
      const { jobId, bulk } = answer.data;
      setCurrent((followed) => followed ?? { jobId, role: 'undoOf' in bulk.target ? 'undo' : 'retryOf' in bulk.target ? 'retry' : 'run' });
    });
    return () => {
      current = false;
    };
  }, [allowedKeys]);

  const dryJob = useBulkJob(dry?.jobId);
  const runJob = useBulkJob(current?.jobId, (job) => {
    if (job.state === 'done' && job.bulk && current) flagSuccess(`${ROLE_TITLES[current.role]} finished`, `${countsText(job.bulk.counts, false)}.`);
  });

  const fresh = useMemo(() => dry !== undefined && check.request !== undefined && requestKey(dry.request) === requestKey(check.request), [dry, check.request]);
  const dryDone = dryJob.followed.phase === 'known' && dryJob.followed.job.state === 'done' ? dryJob.followed.job : undefined;
  const changing = dryDone?.bulk ? changingUsers(dryDone.bulk.counts) : 0;
  const running = unfinished(runJob.followed);
  const dryRunning = unfinished(dryJob.followed);
  const startBlocker = ((): string | undefined => {
    if (running) return 'A bulk change is under way: wait for it to finish, or cancel it.';
    if (!check.request) return 'Fill in the users and the change, then run a dry run: it shows what would change and writes nothing.';
    if (!dry || !fresh) return 'Start is available after a dry run of exactly this form.';
    if (dry.used) return 'This dry run was started already: run a new dry run to plan the next change.';
    if (dryRunning) return 'Start is available once the dry run has finished.';
    if (!dryDone) return 'The dry run did not finish: run it again.';
    if (changing === 0) return 'The dry run found no user to change.';
    return undefined;
  })();

  const update = (change: Partial<BulkDraft>) => {
    setDraft((before) => ({ ...before, ...change }));
    setStartError(undefined);
  };
  const startDryRun = async () => {
    const { request } = check;
    if (!request) return;
    setStartingDry(true);
    setStartError(undefined);
    const answer = await call('startJob', { kind: 'bulk', dryRun: true, ...request });
    setStartingDry(false);
    if (answer.success) setDry({ jobId: answer.data.jobId, request, targetWords: targetWords(draft, check), used: false });
    else setStartError(answer.error);
  };
  const startRun = async () => {
    if (!dry) return { success: false as const, error: { code: 'VALIDATION_ERROR' as const, message: 'Run a dry run first.' } };
    const answer = await call('startJob', { kind: 'bulk', dryRun: false, ...dry.request });
    if (answer.success) {
      setDry({ ...dry, used: true });
      setCurrent({ jobId: answer.data.jobId, role: 'run' });
    }
    return answer;
  };
  const follow = (role: RunRole) => async (job: JobStatus) => {
    const answer = await call(role === 'undo' ? 'undoJob' : 'retryJob', { jobId: job.jobId });
    if (answer.success) setCurrent({ jobId: answer.data.jobId, role });
    return answer;
  };

  return (
    <Stack space="space.300">
      <Text>
        Change one property key on many users at once. A dry run shows what the change would do and writes nothing; the change itself starts only once you
        confirm it, runs in the background, and can be undone when it has finished. Every write is recorded in the History tab.
      </Text>
      <Stack space="space.150">
        <Heading as="h2" size="small">
          Users
        </Heading>
        <TargetFields draft={draft} accounts={check.accounts} problem={check.problems.accounts} groups={allowedKeys === undefined} onChange={update} />
      </Stack>
      <Stack space="space.150">
        <Heading as="h2" size="small">
          Change
        </Heading>
        <OperationFields draft={draft} problems={check.problems} json={check.json} allowedKeys={allowedKeys} onChange={update} />
      </Stack>
      <Stack space="space.100">
        <Inline space="space.100">
          <LoadingButton appearance={fresh && dryDone ? 'default' : 'primary'} isLoading={startingDry} isDisabled={!check.request || dryRunning || running} onClick={() => void startDryRun()}>
            Dry run
          </LoadingButton>
          <Button appearance="primary" isDisabled={startBlocker !== undefined} onClick={() => setConfirmingStart(true)}>
            Start
          </Button>
        </Inline>
        <HelperMessage>{startBlocker ?? `Ready: the dry run of this form would change ${usersText(changing)}.`}</HelperMessage>
      </Stack>
      {startError ? <ErrorMessage error={startError} /> : null}
      {dry ? <DryRunPanel key={dry.jobId} followed={dryJob.followed} stale={!fresh} used={dry.used} act={dryJob.act} /> : null}
      {current ? <RunPanel key={current.jobId} role={current.role} followed={runJob.followed} act={runJob.act} onUndo={follow('undo')} onRetry={follow('retry')} /> : null}
      {confirmingStart && dry && dryDone?.bulk ? (
        <StartModal
          operation={dry.request.operation}
          counts={dryDone.bulk.counts}
          targetWords={dry.targetWords}
          onConfirm={startRun}
          onDone={() => setConfirmingStart(false)}
          onClose={() => setConfirmingStart(false)}
        />
      ) : null}
    </Stack>
  );
};
