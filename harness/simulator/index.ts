export { createSimulator } from './simulator';
export { DEMO_USERS, DEMO_PROPERTIES, DEMO_GROUPS, APP_GROUP_NAME, APP_USER, NEAR_LIMIT_TARGET_BYTES } from './seed';
export type { DemoUserName, DemoProperty, DemoGroup, DemoGroupKey } from './seed';
export { SimStore, MAX_GROUP_NAME_LENGTH } from './store';
export { MAX_KEY_LENGTH, MAX_VALUE_BYTES, MAX_VALUE_DEPTH, escapeNonAscii } from './routes/userProperties';
export { MAX_REQUEST_BODY_BYTES } from './http';
export { GROUP_MEMBER_MAX_RESULTS, GROUP_PICKER_LIMIT } from './routes/groups';
export type {
  DropFaultKind,
  DropFaultRule,
  EmailVisibility,
  FaultKind,
  FaultRule,
  StatusFaultRule,
  LoggedRequest,
  SimGroup,
  SimPrincipal,
  SimUser,
  Simulator,
  SimulatorOptions,
  SimulatorStore,
} from './types';
