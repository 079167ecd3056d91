import { ValidationError } from '../domain/errors';
import { validatePropertyJson } from '../domain/property-json';
import { validateAccountId, validatePropertyKey, validateStoredKey } from '../domain/property-rules';
import type { BulkTarget, StartBulkPayload } from '../shared/contract';
import { JOB_ID } from './job-access';
import { readPayload } from './payload';

/** A pasted list: far past any team, inside a resolver's payload (20,000 ids ≈ 1 MB). */
export const MAX_LISTED_USERS = 20_000;

const TARGET_SHAPE =
  '"target" must be { "accountIds": [...] }, { "groupId": "…" }, { "finder": "<find job id>" }, { "all": true } or { "import": "<import id>" }.';
const OPERATION_SHAPE =
  '"operation" must be { "op": "set", "key", "json" }, { "op": "merge", "key", "json", "create"? }, { "op": "delete", "key" }, { "op": "rename", "key", "to" } or { "op": "import" }.';

function objectOf(raw: unknown, shape: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ValidationError(shape);
  return raw as Record<string, unknown>;
}

/** The users a bulk change visits; a list's ids checked one by one, repeats dropped (each user is changed once). */
export function readBulkTarget(raw: unknown): BulkTarget {
  const target = objectOf(raw, TARGET_SHAPE);
  const fields = Object.keys(target);
  if (fields.length !== 1) throw new ValidationError(TARGET_SHAPE);
  if ('accountIds' in target) {
    const ids = target.accountIds;
    if (!Array.isArray(ids) || ids.length === 0) throw new ValidationError('"target.accountIds" must list at least one accountId.');
    if (ids.length > MAX_LISTED_USERS) throw new ValidationError(`"target.accountIds" lists ${ids.length} users; a bulk change takes at most ${MAX_LISTED_USERS.toLocaleString('en-US')} (or target a group, or everyone).`);
    return { accountIds: [...new Set(ids.map((id) => validateAccountId(id)))] };
  }
  if ('groupId' in target) {
    if (typeof target.groupId !== 'string' || target.groupId.trim() === '' || target.groupId.length > 255) throw new ValidationError('"target.groupId" must be a group id.');
    return { groupId: target.groupId };
  }
  if ('finder' in target) {
    if (typeof target.finder !== 'string' || !JOB_ID.test(target.finder)) throw new ValidationError('"target.finder" must be the job id of a finished search.');
    return { finder: target.finder };
  }
  if ('import' in target) {
    if (typeof target.import !== 'string' || !JOB_ID.test(target.import)) throw new ValidationError('"target.import" must be the id stageImport answered.');
    return { import: target.import };
  }
  if ('all' in target && target.all === true) return { all: true };
  throw new ValidationError(TARGET_SHAPE);
}

/** The change; keys and texts checked as single edits check them (a key the app writes must be a valid new key). */
export function readBulkOperation(raw: unknown): StartBulkPayload['operation'] {
  const operation = objectOf(raw, OPERATION_SHAPE);
  switch (operation.op) {
    case 'set': {
      const fields = readPayload(operation, ['op', 'key', 'json']);
      return { op: 'set', key: validatePropertyKey(fields.key), json: validatePropertyJson(fields.json, 'operation.json').json };
    }
    case 'merge': {
      const fields = readPayload(operation, ['op', 'key', 'json', 'create']);
      if (fields.create !== undefined && typeof fields.create !== 'boolean') throw new ValidationError('"operation.create" must be true or false.');
      const patch = validatePropertyJson(fields.json, 'operation.json').json;
      return { op: 'merge', key: validatePropertyKey(fields.key), json: patch, ...(fields.create === true ? { create: true } : {}) };
    }
    case 'delete': {
      const fields = readPayload(operation, ['op', 'key']);
      return { op: 'delete', key: validateStoredKey(fields.key) };
    }
    case 'rename': {
      const fields = readPayload(operation, ['op', 'key', 'to']);
      const key = validateStoredKey(fields.key);
      const to = validatePropertyKey(fields.to);
      if (to === key) throw new ValidationError('A key cannot be renamed to itself.');
      return { op: 'rename', key, to };
    }
    case 'import':
      readPayload(operation, ['op']);
      return { op: 'import' };
    default:
      throw new ValidationError(OPERATION_SHAPE);
  }
}
