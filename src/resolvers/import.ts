import type Resolver from '@forge/resolver';
import { randomUUID } from 'node:crypto';
import { ValidationError } from '../domain/errors';
import { appendItems, assertNextPart, checkItems, newImport, readImport, stageOf } from '../jobs/bulk/import-stage';
import { assertEntitled } from './authority';
import { defineResolver } from './define';
import { bulkAuthority, JOB_ID } from './job-access';
import { optionalString, readPayload } from './payload';

// Imports (src/jobs/bulk/import-stage.ts): staged part by part by the admin or delegated manager who then dry-runs and
// runs them as a bulk job (startJob's `target: { import }`). Every value is checked here, before it is kept, and every
// key against the caller's rights; the job checks the owner's right again at every step.

export function defineImportResolvers(resolver: Resolver): void {
  defineResolver(resolver, 'stageImport', async (payload, invocation) => {
    const fields = readPayload(payload, ['importId', 'part', 'items', 'last']);
    const importId = optionalString(fields, 'importId');
    if (importId !== undefined && !JOB_ID.test(importId)) throw new ValidationError('"importId" must be the id the first part answered.');
    if (typeof fields.last !== 'boolean') throw new ValidationError('"last" must be true or false.');
    const owner = invocation.caller.accountId;
    const record = importId === undefined ? newImport(randomUUID(), owner) : await readImport(importId, owner);
    assertNextPart(record, fields.part);
    // Every item checked before the rights check, which sends Jira requests.
    const items = checkItems(record, fields.items);
    const authority = await bulkAuthority(invocation);
    for (const key of new Set(items.map((item) => item[1]))) assertEntitled(authority, key);
    if (fields.last && record.users === 0 && items.length === 0) throw new ValidationError('The import holds no values.');
    return stageOf(await appendItems(record, items, fields.last));
  });
}
