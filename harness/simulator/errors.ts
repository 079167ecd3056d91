// Jira answers every error with an ErrorCollection: { errorMessages: string[], errors: { field: message } }.
export interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

export function errorCollection(messages: string[], errors: Record<string, string> = {}): ErrorCollection {
  return { errorMessages: messages, errors };
}

export const MESSAGES = {
  notAuthenticated: 'You are not authenticated. Authentication required to perform this operation.',
  notFoundPath: (path: string) => `No Jira REST resource at ${path}.`,
  methodNotAllowed: (method: string) => `The method ${method} is not allowed for this resource.`,
  unsupportedMediaType: 'Unsupported Media Type: the request body must be sent with Content-Type: application/json.',
  accountIdRequired: 'The accountId query parameter needs to be provided.',
  accountIdTooLong: (max: number) => `The accountId must not be longer than ${max} characters.`,
  userNotFound: (accountId: string) => `The user with account ID '${accountId}' does not exist.`,
  noPropertyPermission: "You don't have permission to access this user's properties. Only Jira administrators can access other users' properties.",
  propertyNotFound: (key: string) => `The property with key '${key}' does not exist.`,
  propertyKeyRequired: 'The property key must be specified in the path: PUT /rest/api/3/user/properties/{propertyKey}.',
  propertyKeyMalformed: 'The property key in the path is not valid percent-encoding.',
  propertyKeyTooLong: (max: number) => `The property key is too long. The maximum allowed length is ${max} characters.`,
  valueEmpty: 'The property value must not be empty. Send a valid JSON value as the request body.',
  valueInvalidJson: 'The property value must be a valid JSON value.',
  valueInvalidUtf8: 'The property value must be a valid JSON value encoded as UTF-8.',
  valueTooDeep: (max: number) => `The property value is nested too deeply: the maximum allowed nesting depth is ${max}.`,
  bodyTooLarge: (max: number) => `The request body is too large. The maximum allowed size is ${max} bytes.`,
  bodyIncomplete: 'The request body ended before its declared length.',
  badRequestTarget: 'The request target is not a valid URL.',
  hostRequired: 'An HTTP/1.1 request must have a Host header.',
  malformedRequest: 'The request is not valid HTTP/1.1: its request line, headers or body framing could not be parsed.',
  requestHeadersTooLarge: 'The request line and headers are too large.',
  requestTimeout: 'The request was not received in time.',
  valueTooLong: (bytes: number, max: number) =>
    `The property value is too long: ${bytes} bytes. The maximum allowed size is ${max} bytes.`,
  permissionsRequired: 'The permissions query parameter is required: list the permission keys to check, e.g. permissions=ADMINISTER.',
  unknownPermission: (key: string) => `The permission key '${key}' is not valid.`,
  userSearchNeedsQuery: 'One of the query parameters query, accountId or property needs to be provided.',
  userSearchQueryAndAccountId: 'The query parameters query and accountId cannot be combined.',
  userSearchBadProperty: "The property parameter must look like 'propertyKey.path.to.value=value'.",
  userQueryRequired: 'The query parameter is required: a structured user query, e.g. [propertyKey].path is "value".',
  userQueryInvalid: (detail: string) => `The query is not valid: ${detail}`,
  userQueryNoSuchIssues: (what: string) => `The project or issue '${what}' does not exist: this site has no projects or issues.`,
  bulkPermissionsBody: (detail: string) => `The request body is not valid: ${detail}`,
  bulkPermissionsNoProjectPermission: 'Each entry of projectPermissions must list at least one project permission.',
  unrecognizedPermission: 'Unrecognized permission',
  onlyAdminsCheckOthers: 'Only Jira administrators can perform this operation.',
  bulkPermissionsUnknownAccount: (accountId: string) => `The account ID '${accountId}' is not valid: no such user.`,
  pickerNeedsQuery: 'The query parameter is required.',
  groupRequired: 'You must specify the group: provide the groupId or the groupname query parameter.',
  groupNameAndId: 'The groupname and groupId query parameters cannot be combined.',
  groupNotFound: (by: 'groupId' | 'groupname', value: string) =>
    by === 'groupId' ? `The group with ID '${value}' does not exist.` : `The group '${value}' does not exist.`,
  noBrowseUsersPermission: 'You need the Browse users and groups or the Administer Jira global permission to view group members.',
  noBrowseUsersForUser: 'You need the Browse users and groups global permission to view users.',
  groupPickerExcludeAndExcludeId: 'The exclude and excludeId query parameters cannot be combined.',
  notAnInteger: (name: string) => `The ${name} query parameter must be an integer.`,
  injectedFault: (status: number) => `Simulated failure: status ${status} injected by the test harness.`,
  rateLimited: 'Rate limit exceeded.',
  internalError: 'Internal server error.',
} as const;
