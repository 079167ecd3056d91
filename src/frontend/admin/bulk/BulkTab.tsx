import React, { useEffect, useMemo, useState } from 'react';
import { Button, Heading, HelperMessage, Inline, LoadingButton, ProgressBar, Stack, Text } from '@forge/react';
import type { ErrorBody, JobStatus, KeyRule, StartBulkPayload } from '../../../shared/contract';
import { ChoiceField } from '../../shared/ChoiceField';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { flagSuccess } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { changingUsers, countsText, usersText } from './bulk-labels';
import { checkDraft, EMPTY_DRAFT, foundLabel, requestKey, withFoundTarget, type BulkDraft, type DraftCheck, type FoundTarget } from './bulk-draft';
import { DryRunPanel } from './DryRunPanel';
import { ImportFields } from './ImportFields';
import { checkImport, EMPTY_IMPORT, readyImport, stageImport, type ImportDraft } from './import-draft';
import { OperationFields } from './OperationFields';
import { ROLE_TITLES, type RunRole } from './run-roles';
import { RunPanel } from './RunPanel';
import { StartModal } from './StartModal';
import { TargetFields } from './TargetFields';
import { isActive, useBulkJob, type FollowedJob } from './use-bulk-job';

/** One change for all the users, or each user's values from an import. */
type Mode = 'change' | 'import';
const MODES: { label: string; value: Mode }[] = [
  { label: 'Make one change on many users', value: 'change' },
  { label: 'Import values from a file', value: 'import' },
];

/** What startJob is given besides `kind` and `dryRun`: the form's request, or a staged import's. */
type StartRequest = Omit<StartBulkPayload, 'kind' | 'dryRun'>;

interface DryRun {
  jobId: string;
  /** Exactly what it ran: Start sends the same, and only while the form (or the import) still says it. */
  request: StartRequest;
  /** The form's request, or the import's text, it was made from. */
  source: string;
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
  if (draft.target === 'found' && draft.found) return foundLabel(draft.found).toLowerCase();
  return `${usersText(check.accounts.accountIds.length)} listed`;
}

const unfinished = (followed: FollowedJob) => followed.phase === 'loading' || (followed.phase === 'known' && isActive(followed.job.state));

/**
 * One property key changed on many users at once, or each user's values imported from a file, as a background job
 * (src/jobs/bulk): the form or the import, a dry run that writes nothing, then the run once confirmed, followed until
 * done, with its results, retry and undo. The form is kept throughout; editing it only means a new dry run before
 * the next Start.
 */
export const BulkTab = ({ allowedKeys, foundTarget }: { allowedKeys?: readonly KeyRule[]; foundTarget?: FoundTarget }) => {
  const [draft, setDraft] = useState<BulkDraft>(() => withFoundTarget(EMPTY_DRAFT, foundTarget));
  const [mode, setMode] = useState<Mode>('change');
  // A search's users handed over from the All users tab, again while this tab stays mounted: they become the target.
  useEffect(() => {
    if (!foundTarget) return;
    setDraft((before) => withFoundTarget(before, foundTarget));
    setMode('change');
  }, [foundTarget]);
  const check = useMemo(() => checkDraft(draft), [draft]);
  const [dry, setDry] = useState<DryRun>();
  const [current, setCurrent] = useState<CurrentRun>();
  const [startingDry, setStartingDry] = useState(false);
  const [startError, setStartError] = useState<ErrorBody>();
  const [confirmingStart, setConfirmingStart] = useState(false);
  const [importDraft, setImportDraft] = useState<ImportDraft>(EMPTY_IMPORT);
  const importCheck = useMemo(() => checkImport(importDraft), [importDraft]);
  const importing = readyImport(importCheck);
  const [staging, setStaging] = useState<{ sent: number; parts: number }>();
  // What a dry run now would be made from: it is fresh while this is what it ran.
  const source = mode === 'import' ? (importing ? `import\n${importDraft.text}` : undefined) : check.request ? requestKey(check.request) : undefined;

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

  const fresh = dry !== undefined && source !== undefined && dry.source === source;
  const dryDone = dryJob.followed.phase === 'known' && dryJob.followed.job.state === 'done' ? dryJob.followed.job : undefined;
  const changing = dryDone?.bulk ? changingUsers(dryDone.bulk.counts) : 0;
  const running = unfinished(runJob.followed);
  const dryRunning = unfinished(dryJob.followed);
  const startBlocker = ((): string | undefined => {
    if (running) return 'A bulk change is under way: wait for it to finish, or cancel it.';
    if (!source) {
      return mode === 'import'
        ? 'Choose or paste a file to import, then run a dry run: it shows what would change and writes nothing.'
        : 'Fill in the users and the change, then run a dry run: it shows what would change and writes nothing.';
    }
    if (!dry || !fresh) return mode === 'import' ? 'Start is available after a dry run of exactly this import.' : 'Start is available after a dry run of exactly this form.';
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
  const updateImport = (next: ImportDraft) => {
    setImportDraft(next);
    setStartError(undefined);
  };
  const chooseMode = (next: Mode) => {
    setMode(next);
    setStartError(undefined);
  };
  /** The import sent in parts (a progress bar meanwhile): its request, or undefined with the error shown. */
  const stagedRequest = async (): Promise<{ request: StartRequest; words: string } | undefined> => {
    if (!importing) return undefined;
    setStaging({ sent: 0, parts: 1 });
    const staged = await stageImport(importing, (sent, parts) => setStaging({ sent, parts }));
    setStaging(undefined);
    if (!staged.success) {
      setStartError(staged.error);
      return undefined;
    }
    return { request: { target: { import: staged.data.importId }, operation: { op: 'import' } }, words: `${usersText(staged.data.users)} of the import` };
  };
  const startDryRun = async () => {
    const made = source;
    if (!made) return;
    setStartingDry(true);
    setStartError(undefined);
    const prepared = mode === 'import' ? await stagedRequest() : check.request && { request: check.request, words: targetWords(draft, check) };
    if (!prepared) {
      setStartingDry(false);
      return;
    }
    const answer = await call('startJob', { kind: 'bulk', dryRun: true, ...prepared.request });
    setStartingDry(false);
    if (answer.success) setDry({ jobId: answer.data.jobId, request: prepared.request, source: made, targetWords: prepared.words, used: false });
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
      <ChoiceField id="bulk-mode" name="bulkMode" label="What to do" choices={MODES} value={mode} onChange={chooseMode} width="360px" />
      <Text>
        Change one property key on many users at once, or import each user's values from a file. A dry run shows what would change and writes nothing; the
        change itself starts only once you confirm it, runs in the background, and can be undone when it has finished. Every write is recorded in the History
        tab.
      </Text>
      {mode === 'import' ? (
        <Stack space="space.150">
          <Heading as="h2" size="small">
            Import
          </Heading>
          <ImportFields draft={importDraft} check={importCheck} onChange={updateImport} />
        </Stack>
      ) : (
        <>
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
        </>
      )}
      <Stack space="space.100">
        <Inline space="space.100">
          <LoadingButton appearance={fresh && dryDone ? 'default' : 'primary'} isLoading={startingDry} isDisabled={!source || dryRunning || running} onClick={() => void startDryRun()}>
            Dry run
          </LoadingButton>
          <Button appearance="primary" isDisabled={startBlocker !== undefined} onClick={() => setConfirmingStart(true)}>
            Start
          </Button>
        </Inline>
        <HelperMessage>{startBlocker ?? `Ready: the dry run of this ${mode === 'import' ? 'import' : 'form'} would change ${usersText(changing)}.`}</HelperMessage>
      </Stack>
      {staging ? <ProgressBar ariaLabel={`Sending the import: part ${staging.sent} of ${staging.parts}`} value={staging.sent / staging.parts} /> : null}
      {staging ? <Text>{`Sending the import: part ${staging.sent} of ${staging.parts} sent`}</Text> : null}
      {startError ? <ErrorMessage error={startError} /> : null}
      {dry ? <DryRunPanel key={dry.jobId} followed={dryJob.followed} stale={!fresh} used={dry.used} act={dryJob.act} /> : null}
      {current ? <RunPanel key={current.jobId} role={current.role} followed={runJob.followed} act={runJob.act} onUndo={follow('undo')} onRetry={follow('retry')} /> : null}
      {confirmingStart && dry && dryDone?.bulk ? (
        <StartModal
          operation={dryDone.bulk.operation}
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
