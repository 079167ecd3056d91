import type Resolver from '@forge/resolver';
import { ValidationError } from '../domain/errors';
import { jiraCanSearch, jiraPropertyParameter, readPropertyQuery } from '../domain/property-query';
import { readMatches } from '../jobs/find-result';
import { MAX_SEARCH_RESULTS } from '../jira/users';
import { defineResolver } from './define';
import { assertJobAccess, existingJob, jobIdOf, startSiteJob } from './job-access';
import { optionalString, readPayload } from './payload';

const byAccountId = <T extends { accountId: string }>(a: T, b: T) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0);

/**
 * The finder: Jira's own property search where its rules allow and its answer is complete (fewer than its 1,000-match
 * cap), else a scan of the whole site as a background job. Both answer the site's active people who match, so the
 * answer is the same either way; `scan: true` forces the scan.
 */
export function defineFindUsersResolver(resolver: Resolver): void {
  defineResolver(resolver, 'findUsers', async (payload, invocation) => {
    const fields = readPayload(payload, ['key', 'path', 'value', 'present', 'scan', 'jobId', 'cursor']);
    if (fields.jobId !== undefined) {
      const { cursor, ...rest } = fields;
      if (Object.keys(rest).some((name) => name !== 'jobId')) throw new ValidationError('A search\'s results are paged by "jobId" and "cursor" alone.');
      const jobId = jobIdOf(rest);
      const at = optionalString(fields, 'cursor');
      await assertJobAccess(invocation);
      return { source: 'scan' as const, ...(await readMatches(await existingJob(jobId), at)) };
    }
    if (fields.cursor !== undefined) throw new ValidationError('"cursor" pages a finished search: give it with its "jobId".');
    if (fields.scan !== undefined && typeof fields.scan !== 'boolean') throw new ValidationError('"scan" must be true or false.');
    const { scan, ...queryFields } = fields;
    const query = readPropertyQuery(queryFields);
    await assertJobAccess(invocation);
    if (scan !== true && jiraCanSearch(query)) {
      const users = await invocation.jira('search-users').findUsersByProperty(jiraPropertyParameter(query));
      if (users.length < MAX_SEARCH_RESULTS) return { source: 'search' as const, users: users.sort(byAccountId) };
    }
    return { source: 'scan' as const, jobId: await startSiteJob(invocation, 'find', { query }) };
  });
}
