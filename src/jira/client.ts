import type { PropertyEntry, UserSummary } from '../shared/contract';
import type { GroupSummary } from '../shared/contract';
import { findGroups, getMyGroups, getUserGroups, listGroupMembers, type GroupMembersPage } from './groups';
import { createJiraHttp, type JiraHttpOptions } from './http';
import { hasGlobalPermission, userHasGlobalPermission, type GlobalPermission } from './permissions';
import { listSiteUsers, type SiteUser } from './site-users';
import {
  deleteProperty,
  getProperties,
  getProperty,
  listPropertyKeys,
  setProperty,
  type SetOutcome,
  type StoredProperty,
  type WriteOptions,
} from './user-properties';
import { findUsers, findUsersByProperty, getCurrentUser, getUser } from './users';

export interface JiraClient {
  listPropertyKeys(accountId: string): Promise<string[]>;
  /** The stored value as the exact JSON text Jira answered. */
  getProperty(accountId: string, key: string): Promise<StoredProperty>;
  getProperties(accountId: string, keys: readonly string[], concurrency?: number): Promise<PropertyEntry[]>;
  /** Sends `json`, a value's JSON text, as it is. */
  setProperty(accountId: string, key: string, json: string, options?: WriteOptions): Promise<SetOutcome>;
  deleteProperty(accountId: string, key: string, options?: WriteOptions): Promise<void>;
  getUser(accountId: string): Promise<UserSummary>;
  getCurrentUser(): Promise<UserSummary>;
  findUsers(query: string, maxResults?: number): Promise<UserSummary[]>;
  /** Jira's property search (`key.path=value`), at most 1,000 matches. */
  findUsersByProperty(property: string): Promise<UserSummary[]>;
  hasGlobalPermission(permission: GlobalPermission): Promise<boolean>;
  /** Whether another user holds a global permission (the bulk check, for the app acting without a user). */
  userHasGlobalPermission(accountId: string, permission: GlobalPermission): Promise<boolean>;
  /** One page of every account on the site (GET /users/search). */
  listSiteUsers(startAt: number, maxResults: number): Promise<SiteUser[]>;
  getMyGroups(): Promise<GroupSummary[]>;
  findGroups(query: string, maxResults?: number): Promise<GroupSummary[]>;
  /** One page (50) of a group's members from `startAt`, inactive ones included. */
  listGroupMembers(groupId: string, startAt: number): Promise<GroupMembersPage>;
  getUserGroups(accountId: string): Promise<GroupSummary[]>;
}

export type JiraClientOptions = JiraHttpOptions;

/**
 * A Jira client over one `requestJira` (asUser or asApp). Its requests share one retry deadline: pass `deadline`
 * to share it with the other clients of the same resolver invocation. Every method validates its input before
 * any request; bad input and Jira failures come out as AppErrors.
 */
export function createJiraClient(options: JiraClientOptions): JiraClient {
  const http = createJiraHttp(options);
  return {
    listPropertyKeys: (accountId) => listPropertyKeys(http, accountId),
    getProperty: (accountId, key) => getProperty(http, accountId, key),
    getProperties: (accountId, keys, concurrency) => getProperties(http, accountId, keys, concurrency),
    setProperty: (accountId, key, json, options) => setProperty(http, accountId, key, json, options),
    deleteProperty: (accountId, key, options) => deleteProperty(http, accountId, key, options),
    getUser: (accountId) => getUser(http, accountId),
    getCurrentUser: () => getCurrentUser(http),
    findUsers: (query, maxResults) => findUsers(http, query, maxResults),
    findUsersByProperty: (property) => findUsersByProperty(http, property),
    hasGlobalPermission: (permission) => hasGlobalPermission(http, permission),
    userHasGlobalPermission: (accountId, permission) => userHasGlobalPermission(http, accountId, permission),
    listSiteUsers: (startAt, maxResults) => listSiteUsers(http, startAt, maxResults),
    getMyGroups: () => getMyGroups(http),
    findGroups: (query, maxResults) => findGroups(http, query, maxResults),
    listGroupMembers: (groupId, startAt) => listGroupMembers(http, groupId, startAt),
    getUserGroups: (accountId) => getUserGroups(http, accountId),
  };
}
