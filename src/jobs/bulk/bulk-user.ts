import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors';
import type { BulkWrite } from '../../domain/bulk-plan';
import { readHistoryRecord, saveHistoryRecord, type HistoryRecord } from '../../history/history-records';
import { recordedWrite } from '../../history/recorded-write';
import type { JiraClient } from '../../jira/client';
import type { JobOwnerProof } from '../../security/job-principal';
import { readStoredState } from '../../resolvers/expected-state';
import type { BulkOutcome, BulkResult, HistoryEntry } from '../../shared/contract';
import type { JobRecord } from '../job-records';
import { clip, jobEntryId, operationKeys, REASON_CHARS, SAMPLE_TEXT_CHARS, type BulkSpec } from './bulk-spec';
import { planImport, planOperation, planUndo, sameText, type StoredKeys, type UserPlan } from './user-plan';

// One user of a bulk job. The read just before the write is the write's condition, as for single edits (Jira has no
// conditional write for properties): the plan is made from it, and the write goes out at once, so a value someone
// changes is only overwritten if they change it within that round trip; the PUT's own 201/200 then tells that a
// create or delete landed in between, and the user is reported as a conflict.
//
// Every write has a history entry of its own id (jobEntryId), so a later delivery of the same chunk (after a 5xx, a
// dropped connection, a lost sandbox) finds what an earlier one did: the stored value is that entry's after, so the
// write landed and counts once, never twice; or it is still the entry's before, so it never landed and is written
// now; or it is neither, so someone changed it since: a conflict, left as they made it.

export interface BulkContext {
  job: JobRecord & { bulk: BulkSpec };
  jira: JiraClient;
  proof: JobOwnerProof;
  /** The first delivery of its chunk (chunk-lease.ts): no earlier one can have written for its users. */
  firstDelivery?: boolean;
  /** An import's job: the chunk's users' imported values, by key (import-stage.ts). */
  imported?: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

const OWN_RECORD = 'A delegated manager changes their own properties from My preferences, not from a bulk job.';

const result = (accountId: string, outcome: BulkOutcome, reason?: string): BulkResult => ({
  accountId,
  outcome,
  ...(reason ? { reason: clip(reason, REASON_CHARS) } : {}),
});

async function readStored(jira: JiraClient, accountId: string, keys: readonly string[]): Promise<StoredKeys> {
  const states = await Promise.all(keys.map((key) => readStoredState(jira, accountId, key)));
  return new Map(keys.map((key, i) => [key, states[i]!.exists ? (states[i] as { json: string }).json : undefined]));
}

/** The entries a job (this one, or the one an undo takes back) wrote for the user, by key. */
async function readEntries(jobId: string, accountId: string, keys: readonly string[]): Promise<Map<string, HistoryRecord>> {
  const records = await Promise.all(keys.map((key) => readHistoryRecord(jobEntryId(jobId, accountId, key))));
  return new Map(records.filter((record): record is HistoryRecord => record !== undefined).map((record) => [record.key, record]));
}

/** The keys the job reads and may write for the user: an import's are the user's own, in the file's order. */
function keysOf(ctx: BulkContext, accountId: string): string[] {
  const { operation } = ctx.job.bulk;
  return operation.op === 'import' ? [...(ctx.imported?.get(accountId)?.keys() ?? [])] : operationKeys(operation);
}

async function planFor(ctx: BulkContext, accountId: string, keys: readonly string[], stored: StoredKeys): Promise<UserPlan> {
  const { operation, undoOf } = ctx.job.bulk;
  if (undoOf !== undefined) return planUndo(keys, await readEntries(undoOf, accountId, keys), stored);
  if (operation.op === 'import') return planImport(ctx.imported?.get(accountId) ?? new Map(), stored);
  return planOperation(operation, stored);
}

/** Turns what Jira refused about one user into their result; a rate limit or a passing failure goes on up. */
async function visiting(accountId: string, visit: () => Promise<BulkResult>): Promise<BulkResult> {
  try {
    return await visit();
  } catch (error) {
    if (error instanceof ConflictError) return result(accountId, 'conflict', error.message);
    if (error instanceof NotFoundError || error instanceof ForbiddenError || error instanceof ValidationError) return result(accountId, 'failed', error.message);
    throw error;
  }
}

/** A dry run: what the job would do to the user, with the before and after of the operation's key for samples. */
export function previewUser(ctx: BulkContext, accountId: string): Promise<BulkResult> {
  return visiting(accountId, async () => {
    if (ctx.proof.delegate && accountId === ctx.proof.ownerAccountId) return result(accountId, 'refused', OWN_RECORD);
    const { operation } = ctx.job.bulk;
    const keys = keysOf(ctx, accountId);
    const stored = await readStored(ctx.jira, accountId, keys);
    const plan = await planFor(ctx, accountId, keys, stored);
    // A sample shows one key: the operation's, or an import's first that changes.
    const key = operation.op === 'import' ? (plan.writes[0]?.key ?? keys[0]) : operation.key;
    if (key === undefined) return result(accountId, 'unchanged');
    const before = stored.get(key);
    const written = plan.writes.find((write) => write.key === key);
    const after = written ? ('json' in written ? written.json : undefined) : before;
    return {
      ...result(accountId, plan.outcome, plan.reason),
      ...(operation.op === 'import' ? { key } : {}),
      ...(before === undefined ? {} : { before: clip(before, SAMPLE_TEXT_CHARS) }),
      ...(after === undefined ? {} : { after: clip(after, SAMPLE_TEXT_CHARS) }),
    };
  });
}

/** How a user counts when an earlier delivery's writes all landed: by the first of them. */
function landedOutcome(entries: readonly HistoryRecord[]): BulkOutcome {
  if (entries.length > 1) return 'change';
  const operation: HistoryEntry['operation'] | undefined = entries[0]?.operation;
  return operation === 'create' ? 'create' : operation === 'delete' ? 'delete' : 'change';
}

async function writeOne(ctx: BulkContext, accountId: string, write: BulkWrite, before: string | undefined): Promise<string | undefined> {
  const { job, jira } = ctx;
  const draft = {
    actorAccountId: job.ownerAccountId,
    authority: 'job' as const,
    principal: 'asApp' as const,
    moduleKey: job.bulk.moduleKey,
    accountId,
    key: write.key,
    jobId: job.jobId,
    ...(before === undefined ? {} : { before }),
    ...('json' in write ? { after: write.json } : {}),
  };
  const id = jobEntryId(job.jobId, accountId, write.key);
  if (!('json' in write)) {
    await recordedWrite(draft, () => jira.deleteProperty(accountId, write.key), undefined, id);
    return undefined;
  }
  const { result: answer } = await recordedWrite(
    draft,
    () => jira.setProperty(accountId, write.key, write.json),
    (outcome) => ({ operation: outcome.outcome === 'created' ? 'create' : 'update' }),
    id,
  );
  // Jira's 201 or 200 tells whether the key existed just before the PUT: a create or delete by someone else in between.
  if ((before === undefined) !== (answer.outcome === 'created')) {
    return before === undefined
      ? `Someone else created "${write.key}" just before this job's write, and the job's value replaced theirs.`
      : `Someone else deleted "${write.key}" just before this job's write, so the job created it again.`;
  }
  return undefined;
}

/** A run: reconciles with earlier deliveries of the chunk, plans from what is stored, and writes. */
export function applyToUser(ctx: BulkContext, accountId: string): Promise<BulkResult> {
  return visiting(accountId, async () => {
    if (ctx.proof.delegate && accountId === ctx.proof.ownerAccountId) return result(accountId, 'refused', OWN_RECORD);
    const keys = keysOf(ctx, accountId);
    const [stored, earlier] = await Promise.all([
      readStored(ctx.jira, accountId, keys),
      ctx.firstDelivery ? new Map<string, HistoryRecord>() : readEntries(ctx.job.jobId, accountId, keys),
    ]);
    const landed: HistoryRecord[] = [];
    for (const entry of earlier.values()) {
      const now = stored.get(entry.key);
      if (sameText(now, entry.after)) {
        landed.push(entry);
        if (entry.status !== 'recorded') await saveHistoryRecord({ ...entry, status: 'recorded' });
      } else if (entry.status === 'recorded' || !sameText(now, entry.before)) {
        return result(accountId, 'conflict', `"${entry.key}" was changed by someone else after this job wrote it, so it was left as it is now.`);
      }
    }
    const plan = await planFor(ctx, accountId, keys, stored);
    if (plan.writes.length === 0) {
      return landed.length > 0 ? result(accountId, landedOutcome(landed)) : result(accountId, plan.outcome, plan.reason);
    }
    for (const write of plan.writes) {
      const contradicted = await writeOne(ctx, accountId, write, stored.get(write.key));
      if (contradicted) return result(accountId, 'conflict', contradicted);
    }
    return result(accountId, landed.length > 0 ? 'change' : plan.outcome);
  });
}
