export { createSimulator } from './simulator';
export { DEMO_USERS, DEMO_PROPERTIES, DEMO_GROUPS, APP_GROUP_NAME, APP_USER, NEAR_LIMIT_TARGET_BYTES } from './seed';
export type { DemoUserName, DemoProperty, DemoGroup, DemoGroupKey } from './seed';
export { SimStore, MAX_GROUP_NAME_LENGTH } from './store';
export type { BulkRows, NewSimUser } from './store';
export { addSiteUsers, type SiteGeneration } from './site/add-site-users';
export { DEFAULT_SITE_SEED, generateSiteUser, type GeneratedUser } from './site/generate-user';
export { COST_CENTER_CODES, GENERATED_KEYS } from './site/property-mix';
export { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitReason } from './rate-limiter';
export { describeSiteScale, simulatorOptionsFromEnv } from './env-options';
export { USER_QUERY_DEFAULT_PAGE, USER_QUERY_WINDOW } from './routes/find-users-by-query';
export { MAX_KEY_LENGTH, MAX_VALUE_BYTES, MAX_VALUE_DEPTH, escapeNonAscii } from './routes/userProperties';
export { MAX_REQUEST_BODY_BYTES } from './http';
export { GROUP_MEMBER_MAX_RESULTS, GROUP_PICKER_LIMIT } from './routes/groups';
export type {
  AccountType,
  DropFaultKind,
  DropFaultRule,
  EmailVisibility,
  FaultKind,
  FaultRule,
  StatusFaultRule,
  LoggedRequest,
  RateLimitOptions,
  SimGroup,
  SimPrincipal,
  SimUser,
  Simulator,
  SimulatorOptions,
  SimulatorStore,
} from './types';
