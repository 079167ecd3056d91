import { route } from '@forge/api';
import { expectStatus, malformedAnswer, type JiraHttp } from './http';
import { isRecord } from './json';

export type GlobalPermission = 'ADMINISTER';

/**
 * Whether the user the transport acts as holds a global permission. Fails closed: anything but
 * `havePermission: true` is false.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
 */
export async function hasGlobalPermission(http: JiraHttp, permission: GlobalPermission): Promise<boolean> {
  const operation = { action: `check the ${permission} permission`, missing: `the ${permission} permission` };
  const answer = await http.requestJira(
    route`/rest/api/3/mypermissions?permissions=${permission}`,
    { method: 'GET' },
    operation,
  );
  expectStatus(answer, operation, 200);
  const { body } = answer;
  if (!isRecord(body) || !isRecord(body.permissions)) {
    throw malformedAnswer(answer, operation, '{ permissions: {...} }');
  }
  const entry = body.permissions[permission];
  return isRecord(entry) && entry.havePermission === true;
}

/**
 * Whether `accountId` holds a global permission, asked by whoever the transport acts as (the app, for a background
 * job with no user): the bulk permission check answers for the named user. Fails closed like hasGlobalPermission.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post
 */
export async function userHasGlobalPermission(http: JiraHttp, accountId: string, permission: GlobalPermission): Promise<boolean> {
  const operation = { action: `check the ${permission} permission of user ${accountId}`, missing: `user ${accountId}` };
  const answer = await http.requestJira(
    route`/rest/api/3/permissions/check`,
    { method: 'POST', body: JSON.stringify({ accountId, globalPermissions: [permission] }) },
    operation,
  );
  expectStatus(answer, operation, 200);
  const { body } = answer;
  if (!isRecord(body) || !Array.isArray(body.globalPermissions)) {
    throw malformedAnswer(answer, operation, '{ globalPermissions: [...] }');
  }
  return body.globalPermissions.includes(permission);
}
