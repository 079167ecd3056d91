import { kvs } from '@forge/kvs';
import type { JiraClient } from '../../jira/client';
import { GROUP_MEMBERS_PAGE } from '../../jira/groups';
import { MAX_USERS_PAGE } from '../../jira/site-users';
import { inStorage } from '../../storage/in-storage';
import { readMatches } from '../find-result';
import { readJob, type JobRecord } from '../job-records';
import { TARGET_PAGE_USERS } from './bulk-spec';
import { importUsersPage, readImportForJob } from './import-stage';

// Whom a bulk job visits, one page at a time (site-plan.ts queues each page's chunks): the site's people as Jira lists
// them, a group's members (Jira pages them by 50, so one page here is 20 of its pages), a finished find job's users
// (its own pages of 1,000), or a list kept in storage when the job started (pasted accountIds, an undo's or a retry's
// users), in pages of 1,000.

export interface TargetPage {
  accountIds: string[];
  /** Accounts listed that are not people (apps, customers): a bulk change of the whole site skips them. */
  skipped: number;
  last: boolean;
}

const listKey = (jobId: string, page: number) => `job:${jobId}:targets:${page}`;

/** Stores a job's list of users before its first event is queued; answers how many pages it takes. */
export async function saveTargetList(jobId: string, accountIds: readonly string[]): Promise<number> {
  const pages = Math.max(1, Math.ceil(accountIds.length / TARGET_PAGE_USERS));
  for (let page = 0; page < pages; page++) {
    const part = accountIds.slice(page * TARGET_PAGE_USERS, (page + 1) * TARGET_PAGE_USERS);
    await inStorage('save', () => kvs.set(listKey(jobId, page), part));
  }
  return pages;
}

export async function deleteTargetList(jobId: string, pages: number): Promise<void> {
  for (let page = 0; page < pages; page++) await inStorage('save', () => kvs.delete(listKey(jobId, page)));
}

const listedPages = (count: number) => Math.max(1, Math.ceil(count / TARGET_PAGE_USERS));

async function storedPage(job: JobRecord, page: number, count: number): Promise<TargetPage> {
  const accountIds = (await inStorage('read', () => kvs.get<string[]>(listKey(job.jobId, page)))) ?? [];
  return { accountIds, skipped: 0, last: page + 1 >= listedPages(count) };
}

async function groupPage(jira: JiraClient, groupId: string, page: number): Promise<TargetPage> {
  const accountIds: string[] = [];
  for (let at = page * MAX_USERS_PAGE; at < (page + 1) * MAX_USERS_PAGE; at += GROUP_MEMBERS_PAGE) {
    const members = await jira.listGroupMembers(groupId, at);
    accountIds.push(...members.accountIds);
    if (members.isLast) return { accountIds, skipped: 0, last: true };
  }
  return { accountIds, skipped: 0, last: false };
}

async function finderPage(findJobId: string, page: number): Promise<TargetPage> {
  const find = await readJob(findJobId);
  if (!find) return { accountIds: [], skipped: 0, last: true };
  const { users, cursor } = await readMatches(find, page === 0 ? undefined : String(page));
  return { accountIds: users.map((user) => user.accountId), skipped: 0, last: cursor === undefined };
}

async function importPage(importId: string, page: number): Promise<TargetPage> {
  const staged = await readImportForJob(importId);
  if (!staged) return { accountIds: [], skipped: 0, last: true };
  return { ...(await importUsersPage(staged, page)), skipped: 0 };
}

/** One page of a bulk job's users; undefined for a job of the whole site (site-plan.ts lists it as any job does). */
export async function bulkTargetPage(job: JobRecord, page: number, jira: JiraClient): Promise<TargetPage | undefined> {
  const target = job.bulk?.target;
  if (!target || 'all' in target) return undefined;
  if ('groupId' in target) return groupPage(jira, target.groupId, page);
  if ('finder' in target) return finderPage(target.finder, page);
  if ('import' in target) return importPage(target.import, page);
  return storedPage(job, page, job.bulk?.listed ?? 0);
}
