import type Resolver from '@forge/resolver';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { assertMatchesSchema } from '../domain/preference-schema';
import { lossyValueOf } from '../domain/property-json';
import { validateAccountId, validateStoredKey } from '../domain/property-rules';
import { historyScope } from '../history/history-access';
import { lastRecorded, queryHistory, readHistoryRecord, type HistoryRecord } from '../history/history-records';
import { isShownAsUnconfirmed } from '../history/recorded-write';
import { planTarget } from '../security/target-policy';
import type { HistoryEntry, HistoryPage } from '../shared/contract';
import { mapWithConcurrency } from '../jira/concurrency';
import { defineResolver } from './define';
import type { Invocation } from './invocation';
import { optionalString, readPayload, requiredString } from './payload';
import { authorizeWrite, writeProperty } from './property-write';

const PAGE_SIZE = 50;
const NAME_READS_IN_FLIGHT = 10;
const MAX_CURSOR_LENGTH = 2_000;
const ENTRY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function readTime(fields: Record<string, unknown>, name: 'from' | 'to'): number | undefined {
  const text = optionalString(fields, name);
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new ValidationError(`"${name}" must be a date and time (ISO 8601).`);
  return ms;
}

function entryOf(record: HistoryRecord, now: number): HistoryEntry {
  const { status, at, ...fields } = record;
  return { ...fields, at: new Date(at).toISOString(), state: isShownAsUnconfirmed(record, now) ? 'unconfirmed' : 'recorded' };
}

/**
 * The names of the people on a page, read as the caller: Jira decides whom they may see (Browse users and groups),
 * and a name it does not show is left out (the page shows the account id).
 */
async function displayNames(invocation: Invocation, records: readonly HistoryRecord[]): Promise<Record<string, string>> {
  const ids = [...new Set(records.flatMap((record) => [record.actorAccountId, record.accountId]))];
  const jira = invocation.jira('read-user-profile');
  const names = await mapWithConcurrency(ids, NAME_READS_IN_FLIGHT, async (id) => {
    try {
      return [id, (await jira.getUser(id)).displayName] as const;
    } catch {
      return undefined;
    }
  });
  return Object.fromEntries(names.filter((name) => name !== undefined));
}

export function defineHistoryResolvers(resolver: Resolver): void {
  defineResolver(resolver, 'listHistory', async (payload, invocation): Promise<HistoryPage> => {
    const fields = readPayload(payload, ['accountId', 'key', 'actorAccountId', 'jobId', 'from', 'to', 'cursor']);
    const requested = optionalString(fields, 'accountId');
    const key = optionalString(fields, 'key');
    const actorAccountId = optionalString(fields, 'actorAccountId');
    const jobId = optionalString(fields, 'jobId');
    const from = readTime(fields, 'from');
    const to = readTime(fields, 'to');
    const cursor = optionalString(fields, 'cursor');
    if (key !== undefined) validateStoredKey(key);
    if (actorAccountId !== undefined) validateAccountId(actorAccountId);
    if (jobId !== undefined && !ENTRY_ID.test(jobId)) throw new ValidationError('"jobId" must be a job id.');
    if (cursor !== undefined && (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH)) throw new ValidationError('"cursor" is not a cursor of this history.');
    const scope = await historyScope(invocation, requested);
    if (key !== undefined && !scope.allowsKey(key)) throw new ForbiddenError(`"${key}" is outside the keys your delegation lets you manage.`);
    const filters = { accountId: scope.accountId, key, actorAccountId, jobId };
    const page = await queryHistory({ filters, from, to, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    const now = Date.now();
    // A pending entry younger than an invocation can live is a write still in flight: shown once it settles.
    const shown = page.records.filter((record) => scope.allowsKey(record.key) && (record.status !== 'pending' || isShownAsUnconfirmed(record, now)));
    const people = await displayNames(invocation, shown);
    return { entries: shown.map((record) => entryOf(record, now)), people, ...(page.cursor ? { cursor: page.cursor } : {}) };
  });

  defineResolver(resolver, 'restoreVersion', async (payload, invocation) => {
    const entryId = requiredString(readPayload(payload, ['entryId']), 'entryId');
    if (!ENTRY_ID.test(entryId)) throw new ValidationError('"entryId" must be the id of a history entry.');
    const record = await readHistoryRecord(entryId);
    // A missing entry tells nothing about anyone's record; an existing one is refused below unless the caller may write it.
    if (!record || record.status !== 'recorded') throw new NotFoundError('That history entry does not exist, or its write was never confirmed.');
    const key = validateStoredKey(record.key);
    const target = planTarget(invocation.caller, record.accountId);
    const access = await authorizeWrite(invocation, target, key, record.after === undefined ? 'delete-property' : 'write-property');
    if (access.definition && record.after !== undefined) {
      assertMatchesSchema(access.definition.schema, lossyValueOf(record.after), `The restored value for "${access.definition.title}"`);
    }
    // The restore is conditional on the value being the last one the history recorded: a change made outside the
    // app since (a script, another app, curl) is not silently overwritten.
    const last = await lastRecorded(target.accountId, key);
    const expected = last?.after === undefined ? ({ exists: false } as const) : ({ exists: true, json: last.after } as const);
    const conflictMessage = `"${key}" was changed outside the app since the history last recorded it, so restoring could lose that change. Compare the current value with this version first.`;
    return writeProperty(invocation, access, { target, key, json: record.after, expected, conflictMessage, restoredFrom: record.id });
  });
}
